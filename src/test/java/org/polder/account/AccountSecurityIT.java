package org.polder.account;

import org.junit.jupiter.api.Test;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins: the throttle counts parallel guesses, keys failures by source address so that the owner is not
 * locked out, and slows a guess spread over many addresses; sessions follow role and password changes at
 * the next request; guessable passwords are refused.
 */
class AccountSecurityIT extends PolderIT {

    Api.Response token(String username, String password, String from) {
        return api().header("X-Forwarded-For", from).post("/api/v1/auth/token", Map.of("username", username, "password", password));
    }

    @Test
    void fortyParallelWrongGuessesGetNoMoreThanTenTries() throws Exception {
        CurrentUser target = fixtures.worker();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            answers.add(pool.submit(() -> {
                start.await();
                return token(target.username(), "wrong-guess-" + n, "203.0.113.40").status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(401, 429);
        long checked = statuses.stream().filter(s -> s == 401).count();
        assertThat(checked).as("passwords checked in parallel").isBetween(1L, 10L);
        // A refused guess is forgotten, so guesses sent one after another may use what the burst left over,
        // and no more: ten passwords checked in the window in all.
        while (token(target.username(), "wrong-guess-later-" + checked, "203.0.113.40").status() == 401) {
            checked++;
            assertThat(checked).as("passwords checked in all").isLessThanOrEqualTo(10L);
        }
        assertThat(checked).isEqualTo(10L);
        // The right password from the attacker's address is refused too, for the window.
        assertThat(token(target.username(), Fixtures.PASSWORD, "203.0.113.40").status()).isEqualTo(429);
    }

    @Test
    void theOwnerLogsInFromElsewhereWhileTheAttackersAddressIsRefused() {
        CurrentUser target = fixtures.worker();
        for (int i = 0; i < 10; i++) {
            assertThat(token(target.username(), "guess-" + i, "203.0.113.7").status()).isEqualTo(401);
        }
        Api.Response refused = token(target.username(), "guess-11", "203.0.113.7");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("from your connection");
        assertThat(token(target.username(), Fixtures.PASSWORD, "198.51.100.7").status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(16));
        assertThat(token(target.username(), Fixtures.PASSWORD, "203.0.113.7").status()).isEqualTo(201);
    }

    @Test
    void aGuessSpreadOverManyAddressesIsSlowedDownNotLockedOut() {
        CurrentUser target = fixtures.worker();
        for (int i = 0; i < 11; i++) {
            assertThat(token(target.username(), "guess-" + i, "192.0.2." + (i + 1)).status()).isEqualTo(401);
            clock.advance(Duration.ofSeconds(61));
        }
        assertThat(token(target.username(), "guess-x", "192.0.2.100").status()).isEqualTo(401);
        Api.Response slowed = token(target.username(), Fixtures.PASSWORD, "198.51.100.8");
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.json().get("detail").asString()).contains("slowed down").contains("seconds");
        clock.advance(LoginThrottle.LONGEST_PAUSE.plusSeconds(1));
        assertThat(token(target.username(), Fixtures.PASSWORD, "198.51.100.8").status()).isEqualTo(201);
    }

    @Test
    void aDemotedModeratorsOpenSessionStopsModeratingAtTheNextRequest() throws Exception {
        CurrentUser moderator = fixtures.moderator();
        WebSession session = new WebSession(port).login(moderator);
        assertThat(session.get("/moderation").statusCode()).isEqualTo(200);
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        assertThat(admin.put("/api/v1/admin/accounts/" + moderator.id() + "/roles", Map.of("roles", List.of("WORKER"))).status()).isEqualTo(200);
        assertThat(session.get("/moderation").statusCode()).isEqualTo(403);
        assertThat(session.get("/me/work").statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsEveryOtherSessionAndEveryToken() throws Exception {
        CurrentUser worker = fixtures.worker();
        WebSession other = new WebSession(port).login(worker);
        WebSession here = new WebSession(port).login(worker);
        Api app = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(app.get("/api/v1/me").status()).isEqualTo(200);

        // A guessable new password is refused with advice, and nothing changes.
        Api.Response weak = app.put("/api/v1/me/password", Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "password12"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("detail").asString()).startsWith("password: too easy to guess");
        assertThat(app.get("/api/v1/me").status()).isEqualTo(200);

        HttpResponse<String> changed = here.post("/account/password", "/account/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "lantern-otter-quietly-folds"));
        assertThat(changed.headers().firstValue("Location").orElse("")).endsWith("/account/password");
        assertThat(here.get("/account/password").body()).contains("Your password is changed");
        assertThat(here.get("/me/work").statusCode()).isEqualTo(200);
        assertThat(other.get("/me/work").statusCode()).as("the other session ends").isEqualTo(302);
        assertThat(app.get("/api/v1/me").status()).as("tokens are revoked").isEqualTo(401);
        assertThat(api().login(worker.username(), "lantern-otter-quietly-folds").get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void guessablePasswordsAreRefusedAtRegistrationWithAdvice() {
        for (String weak : List.of("aaaaaaaaaa", "password12", "          ", "%s")) {
            String username = Fixtures.unique("newcomer");
            String password = weak.equals("%s") ? username : weak;
            Api.Response r = api().post("/api/v1/accounts", Map.of("username", username, "password", password, "displayName", "New Comer", "role", "WORKER"));
            assertThat(r.status()).as(weak).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).as(weak).contains("password");
            assertThat(api().post("/api/v1/auth/token", Map.of("username", username, "password", password)).status()).isIn(400, 401);
        }
        assertThat(api().post("/api/v1/accounts", Map.of("username", Fixtures.unique("newcomer"), "password", "violet-harbour-tram-seven",
                "displayName", "New Comer", "role", "WORKER")).status()).isEqualTo(201);
    }
}
