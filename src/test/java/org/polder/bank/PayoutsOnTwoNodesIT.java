package org.polder.bank;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database, every step raced from both: workers asking for more payouts than their balance
 * holds, admins making payout runs, downloading their files and importing the bank's statement at once. The
 * money is reserved once per payout, each payout is in one run only, and each is paid exactly once.
 */
class PayoutsOnTwoNodesIT extends PolderIT {

    @Autowired
    Environment environment;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformAccount platform;

    private SecondNode second;

    @AfterEach
    void stopSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void payoutsAreReservedOnceRunOnceAndPaidOnceWhateverBothNodesDo() throws Exception {
        second = SecondNode.start(environment, clock);
        int[] ports = {port, second.port()};
        // Runs made by earlier tests are out of the way: this test counts only its own payouts.
        CurrentUser firstAdmin = fixtures.admin();
        new Api(port).login(firstAdmin.username(), Fixtures.PASSWORD).post("/api/v1/admin/payout-runs", Map.of());

        // Six workers with 10 euros each ask six times for 3 euros at once, on both nodes: three of each succeed.
        List<CurrentUser> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            CurrentUser w = fixtures.worker();
            fixtures.payable(w, 1_000);
            workers.add(w);
        }
        List<Callable<Integer>> asks = new ArrayList<>();
        for (CurrentUser w : workers) {
            Api[] nodes = {new Api(ports[0]).login(w.username(), Fixtures.PASSWORD), new Api(ports[1]).login(w.username(), Fixtures.PASSWORD)};
            for (int i = 0; i < 6; i++) {
                Api node = nodes[i % 2];
                asks.add(() -> node.post("/api/v1/me/payouts", Map.of("amount", 300)).status());
            }
        }
        List<Integer> statuses = race(asks);
        assertThat(statuses).containsOnly(201, 422);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(18);
        for (CurrentUser w : workers) {
            assertThat(ledger.balance(LedgerAccount.worker(w.id()))).isEqualTo(100);
            assertThat(ledger.balance(LedgerAccount.payoutPending(w.id()))).isEqualTo(900);
        }

        // Two admins make runs at once on both nodes: every payout lands in exactly one run.
        Api[] admins = {new Api(ports[0]).login(fixtures.admin().username(), Fixtures.PASSWORD),
                new Api(ports[1]).login(fixtures.admin().username(), Fixtures.PASSWORD)};
        List<Callable<Api.Response>> makeRuns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api admin = admins[i % 2];
            makeRuns.add(() -> admin.post("/api/v1/admin/payout-runs", Map.of()));
        }
        List<Api.Response> made = race(makeRuns);
        List<Api.Response> created = made.stream().filter(r -> r.status() == 201).toList();
        assertThat(made).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        assertThat(created).isNotEmpty();
        List<Long> ids = workers.stream().map(CurrentUser::id).toList();
        String in = ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM payout WHERE worker_id IN (" + in + ") AND state = 'IN_RUN'").query(Long.class).single()).isEqualTo(18);
        assertThat(created.stream().mapToInt(r -> r.json().get("payouts").asInt()).sum()).isEqualTo(18);

        // Both nodes download each file at once; then both import the bank's statement at once.
        List<Callable<Integer>> downloads = new ArrayList<>();
        for (Api.Response run : created) {
            for (Api admin : admins) {
                downloads.add(() -> admin.get("/api/v1/admin/payout-runs/" + run.id() + "/file").status());
            }
        }
        assertThat(race(downloads)).containsOnly(200);
        Camt053 statement = Camt053.statement(Fixtures.unique("STMT"), platform.iban());
        for (Api.Response run : created) {
            statement.batchDebit(run.json().get("controlSum").asLong(), run.json().get("messageId").asString(), run.json().get("payouts").asInt());
        }
        byte[] file = statement.bytes();
        long paidOutBefore = ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT));
        List<Callable<Integer>> imports = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Api admin = admins[i % 2];
            imports.add(() -> admin.postRaw("/api/v1/admin/bank/statements", "application/xml", file).status());
        }
        assertThat(race(imports)).contains(200).allSatisfy(s -> assertThat(s).isIn(200, 409));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM payout WHERE worker_id IN (" + in + ") AND state = 'PAID'").query(Long.class).single()).isEqualTo(18);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ledger_transaction WHERE kind = 'PAYOUT_PAID' AND reference IN "
                + "(SELECT 'payout:' || CAST(id AS VARCHAR(20)) FROM payout WHERE worker_id IN (" + in + "))").query(Long.class).single()).isEqualTo(18);
        assertThat(ledger.balance(LedgerAccount.platform(LedgerAccount.Type.PAID_OUT)) - paidOutBefore).isEqualTo(18 * 300);
        for (CurrentUser w : workers) {
            assertThat(ledger.balance(LedgerAccount.payoutPending(w.id()))).isZero();
        }
        assertThat(ledger.audit()).isEmpty();
    }

    /** Runs every task at the same moment, one thread each, and returns their results in order. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
