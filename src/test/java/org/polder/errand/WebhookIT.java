package org.polder.errand;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks: one delivery per status change, signed with the webhook's secret, retried with growing waits, all in a log. */
class WebhookIT extends PolderIT {

    @Autowired Webhooks webhooks;
    @Autowired Errands errands;

    record Received(String event, String signature, String body) {
    }

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fail) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Polder-Event"),
                        exchange.getRequestHeaders().getFirst("Polder-Signature"), body));
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    CurrentUser shopWithErrand() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 50_000);
        return shop;
    }

    Errand book(CurrentUser shop) {
        // Far from every courier: it stays waiting.
        return errands.book(shop, new Errands.ErrandSpec(new Place("Shop", -70.5, -170.5), new Place("Home", -70.51, -170.5), "Sam", null, null,
                "", null, null));
    }

    @Test
    void everyStatusChangeIsSentSignedAndFailuresAreRetriedLaterWithALog() {
        CurrentUser shop = shopWithErrand();
        Webhooks.Webhook hook = webhooks.add(shop, url());
        assertThat(hook.secret()).startsWith("whsec_");
        failuresLeft.set(1);
        Errand e = book(shop);
        errands.cancel(shop, e.id(), "Not needed");

        webhooks.sendDue(100);
        assertThat(received).hasSize(1);   // the first (booked) failed once; the cancellation arrived
        webhooks.sendDue(100);
        assertThat(received).hasSize(1);   // the failed one waits its turn
        clock.advance(Webhooks.FIRST_WAIT.plusSeconds(1));
        webhooks.sendDue(100);
        assertThat(received).extracting(Received::event).containsExactlyInAnyOrder("errand.offering", "errand.cancelled");

        for (Received r : received) {
            String[] parts = r.signature().split(",");
            long t = Long.parseLong(parts[0].substring(2));
            assertThat(parts[1]).isEqualTo("v1=" + Webhooks.sign(hook.secret(), t, r.body()));
            assertThat(r.body()).contains("\"errandId\":" + e.id());
        }

        Api api = api().login(shop.username(), Fixtures.PASSWORD);
        Api.Response log = api.get("/api/v1/errand-webhooks/" + hook.id() + "/deliveries");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get("items")).hasSize(2);
        assertThat(log.json().get("items").get(1).get("attempts").asInt()).isEqualTo(2);
        assertThat(log.json().get("items").get(1).get("state").asString()).isEqualTo("DELIVERED");
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD)
                .get("/api/v1/errand-webhooks/" + hook.id() + "/deliveries").status()).isEqualTo(404);
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpOnAfterTheLastAttempt() {
        CurrentUser shop = shopWithErrand();
        Webhooks.Webhook hook = webhooks.add(shop, url());
        failuresLeft.set(1000);
        book(shop);
        for (int i = 0; i < Webhooks.MAX_ATTEMPTS + 2; i++) {
            webhooks.sendDue(100);
            clock.advance(Duration.ofHours(1).plusSeconds(1));
        }
        var delivery = api().login(shop.username(), Fixtures.PASSWORD)
                .get("/api/v1/errand-webhooks/" + hook.id() + "/deliveries").json().get("items").get(0);
        assertThat(delivery.get("state").asString()).isEqualTo("FAILED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(Webhooks.MAX_ATTEMPTS);
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(503);
        assertThat(Webhooks.wait(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Webhooks.wait(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Webhooks.wait(9)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aWebhookMustBeAnHttpAddress() {
        CurrentUser shop = shopWithErrand();
        Api api = api().login(shop.username(), Fixtures.PASSWORD);
        Api.Response bad = api.post("/api/v1/errand-webhooks", Map.of("url", "file:///etc/passwd"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("url");
        assertThat(webhooks.list(shop)).isEmpty();
    }
}
