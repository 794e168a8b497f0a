package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.errand.Duty;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.shift.Application;
import org.polder.shift.Location;
import org.polder.shift.Places;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.ShiftRole;
import org.polder.shift.Shifts;
import org.polder.testing.PolderIT;
import org.polder.work.PayFloor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every automated decision an override or an upheld appeal meets either has its effect reversed or says
 * that there is nothing to reverse (RIGHTS.md R5): none is merely "withdrawn" while its effect stays.
 */
class OverrideIT extends PolderIT {

    @Autowired org.polder.errand.internal.DutyTime dutyTime;

    /** Seconds on duty per worker in [from, to), as pay per active hour and the authority report count them. */
    java.util.Map<Long, Long> dutySeconds(java.time.Instant from, java.time.Instant to) {
        return dutyTime.secondsByWorker(from, to);
    }

    @Autowired Appeals appeals;
    @Autowired Decisions decisions;
    @Autowired Shifts shifts;
    @Autowired Places places;
    @Autowired Selection selection;
    @Autowired Duty duty;
    @Autowired Ledger ledger;
    @Autowired PayFloor floor;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.context.MessageSource messages;

    /** The decision's effect as a Dutch reader reads it. */
    String inDutch(Decision d) {
        return new org.polder.common.Words(d.effectCode(), d.effectArgs()).in(messages, java.util.Locale.forLanguageTag("nl"), java.time.ZoneId.of("Europe/Amsterdam"));
    }

    /** A decision built with a rule: an automated one; its type or types (a choice between two) before it. */
    private static final Pattern AUTOMATED = Pattern.compile("Draft\\.about\\([^,]+,\\s*([^;]*?)\\)\\s*\\.rule\\(", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("[A-Z][a-z]+Decision\\.([A-Z_]+)");

    @Test
    void everyAutomatedDecisionTypeIsReversedOrSaysThereIsNothingToReverse() throws IOException {
        Set<String> types = new TreeSet<>();
        Path main = Path.of("src/main/java/org/polder");
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = AUTOMATED.matcher(Files.readString(f));
                while (m.find()) {
                    Matcher t = TYPE.matcher(m.group(1));
                    while (t.find()) {
                        types.add(t.group(1));
                    }
                }
            }
        }
        assertThat(types).as("the scan finds the automated decisions of every kind")
                .contains("SHIFT_SELECTED", "DUTY_ENDED_SILENT", "WORK_APPROVED_AUTOMATICALLY", "ERRAND_OFFERED", "HOURS_SETTLED",
                        "QUALIFICATION_GRANTED", "QUALIFICATION_NOT_GRANTED", "BATCH_ACCESS_STOPPED");
        assertThat(types).allSatisfy(t -> assertThat(appeals.answersFor(t)).as(t + " is reversed or says why not").isTrue());
    }

    @Test
    void overridingASelectionFromTheWaitlistGivesThePlaceBackNotHeldAgainstTheWorker() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 1_000_000);
        Location location = places.addLocation(requester, new Places.LocationSpec("Bakkerij Zon", "Zonstraat 2, Utrecht", 52.09, 5.12));
        ShiftRole role = places.addRole(requester, new Places.RoleSpec("Baker", "Bread", null, 0, "White", "Back door", "Piet, 06-1"));
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Shift s = shifts.post(requester, new Shifts.ShiftSpec(role.id(), location.id(), start, start.plus(Duration.ofHours(4)), 0, 1, 2000L,
                null, null, null, null, null, null)).get(0);
        CurrentUser holder = fixtures.worker();
        CurrentUser next = fixtures.worker();
        selection.apply(holder, s.id());
        selection.apply(next, s.id());
        selection.select(requester, s.id(), holder.id());
        selection.decide(requester, s.id(), next.id(), Application.State.WAITLISTED);
        selection.withdraw(holder, s.id());
        assertThat(applicationState(s, next)).isEqualTo("SELECTED");
        Decision selected = decisions.automated(fixtures.moderator(), null, 200).stream()
                .filter(d -> d.workerId() == next.id() && d.type().equals("SHIFT_SELECTED")).findFirst().orElseThrow();

        Decision override = appeals.override(fixtures.moderator(), selected.id(), "Next did not want an automatic place on this day");
        assertThat(override.effect()).contains("given back", "not held against you");
        assertThat(inDutch(override)).contains("teruggegeven", "telt niet tegen je", "dienst " + s.id());
        assertThat(applicationState(s, next)).isEqualTo("WITHDRAWN");
        assertThat(jdbc.sql("SELECT open_slots FROM task WHERE id = ?").param(s.taskId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(selected.assignmentId()).query(String.class).single())
                .isEqualTo("RELEASED");
        assertThat(ledger.audit()).isEmpty();
    }

    String applicationState(Shift s, CurrentUser worker) {
        return jdbc.sql("SELECT state FROM shift_application WHERE shift_id = ? AND worker_id = ?").params(s.id(), worker.id())
                .query(String.class).single();
    }

    @Test
    void overridingASilentDutyEndCountsTheTimeUntilTheRuleTookTheCourierOffAndPaysIt() {
        CurrentUser courier = fixtures.worker();
        duty.goOnDuty(courier);
        clock.advance(Duration.ofMinutes(10));
        duty.position(courier, -33.9, 18.4);
        clock.advance(Duration.ofMinutes(40));
        duty.endSilentDuty();
        assertThat(duty.status(courier).onDuty()).isFalse();
        long paid = ledger.balance(LedgerAccount.worker(courier.id()));
        assertThat(paid).as("ten minutes at the floor").isEqualTo(floor.hourlyCents() * 600 / 3600);
        Decision silent = decisions.automated(fixtures.moderator(), null, 200).stream()
                .filter(d -> d.workerId() == courier.id() && d.type().equals("DUTY_ENDED_SILENT")).findFirst().orElseThrow();

        Decision override = appeals.override(fixtures.moderator(), silent.id(), "The courier was waiting at the station without signal");
        assertThat(override.effect()).contains("counts until", "(40 minutes more)");
        assertThat(inDutch(override)).contains("Je tijd in dienst telt tot", "(40 minuten meer)");
        assertThat(ledger.balance(LedgerAccount.worker(courier.id()))).isEqualTo(paid + floor.hourlyCents() * 2400 / 3600);
        assertThat(dutySeconds(clock.instant().minus(Duration.ofHours(2)), clock.instant().plusSeconds(1)))
                .containsEntry(courier.id(), 3000L);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void anOfferHasNothingToReverseAndThePageSaysSo() throws IOException {
        assertThat(appeals.nothingToReverse()).contains("ERRAND_OFFERED", "WORK_APPROVED_AUTOMATICALLY", "PAY_TOPPED_UP",
                "ASSIGNMENT_EXPIRED", "ERRAND_MINIMUM_TOPUP", "QUALIFICATION_GRANTED");
        assertThat(appeals.nothingToReverse()).doesNotContain("SHIFT_SELECTED", "DUTY_ENDED_SILENT", "HOURS_SETTLED", "ERRAND_FAILED");
        for (String file : List.of("messages.properties", "messages_nl.properties")) {
            java.util.Properties texts = new java.util.Properties();
            try (var in = getClass().getResourceAsStream("/" + file)) {
                texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(appeals.nothingToReverse()).allSatisfy(t -> assertThat(texts).as(file).containsKey("override.nothing." + t));
        }
    }
}
