package org.polder.address;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.OutsideServices;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Places given by their address: looked up in the address service (a local stand-in speaking PDOK's
 * format), the organisation's saved places first; coordinates when the service is away; a clear error
 * naming the box, and nothing booked, when an address is not found. Saved places stay in their organisation.
 */
class AddressIT extends PolderIT {

    @Autowired
    Ledger ledger;

    private final long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);

    @AfterEach
    void serviceBack() {
        OutsideServices.down = false;
    }

    private static Map<String, Object> place(String address) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("address", address);
        return p;
    }

    private static Map<String, Object> errand(Map<String, Object> pickup, Map<String, Object> dropoff) {
        return Map.of("pickup", pickup, "dropoff", dropoff, "receiver", "Sam", "notes", "", "proof", "PIN");
    }

    private Api requesterApi(CurrentUser requester) {
        return api().login(requester.username(), Fixtures.PASSWORD);
    }

    @Test
    void anErrandIsBookedByAddressesAloneAtTheFoundPlaces() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 50_000);
        Api app = requesterApi(shop);

        Api.Response booked = app.post("/api/v1/errands", errand(place(OutsideServices.madeUp("Molenweg", 1, town)),
                place(OutsideServices.madeUp("molenweg", 21, town))));

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        JsonNode e = booked.json();
        double[] pickup = OutsideServices.whereIs("Molenweg", 1, town);
        double[] dropoff = OutsideServices.whereIs("Molenweg", 21, town);
        assertThat(e.get("pickup").get("address").asString()).isEqualTo("Molenweg 1, 9999ZZ Testdorp-" + town);
        assertThat(e.get("pickup").get("latitude").asDouble()).isEqualTo(pickup[0]);
        assertThat(e.get("pickup").get("longitude").asDouble()).isEqualTo(pickup[1]);
        assertThat(e.get("dropoff").get("address").asString()).isEqualTo("Molenweg 21, 9999ZZ Testdorp-" + town);
        assertThat(e.get("dropoff").get("latitude").asDouble()).isEqualTo(dropoff[0]);
        assertThat(e.get("distanceKm").asDouble()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void anAddressNobodyKnowsIsRefusedByNameAndNothingIsBooked() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 50_000);
        Api app = requesterApi(shop);

        Api.Response refused = app.post("/api/v1/errands", errand(place(OutsideServices.madeUp("Molenweg", 1, town)),
                place("Nergensstraat 404, Nowhere")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).isEqualTo("dropoff: no place found for \"Nergensstraat 404, Nowhere\"; "
                + "check the address or choose a suggestion");
        assertThat(app.get("/api/v1/errands").json().size()).isZero();
        assertThat(ledger.balance(LedgerAccount.organisation(shop.organisationId()))).isEqualTo(50_000);
    }

    @Test
    void whenTheServiceIsAwayTheErrorSaysSoAndCoordinatesStillBook() throws Exception {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 50_000);
        Api app = requesterApi(shop).header("Accept-Language", "nl");
        OutsideServices.down = true;

        Api.Response refused = app.post("/api/v1/errands", errand(place(OutsideServices.madeUp("Molenweg", 2, town)),
                place(OutsideServices.madeUp("Molenweg", 22, town))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).startsWith("pickup: the address search does not answer now");
        assertThat(app.get("/api/v1/errands").json().size()).isZero();

        double[] at = OutsideServices.whereIs("Molenweg", 2, town);
        Map<String, Object> pickup = place("Molenweg 2");
        pickup.put("latitude", at[0]);
        pickup.put("longitude", at[1]);
        Map<String, Object> dropoff = place("Molenweg 22");
        dropoff.put("latitude", at[0] + 0.018);
        dropoff.put("longitude", at[1]);
        assertThat(app.post("/api/v1/errands", errand(pickup, dropoff)).status()).isEqualTo(201);

        // The page tells the requester the same in their language and keeps what they typed.
        WebSession page = new WebSession(port).login(shop);
        String body = page.post("/requester/errands", "/requester/errands?lang=nl", Map.of("pickupAddress", "Molenweg 3, Testdorp-" + town,
                "dropoffAddress", "Molenweg 23, Testdorp-" + town, "receiver", "Sam", "proof", "PIN")).body();
        assertThat(body).contains("Ophalen: het zoeken naar adressen werkt nu niet.").contains("value=\"Molenweg 3, Testdorp-" + town + "\"");
    }

    @Test
    void suggestionsPutTheOrganisationsSavedPlacesFirstAndNeverAnotherOrganisations() {
        CurrentUser bakery = fixtures.requester();
        CurrentUser other = fixtures.requester();
        CurrentUser worker = fixtures.worker();
        String shopAddress = OutsideServices.madeUp("Bakkerstraat", 5, town);
        Api.Response saved = requesterApi(bakery).post("/api/v1/saved-places", Map.of("name", "Bakkerij", "address", shopAddress));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);

        JsonNode mine = requesterApi(bakery).get("/api/v1/places?q=bakker").json();
        assertThat(mine.get("reachable").asBoolean()).isTrue();
        assertThat(mine.get("places").get(0).get("address").asString()).isEqualTo("Bakkerstraat 5, 9999ZZ Testdorp-" + town);
        assertThat(mine.get("places").get(0).get("saved").asBoolean()).isTrue();

        for (CurrentUser stranger : List.of(other, worker)) {
            JsonNode theirs = api().login(stranger.username(), Fixtures.PASSWORD).get("/api/v1/places?q=bakker").json();
            assertThat(theirs.get("places").findValues("saved")).allMatch(s -> !s.asBoolean());
        }
        // The service's own answers are there for everyone.
        JsonNode found = api().login(worker.username(), Fixtures.PASSWORD).get("/api/v1/places?q=czaar+peter").json();
        assertThat(found.get("places").get(0).get("address").asString()).isEqualTo("Czaar Peterstraat 80, 1018PR Amsterdam");
        assertThat(api().get("/api/v1/places?q=czaar").status()).isEqualTo(401);
    }

    @Test
    void savedPlacesStayInTheirOrganisationAndBadOnesAreRefusedWhole() {
        CurrentUser bakery = fixtures.requester();
        CurrentUser other = fixtures.requester();
        Api mine = requesterApi(bakery);
        long id = mine.post("/api/v1/saved-places", Map.of("name", "Winkel", "address", OutsideServices.madeUp("Kerkstraat", 1, town))).id();

        assertThat(mine.post("/api/v1/saved-places", Map.of("name", "Winkel", "address", "Damrak 1")).status()).isEqualTo(409);
        assertThat(mine.post("/api/v1/saved-places", Map.of("name", " ", "address", "Damrak 1")).status()).isEqualTo(400);
        Api.Response unknown = mine.post("/api/v1/saved-places", Map.of("name", "Nergens", "address", "Nergensstraat 404"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString()).startsWith("address: no place found");
        assertThat(mine.get("/api/v1/saved-places").json().size()).isEqualTo(1);

        Api theirs = requesterApi(other);
        assertThat(theirs.get("/api/v1/saved-places").json().size()).isZero();
        assertThat(theirs.delete("/api/v1/saved-places/" + id, null).status()).isEqualTo(404);
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD).post("/api/v1/saved-places",
                Map.of("name", "Thuis", "address", "Damrak 1")).status()).isEqualTo(403);
        assertThat(mine.get("/api/v1/saved-places").json().size()).isEqualTo(1);
        assertThat(mine.delete("/api/v1/saved-places/" + id, null).status()).isEqualTo(204);
        assertThat(mine.get("/api/v1/saved-places").json().size()).isZero();
    }

    @Test
    void aSavedPlaceIsUsedByItsNameWithoutAskingTheServiceAndPrefillsThePickup() throws Exception {
        CurrentUser bakery = fixtures.requester();
        fixtures.fund(bakery, 50_000);
        Api app = requesterApi(bakery);
        String shop = OutsideServices.madeUp("Ovenweg", 3, town);
        app.post("/api/v1/saved-places", Map.of("name", "Bakkerij Noord", "address", shop));
        int asked = OutsideServices.get().requests.get();

        Map<String, Object> dropoff = place("Ovenweg 23");
        double[] at = OutsideServices.whereIs("Ovenweg", 23, town);
        dropoff.put("latitude", at[0]);
        dropoff.put("longitude", at[1]);
        JsonNode e = app.post("/api/v1/errands", errand(place("Bakkerij Noord"), dropoff)).json();

        assertThat(e.get("pickup").get("address").asString()).isEqualTo("Ovenweg 3, 9999ZZ Testdorp-" + town);
        assertThat(OutsideServices.get().requests.get()).as("the service was not asked").isEqualTo(asked);
        String page = new WebSession(port).login(bakery).get("/requester/errands").body();
        assertThat(page).contains("value=\"Ovenweg 3, 9999ZZ Testdorp-" + town + "\"");
    }

    @Test
    void theSameSearchAsksTheServiceOnce() {
        CurrentUser worker = fixtures.worker();
        Api app = api().login(worker.username(), Fixtures.PASSWORD);
        String q = OutsideServices.madeUp("Dorpsstraat", 9, town);
        int before = OutsideServices.get().requests.get();
        assertThat(app.get("/api/v1/places?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)).json()
                .get("places").size()).isEqualTo(1);
        assertThat(app.get("/api/v1/places?q=" + java.net.URLEncoder.encode(q.toUpperCase(), java.nio.charset.StandardCharsets.UTF_8)).json()
                .get("places").size()).isEqualTo(1);
        assertThat(OutsideServices.get().requests.get() - before).isEqualTo(1);
    }

    @Test
    void onePersonSendsTheServiceAtMostThirtySearchesAMinuteAndAnswersKeptInMemoryStayFree() {
        CurrentUser worker = fixtures.worker();
        Api app = api().login(worker.username(), Fixtures.PASSWORD);
        String first = OutsideServices.madeUp("Kerkpad", 1, town);
        int before = OutsideServices.get().requests.get();
        for (int n = 1; n <= 30; n++) {
            var answer = app.get("/api/v1/places?q=" + java.net.URLEncoder.encode(OutsideServices.madeUp("Kerkpad", n, town),
                    java.nio.charset.StandardCharsets.UTF_8)).json();
            assertThat(answer.get("limited").asBoolean()).as("search %d", n).isFalse();
        }
        var thirtyFirst = app.get("/api/v1/places?q=" + java.net.URLEncoder.encode(OutsideServices.madeUp("Kerkpad", 31, town),
                java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(thirtyFirst.get("limited").asBoolean()).isTrue();
        assertThat(thirtyFirst.get("places").size()).isZero();
        assertThat(OutsideServices.get().requests.get() - before).isEqualTo(30);
        // A search answered before costs nothing; another person has a share of their own.
        assertThat(app.get("/api/v1/places?q=" + java.net.URLEncoder.encode(first, java.nio.charset.StandardCharsets.UTF_8)).json()
                .get("places").size()).isEqualTo(1);
        Api other = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        assertThat(other.get("/api/v1/places?q=" + java.net.URLEncoder.encode(OutsideServices.madeUp("Kerkpad", 32, town),
                java.nio.charset.StandardCharsets.UTF_8)).json().get("limited").asBoolean()).isFalse();
    }

    @Test
    void aShiftLocationIsFoundByItsAddressAndWorkersFilterByDistanceFromAnAddress() throws Exception {
        CurrentUser cafe = fixtures.requester();
        Api.Response location = requesterApi(cafe).post("/api/v1/shift-locations", Map.of("name", "Café", "address", "damrak 1"));
        assertThat(location.status()).as(location.body()).isEqualTo(201);
        assertThat(location.json().get("address").asString()).isEqualTo("Damrak 1, 1012LG Amsterdam");
        assertThat(location.json().get("latitude").asDouble()).isEqualTo(52.3765);

        CurrentUser worker = fixtures.worker();
        String feed = new WebSession(port).login(worker).get("/shifts?near=czaar+peterstraat+80&withinKm=3").body();
        assertThat(feed).contains("value=\"Czaar Peterstraat 80, 1018PR Amsterdam\"");
        String nowhere = new WebSession(port).login(worker).get("/shifts?near=Nergensstraat+404&withinKm=3").body();
        assertThat(nowhere).contains("Distance from: no place found for");
    }
}
