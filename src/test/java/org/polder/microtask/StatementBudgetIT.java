package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.StatementCounter;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the busiest requests say to the database, counted as the database receives it (BEGIN and
 * COMMIT included), so that statements per task cannot creep back unnoticed.
 */
class StatementBudgetIT extends PolderIT {

    @Autowired
    StatementCounter counter;

    private StatementCounter.Counts counted(Runnable request) {
        counter.reset();
        request.run();
        StatementCounter.Counts counts = counter.counts();
        System.out.println(counts);
        return counts;
    }

    @Test
    void aTaskThroughTheApiTakesFewStatements() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 20, 40, 1);
        CurrentUser worker = fixtures.worker();
        Api api = api().login(worker.username(), Fixtures.PASSWORD);
        // warm: the first request of a token and a batch may fill caches
        long first = api.post("/api/v1/assignments", Map.of("batchId", batch.id())).id();
        api.post("/api/v1/assignments/" + first + "/submit", Map.of("answers", Map.of("label", "cat")));

        long[] id = new long[1];
        StatementCounter.Counts claim = counted(() -> {
            Api.Response r = api.post("/api/v1/assignments", Map.of("batchId", batch.id()));
            assertThat(r.status()).isEqualTo(201);
            id[0] = r.id();
        });
        StatementCounter.Counts submit = counted(() ->
                assertThat(api.post("/api/v1/assignments/" + id[0] + "/submit", Map.of("answers", Map.of("label", "dog"))).status())
                        .isEqualTo(200));
        StatementCounter.Counts me = counted(() -> assertThat(api.get("/api/v1/me").status()).isEqualTo(200));

        System.out.println("claim " + claim.total() + ", submit " + submit.total() + ", me " + me.total());
        // 24: every rule checked on the way has its statement; the last added is whether the work and the worker are on
        // the same side of a sandbox's edge (one lookup by primary keys, issue 21).
        assertThat(claim.total() + submit.total()).as("statements per task (claim + submit)").isLessThanOrEqualTo(24);
        assertThat(me.total()).as("the account's own view comes with its token").isEqualTo(1);
        for (StatementCounter.Counts request : List.of(claim, submit, me)) {
            assertThat(request.checkouts()).as("one pool checkout per request").isEqualTo(1);
        }
    }
}
