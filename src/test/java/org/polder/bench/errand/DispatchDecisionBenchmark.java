package org.polder.bench.errand;

import org.polder.PolderApplication;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.Errands;
import org.polder.errand.GeoIndex;
import org.polder.errand.Place;
import org.polder.errand.SimulatedCity;
import org.polder.errand.internal.RedisGeoIndex;
import org.polder.ledger.Funding;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dispatch decision end to end, on Polder's own code and PostgreSQL, for each courier index: 100,000 couriers on duty
 * (accounts, duty rows and positions in the database, the index rebuilt from them as after a restart) while an updater
 * moves them in the index at a target of 25,000 positions a second. Each trial books an errand at a random pickup in the
 * city ({@link Errands#book}: escrow, the errand's row, its timeline, then the offer: candidates from the index, the
 * courier's duty row locked, their checks, the decision record, the offer and the trail, all in the booking's
 * transaction); the reference in the same run books the same errands where no courier is, so that no offer is made. The
 * difference is what choosing and offering add. Errands are cancelled between trials, outside the timing.
 */
final class DispatchDecisionBenchmark {

    record Row(String index, int couriers, int trials, double offered, double p50Ms, double p99Ms, double baseP50Ms, double baseP99Ms,
               double updatesPerSecond) {
    }

    static final int COURIERS = Integer.getInteger("bench.decision.couriers", 100_000);
    static final int TRIALS = Integer.getInteger("bench.decision.trials", 300);
    static final int UPDATES_PER_SECOND = Integer.getInteger("bench.updates", 25_000);
    private static final String PASSWORD = "Bench-" + java.util.UUID.randomUUID();

    static List<Row> run(String url, String redisUrl) throws Exception {
        List<Row> rows = new ArrayList<>();
        boolean seeded = false;
        for (String kind : List.of("memory", "redis", "database")) {
            if (kind.equals("redis")) {
                try (RedisGeoIndex clear = new RedisGeoIndex(redisUrl, "polder:bench:dispatch")) {
                    clear.clear();
                }
            }
            // As arguments: they come before the application's own properties (its embedded database, its demo).
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PolderApplication.class)
                    .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
                            "--server.port=0", "--polder.demo.enabled=false", "--polder.jobs.enabled=false", "--polder.errand.geo-index=" + kind,
                            "--polder.errand.redis-url=" + redisUrl, "--polder.errand.redis-key=polder:bench:dispatch",
                            "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
                if (!seeded) {
                    seed(ctx);
                    seeded = true;
                }
                if (kind.equals("database")) {
                    fillSpots(ctx);   // the table is the index: it keeps couriers through restarts, so nothing rebuilds it
                } else {
                    ctx.getBean(Duty.class).rebuildIndex();
                }
                Row row = trials(ctx, kind);
                rows.add(row);
                System.out.println(row);
            }
        }
        return rows;
    }

    private static final SimulatedCity CITY = new SimulatedCity(52.37, 4.90, ErrandBenchmark.CITY_KM, 42);

    /** The requester with money, and the couriers on duty at their positions, written straight into the database. */
    private static void seed(ConfigurableApplicationContext ctx) {
        Accounts accounts = ctx.getBean(Accounts.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        var shop = accounts.createOrganisation("Bench bakery");
        accounts.create("bench-shop", PASSWORD, "Bench shop", EnumSet.of(Role.REQUESTER), shop.id(), "en");
        var admin = accounts.create("bench-admin", PASSWORD, "Bench admin", EnumSet.of(Role.ADMIN), null, "en");
        ctx.getBean(Funding.class).fund(admin.id(), shop.id(), 10_000_000, "Bench funds");
        jdbc.sql("""
                        INSERT INTO account (username, display_name, password_hash, language, created_at)
                        SELECT 'bench-courier-' || g, 'Courier ' || g, 'not-a-hash', 'en', now() FROM generate_series(1, ?) g""")
                .param(COURIERS).update();
        jdbc.sql("INSERT INTO account_role (account_id, role) SELECT id, 'WORKER' FROM account WHERE username LIKE 'bench-courier-%'").update();
        jdbc.sql("INSERT INTO courier_duty (worker_id, on_duty, since) SELECT id, TRUE, now() FROM account WHERE username LIKE 'bench-courier-%'").update();
        jdbc.sql("INSERT INTO courier_duty_session (worker_id, started_at) SELECT id, now() FROM account WHERE username LIKE 'bench-courier-%'").update();
        List<Long> ids = jdbc.sql("SELECT id FROM account WHERE username LIKE 'bench-courier-%' ORDER BY id").query(Long.class).list();
        var template = new org.springframework.jdbc.core.JdbcTemplate(ctx.getBean(javax.sql.DataSource.class));
        for (int from = 0; from < ids.size(); from += 5000) {
            List<Object[]> batch = new ArrayList<>();
            for (long id : ids.subList(from, Math.min(ids.size(), from + 5000))) {
                double[] p = CITY.place();
                batch.add(new Object[]{id, p[0], p[1]});
            }
            template.batchUpdate("INSERT INTO courier_position (worker_id, latitude, longitude, recorded_at) VALUES (?, ?, ?, now())", batch);
        }
        jdbc.sql("ANALYZE").update();
    }

    /** The database index's table filled from the positions in one batch, as the couriers' positions would have filled it. */
    private static void fillSpots(ConfigurableApplicationContext ctx) throws Exception {
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        var template = new org.springframework.jdbc.core.JdbcTemplate(ctx.getBean(javax.sql.DataSource.class));
        com.uber.h3core.H3Core h3 = com.uber.h3core.H3Core.newInstance();
        jdbc.sql("DELETE FROM courier_spot").update();
        List<Object[]> rows = jdbc.sql("SELECT worker_id, latitude, longitude FROM courier_position")
                .query((rs, n) -> new Object[]{rs.getLong(1), h3.latLngToCell(rs.getDouble(2), rs.getDouble(3),
                        org.polder.errand.internal.H3GeoIndex.RESOLUTION), rs.getDouble(2), rs.getDouble(3)}).list();
        template.batchUpdate("INSERT INTO courier_spot (worker_id, cell, latitude, longitude) VALUES (?, ?, ?, ?)", rows);
        jdbc.sql("ANALYZE courier_spot").update();
    }

    private static Row trials(ConfigurableApplicationContext ctx, String kind) throws Exception {
        Errands errands = ctx.getBean(Errands.class);
        GeoIndex index = ctx.getBean(GeoIndex.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        CurrentUser shop = ctx.getBean(Accounts.class).byUsername("bench-shop").orElseThrow();
        List<Long> ids = jdbc.sql("SELECT id FROM account WHERE username LIKE 'bench-courier-%' ORDER BY id").query(Long.class).list();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong updates = new AtomicLong();
        Thread updater = new Thread(() -> {
            Random random = new Random(1);
            SimulatedCity moving = new SimulatedCity(52.37, 4.90, ErrandBenchmark.CITY_KM, 43);
            int perTick = UPDATES_PER_SECOND / 100;
            while (running.get()) {
                long tick = System.nanoTime();
                for (int i = 0; i < perTick; i++) {
                    double[] p = moving.place();
                    index.put(ids.get(random.nextInt(ids.size())), p[0], p[1]);
                }
                updates.addAndGet(perTick);
                long sleep = 10_000_000 - (System.nanoTime() - tick);
                if (sleep > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                }
            }
        });
        updater.setDaemon(true);
        updater.start();
        long started = System.nanoTime();
        try {
            Random random = new Random(7);
            // Warm-up, not counted.
            book(errands, jdbc, shop, random, 50, false);
            long[] offered = new long[1];
            List<Double> withOffer = book(errands, jdbc, shop, random, TRIALS, false, offered);
            List<Double> reference = book(errands, jdbc, shop, random, TRIALS, true);
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Row(kind, COURIERS, TRIALS, (double) offered[0] / TRIALS, percentile(withOffer, 0.5), percentile(withOffer, 0.99),
                    percentile(reference, 0.5), percentile(reference, 0.99), updates.get() / seconds);
        } finally {
            running.set(false);
            updater.join();
        }
    }

    private static List<Double> book(Errands errands, JdbcClient jdbc, CurrentUser shop, Random random, int n, boolean nobodyNear) {
        return book(errands, jdbc, shop, random, n, nobodyNear, new long[1]);
    }

    /** Books n errands, each timed, then cancels it (its offer withdrawn, the courier free again); counts those offered. */
    private static List<Double> book(Errands errands, JdbcClient jdbc, CurrentUser shop, Random random, int n, boolean nobodyNear, long[] offered) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = CITY.place();
            double lat = nobodyNear ? p[0] - 20 : p[0];
            Place pickup = new Place("Bench pickup " + i, lat, p[1]);
            Place dropoff = new Place("Bench door " + i, lat + 0.01 * random.nextDouble(), p[1] + 0.01 * random.nextDouble());
            long t0 = System.nanoTime();
            Errand e = errands.book(shop, new Errands.ErrandSpec(pickup, dropoff, "Bench", null, null, "", Errand.Proof.PIN, null));
            ms.add((System.nanoTime() - t0) / 1e6);
            offered[0] += jdbc.sql("SELECT COUNT(*) FROM errand_offer WHERE errand_id = ?").param(e.id()).query(Long.class).single();
            errands.cancel(shop, e.id(), "Bench");
        }
        return ms;
    }

    private static double percentile(List<Double> xs, double q) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[(int) Math.min(s.length - 1, Math.floor(s.length * q))];
    }

    private DispatchDecisionBenchmark() {
    }
}
