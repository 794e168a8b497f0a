package org.polder.microtask.internal;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.Sql;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.microtask.WorkerAssignment;
import org.polder.testing.PolderIT;
import org.polder.work.TimeAtWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online tasks' working time, kept per hour as tasks end, is what summing every task of the worker
 * would give: handed in one by one and as a suite, given back, expired, and still under way.
 */
class MicrotaskTimeIT extends PolderIT {

    @Autowired
    org.polder.work.WorkingTime workingTime;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    MicrotaskJobs jobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void hoursKeptAsTasksEndAddUpLikeEveryTaskSummed() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 40, 20, 1);
        CurrentUser worker = fixtures.worker();
        Instant from = clock.instant().minus(Duration.ofHours(2));

        long one = claiming.claim(worker, batch.id()).orElseThrow();
        clock.advance(Duration.ofSeconds(45));
        submissions.submit(worker, one, Map.of("label", "cat"));

        List<WorkerAssignment> suite = claiming.claimTasks(worker, batch.id(), 4);
        clock.advance(Duration.ofSeconds(80));
        Map<Long, Map<String, Object>> answers = new LinkedHashMap<>();
        suite.subList(0, 3).forEach(a -> answers.put(a.id(), Map.of("label", "dog")));
        submissions.handIn(worker, answers);
        clock.advance(Duration.ofSeconds(20));
        claiming.release(worker, suite.get(3).id());

        clock.advance(Duration.ofMinutes(50));   // into the next clock hour, at some times of day
        long expiring = claiming.claim(worker, batch.id()).orElseThrow();
        clock.advance(Duration.ofSeconds(601));
        jobs.runOnce();
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(expiring).query(String.class).single()).isEqualTo("EXPIRED");

        claiming.claim(worker, batch.id()).orElseThrow();   // still under way
        clock.advance(Duration.ofSeconds(30));
        Instant to = clock.instant().plus(Duration.ofHours(1));

        List<TimeAtWork.Period> online = workingTime.held(worker.id(), from, to).stream()
                .filter(p -> p.kind() == org.polder.work.WorkKind.MICROTASK).toList();
        assertThat(online).isEqualTo(everyTaskSummed(worker.id(), from, to));
        long total = online.stream().mapToLong(TimeAtWork.Period::seconds).sum();
        assertThat(total).as("45 + 80 shared by three + 100 given back + 601 expired + 30 under way").isEqualTo(45 + 80 + 100 + 601 + 30);
    }

    /** The periods as summing every task of the worker gives them (how they were computed before hours were kept). */
    private List<TimeAtWork.Period> everyTaskSummed(long worker, Instant from, Instant to) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        SELECT MIN(accepted_at) AS first_at, MAX(COALESCE(submitted_at, ended_at, ?)) AS last_at,
                               SUM(COALESCE(active_seconds, EXTRACT(EPOCH FROM COALESCE(submitted_at, ended_at, ?)) - EXTRACT(EPOCH FROM accepted_at))) AS seconds
                        FROM assignment WHERE worker_id = ? AND kind = 'MICROTASK' AND accepted_at >= ? AND accepted_at < ?
                        GROUP BY FLOOR(EXTRACT(EPOCH FROM accepted_at) / 3600) ORDER BY MIN(accepted_at)""")
                .params(Sql.ts(now), Sql.ts(now), worker, Sql.ts(from.minusSeconds(3600)), Sql.ts(to))
                .query((rs, n) -> new TimeAtWork.Period(org.polder.work.WorkKind.MICROTASK, Sql.instant(rs, "first_at"),
                        Sql.instant(rs, "last_at"), Math.round(rs.getDouble("seconds"))))
                .list();
    }
}
