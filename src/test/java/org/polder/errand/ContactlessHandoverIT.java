package org.polder.errand;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The receiver chooses "leave it at the door" on the tracking page: the PIN is no longer asked, a photo is the proof,
 * the courier reads where; they may change their mind until it is delivered; the choice and the photo are in the record.
 */
class ContactlessHandoverIT extends PolderIT {

    static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired Delivery delivery;
    @Autowired Duty duty;
    @Autowired Tracking tracking;
    @Autowired JdbcClient jdbc;

    @Test
    void leftAtTheDoorAPhotoIsTheProofAndTheChoiceIsInTheRecord() throws Exception {
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
        double lng = ThreadLocalRandom.current().nextDouble(-150, 150);
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        CurrentUser courier = fixtures.worker();
        duty.goOnDuty(courier);
        duty.position(courier, lat + 0.003, lng);
        Errand e = errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, lng),
                new Place("Flat 3, Canal 20", lat - 0.02, lng + 0.01), "Sam", null, null, "Two boxes", Errand.Proof.PIN, null));
        dispatch.accept(courier, dispatch.current(courier).orElseThrow().id());

        // On the tracking page, without an account, the receiver asks for it to be left at the door.
        WebSession receiver = new WebSession(port);
        String page = receiver.get("/track/" + e.trackingToken()).body();
        assertThat(page).contains("data-testid=\"handover\"").contains("data-testid=\"pin\"");
        assertThat(receiver.post("/track/" + e.trackingToken() + "/handover", "/track/" + e.trackingToken(),
                Map.of("leaveAtDoor", "true", "doorNote", "Behind the green gate")).statusCode()).isEqualTo(302);
        page = receiver.get("/track/" + e.trackingToken()).body();
        assertThat(page).contains("data-testid=\"left-at-door\"").contains("Behind the green gate").doesNotContain("data-testid=\"pin\"");

        // The courier reads it (and is told), and the PIN no longer delivers it: a photo does.
        assertThat(delivery.mine(courier, e.id())).satisfies(v -> {
            assertThat(v.leaveAtDoor()).isTrue();
            assertThat(v.doorNote()).isEqualTo("Behind the green gate");
            assertThat(v.proof()).isEqualTo(Errand.Proof.PHOTO);
        });
        assertThat(api().login(courier.username(), Fixtures.PASSWORD).get("/api/v1/me/notifications").body()).contains("Behind the green gate");
        assertThat(new WebSession(port).login(courier).get("/courier").body()).contains("data-testid=\"leave-at-door\"");
        delivery.advance(courier, e.id(), Errand.State.AT_PICKUP);
        delivery.advance(courier, e.id(), Errand.State.PICKED_UP);
        assertThatThrownBy(() -> delivery.deliver(courier, e.id(), new Delivery.Proof(e.pin(), null, null)))
                .isInstanceOf(DomainException.class).hasMessageContaining("photo");
        clock.advance(Duration.ofMinutes(10));
        delivery.deliver(courier, e.id(), new Delivery.Proof(null, PNG, null));

        // The record: the receiver's choice with where, and the delivery with its photo.
        assertThat(jdbc.sql("SELECT payload FROM trail_event WHERE type = 'ERRAND_HANDOVER' AND organisation_id = ?").param(shop.organisationId())
                .query(String.class).single()).contains("\"leaveAtDoor\":true").contains("Behind the green gate");
        assertThat(jdbc.sql("SELECT payload FROM trail_event WHERE type = 'ERRAND_DELIVERED' AND organisation_id = ?").param(shop.organisationId())
                .query(String.class).single()).contains("PHOTO");
        assertThat(jdbc.sql("SELECT proof_data FROM errand WHERE id = ?").param(e.id()).query(String.class).single()).isEqualTo(PNG);

        // Once delivered the choice is closed, with a reason; the form is gone.
        assertThatThrownBy(() -> tracking.handover(e.trackingToken(), false, null)).hasMessageContaining("has ended");
        assertThat(receiver.get("/track/" + e.trackingToken()).body()).doesNotContain("data-testid=\"handover\"");
    }

    @Test
    void theReceiverMayChangeTheirMindAndBadInputChangesNothing() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
        Errand e = errands.book(shop, new Errands.ErrandSpec(new Place("Bakery, Main Street 1", lat, 10.0),
                new Place("Flat 3, Canal 20", lat - 0.02, 10.01), "Sam", null, null, "", Errand.Proof.SIGNATURE, null));
        Api anyone = api();
        String path = "/api/v1/tracking/" + e.trackingToken() + "/handover";
        Api.Response tooLong = anyone.post(path, Map.of("leaveAtDoor", true, "doorNote", "x".repeat(301)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("doorNote");
        assertThat(tracking.view(e.trackingToken()).leaveAtDoor()).isFalse();

        Api.Response left = anyone.post(path, Map.of("leaveAtDoor", true, "doorNote", "Porch"));
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.json().at("/leaveAtDoor").asBoolean()).isTrue();
        assertThat(left.json().at("/pin").isNull()).isTrue();
        assertThat(errands.ofOrganisation(shop, e.id()).proof()).isEqualTo(Errand.Proof.PHOTO);
        // Handed over after all: the proof the requester asked for comes back.
        assertThat(anyone.post(path, Map.of("leaveAtDoor", false)).json().at("/leaveAtDoor").asBoolean()).isFalse();
        assertThat(errands.ofOrganisation(shop, e.id()).proof()).isEqualTo(Errand.Proof.SIGNATURE);
        assertThat(errands.ofOrganisation(shop, e.id()).leaveAtDoor()).isFalse();

        assertThat(anyone.post("/api/v1/tracking/not-a-real-token-at-all/handover", Map.of("leaveAtDoor", true)).status()).isEqualTo(404);
        assertThatThrownBy(() -> tracking.handover("short", true, null)).isInstanceOf(NotFoundException.class);
    }
}
