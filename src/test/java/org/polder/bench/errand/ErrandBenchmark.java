package org.polder.bench.errand;

import org.polder.errand.internal.H3GeoIndex;
import org.polder.errand.internal.RedisGeoIndex;
import org.polder.errand.SimulatedCity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Choosing the courier for an errand while couriers keep moving: Polder's in-memory H3 index against
 * the same nearest-k query in PostGIS (a geography column with a GiST index), on the same couriers, in
 * the same run. Each side gets a position updater paced at the target rate and query threads that ask
 * for the k nearest couriers within a radius of a random pickup; the report gives queries per second,
 * their p50/p99 latency, and the update rate each side actually sustained. Then the dispatch
 * simulation: greedy nearest against batch matching.
 *
 * <p>Usage: {@code ErrandBenchmark <jdbc-url of a database with PostGIS> <results file>}; settings as
 * system properties: bench.couriers, bench.updates (per second), bench.seconds, bench.queryThreads,
 * bench.k, bench.km.
 */
public final class ErrandBenchmark {

    static final int COURIERS = Integer.getInteger("bench.couriers", 100_000);
    static final int UPDATES_PER_SECOND = Integer.getInteger("bench.updates", 25_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    static final int QUERY_THREADS = Integer.getInteger("bench.queryThreads", 1);
    static final int K = Integer.getInteger("bench.k", 10);
    static final double KM = Double.parseDouble(System.getProperty("bench.km", "3"));
    static final double CITY_KM = 15;
    static final int[] SIM_COURIERS = {60, 100, 200};
    static final double SIM_RATE = 0.1;
    static final int SIM_SECONDS = 4 * 3600;

    record Outcome(String name, long queries, double seconds, long updates, double p50Ms, double p99Ms, double meanFound) {
        double qps() {
            return queries / seconds;
        }

        double ups() {
            return updates / seconds;
        }
    }

    /** One side: where couriers are moved and nearest couriers are asked for. */
    interface Side extends AutoCloseable {
        void move(int[] ids, double[][] to) throws Exception;

        int nearest(double lat, double lng) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path out = Path.of(args[1]);
        SimulatedCity city = new SimulatedCity(52.37, 4.90, CITY_KM, 42);
        double[][] start = new double[COURIERS][];
        for (int i = 0; i < COURIERS; i++) {
            start[i] = city.place();
        }
        System.out.printf("%d couriers, %d updates/s, %d s per side, %d query thread(s)%n", COURIERS, UPDATES_PER_SECOND, SECONDS, QUERY_THREADS);

        H3GeoIndex h3 = new H3GeoIndex();
        for (int i = 0; i < COURIERS; i++) {
            h3.put(i, start[i][0], start[i][1]);
        }
        Outcome memory = measure("H3 in memory (Polder)", city, new Side() {
            public void move(int[] ids, double[][] to) {
                for (int i = 0; i < ids.length; i++) {
                    h3.put(ids[i], to[i][0], to[i][1]);
                }
            }

            public int nearest(double lat, double lng) {
                return h3.nearest(lat, lng, K, KM).size();
            }

            public void close() {
            }
        });
        System.out.println(memory);

        Outcome redis;
        Outcome redisStill;
        String redisUrl = System.getProperty("bench.redis", "redis://127.0.0.1:6379");
        // Positions and questions on connections of their own, as on two nodes: one receiving positions, one dispatching.
        try (RedisGeoIndex index = new RedisGeoIndex(redisUrl, "polder:bench:couriers");
             RedisGeoIndex positions = new RedisGeoIndex(redisUrl, "polder:bench:couriers")) {
            index.clear();
            for (int from = 0; from < COURIERS; from += 1000) {
                int n = Math.min(1000, COURIERS - from);
                long[] ids = new long[n];
                double[][] at = new double[n][];
                for (int i = 0; i < n; i++) {
                    ids[i] = from + i;
                    at[i] = start[from + i];
                }
                index.putAll(ids, at);
            }
            Side side = new Side() {
                public void move(int[] ids, double[][] to) {
                    positions.putAll(java.util.Arrays.stream(ids).asLongStream().toArray(), to);
                }

                public int nearest(double lat, double lng) {
                    return index.nearest(lat, lng, K, KM).size();
                }

                public void close() {
                }
            };
            redis = measure("Redis 7 GEOSEARCH (Polder's shared index)", city, side, true);
            // The reference in the same run: the same questions while nobody moves, to see what the updates cost.
            redisStill = measure("Redis 7 GEOSEARCH, no positions arriving", city, side, false);
            index.clear();
        }
        System.out.println(redis);
        System.out.println(redisStill);

        Outcome postgis;
        try (PostGis side = new PostGis(url, start)) {
            postgis = measure("PostGIS " + side.version, city, side);
        }
        System.out.println(postgis);

        List<DispatchDecisionBenchmark.Row> decisions = Boolean.parseBoolean(System.getProperty("bench.decision", "true"))
                ? DispatchDecisionBenchmark.run(System.getProperty("bench.dispatchUrl", "jdbc:postgresql://127.0.0.1:5432/polder_bench_dispatch"),
                        redisUrl)
                : List.of();

        List<DispatchSimulation.Result> sim = new ArrayList<>();
        for (int couriers : SIM_COURIERS) {
            for (DispatchSimulation.Mode mode : DispatchSimulation.Mode.values()) {
                DispatchSimulation.Result r = DispatchSimulation.run(mode, couriers, SIM_RATE, SIM_SECONDS, 3, 7);
                sim.add(r);
                System.out.println(r);
            }
        }
        List<RouteComparison.Row> routes = new ArrayList<>();
        RouteComparison.run(6, 50, 1);   // warm-up, not reported
        for (int stops : new int[]{4, 6, 8}) {
            RouteComparison.Row r = RouteComparison.run(stops, 200, 11);
            routes.add(r);
            System.out.println(r);
        }
        write(out, memory, redis, redisStill, postgis, decisions, sim, routes);
    }

    static Outcome measure(String name, SimulatedCity city, Side side) throws Exception {
        return measure(name, city, side, true);
    }

    static Outcome measure(String name, SimulatedCity city, Side side, boolean moving) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong updates = new AtomicLong();
        Throwable[] failure = new Throwable[1];
        Thread updater = new Thread(() -> {
            try {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int batch = Math.max(1, UPDATES_PER_SECOND / 100);   // every 10 ms
                long next = System.nanoTime();
                while (running.get() && moving) {
                    int[] ids = new int[batch];
                    double[][] to = new double[batch][];
                    for (int i = 0; i < batch; i++) {
                        ids[i] = random.nextInt(COURIERS);
                        to[i] = city.place(random);
                    }
                    side.move(ids, to);
                    updates.addAndGet(batch);
                    next += 10_000_000L;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "updater");
        List<long[]> latencies = new ArrayList<>();
        AtomicLong found = new AtomicLong();
        List<Thread> askers = new ArrayList<>();
        for (int q = 0; q < QUERY_THREADS; q++) {
            long[] mine = new long[5_000_000];
            latencies.add(mine);
            askers.add(new Thread(() -> {
                try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int n = 0;
                    while (running.get() && n < mine.length - 1) {
                        double[] p = city.place(random);
                        long t0 = System.nanoTime();
                        found.addAndGet(side.nearest(p[0], p[1]));
                        mine[++n] = System.nanoTime() - t0;
                    }
                    mine[0] = n;
                } catch (Throwable t) {
                    failure[0] = t;
                }
            }, "asker-" + q));
        }
        updater.start();
        Thread.sleep(2000);   // updates under way before anything is measured
        long u0 = updates.get();
        long t0 = System.nanoTime();
        askers.forEach(Thread::start);
        Thread.sleep(SECONDS * 1000L);
        running.set(false);
        for (Thread t : askers) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long u = updates.get() - u0;
        updater.join();
        if (failure[0] != null) {
            throw new IllegalStateException(name + " failed", failure[0]);
        }
        long total = latencies.stream().mapToLong(l -> l[0]).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, at, (int) l[0]);
            at += (int) l[0];
        }
        Arrays.sort(all);
        return new Outcome(name, total, seconds, u, all[(int) (total * 0.5)] / 1e6, all[(int) Math.min(total - 1, total * 0.99)] / 1e6,
                (double) found.get() / Math.max(1, total));
    }

    /** The same couriers in PostGIS: a geography point per courier, a GiST index, K-nearest by {@code <->} within the radius. */
    static final class PostGis implements Side {
        final String version;
        private final String url;
        private final Connection updates;
        private final ThreadLocal<PreparedStatement> query;
        private final PreparedStatement move;
        private final List<Connection> connections = new ArrayList<>();

        PostGis(String url, double[][] start) throws SQLException {
            this.url = url;
            updates = connect();
            try (Statement s = updates.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
                s.execute("DROP TABLE IF EXISTS bench_courier");
                s.execute("CREATE TABLE bench_courier (id INT PRIMARY KEY, geog geography(Point, 4326) NOT NULL)");
                ResultSet rs = s.executeQuery("SELECT postgis_lib_version()");
                rs.next();
                version = rs.getString(1);
            }
            updates.setAutoCommit(false);
            try (PreparedStatement insert = updates.prepareStatement("INSERT INTO bench_courier VALUES (?, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography)")) {
                for (int i = 0; i < start.length; i++) {
                    insert.setInt(1, i);
                    insert.setDouble(2, start[i][1]);
                    insert.setDouble(3, start[i][0]);
                    insert.addBatch();
                    if (i % 5000 == 4999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            updates.commit();
            try (Statement s = updates.createStatement()) {
                s.execute("CREATE INDEX bench_courier_geog ON bench_courier USING GIST (geog)");
                s.execute("ANALYZE bench_courier");
            }
            updates.commit();
            move = updates.prepareStatement("UPDATE bench_courier SET geog = ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography WHERE id = ?");
            query = ThreadLocal.withInitial(() -> {
                try {
                    Connection c = connect();
                    synchronized (connections) {
                        connections.add(c);
                    }
                    return c.prepareStatement("""
                            SELECT id FROM bench_courier, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS p) q
                            WHERE ST_DWithin(geog, q.p, ?) ORDER BY geog <-> q.p LIMIT ?""");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        private Connection connect() throws SQLException {
            String password = System.getenv().getOrDefault("POLDER_TEST_PG_PASSWORD", "");
            return DriverManager.getConnection(url, "postgres", password);
        }

        @Override
        public void move(int[] ids, double[][] to) throws SQLException {
            for (int i = 0; i < ids.length; i++) {
                move.setDouble(1, to[i][1]);
                move.setDouble(2, to[i][0]);
                move.setInt(3, ids[i]);
                move.addBatch();
            }
            move.executeBatch();
            updates.commit();
        }

        @Override
        public int nearest(double lat, double lng) throws SQLException {
            PreparedStatement q = query.get();
            q.setDouble(1, lng);
            q.setDouble(2, lat);
            q.setDouble(3, KM * 1000);
            q.setInt(4, K);
            int n = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() throws SQLException {
            for (Connection c : connections) {
                c.close();
            }
            updates.close();
        }
    }

    static void write(Path out, Outcome memory, Outcome redis, Outcome redisStill, Outcome postgis, List<DispatchDecisionBenchmark.Row> decisions,
                      List<DispatchSimulation.Result> sim, List<RouteComparison.Row> routes) throws IOException {
        // A section measured by another command (bench/errand/offer-latency) is kept as it is.
        String kept = Files.exists(out) ? Files.readString(out) : "";
        int tail = kept.indexOf("\n## From a courier's position");
        StringBuilder md = new StringBuilder();
        md.append("# Errands: choosing the courier, and how\n\n");
        md.append("Command: `bench/errand/run` (PostgreSQL with PostGIS on 127.0.0.1:5432 and Redis on 127.0.0.1:6379; settings as "
                + "`-Dbench.seconds=20` etc.).\n");
        md.append("Measured on ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(".\n\n");
        md.append("## Nearest couriers while couriers move\n\n");
        md.append(String.format(Locale.ROOT, "%,d couriers in a city of %.0f km radius; an updater moves them at a target of %,d positions a second "
                        + "(in batches every 10 ms); %d thread(s) ask for the %d nearest couriers within %.0f km of a random pickup, for %d s per side. "
                        + "All sides run in this process's run, one after the other, on the same couriers and the same machine.%n%n",
                COURIERS, CITY_KM, UPDATES_PER_SECOND, QUERY_THREADS, K, KM, SECONDS));
        md.append("| side | queries/s | p50 ms | p99 ms | updates/s sustained | couriers found per query |\n|---|---:|---:|---:|---:|---:|\n");
        for (Outcome o : List.of(memory, redis, redisStill, postgis)) {
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.3f | %.3f | %,.0f | %.1f |%n", o.name(), o.qps(), o.p50Ms(), o.p99Ms(), o.ups(), o.meanFound()));
        }
        md.append(String.format(Locale.ROOT, "%nThroughput ratio (H3 / PostGIS): **%.1fx**; p99 %.3f ms against %.3f ms. "
                        + "Redis / PostGIS: **%.1fx**; p99 %.3f ms.%n",
                memory.qps() / postgis.qps(), memory.p99Ms(), postgis.p99Ms(), redis.qps() / postgis.qps(), redis.p99Ms()));
        md.append("\nWhat this measures: the choice of candidates only, as `Dispatch` asks the index for them. Polder's index is in the "
                + "application's memory, so a query costs no network round trip; PostGIS's includes JDBC over loopback, as it would in an "
                + "application using it. After the choice, an offer also takes a database transaction (locks, the offer, its decision "
                + "record), which no side here includes. The goal was at least 20x PostGIS's throughput at an equal or better p99. Redis "
                + "is what several nodes share (`polder.errand.geo-index=redis`): positions and questions on connections of their own, as "
                + "on two nodes, over loopback, each batch of positions one GEOADD; a question asks within an eighth of the radius first, "
                + "then half, then all (Redis measures and sorts every courier within the radius asked). The row with no positions "
                + "arriving is the reference from the same run: what the questions cost when Redis does nothing else.\n");
        md.append(String.format(Locale.ROOT, "%nRedis's p99 with positions arriving against none: %.3f ms against %.3f ms, at p50 %.3f against "
                + "%.3f: the slow questions are those that wait behind a batch of positions in Redis's single thread.%n",
                redis.p99Ms(), redisStill.p99Ms(), redis.p50Ms(), redisStill.p50Ms()));
        if (!decisions.isEmpty()) {
            md.append("\n## The dispatch decision end to end, per index\n\n");
            md.append(String.format(Locale.ROOT, "`DispatchDecisionBenchmark`: Polder itself (its services, PostgreSQL on this machine) with "
                    + "%,d couriers on duty (their accounts, duty and positions in the database; the index rebuilt from them as after a "
                    + "restart, or for the database index, whose table keeps its couriers through restarts, written in one batch) while an "
                    + "updater moves them in the index at a target of %,d positions a second, one `put` at a time from one thread as "
                    + "positions arrive one by one: Redis answers each in a round trip, the database index in a transaction each, so "
                    + "neither sustains the target that way (the candidate benchmark above gives Redis positions in batches). A trial books an errand at a "
                    + "random pickup (`Errands.book`: escrow, the errand, its timeline, then the offer: candidates from the index, the "
                    + "courier's duty row locked, their checks, the decision record, the offer and the trail, in the booking's transaction); "
                    + "the reference in the same run books errands where no courier is, so no offer is made. %d trials each after 50 "
                    + "to warm up; errands are cancelled between trials, outside the timing. `database` is the H3 cells in a table "
                    + "(`courier_spot`), `redis` Redis 7, `memory` the in-memory H3 index of a single node. The reference looks for "
                    + "couriers as far as the search radius (10 km) and finds none: cheap in memory and in Redis, but the database "
                    + "index reads ring after ring of cells until the radius, so there the reference costs more than finding a "
                    + "courier nearby, and the difference says nothing of the decision.%n%n",
                    decisions.get(0).couriers(), DispatchDecisionBenchmark.UPDATES_PER_SECOND, decisions.get(0).trials()));
            md.append("| index | booked and offered p50 ms | p99 ms | reference (no offer) p50 ms | p99 ms | difference at p50 | "
                    + "offered | positions/s sustained |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (DispatchDecisionBenchmark.Row r : decisions) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f ms | %.0f%% | %,.0f |%n", r.index(), r.p50Ms(),
                        r.p99Ms(), r.baseP50Ms(), r.baseP99Ms(), r.p50Ms() - r.baseP50Ms(), 100 * r.offered(), r.updatesPerSecond()));
            }
        }
        md.append("\n## Greedy nearest, batch matching and stacking\n\n");
        md.append(String.format(Locale.ROOT, "A simulated city of %.0f km radius for %d hours (`DispatchSimulation`): couriers ride at 12-18 km/h, "
                + "an errand arrives every %.0f seconds from one of %d shops to a random door, due 45 minutes after booking; candidates "
                + "within 3 km, an errand nobody takes in 15 minutes is given up. Greedy gives each errand in turn the nearest free courier; "
                + "batch matches all waiting errands with all free couriers every second for the least total distance; stacked first "
                + "adds an errand to a courier still on the way to the same shop (at most %d errands at once, at most %.0f km more on "
                + "their route, no stop later), then matches the rest as batch does. Same couriers, same errands (seed 7). Wait is "
                + "from booking to the courier at the pickup.%n%n",
                DispatchSimulation.CITY_KM, SIM_SECONDS / 3600, 1 / SIM_RATE, DispatchSimulation.SHOPS, DispatchSimulation.STACK_MAX,
                DispatchSimulation.DETOUR_KM));
        md.append("| couriers | mode | picked up / booked | given up | mean km to pickup | p90 km | mean wait s | p90 wait s | delivered "
                + "| errands per ride | courier pay per hour on duty | share of duty time waiting |\n"
                + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DispatchSimulation.Result r : sim) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %,d / %,d | %,d | %.2f | %.2f | %.0f | %.0f | %,d | %.2f | €%.2f | %.0f%% |%n",
                    r.couriers(), r.mode(), r.served(), r.arrived(), r.dropped(), r.meanPickupKm(), r.p90PickupKm(), r.meanWaitS(), r.p90WaitS(),
                    r.delivered(), r.errandsPerRide(), r.payPerDutyHourCents() / 100.0, 100 * r.waitingShare()));
        }
        md.append("\nWith couriers to spare, both choose the same. When couriers are short, greedy hands each courier who comes free to the "
                + "oldest waiting errand wherever it is, while batch matching hands them to the errands they are nearest to: shorter rides "
                + "to pickups, so more errands picked up and shorter waits, at the price that an errand far from every courier may wait "
                + "longer than under first come, first served. Errands still under way when the simulation ends are not counted as picked up. "
                + "Pay per hour on duty counts what delivered errands pay by the default rules (€3.50 and €1.20 per km from pickup to "
                + "drop-off), before the hourly minimum tops up the waiting; the waiting share is the time couriers on duty had no errand."
                + " Stacking adds to batch matching: an errand that joins a courier already on the way to the same shop needs no courier of its own, so when couriers are short fewer errands are given up and waits are shorter, and couriers carry more per trip (errands per ride: errands given to couriers over the trips to a pickup they began); with couriers to spare it changes little.\n");
        md.append("\n## The order of a ride's stops: Polder's heuristic against the best order\n\n");
        md.append("`RouteComparison`: rides of one pickup and n drop-offs within 3 km, half of them due 20 to 80 minutes after the start "
                + "(seed 11). The heuristic (`Route.plan`: insertion from a few starting orders, then moves and swaps) against the exact "
                + "search (`Route.exact`: every order), on the same rides; cost is km plus 100 km for every minute late, as `Route` weighs "
                + "it. The exact search is the yardstick, being the best there is; it grows as n! and is refused above 9 stops, where "
                + "the heuristic keeps going (a ride has up to 20).\n\n");
        md.append("| drop-offs | rides | mean cost / best | worst | best order found | late where the best is on time | heuristic µs per ride "
                + "| exact µs per ride |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RouteComparison.Row r : routes) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.0f%% | %d | %,.0f | %,.0f |%n", r.stops(), r.rides(), r.meanRatio(),
                    r.worstRatio(), 100 * r.sameShare(), r.lateWhereBestOnTime(), r.heuristicMicros(), r.exactMicros()));
        }
        if (tail >= 0) {
            md.append(kept.substring(tail));
        }
        Files.writeString(out, md.toString());
        System.out.println("Wrote " + out);
    }

    private ErrandBenchmark() {
    }
}
