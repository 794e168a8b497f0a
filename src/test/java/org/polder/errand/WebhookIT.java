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
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired tools.jackson.databind.json.JsonMapper json;

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

    /** A resolver the test controls: "hooks.example" answers what the test says; IP literals are themselves. */
    static final class TestResolver implements Webhooks.HostResolver {
        volatile java.net.InetAddress[] answer;
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public java.net.InetAddress[] resolve(String host) throws java.net.UnknownHostException {
            lookups.incrementAndGet();
            if (host.equals("hooks.example")) {
                return answer;
            }
            if (Character.digit(host.charAt(0), 16) >= 0 || host.contains(":")) {
                return new java.net.InetAddress[]{java.net.InetAddress.getByName(host)};
            }
            throw new java.net.UnknownHostException(host);
        }

        void answer(String address) throws java.net.UnknownHostException {
            answer = new java.net.InetAddress[]{java.net.InetAddress.getByName(address)};
        }
    }

    tools.jackson.databind.JsonNode lastDelivery(CurrentUser shop, long hookId) {
        return api().login(shop.username(), Fixtures.PASSWORD).get("/api/v1/errand-webhooks/" + hookId + "/deliveries").json().get("items").get(0);
    }

    @Test
    void aHostThatResolvesToAPrivateAddressAtSendTimeGetsNothingDNSRebinding() throws Exception {
        TestResolver dns = new TestResolver();
        Webhooks strict = new Webhooks(jdbc, json, clock, false, dns);
        CurrentUser shop = shopWithErrand();
        dns.answer("93.184.216.34");                       // public when the webhook is added ...
        Webhooks.Webhook hook = strict.add(shop, "http://hooks.example:" + server.getAddress().getPort() + "/hook");
        dns.answer("127.0.0.1");                           // ... and this machine when it is sent
        book(shop);
        int before = dns.lookups.get();
        strict.sendDue(100);
        assertThat(dns.lookups.get()).isGreaterThan(before);   // resolved again at send time
        assertThat(received).isEmpty();
        var delivery = lastDelivery(shop, hook.id());
        assertThat(delivery.get("lastError").asString()).isEqualTo(Webhooks.NOT_PUBLIC);
        assertThat(delivery.get("lastStatus").isNull()).isTrue();
        assertThat(delivery.get("state").asString()).isEqualTo("PENDING");
    }

    @Test
    void theConnectionGoesToTheAddressThatWasCheckedWithNoSecondLookup() throws Exception {
        TestResolver dns = new TestResolver();
        Webhooks pinned = new Webhooks(jdbc, json, clock, true, dns);   // private allowed: the receiver is on this machine
        CurrentUser shop = shopWithErrand();
        dns.answer("127.0.0.1");
        Webhooks.Webhook hook = pinned.add(shop, "http://hooks.example:" + server.getAddress().getPort() + "/hook");
        book(shop);
        int before = dns.lookups.get();
        pinned.sendDue(100);
        // "hooks.example" exists only in this resolver: the request arrived, so it went to the address checked,
        // and it was looked up exactly once for the send.
        assertThat(received).extracting(Received::event).contains("errand.offering");
        assertThat(dns.lookups.get() - before).isEqualTo(1);
        assertThat(lastDelivery(shop, hook.id()).get("state").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void theLogShowsNoConnectionErrorTexts() throws Exception {
        TestResolver dns = new TestResolver();
        Webhooks local = new Webhooks(jdbc, json, clock, true, dns);
        CurrentUser shop = shopWithErrand();
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Webhooks.Webhook hook = local.add(shop, "http://127.0.0.1:" + closed + "/hook");
        book(shop);
        local.sendDue(100);
        var delivery = lastDelivery(shop, hook.id());
        assertThat(delivery.get("lastError").asString()).isEqualTo(Webhooks.NO_ANSWER);
        assertThat(delivery.toString()).doesNotContain("Connect").doesNotContain("refused");
    }

    @Test
    void addressesOutsideThePublicInternetAreRefusedWhenAWebhookIsAdded() {
        Webhooks strict = new Webhooks(jdbc, json, clock, false, new TestResolver());
        CurrentUser shop = shopWithErrand();
        for (String host : List.of("[fd00::1]", "[fc00::1]", "[fd00:ec2::254]", "100.64.0.1", "100.100.100.200", "198.18.0.1",
                "[::127.0.0.1]", "[64:ff9b::7f00:1]", "127.0.0.1", "169.254.169.254", "10.0.0.1", "[::1]", "[::ffff:127.0.0.1]",
                "[2002:7f00:1::]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "224.0.0.1", "0.0.0.0")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.add(shop, "http://" + host + "/hook"))
                    .as(host).isInstanceOfSatisfying(org.polder.common.DomainException.class,
                            e -> assertThat(e.code()).isEqualTo("problem.errand.webhookPrivate"));
        }
        assertThat(strict.list(shop)).isEmpty();
        assertThat(strict.add(shop, "https://93.184.216.34/hook").url()).isEqualTo("https://93.184.216.34/hook");
    }
}
