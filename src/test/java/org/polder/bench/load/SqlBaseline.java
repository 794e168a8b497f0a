package org.polder.bench.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The database's own limit for the naive design: one transaction claims one open task with
 * {@code FOR UPDATE SKIP LOCKED}, takes its slot and writes one event row, issued directly over JDBC
 * (no HTTP, no application) by as many connections as there are workers. Its tables live in a schema
 * of their own, refilled before each run, with the index such a design would have: the open tasks in
 * id order.
 */
final class SqlBaseline {

    record Result(int workers, long transactions, double seconds, Latencies latencies) {
        double perSecond() {
            return transactions / seconds;
        }
    }

    private final String url;
    private final String user;
    private final String password;

    SqlBaseline(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void refill(int tasks) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS baseline CASCADE");
            s.execute("CREATE SCHEMA baseline");
            s.execute("CREATE TABLE baseline.task (id bigint PRIMARY KEY, open_slots int NOT NULL)");
            s.execute("CREATE INDEX task_open ON baseline.task (id) WHERE open_slots > 0");
            s.execute("CREATE TABLE baseline.event (id bigserial PRIMARY KEY, task_id bigint NOT NULL, worker int NOT NULL,"
                    + " at timestamptz NOT NULL DEFAULT now(), answer text, submitted_at timestamptz)");
            s.execute("CREATE TABLE baseline.log (id bigserial PRIMARY KEY, event_id bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())");
            s.execute("INSERT INTO baseline.task SELECT g, 1 FROM generate_series(1, " + tasks + ") g");
            s.execute("VACUUM ANALYZE baseline.task");
        }
    }

    /**
     * Claims at full speed for {@code seconds}. With {@code submit}, each claim is followed by a second
     * transaction that hands the task in (stores the answer on the claim's row and writes a log row):
     * what a task costs the database at the least, in two transactions.
     */
    Result run(int workers, double seconds, boolean submit) throws Exception {
        List<Latencies> parts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch finished = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < workers; w++) {
            Latencies mine = new Latencies();
            parts.add(mine);
            int worker = w;
            Thread t = new Thread(() -> {
                try (Connection c = connect()) {
                    c.setAutoCommit(false);
                    PreparedStatement pick = c.prepareStatement(
                            "SELECT id FROM baseline.task WHERE open_slots > 0 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
                    PreparedStatement take = c.prepareStatement("UPDATE baseline.task SET open_slots = open_slots - 1 WHERE id = ?");
                    PreparedStatement event = c.prepareStatement("INSERT INTO baseline.event (task_id, worker) VALUES (?, ?) RETURNING id");
                    PreparedStatement answer = c.prepareStatement("UPDATE baseline.event SET answer = ?, submitted_at = now() WHERE id = ?");
                    PreparedStatement log = c.prepareStatement("INSERT INTO baseline.log (event_id) VALUES (?)");
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        try (ResultSet rs = pick.executeQuery()) {
                            if (!rs.next()) {
                                c.rollback();
                                throw new IllegalStateException("the baseline ran out of tasks; give it more");
                            }
                            long id = rs.getLong(1);
                            take.setLong(1, id);
                            take.executeUpdate();
                            event.setLong(1, id);
                            event.setInt(2, worker);
                            long claimed;
                            try (ResultSet key = event.executeQuery()) {
                                key.next();
                                claimed = key.getLong(1);
                            }
                            c.commit();
                            if (submit) {
                                answer.setString(1, "{\"label\":\"cat\"}");
                                answer.setLong(2, claimed);
                                answer.executeUpdate();
                                log.setLong(1, claimed);
                                log.executeUpdate();
                                c.commit();
                            }
                        }
                        mine.add(System.nanoTime() - start);
                    }
                } catch (Exception e) {
                    failures.add(e);
                    ready.countDown();
                } finally {
                    finished.countDown();
                }
            }, "baseline-" + w);
            threads.add(t);
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        // The measuring window: its length, or less when every worker stopped early (a failure).
        finished.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        stop.set(true);
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        Latencies all = Latencies.merge(parts);
        return new Result(workers, all.count(), elapsed, all);
    }

    /** Slots taken twice: events of the same task beyond its one slot. */
    long doubleHandouts() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM (SELECT task_id FROM baseline.event GROUP BY task_id HAVING COUNT(*) > 1) x")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
