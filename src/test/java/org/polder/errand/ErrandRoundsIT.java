package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.CsvProblem;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.AtOnce;
import org.polder.testing.Fixtures;
import org.polder.testing.OutsideServices;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recurring rounds: booked a day ahead on their weekdays only, once however many nodes run the job, never half. */
class ErrandRoundsIT extends PolderIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Autowired ErrandRounds rounds;
    @Autowired Errands errands;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;

    String stops(long town) {
        String shop = OutsideServices.madeUp("Kerkstraat", 1, town);
        return "pickup,dropoff,receiver,from,until,notes,proof\n"
                + "\"" + shop + "\",\"" + OutsideServices.madeUp("Molenweg", 3, town) + "\",Apotheek klant 1,07:00,08:00,Medicine,PIN\n"
                + "\"" + shop + "\",\"" + OutsideServices.madeUp("Molenweg", 8, town) + "\",Apotheek klant 2,07:30,09:00,Medicine,PHOTO\n";
    }

    private List<Errand> errandsOn(CurrentUser shop, LocalDate day) {
        return errands.ofOrganisation(shop).stream().filter(e -> LocalDate.ofInstant(e.windowStart(), ZONE).equals(day)).toList();
    }

    @Test
    void aRoundIsBookedADayAheadOnItsWeekdaysOnly() throws Exception {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZONE).plusDays(1);
        Set<DayOfWeek> days = EnumSet.of(tomorrow.getDayOfWeek(), tomorrow.plusDays(2).getDayOfWeek());
        ErrandRounds.Round round = rounds.create(shop, "Morning round", days, bytes(stops(town)), Locale.ENGLISH);
        assertThat(round.stops()).hasSize(2);

        rounds.bookDue();
        List<Errand> first = errandsOn(shop, tomorrow);
        assertThat(first).extracting(e -> e.windowStart().atZone(ZONE).toLocalTime().toString()).containsExactlyInAnyOrder("07:00", "07:30");
        assertThat(first).allSatisfy(e -> assertThat(ledger.balance(LedgerAccount.errandEscrow(e.id()))).isEqualTo(e.total()));
        assertThat(first).allSatisfy(e -> assertThat(e.waitsForItsTime(clock.instant())).isTrue());
        rounds.bookDue();
        assertThat(errands.ofOrganisation(shop)).hasSize(2);   // once a day

        clock.advance(Duration.ofDays(1));   // the day after tomorrow is not one of its days
        rounds.bookDue();
        assertThat(errands.ofOrganisation(shop)).hasSize(2);
        clock.advance(Duration.ofDays(1));
        rounds.bookDue();
        assertThat(errandsOn(shop, tomorrow.plusDays(2))).hasSize(2);

        rounds.stop(shop, round.id());
        clock.advance(Duration.ofDays(7));
        rounds.bookDue();
        assertThat(errands.ofOrganisation(shop)).hasSize(4);

        // On the page: the round, its days and its stops.
        assertThat(new WebSession(port).login(shop).get("/requester/errands").body()).contains("data-testid=\"round\"").contains("Morning round");
    }

    @Test
    void twoNodesBookADayOnce() throws Exception {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        rounds.create(shop, "Every day", EnumSet.allOf(DayOfWeek.class), bytes(stops(town)), Locale.ENGLISH);
        for (int i = 0; i < 3; i++) {
            AtOnce.run(rounds::bookDue, rounds::bookDue);
            assertThat(errands.ofOrganisation(shop)).hasSize(2 * (i + 1));
            clock.advance(Duration.ofDays(1));
        }
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aDayThatCannotBePaidIsNotBookedAtAllAndTheOrganisationIsTold() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 500);   // not enough for two deliveries
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        ErrandRounds.Round round = rounds.create(shop, "Too dear", EnumSet.allOf(DayOfWeek.class), bytes(stops(town)), Locale.ENGLISH);
        rounds.bookDue();
        assertThat(errands.ofOrganisation(shop)).isEmpty();
        assertThat(ledger.balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(500);
        assertThat(rounds.get(shop, round.id()).lastProblem()).isNotBlank();
        assertThat(api().login(shop.username(), Fixtures.PASSWORD).get("/api/v1/me/notifications").body()).contains("could not be booked");
    }

    @Test
    void aRoundsFileIsCheckedAndOnlyItsOrganisationSeesIt() {
        CurrentUser shop = fixtures.requester();
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        String noTime = stops(town).replace(",07:30,09:00,", ",,,");
        assertThatThrownBy(() -> rounds.create(shop, "R", EnumSet.of(DayOfWeek.MONDAY), bytes(noTime), Locale.ENGLISH))
                .isInstanceOf(CsvProblem.class).hasMessageContaining("Row 3, column from");
        String dated = stops(town).replace("proof\n", "proof,date\n").replace("PIN\n", "PIN,2027-01-04\n").replace("PHOTO\n", "PHOTO,\n");
        assertThatThrownBy(() -> rounds.create(shop, "R", EnumSet.of(DayOfWeek.MONDAY), bytes(dated), Locale.ENGLISH))
                .hasMessageContaining("Row 2, column date");
        assertThatThrownBy(() -> rounds.create(shop, "R", Set.of(), bytes(stops(town)), Locale.ENGLISH)).hasMessageContaining("weekdays");
        assertThat(rounds.list(shop)).isEmpty();

        Api api = api().login(shop.username(), Fixtures.PASSWORD);
        Api.Response made = api.postRaw("/api/v1/errand-rounds?name=Pharmacy&weekdays=MONDAY,THURSDAY", "text/csv", bytes(stops(town)));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().at("/stops").size()).isEqualTo(2);
        Api other = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        assertThat(other.get("/api/v1/errand-rounds").json().size()).isZero();
        assertThat(other.post("/api/v1/errand-rounds/" + made.id() + "/stop", null).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/errand-rounds/" + made.id() + "/stop", null).json().at("/stoppedAt").isNull()).isFalse();
    }

    private static byte[] bytes(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }
}
