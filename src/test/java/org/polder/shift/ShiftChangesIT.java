package org.polder.shift;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Changing a posted shift: better terms apply at once; worse terms for selected workers wait for each one's answer
 * (accept, or withdraw without it counting), and the shift keeps its old terms until all have answered; the escrow
 * follows the terms that apply, to the cent, also when the last two answers come at the same moment.
 */
class ShiftChangesIT extends PolderIT {

    @Autowired
    Shifts shifts;
    @Autowired
    Selection selection;
    @Autowired
    ShiftChanges changes;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    @Test
    void betterTermsApplyAtOnceAndWorseOnesWaitForEverySelectedWorker() throws Exception {
        Fixtures.Client c = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)), 0,
                2, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser ann = fixtures.worker();
        CurrentUser bob = fixtures.worker();
        select(c, s, ann);

        // More pay and one more place: applies at once, the escrow follows.
        ShiftChanges.Outcome better = changes.change(c.requester(), s.id(), new ShiftChanges.Change(null, null, null, 3, 2200L, "Busy night"));
        assertThat(better.proposal()).isNull();
        assertThat(better.shift().hourlyRate()).isEqualTo(2200);
        assertThat(better.shift().openSlots()).isEqualTo(2);
        assertThat(escrow(s)).isEqualTo(3 * (better.shift().pay() + better.shift().fee()));
        select(c, s, bob);
        CurrentUser cleo = fixtures.worker();
        selection.apply(cleo, s.id());
        selection.decide(c.requester(), s.id(), cleo.id(), Application.State.WAITLISTED);

        // Later and for less an hour: proposed to Ann and Bob; the shift keeps its terms meanwhile.
        ShiftChanges.Outcome worse = changes.change(c.requester(), s.id(),
                new ShiftChanges.Change(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(5)), null, null, 1900L, "Kitchen opens later"));
        assertThat(worse.proposal()).isNotNull();
        assertThat(shifts.get(s.id()).hourlyRate()).isEqualTo(2200);
        assertThat(shifts.get(s.id()).startsAt()).isEqualTo(start);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM trail_event WHERE type = 'SHIFT_CHANGE_PROPOSED' AND payload LIKE ?")
                .param("%\"shiftId\":" + s.id() + "%").query(Long.class).single()).isEqualTo(2);
        assertThatThrownBy(() -> changes.change(c.requester(), s.id(), new ShiftChanges.Change(null, null, null, null, 2500L, "again")))
                .hasMessageContaining("already has a change waiting");
        assertThatThrownBy(() -> changes.answer(fixtures.worker(), s.id(), true)).hasMessageContaining("not found");
        assertThatThrownBy(() -> changes.change(fixtures.client().requester(), s.id(), new ShiftChanges.Change(null, null, null, null, 2500L, "x")))
                .hasMessageContaining("not found");

        assertThat(changes.answer(ann, s.id(), true)).isPresent();
        assertThat(shifts.get(s.id()).hourlyRate()).as("Bob has not answered").isEqualTo(2200);
        // Bob withdraws: his place goes back, and it does not count against him.
        assertThat(changes.answer(bob, s.id(), false)).isEmpty();
        assertThat(jdbc.sql("SELECT payload FROM trail_event WHERE type = 'SHIFT_WITHDRAWN' AND worker_id = ?").param(bob.id())
                .query(String.class).single()).contains("\"countsAgainst\":false");
        Shift changed = shifts.get(s.id());
        assertThat(changed.hourlyRate()).isEqualTo(1900);
        assertThat(changed.startsAt()).isEqualTo(start.plus(Duration.ofHours(1)));
        // The place Bob gave back, and the one added before, went to Cleo on the waitlist, on the new terms.
        assertThat(selection.mine(cleo)).extracting(Application::state).containsExactly(Application.State.SELECTED);
        assertThat(changed.openSlots()).isEqualTo(1);
        assertThat(escrow(s)).isEqualTo(3 * (changed.pay() + changed.fee()));
        assertThat(ledger.audit()).isEmpty();

        // Through the API: a requester withdraws a proposal; bad input is named and changes nothing.
        Api cafe = api().login(c.requester().username(), Fixtures.PASSWORD);
        assertThat(cafe.post("/api/v1/shifts/" + s.id() + "/change", Map.of("headcount", 0, "reason", "fewer")).body())
                .contains("headcount: from the 2 already selected");   // Ann and Cleo
        assertThat(cafe.post("/api/v1/shifts/" + s.id() + "/change", Map.of("hourlyRate", 100, "reason", "less")).status()).isEqualTo(400);
        assertThat(cafe.post("/api/v1/shifts/" + s.id() + "/change", Map.of("breakMinutes", 30, "reason", "a break")).status()).isEqualTo(200);
        assertThat(cafe.get("/api/v1/shifts/" + s.id() + "/change").status()).isEqualTo(200);
        assertThat(cafe.delete("/api/v1/shifts/" + s.id() + "/change", Map.of()).status()).isEqualTo(204);
        assertThat(shifts.get(s.id()).breakMinutes()).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void whenTheLastTwoAcceptAtOnceTheChangeAppliesOnceAndNoMoneyIsCreatedOrLost() throws Exception {
        for (int round = 0; round < 5; round++) {
            Fixtures.Client c = fixtures.client();
            Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
            Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(6)), 30,
                    2, 2100L, null, null, null, null, null, null)).get(0);
            CurrentUser a = fixtures.worker();
            CurrentUser b = fixtures.worker();
            select(c, s, a);
            select(c, s, b);
            changes.change(c.requester(), s.id(), new ShiftChanges.Change(null, start.plus(Duration.ofHours(5)), null, null, null, "Shorter"));
            org.polder.testing.AtOnce.run(() -> changes.answer(a, s.id(), true), () -> changes.answer(b, s.id(), true));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM trail_event WHERE type = 'SHIFT_CHANGED' AND payload LIKE ?")
                    .param("%\"shiftId\":" + s.id() + ",%").query(Long.class).single()).as("round " + round).isEqualTo(1);
            Shift changed = shifts.get(s.id());
            assertThat(changed.plannedMinutes()).isEqualTo(270);
            assertThat(escrow(s)).isEqualTo(2 * (changed.pay() + changed.fee()));
        }
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void theRequesterChangesAShiftAndTheWorkerAnswersOnTheirPages() throws Exception {
        Fixtures.Client c = fixtures.client();
        // At 10:00 local time: moved an hour later it stays on the same day, whenever the test runs.
        Instant start = clock.instant().atZone(java.time.ZoneId.of("Europe/Amsterdam")).plusDays(5).truncatedTo(ChronoUnit.DAYS).withHour(10)
                .toInstant();
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)), 0,
                1, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser ann = fixtures.worker();
        select(c, s, ann);
        org.polder.testing.WebSession cafe = new org.polder.testing.WebSession(port).login(c.requester());
        String page = cafe.get("/requester/shifts/" + s.id()).body();
        assertThat(page).contains("data-testid=\"shift-change\"").contains("/requester/shifts/" + s.id() + "/change");
        java.time.ZonedDateTime local = start.atZone(java.time.ZoneId.of("Europe/Amsterdam"));
        var posted = cafe.post("/requester/shifts/" + s.id() + "/change", "/requester/shifts/" + s.id(), Map.of(
                "date", local.toLocalDate().toString(), "startTime", local.toLocalTime().plusHours(1).toString(),
                "endTime", local.toLocalTime().plusHours(5).toString(), "breakMinutes", "0", "headcount", "1", "hourlyRate", "20.00",
                "reason", "We open later"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(cafe.get("/requester/shifts/" + s.id()).body()).contains("data-testid=\"proposal\"").contains("We open later");

        org.polder.testing.WebSession worker = new org.polder.testing.WebSession(port).login(ann);
        assertThat(worker.get("/me/shifts").body()).contains("data-testid=\"change-proposal\"").contains("We open later");
        assertThat(worker.post("/me/shifts/" + s.id() + "/change", "/me/shifts", Map.of("accept", "true")).statusCode()).isEqualTo(302);
        assertThat(shifts.get(s.id()).startsAt()).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(worker.get("/me/shifts").body()).doesNotContain("data-testid=\"change-proposal\"");
    }

    @Autowired
    org.polder.shift.internal.RateRaises raises;

    @Test
    void whileAChangeWaitsForAnswersTheRateDoesNotRiseBeneathIt() {
        Fixtures.Client c = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)), 0,
                2, 2000L, null, null, null, null, null, null, 2800L)).get(0);
        select(c, s, fixtures.worker());
        changes.change(c.requester(), s.id(), new ShiftChanges.Change(null, start.plus(Duration.ofHours(3)), null, null, null, "Shorter"));
        clock.advance(Duration.ofHours(8));   // 22 hours before: two raises due, but the terms wait for the answer
        raises.raiseDue();
        assertThat(shifts.get(s.id()).hourlyRate()).isEqualTo(2000);
        changes.withdraw(c.requester(), s.id());
        raises.raiseDue();
        assertThat(shifts.get(s.id()).hourlyRate()).isEqualTo(2400);
    }

    private void select(Fixtures.Client c, Shift s, CurrentUser worker) {
        selection.apply(worker, s.id());
        selection.select(c.requester(), s.id(), worker.id());
    }

    private long escrow(Shift s) {
        return ledger.balance(LedgerAccount.shiftEscrow(s.id()));
    }
}
