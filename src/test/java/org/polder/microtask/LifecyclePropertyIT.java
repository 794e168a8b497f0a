package org.polder.microtask;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payouts;
import org.polder.microtask.internal.MicrotaskJobs;
import org.polder.testing.PolderIT;
import org.polder.work.AssignmentState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property test of money and the assignment lifecycle: a seeded random sequence of everything requesters,
 * workers and the clock do (publish, claim, submit, release, approve, reject, bonus, expiry, cancel,
 * payout), legal or not, and after every step the books balance, every batch's escrow is exactly what
 * its open and unfinished slots need, every worker was credited exactly what their paid work and bonuses
 * earned, and every assignment only ever moved along the lifecycle. A failing seed is named in the message;
 * run one seed with {@code -Dpolder.seed=N}.
 */
class LifecyclePropertyIT extends PolderIT {

    static final int STEPS = 120;

    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    MicrotaskJobs jobs;
    @Autowired
    Payouts payouts;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 23, 37})
    void anySequenceKeepsMoneyBalancedAndStatesLegal(long defaultSeed) {
        long seed = Long.getLong("polder.seed", defaultSeed);
        SplittableRandom random = new SplittableRandom(seed);
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 3_000);
        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        workers.forEach(w -> fixtures.payable(w, 0));
        List<Long> batchIds = new ArrayList<>();
        Map<Long, AssignmentState> seen = new HashMap<>();
        Map<Long, Long> bonuses = new HashMap<>();
        Map<Long, Long> paidOut = new HashMap<>();
        List<String> log = new ArrayList<>();

        for (int step = 0; step < STEPS; step++) {
            CurrentUser worker = workers.get(random.nextInt(workers.size()));
            // Mostly act on assignments in the state the action needs; sometimes on any, to try the refusals too.
            boolean legal = random.nextInt(5) > 0;
            List<Long> mine = legal ? assignmentsOf(worker.id(), null, "STARTED") : assignmentsOf(worker.id(), null, null);
            int op = random.nextInt(12);
            String what = "";
            try {
                switch (op) {
                    case 0 -> {
                        what = "publish";
                        Batch draft = fixtures.draft(requester, 1 + random.nextInt(4), 10 + random.nextInt(50), 1 + random.nextInt(2));
                        batches.publish(requester, draft.id());
                        batchIds.add(draft.id());
                    }
                    case 1, 2 -> {
                        what = "claim";
                        if (!batchIds.isEmpty()) {
                            claiming.claim(worker, batchIds.get(random.nextInt(batchIds.size())));
                        }
                    }
                    case 3, 4, 10 -> {
                        what = "submit";
                        if (!mine.isEmpty()) {
                            submissions.submit(worker, pick(random, mine), Map.of("label", "cat"));
                        }
                    }
                    case 5 -> {
                        what = "release";
                        if (!mine.isEmpty()) {
                            claiming.release(worker, pick(random, mine));
                        }
                    }
                    case 6, 11 -> {
                        what = "review";
                        List<Long> any = assignmentsOf(null, requester.organisationId(), legal ? "SUBMITTED" : null);
                        if (!any.isEmpty()) {
                            long a = pick(random, any);
                            if (random.nextBoolean()) {
                                reviews.approve(requester, a);
                            } else {
                                reviews.reject(requester, a, "Not what was asked");
                            }
                        }
                    }
                    case 7 -> {
                        what = "bonus";
                        List<Long> any = assignmentsOf(null, requester.organisationId(), null);
                        if (!any.isEmpty()) {
                            long a = pick(random, any);
                            long amount = 1 + random.nextInt(20);
                            Reviews.Bonus bonus = reviews.bonus(requester, a, amount, "Thanks");
                            bonuses.merge(bonus.workerId(), amount, Long::sum);
                        }
                    }
                    case 8 -> {
                        what = "clock";
                        clock.advance(Duration.ofSeconds(random.nextInt(3) == 0 ? 73 * 3600 : 300 + random.nextInt(400)));
                        jobs.runOnce();
                    }
                    default -> {
                        what = random.nextBoolean() ? "cancel" : "payout";
                        if (what.equals("cancel") && !batchIds.isEmpty() && random.nextInt(3) == 0) {
                            batches.cancel(requester, batchIds.get(random.nextInt(batchIds.size())));
                        } else if (what.equals("payout")) {
                            long balance = ledger.balance(LedgerAccount.worker(worker.id()));
                            long amount = 1 + random.nextInt(60);
                            payouts.request(worker.id(), amount);
                            assertThat(amount).as("a payout beyond the balance must be refused").isLessThanOrEqualTo(balance);
                            paidOut.merge(worker.id(), amount, Long::sum);
                        }
                    }
                }
                log.add(step + ":" + what);
            } catch (DomainException refused) {
                assertThat(refused.status().is4xxClientError()).as("seed %d step %d %s: %s", seed, step, what, refused.getMessage()).isTrue();
                log.add(step + ":" + what + "(refused)");
            }
            checkInvariants(seed, step, log, requester, workers, batchIds, seen, bonuses, paidOut);
        }
        // The walk went through the lifecycle, not only through refusals.
        for (String done : List.of("publish", "claim", "submit", "review", "clock")) {
            assertThat(log).as("seed %d: some %s succeeded", seed, done).anyMatch(l -> l.endsWith(":" + done));
        }
        assertThat(seen.values()).as("seed %d: assignments were paid", seed).contains(AssignmentState.PAID);
    }

    private void checkInvariants(long seed, int step, List<String> log, CurrentUser requester, List<CurrentUser> workers,
                                 List<Long> batchIds, Map<Long, AssignmentState> seen, Map<Long, Long> bonuses, Map<Long, Long> paidOut) {
        String where = "seed " + seed + " after step " + step + " " + log.subList(Math.max(0, log.size() - 6), log.size());
        assertThat(ledger.audit()).as(where).isEmpty();
        for (long id : batchIds) {
            Batch b = batches.get(requester, id);
            long slotCost = b.reward().cents() + b.fee().cents();
            long unfinished = b.progress().inProgress() + b.progress().submitted();
            long open = b.state() == Batch.State.PUBLISHED ? b.progress().open() : 0;
            assertThat(b.escrow().cents()).as(where + ": escrow of batch " + id).isEqualTo(slotCost * (open + unfinished));
            assertThat(jdbc.sql("""
                            SELECT COUNT(*) FROM (SELECT task_id, worker_id FROM assignment WHERE batch_id = ?
                            GROUP BY task_id, worker_id HAVING COUNT(*) > 1) twice""").param(id).query(Long.class).single())
                    .as(where + ": a worker got the same task twice").isZero();
        }
        for (CurrentUser w : workers) {
            long paidWork = jdbc.sql("SELECT COALESCE(SUM(reward), 0) FROM assignment WHERE worker_id = ? AND state = 'PAID'")
                    .param(w.id()).query(Long.class).single();
            long credited = ledger.totalCredited(LedgerAccount.worker(w.id()));
            assertThat(credited).as(where + ": credited to worker " + w.id()).isEqualTo(paidWork + bonuses.getOrDefault(w.id(), 0L));
            assertThat(ledger.balance(LedgerAccount.worker(w.id()))).as(where + ": balance of worker " + w.id())
                    .isEqualTo(credited - paidOut.getOrDefault(w.id(), 0L));
            jdbc.sql("SELECT id, state FROM assignment WHERE worker_id = ?").param(w.id()).query((rs, n) -> {
                long id = rs.getLong(1);
                AssignmentState now = AssignmentState.valueOf(rs.getString(2));
                AssignmentState before = seen.put(id, now);
                assertThat(before == null ? now == AssignmentState.STARTED || !now.isActive() : before == now || before.canMoveTo(now))
                        .as(where + ": assignment " + id + " went from " + before + " to " + now).isTrue();
                return id;
            }).list();
        }
    }

    /** Assignments of a worker, or of an organisation's batches, in one state or any, to act on at random. */
    private List<Long> assignmentsOf(Long workerId, Long organisationId, String state) {
        String inState = state == null ? "" : " AND a.state = '" + state + "'";
        return workerId != null
                ? jdbc.sql("SELECT a.id FROM assignment a WHERE a.worker_id = ?" + inState + " ORDER BY a.id").param(workerId)
                .query(Long.class).list()
                : jdbc.sql("SELECT a.id FROM assignment a JOIN batch b ON b.id = a.batch_id WHERE b.organisation_id = ?" + inState
                + " ORDER BY a.id").param(organisationId).query(Long.class).list();
    }

    private static long pick(SplittableRandom random, List<Long> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
