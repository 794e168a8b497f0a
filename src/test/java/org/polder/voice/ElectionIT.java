package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** One vote per active worker, a secret ballot, and the elected see aggregate figures while others do not. */
class ElectionIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    @Test
    void activeWorkersElectARepresentativeWhoSeesAggregateFiguresOnly() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 4, 40, 4);
        List<CurrentUser> voters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CurrentUser w = fixtures.worker();
            long a = claiming.claim(w, batch.id()).orElseThrow();
            clock.advance(Duration.ofSeconds(30));
            submissions.submit(w, a, Map.of("label", "cat"));
            voters.add(w);
        }
        CurrentUser candidate = voters.get(0);
        CurrentUser idle = fixtures.worker();
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        Instant now = clock.instant();
        Api.Response called = admin.post("/api/v1/admin/elections", Map.of("title", "Representatives " + Fixtures.unique("e"), "seats", 1,
                "votingOpensAt", now.plus(Duration.ofDays(1)).toString(), "closesAt", now.plus(Duration.ofDays(3)).toString(),
                "termEndsAt", now.plus(Duration.ofDays(365)).toString()));
        assertThat(called.status()).as(called.body()).isEqualTo(201);
        long election = called.id();
        assertThat(api().login(candidate.username(), Fixtures.PASSWORD).post("/api/v1/admin/elections", Map.of("title", "mine")).status())
                .isEqualTo(403);

        Api ada = api().login(candidate.username(), Fixtures.PASSWORD);
        JsonNode stood = ada.post("/api/v1/elections/" + election + "/candidates", Map.of("statement", "Pay per active hour for everyone")).json();
        long candidateId = stood.get("candidates").get(0).get("id").asLong();
        assertThat(ada.post("/api/v1/elections/" + election + "/votes", Map.of("candidateId", candidateId)).status())
                .as("no voting before it opens").isEqualTo(409);

        clock.advance(Duration.ofDays(1));
        assertThat(ada.post("/api/v1/elections/" + election + "/candidates", Map.of("statement", "late")).status()).isEqualTo(409);
        Api idler = api().login(idle.username(), Fixtures.PASSWORD);
        Api.Response inactive = idler.post("/api/v1/elections/" + election + "/votes", Map.of("candidateId", candidateId));
        assertThat(inactive.status()).as("only workers who worked vote").isEqualTo(403);

        // One worker votes eight times at once: one vote counts.
        Api second = api().login(voters.get(1).username(), Fixtures.PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tries.add(pool.submit(() -> {
                go.await();
                return second.post("/api/v1/elections/" + election + "/votes", Map.of("candidateId", candidateId)).status();
            }));
        }
        go.countDown();
        int counted = 0;
        for (Future<Integer> t : tries) {
            int status = t.get();
            assertThat(status).isIn(201, 409);
            counted += status == 201 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(counted).isEqualTo(1);
        assertThat(ada.post("/api/v1/elections/" + election + "/votes", Map.of("candidateId", candidateId)).status()).isEqualTo(201);
        JsonNode during = election(ada, election);
        assertThat(during.get("candidates").get(0).get("votes").isNull()).as("no counts while voting runs").isTrue();
        assertThat(ada.get("/api/v1/representatives/figures").status()).isEqualTo(403);

        clock.advance(Duration.ofDays(2));
        JsonNode closed = election(ada, election);
        assertThat(closed.get("candidates").get(0).get("votes").asInt()).isEqualTo(2);
        assertThat(closed.get("candidates").get(0).get("elected").asBoolean()).isTrue();
        assertThat(closed.toString()).as("the ballot is secret").doesNotContain(voters.get(1).username());

        Api.Response figures = ada.get("/api/v1/representatives/figures?days=30");
        assertThat(figures.status()).as(figures.body()).isEqualTo(200);
        assertThat(figures.json().has("outcomes")).isTrue();
        assertThat(figures.body()).doesNotContain(voters.get(1).username()).doesNotContain("\"workerId\"");
        assertThat(second.get("/api/v1/representatives/figures").status()).as("not elected, no figures").isEqualTo(403);
    }

    private static JsonNode election(Api api, long id) {
        for (JsonNode e : api.get("/api/v1/elections").json()) {
            if (e.get("id").asLong() == id) {
                return e;
            }
        }
        throw new AssertionError("election " + id + " not listed");
    }
}
