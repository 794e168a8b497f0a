package org.polder.errand;

import org.polder.errand.internal.DatabaseGeoIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
 * Two application nodes dispatching errands from one database, with the geo index in the database: a
 * courier who sends positions to one node is offered an errand booked on the other, and is gone from
 * both when off duty. The database index answers like a full scan.
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

    /** Another node on the tests' database and clock, with the courier index shared through the database. */
    private SecondNode node() {
        SecondNode node = SecondNode.start(environment, clock, "--polder.errand.geo-index=database");
        nodes.add(node);
        return node;
    }

    private static Api api(SecondNode node, CurrentUser user) {
        return new Api(node.port()).login(user.username(), Fixtures.PASSWORD);
    }

    @Test
    void aCourierOnOneNodeIsOfferedAnErrandBookedOnTheOther() {
        SecondNode a = node();
        SecondNode b = node();
        assertThat(a.bean(GeoIndex.class)).isInstanceOf(DatabaseGeoIndex.class);
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

        // Off duty on B: A no longer finds the courier.
        assertThat(courierOnB.post("/api/v1/me/duty", Map.of("onDuty", false)).status()).isEqualTo(200);
        assertThat(a.bean(GeoIndex.class).nearest(lat, lng, 5, 1)).noneMatch(n -> n.workerId() == courier.id());
    }

    @Test
    void theDatabaseIndexFindsTheSameNearestCouriersAsAFullScan() {
        GeoIndex index = new DatabaseGeoIndex(jdbc);
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
            assertThat(index.nearest(qLat, qLng, 5, 3)).extracting(GeoIndex.Near::workerId).containsExactlyElementsOf(expected);
        }
        all.keySet().forEach(index::remove);
        assertThat(index.nearest(lat, lng, 5, 3)).isEmpty();
    }
}
