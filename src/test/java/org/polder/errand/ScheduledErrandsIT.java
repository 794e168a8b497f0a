package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.CsvProblem;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.OutsideServices;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Errands booked for a later time slot wait until shortly before it to be offered; a day's deliveries come from a CSV
 * file, checked whole (addresses included) and booked whole, a problem named by its row and column.
 */
class ScheduledErrandsIT extends PolderIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Autowired Errands errands;
    @Autowired ErrandImport importer;
    @Autowired Dispatch dispatch;
    @Autowired Duty duty;
    @Autowired Ledger ledger;
    @Autowired JdbcClient jdbc;

    @Test
    void anErrandForLaterIsOfferedFromHalfAnHourBeforeItsWindow() throws Exception {
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
        double lng = ThreadLocalRandom.current().nextDouble(-150, 150);
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        CurrentUser courier = fixtures.worker();
        duty.goOnDuty(courier);
        duty.position(courier, lat + 0.003, lng);
        Instant start = clock.instant().plus(Duration.ofHours(3));
        Errand e = errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng),
                new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01), "Sam", start, start.plus(Duration.ofHours(1)), "", Errand.Proof.PIN, null));
        assertThat(dispatch.current(courier)).isEmpty();
        dispatch.round();
        assertThat(dispatch.current(courier)).isEmpty();
        // The requester reads that it waits for its time, and from when couriers are asked.
        assertThat(new WebSession(port).login(shop).get("/requester/errands/" + e.id()).body()).contains("data-testid=\"offers-from\"");
        // The receiver's tracking page says it is booked, not that a courier is being looked for.
        assertThat(new WebSession(port).get("/track/" + e.trackingToken()).body()).contains("a courier will be found shortly before");
        clock.advance(Duration.ofMinutes(149));   // 31 minutes before the window
        dispatch.round();
        assertThat(dispatch.current(courier)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        dispatch.round();
        assertThat(dispatch.current(courier)).get().satisfies(o -> assertThat(o.errand().id()).isEqualTo(e.id()));
        duty.goOffDuty(courier);
    }

    @Test
    void aDaysDeliveriesFromAFileAreBookedWholeOrNotAtAll() throws Exception {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 200_000);
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        String bakery = OutsideServices.madeUp("Kerkstraat", 1, town);
        LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZONE).plusDays(1);
        String good = "pickup,dropoff,receiver,date,from,until,notes,proof\n"
                + "\"" + bakery + "\",\"" + OutsideServices.madeUp("Molenweg", 3, town) + "\",Sam,"  + tomorrow + ",07:00,08:00,Two loaves,\n"
                + "\"" + bakery + "\",\"" + OutsideServices.madeUp("Molenweg", 9, town) + "\",Noor," + tomorrow + ",07:30,09:00,Cake,photo\n";

        // A bad cell anywhere: nothing is booked, and the problem names row and column.
        long before = ledger.balance(LedgerAccount.organisation(shop.organisationId()));
        String badTime = good.replace("07:30,09:00", "half past seven,09:00");
        assertThatThrownBy(() -> importer.book(shop, bytes(badTime), Locale.ENGLISH)).isInstanceOf(CsvProblem.class)
                .hasMessageContaining("Row 3, column from").hasMessageContaining("half past seven");
        String noReceiver = good.replace(",Sam,", ",,");
        assertThatThrownBy(() -> importer.book(shop, bytes(noReceiver), Locale.ENGLISH)).hasMessageContaining("Row 2, column receiver");
        String tooLate = good.replace(tomorrow + ",07:30", tomorrow.plusDays(10) + ",07:30");
        assertThatThrownBy(() -> importer.book(shop, bytes(tooLate), Locale.ENGLISH)).hasMessageContaining("Row 3, column from");
        assertThatThrownBy(() -> importer.book(shop, bytes(good.replace("proof", "colour")), Locale.ENGLISH)).hasMessageContaining("colour");
        assertThatThrownBy(() -> importer.book(shop, bytes("pickup,receiver\nx,y\n"), Locale.ENGLISH)).hasMessageContaining("dropoff");
        String farNorth = good.replace("proof\n", "proof,dropoff_latitude,dropoff_longitude\n").replace("Two loaves,\n", "Two loaves,,95,4.9\n")
                .replace("Cake,photo\n", "Cake,photo,,\n");
        assertThatThrownBy(() -> importer.book(shop, bytes(farNorth), Locale.ENGLISH)).hasMessageContaining("Row 2, column dropoff_latitude");
        assertThat(errands.ofOrganisation(shop)).isEmpty();
        assertThat(ledger.balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(before);

        // Through the API: both rows booked for tomorrow's morning round, each with its own escrow and tracking link.
        Api api = api().login(shop.username(), Fixtures.PASSWORD);
        Api.Response refused = api.postRaw("/api/v1/errands/import", "text/csv", bytes(badTime));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/row").asInt()).isEqualTo(3);
        assertThat(refused.json().at("/columnName").asText()).isEqualTo("from");
        Api.Response booked = api.postRaw("/api/v1/errands/import", "text/csv", bytes(good));
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.json().size()).isEqualTo(2);
        List<Errand> mine = errands.ofOrganisation(shop);
        assertThat(mine).extracting(Errand::receiver).containsExactlyInAnyOrder("Sam", "Noor");
        assertThat(mine).extracting(Errand::proof).containsExactlyInAnyOrder(Errand.Proof.PIN, Errand.Proof.PHOTO);
        assertThat(mine).extracting(x -> x.windowStart().atZone(ZONE).toLocalTime().toString()).containsExactlyInAnyOrder("07:00", "07:30");
        assertThat(mine).allSatisfy(x -> assertThat(ledger.balance(LedgerAccount.errandEscrow(x.id()))).isEqualTo(x.total()));
        assertThat(mine).extracting(x -> x.pickup().address()).allSatisfy(a -> assertThat(a).contains("Kerkstraat 1"));

        // Another organisation cannot see them; a worker cannot import.
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD).get("/api/v1/errands/" + mine.get(0).id()).status()).isEqualTo(404);
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD).postRaw("/api/v1/errands/import", "text/csv", bytes(good)).status())
                .isEqualTo(403);

        // On the page: the form, an example to fill in, and a refusal in words.
        WebSession web = new WebSession(port).login(shop);
        assertThat(web.get("/requester/errands").body()).contains("/requester/errands/import").contains("example.csv");
        String example = web.get("/requester/errands/example.csv").body();
        assertThat(example).startsWith("pickup,dropoff,receiver");
        // The example books as it is, its drop-offs given with coordinates: nothing to look up.
        CurrentUser another = fixtures.requester();
        fixtures.fund(another, 100_000);
        String filledIn = example.replace("Kerkstraat 1, Amsterdam", "Haarlemmerstraat 50, Amsterdam");
        assertThat(importer.book(another, bytes(filledIn), Locale.ENGLISH)).hasSize(2);
    }

    private static byte[] bytes(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }
}
