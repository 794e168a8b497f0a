package org.polder.errand;

import org.polder.errand.internal.DatabaseGeoIndex;
import org.polder.errand.internal.RedisGeoIndex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes dispatching errands from one database, with the geo index shared in the database or in
 * Redis: a courier who sends positions to one node is offered an errand booked on the other, and is gone from both
 * when off duty. Each shared index answers like a full scan.
 */
class TwoDispatchNodesIT extends PolderIT {

    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;

    private final List<SecondNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(SecondNode::close);
        nodes.clear();
    }

    /** A Redis key of this test's own: no courier of another run is in it. */
    private final String redisKey = "polder:test:" + java.util.UUID.randomUUID();

    /** Another node on the tests' database and clock, with the courier index shared through the database or Redis. */
    private SecondNode node(String index) {
        SecondNode node = SecondNode.start(environment, clock, "--polder.errand.geo-index=" + index, "--polder.errand.redis-key=" + redisKey);
        nodes.add(node);
        return node;
    }

    /**
     * Redis where the Redis cases need it: skipped on a machine without it, unless POLDER_REQUIRE_REDIS=true (as CI
     * sets, after starting it).
     */
    private static void needs(String kind) {
        if (!"redis".equals(kind)) {
            return;
        }
        boolean answers;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 6379), 500);
            answers = true;
        } catch (java.io.IOException e) {
            answers = false;
        }
        if (!answers && "true".equals(System.getenv("POLDER_REQUIRE_REDIS"))) {
            throw new AssertionError("Redis does not answer on 127.0.0.1:6379 and POLDER_REQUIRE_REDIS=true");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(answers, "Redis does not answer on 127.0.0.1:6379");
    }

    private GeoIndex index(String kind) {
        return "redis".equals(kind) ? new RedisGeoIndex("redis://127.0.0.1:6379", redisKey) : new DatabaseGeoIndex(jdbc);
    }

    private static Api api(SecondNode node, CurrentUser user) {
        return new Api(node.port()).login(user.username(), Fixtures.PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"database", "redis"})
    void aCourierOnOneNodeIsOfferedAnErrandBookedOnTheOther(String kind) {
        needs(kind);
        SecondNode a = node(kind);
        SecondNode b = node(kind);
        assertThat(a.bean(GeoIndex.class)).isInstanceOf("redis".equals(kind) ? RedisGeoIndex.class : DatabaseGeoIndex.class);
        double lat = ThreadLocalRandom.current().nextDouble(-45, 45);
        double lng = ThreadLocalRandom.current().nextDouble(-140, 140);
        CurrentUser courier = fixtures.worker();
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 20_000);

        Api courierOnA = api(a, courier);
        assertThat(courierOnA.post("/api/v1/me/duty", Map.of("onDuty", true)).status()).isEqualTo(200);
        assertThat(courierOnA.post("/api/v1/me/position", Map.of("latitude", lat + 0.003, "longitude", lng)).status()).isEqualTo(204);

        Api shopOnB = api(b, shop);
        Api.Response booked = shopOnB.post("/api/v1/errands", Map.of("pickup", Map.of("address", "Shop", "latitude", lat, "longitude", lng),
                "dropoff", Map.of("address", "Home", "latitude", lat + 0.01, "longitude", lng), "receiver", "Sam"));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        Api courierOnB = api(b, courier);
        Api.Response offer = courierOnB.get("/api/v1/me/errand-offer");
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.json().get("errand").get("id").asLong()).isEqualTo(booked.id());
        assertThat(courierOnA.post("/api/v1/errand-offers/" + offer.id() + "/decline", Map.of()).status()).isEqualTo(204);

        // A ride booked on A is offered whole to the courier, who reads it on B.
        Api shopOnA = api(a, shop);
        Api.Response ride = shopOnA.post("/api/v1/errand-rides", Map.of("pickup", Map.of("address", "Shop", "latitude", lat, "longitude", lng),
                "stops", List.of(Map.of("dropoff", Map.of("address", "Home 1", "latitude", lat + 0.01, "longitude", lng), "receiver", "Sam"),
                        Map.of("dropoff", Map.of("address", "Home 2", "latitude", lat + 0.012, "longitude", lng), "receiver", "Noor"))));
        assertThat(ride.status()).as(ride.body()).isEqualTo(201);
        Api.Response rideOffer = courierOnB.get("/api/v1/me/errand-offer");
        assertThat(rideOffer.json().at("/stops").size()).isEqualTo(2);
        assertThat(courierOnB.post("/api/v1/errand-offers/" + rideOffer.id() + "/decline", Map.of()).status()).isEqualTo(204);

        // The shop's dispatcher on A asks the courier of its team by hand; the courier answers on B.
        assertThat(shopOnA.post("/api/v1/dispatch/team", Map.of("username", courier.username())).status()).isEqualTo(201);
        assertThat(courierOnB.post("/api/v1/me/courier-teams/" + shop.organisationId() + "/join", null).status()).isEqualTo(200);
        Api.Response asked = shopOnA.post("/api/v1/dispatch/errands/" + ride.json().at("/0/id").asLong() + "/assign",
                Map.of("workerId", courier.id(), "reason", "You know the street"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        Api.Response handOffer = courierOnB.get("/api/v1/me/errand-offer");
        assertThat(handOffer.json().at("/how").asText()).isEqualTo("HAND");
        assertThat(courierOnB.post("/api/v1/errand-offers/" + handOffer.id() + "/accept", Map.of()).json().at("/state").asText()).isEqualTo("ACCEPTED");
        assertThat(courierOnA.get("/api/v1/courier/errands").json().size()).isEqualTo(2);
        long first = ride.json().at("/0/id").asLong();
        assertThat(courierOnA.post("/api/v1/courier/errands/" + first + "/fail", Map.of("reason", "Test: handing back")).status()).isEqualTo(200);

        // Off duty on B: A no longer finds the courier.
        assertThat(courierOnB.post("/api/v1/me/duty", Map.of("onDuty", false)).status()).isEqualTo(200);
        assertThat(a.bean(GeoIndex.class).nearest(lat, lng, 5, 1)).noneMatch(n -> n.workerId() == courier.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {"database", "redis"})
    void aSharedIndexFindsTheSameNearestCouriersAsAFullScan(String kind) {
        needs(kind);
        GeoIndex index = index(kind);
        Random random = new Random(7);
        double lat = ThreadLocalRandom.current().nextDouble(-45, 45);
        double lng = ThreadLocalRandom.current().nextDouble(-140, 140);
        Map<Long, double[]> all = new java.util.HashMap<>();
        for (int i = 0; i < 300; i++) {
            CurrentUser c = fixtures.worker();
            double[] p = {lat + random.nextGaussian() * 0.02, lng + random.nextGaussian() * 0.03};
            index.put(c.id(), p[0], p[1]);
            all.put(c.id(), p);
        }
        for (int q = 0; q < 40; q++) {
            double qLat = lat + random.nextGaussian() * 0.02, qLng = lng + random.nextGaussian() * 0.03;
            List<Long> expected = all.entrySet().stream()
                    .filter(e -> org.polder.common.Geo.km(qLat, qLng, e.getValue()[0], e.getValue()[1]) <= 3)
                    .sorted(Comparator.comparingDouble(e -> org.polder.common.Geo.km(qLat, qLng, e.getValue()[0], e.getValue()[1])))
                    .limit(5).map(Map.Entry::getKey).toList();
            // Redis keeps positions as 52-bit geohashes (to about half a metre): two couriers that far apart in distance
            // may come in either order, so each rank is compared by its true distance, to within two metres.
            List<Long> found = index.nearest(qLat, qLng, 5, 3).stream().map(GeoIndex.Near::workerId).toList();
            assertThat(found).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                double[] e = all.get(expected.get(i));
                double[] f = all.get(found.get(i));
                assertThat(org.polder.common.Geo.km(qLat, qLng, f[0], f[1])).as("rank %d", i)
                        .isCloseTo(org.polder.common.Geo.km(qLat, qLng, e[0], e[1]), org.assertj.core.data.Offset.offset(0.002));
            }
        }
        all.keySet().forEach(index::remove);
        assertThat(index.nearest(lat, lng, 5, 3)).isEmpty();
        if (index instanceof RedisGeoIndex redis) {
            redis.close();
        }
    }
}
