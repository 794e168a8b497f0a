package org.polder.bench.load;

import org.polder.testing.Api;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claim path at the database's pace. Not a test: run it with {@code bench/run} (see bench/RESULTS.md).
 * In one run, on one PostgreSQL:
 * <ol>
 * <li>the baselines over JDBC, no application ({@link SqlBaseline}): the naive claim transaction, and a task
 * as two transactions (claim, then hand in);</li>
 * <li>the packaged application (512 MB heap, a large batch) under wrk with the scripts in bench/wrk, one
 * connection per simulated worker: the node's own reference endpoints (a bare one and one doing
 * {@code SELECT 1}), {@code GET /api/v1/me}, tasks one at a time (claim, hand in) and in suites of ten;
 * every line with the generator's share of the CPU and the node's and PostgreSQL's CPU per unit;</li>
 * <li>the statements per task as PostgreSQL logs them ({@code log_statement = all}, BEGIN and COMMIT
 * included), when the server's log can be read;</li>
 * <li>the checks afterwards: no slot handed out twice, slots add up, the books balanced.</li>
 * </ol>
 * Settings (system properties): {@code bench.tasks} (400000), {@code bench.seconds} per run (20), {@code bench.warmup} (60),
 * {@code bench.heap} (512m), {@code bench.database} (polder_bench), {@code bench.pglog} (the server's log file, if readable).
 */
public final class ClaimLoadBenchmark {

    private static final int MOST_WORKERS = 64;
    /** The paced line offers this share of the suites per second that 32 workers without pause reached. */
    private static final double PACED_SHARE = 0.5;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path scripts = Path.of(args.length > 2 ? args[2] : "bench/wrk");
        int tasks = Integer.getInteger("bench.tasks", 400_000);
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "20"));
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "60"));
        String heap = System.getProperty("bench.heap", "512m");
        String database = System.getProperty("bench.database", "polder_bench");
        String server = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
        String user = System.getProperty("bench.user", "postgres");
        String pgLog = System.getProperty("bench.pglog", "");
        String password = System.getenv().getOrDefault("POLDER_TEST_PG_PASSWORD", "");
        Path work = Path.of("target", "bench");
        Files.createDirectories(work);

        String postgresVersion;
        String postgresSettings = settings(server + "postgres", user, password);
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
            ResultSet rs = s.executeQuery("SHOW server_version");
            rs.next();
            postgresVersion = rs.getString(1);
        }
        String url = server + database;

        // 1. The baselines, before the node starts, so that they have the machine to themselves.
        SqlBaseline baseline = new SqlBaseline(url, user, password);
        Map<String, SqlBaseline.Result> baselines = new LinkedHashMap<>();
        long baselineDoubles = 0;
        for (int workers : new int[]{32, 64}) {
            for (boolean submit : new boolean[]{false, true}) {
                baseline.refill(600_000);
                baseline.run(workers, 5, submit);   // warm-up
                baseline.refill(600_000);
                SqlBaseline.Result r = baseline.run(workers, seconds, submit);
                baselineDoubles += baseline.doubleHandouts();
                baselines.put((submit ? "task-" : "claim-") + workers, r);
                log("baseline %s at %d: %.0f/s, p50 %.2f ms, p99 %.2f ms", submit ? "claim + hand in" : "claim", workers, r.perSecond(),
                        r.latencies().percentileMillis(50), r.latencies().percentileMillis(99));
            }
        }

        // 2. The application.
        List<Wrk.Run> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Double> statements = new LinkedHashMap<>();
        Map<String, List<StatementProfile.Line>> profiles = new LinkedHashMap<>();
        Map<String, Double> profiledMillis = new LinkedHashMap<>();
        StatementProfile profile = StatementProfile.open(url, user, password, database);
        long peakHeap;
        long thinkMillis;
        try (Node node = Node.start(jar, heap, url, user, password, work)) {
            Api anonymous = new Api(node.port);
            long setupStart = System.nanoTime();
            long batchId = createBatch(anonymous, tasks);
            log("batch of %d tasks created and published in %.1f s", tasks, (System.nanoTime() - setupStart) / 1e9);
            vacuum(url, user, password);
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < MOST_WORKERS; i++) {
                tokens.add(registerWorker(anonymous, "bench-worker-" + i));
            }
            Path tokenFile = work.resolve("tokens.txt").toAbsolutePath();
            Files.write(tokenFile, tokens);
            String base = "http://127.0.0.1:" + node.port;
            Wrk wrk = new Wrk(scripts, node.pid());
            Map<String, String> taskEnv = Wrk.env("POLDER_TOKENS", tokenFile.toString(), "POLDER_BATCH", Long.toString(batchId), "POLDER_SUITE", "1");
            Map<String, String> suiteEnv = Wrk.env("POLDER_TOKENS", tokenFile.toString(), "POLDER_BATCH", Long.toString(batchId), "POLDER_SUITE", "10");

            // Warm-up until the JIT compilers have done most of their work (they take a core for the first minute).
            wrk.run("warm-up", "tasks.lua", base, 32, warmup * 0.7, taskEnv);
            wrk.run("warm-up", "tasks.lua", base, 32, warmup * 0.3, suiteEnv);
            wrk.run("warm-up", "get.lua", base + "/api/v1/me", 32, 5, Wrk.env("POLDER_TOKENS", tokenFile.toString()));

            giveBackHeld(anonymous, tokens);
            if (!pgLog.isBlank() && Files.isReadable(Path.of(pgLog))) {
                Api worker = anonymous.as(tokens.get(0));
                statements.put("one", countStatements(url, user, password, database, Path.of(pgLog), () -> doTasks(worker, batchId, 1, 100), 100));
                statements.put("suite", countStatements(url, user, password, database, Path.of(pgLog), () -> doTasks(worker, batchId, 10, 10), 100));
                log("statements per task as PostgreSQL logs them: %.1f one at a time, %.1f in suites of ten", statements.get("one"), statements.get("suite"));
            } else {
                log("PostgreSQL's log (bench.pglog) cannot be read: statements per task not counted");
            }

            runs.add(show(wrk.run("bare", "get.lua", base + "/api/v1/reference/bare", 32, seconds, Map.of())));
            runs.add(show(wrk.run("select1", "get.lua", base + "/api/v1/reference/select1", 32, seconds, Map.of())));
            runs.add(show(wrk.run("me", "get.lua", base + "/api/v1/me", 32, seconds, Wrk.env("POLDER_TOKENS", tokenFile.toString()))));
            for (String how : new String[]{"one", "suite"}) {
                for (int workers : new int[]{8, 32, 64}) {
                    giveBackHeld(anonymous, tokens);
                    vacuum(url, user, password);
                    if (profile != null) {
                        profile.reset();
                    }
                    Wrk.Run r = show(wrk.run(how, "tasks.lua", base, workers, seconds, how.equals("one") ? taskEnv : suiteEnv));
                    runs.add(r);
                    if (profile != null && r.figure("tasks") > 0) {
                        profiles.put(how + "-" + workers, profile.top(8, r.figure("tasks")));
                        profiledMillis.put(how + "-" + workers, profile.millisPerTask(r.figure("tasks")));
                    }
                }
            }
            // Below saturation: 64 workers who each pause before a claim, offering half the suites per second that
            // 32 workers without pause reached; the claim's p99 is then the node's, not that of a queue.
            double suitesPerSecond = find(runs, "suite", 32).figure("tasks") / seconds / 10;
            long think = Math.round(64 / (suitesPerSecond * PACED_SHARE) * 1000);
            Map<String, String> pacedEnv = new HashMap<>(suiteEnv);
            pacedEnv.put("POLDER_THINK_MS", Long.toString(think));
            giveBackHeld(anonymous, tokens);
            vacuum(url, user, password);
            runs.add(show(wrk.run("suite-paced", "tasks.lua", base, 64, seconds, pacedEnv)));
            thinkMillis = think;
            // The machine's pace drifts over minutes: the task baseline again, now that the node's lines are done
            // (the node idles meanwhile), and the ratios taken against the mean of both measurements.
            for (int workers : new int[]{32, 64}) {
                baseline.refill(600_000);
                baseline.run(workers, 5, true);
                baseline.refill(600_000);
                SqlBaseline.Result r = baseline.run(workers, seconds, true);
                baselineDoubles += baseline.doubleHandouts();
                baselines.put("task-" + workers + "-after", r);
                log("baseline claim + hand in at %d, again after the node's lines: %.0f/s", workers, r.perSecond());
            }
            for (Wrk.Run r : runs) {
                if (r.figure("errors") > 0) {
                    problems.add(r.name() + " at " + r.workers() + " workers: " + (long) r.figure("errors") + " requests failed");
                }
                if (r.figure("empty") > 0) {
                    problems.add(r.name() + " at " + r.workers() + " workers ran out of tasks; give the batch more (bench.tasks)");
                }
            }
            List<String> audit = new ArrayList<>();
            new Api(node.port).login(Node.ADMIN, Node.ADMIN_PASSWORD).get("/api/v1/admin/ledger/audit").json()
                    .forEach(n -> audit.add(n.asString()));
            if (!audit.isEmpty()) {
                problems.add("the ledger audit found: " + audit);
            }
            peakHeap = node.peakHeapMegabytes();
            problems.addAll(check(url, user, password, batchId));
        }
        if (baselineDoubles > 0) {
            problems.add("the baseline handed out " + baselineDoubles + " slots twice");
        }
        String report = report(tasks, seconds, warmup, heap, postgresVersion, postgresSettings, baselines, runs, statements, peakHeap, thinkMillis, problems)
                + profileReport(profiles, profiledMillis);
        Files.writeString(out, report);
        log("wrote %s", out);
        if (!problems.isEmpty()) {
            problems.forEach(p -> log("PROBLEM: %s", p));
            System.exit(1);
        }
    }

    private static Wrk.Run show(Wrk.Run r) {
        log("%s at %d: %.0f requests/s, %s; generator %.0f%% of the CPU, node %.2f s, PostgreSQL %.2f s of CPU",
                r.name(), r.workers(), r.requestsPerSecond(), r.figures(), r.generatorShare() * 100, r.nodeCpuSeconds(), r.postgresCpuSeconds());
        return r;
    }

    /**
     * A run ends with the tasks its workers had claimed but not yet handed in; they are given back before
     * the next run, so that no worker starts at the active-task limit.
     */
    private static void giveBackHeld(Api anonymous, List<String> tokens) {
        for (String token : tokens) {
            Api worker = anonymous.as(token);
            worker.get("/api/v1/me/assignments?state=STARTED&size=50").json().get("items")
                    .forEach(a -> expect(worker.post("/api/v1/assignments/" + a.get("id").asLong() + "/release", null), 200, "give a task back"));
        }
    }

    /** One worker claims and hands in, through the API, {@code rounds} times {@code suite} tasks. */
    private static void doTasks(Api worker, long batchId, int suite, int rounds) {
        for (int i = 0; i < rounds; i++) {
            if (suite == 1) {
                Api.Response claimed = worker.post("/api/v1/assignments", Map.of("batchId", batchId));
                expect(claimed, 201, "claim a task");
                expect(worker.post("/api/v1/assignments/" + claimed.id() + "/submit", Map.of("answers", Map.of("label", "cat"))), 200, "hand in");
            } else {
                Api.Response claimed = worker.post("/api/v1/assignments/suite", Map.of("batchId", batchId, "size", suite));
                expect(claimed, 201, "claim a suite");
                List<Map<String, Object>> answers = new ArrayList<>();
                claimed.json().get("assignments").forEach(a -> answers.add(Map.of("assignmentId", a.get("id").asLong(), "answers", Map.of("label", "cat"))));
                expect(worker.post("/api/v1/assignments/submit", Map.of("submissions", answers)), 200, "hand in a suite");
            }
        }
    }

    private static final Pattern LOGGED = Pattern.compile("(?m)LOG:\\s+(statement|execute [^:]*):");

    /**
     * Statements per task as PostgreSQL logs them: the benchmark database logs every statement while
     * {@code work} runs (the node's connections are ended first, so that the pool opens new ones that
     * log), then stops logging. Only the node talks to that database meanwhile (its jobs are off).
     */
    private static double countStatements(String url, String user, String password, String database, Path log,
                                          Runnable work, int tasks) throws Exception {
        logStatements(url, user, password, database, "SET log_statement = 'all'");
        long from = Files.size(log);
        work.run();
        // A backend writes its log line when the statement arrives, before it answers: all are in the file now.
        long to = Files.size(log);
        logStatements(url, user, password, database, "RESET log_statement");
        byte[] bytes = new byte[(int) (to - from)];
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(from);
            f.readFully(bytes);
        }
        Matcher m = LOGGED.matcher(new String(bytes, StandardCharsets.UTF_8));
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count / (double) tasks;
    }

    /**
     * Changes the benchmark database's statement logging and ends the node's connections, which take the
     * setting only when they begin; returns once every connection to the database began after the change
     * (ending again any that began meanwhile, before it) and the node's idle connections have been idle long
     * enough that its pool checks them before use (HikariCP trusts a connection used in the last half
     * second), so that no request gets an ended one.
     */
    private static void logStatements(String url, String user, String password, String database, String setting) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " " + setting);
            java.sql.Timestamp changed;
            try (ResultSet rs = s.executeQuery("SELECT now()")) {
                rs.next();
                changed = rs.getTimestamp(1);
            }
            PreparedStatement endOlder = c.prepareStatement("""
                    SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = ? AND pid <> pg_backend_pid() AND backend_start < ?""");
            long[] lastEnded = {System.nanoTime()};
            org.polder.testing.Await.until("the node's connections to begin again", java.time.Duration.ofSeconds(30), () -> {
                try {
                    endOlder.setString(1, database);
                    endOlder.setTimestamp(2, changed);
                    try (ResultSet rs = endOlder.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            lastEnded[0] = System.nanoTime();
                            return false;
                        }
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return System.nanoTime() - lastEnded[0] > 600_000_000L;
            });
        }
    }

    /**
     * What autovacuum does on a server that runs it: statistics for the planner, dead rows of claimed tasks
     * cleared from the indexes. Run before each line (the baselines do the same for their table), so that
     * every line starts as it would on a server whose autovacuum has just passed, whether this one runs it or not.
     */
    private static void vacuum(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
    }

    /** The server's settings that decide how the figures can be read. */
    private static String settings(String url, String user, String password) throws Exception {
        List<String> shown = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT name, setting, unit, source FROM pg_settings
                     WHERE name IN ('autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers', 'shared_preload_libraries') ORDER BY name""")) {
            while (rs.next()) {
                String value = rs.getString(2) + (rs.getString(3) == null ? "" : " x " + rs.getString(3));
                shown.add("`" + rs.getString(1) + " = " + (value.isEmpty() ? "''" : value) + "`" + ("default".equals(rs.getString(4)) ? " (default)" : ""));
            }
        }
        return String.join(", ", shown);
    }

    private static long createBatch(Api anonymous, int tasks) {
        String requesterName = "bench-requester";
        Api.Response registered = anonymous.post("/api/v1/accounts", Map.of("username", requesterName, "password", "bench-requester-password",
                "displayName", "Bench Lab", "role", "REQUESTER", "organisationName", "Bench Lab"));
        expect(registered, 201, "register the requester");
        long organisationId = registered.json().get("organisationId").asLong();
        Api requester = anonymous.login(requesterName, "bench-requester-password");
        Api admin = anonymous.login(Node.ADMIN, Node.ADMIN_PASSWORD);
        long reward = 10;
        long fee = 2;
        expect(admin.post("/api/v1/admin/organisations/" + organisationId + "/funds",
                Map.of("amount", tasks * (reward + fee) * 2, "reference", "benchmark")), 200, "add funds");
        Api.Response template = requester.post("/api/v1/templates", Map.of(
                "title", "Is ${item} a cat or a dog?", "instructions", "Choose the label that fits.",
                "display", List.of(Map.of("type", "TEXT", "value", "${item}")),
                "fields", List.of(Map.of("name", "label", "type", "SINGLE_CHOICE", "label", "Label", "options", List.of("cat", "dog"), "required", true))));
        expect(template, 201, "create the template");
        StringBuilder csv = new StringBuilder("item\n");
        for (int i = 1; i <= tasks; i++) {
            csv.append("picture-").append(i).append('\n');
        }
        String spec = "{\"name\":\"Benchmark batch\",\"templateId\":" + template.id() + ",\"reward\":" + reward
                + ",\"assignmentsPerTask\":1,\"allottedSeconds\":3600,\"expectedSeconds\":20}";
        Api.Response draft = requester.multipart("/api/v1/batches", "spec", spec, "file", csv.toString().getBytes(StandardCharsets.UTF_8));
        expect(draft, 201, "create the batch");
        expect(requester.post("/api/v1/batches/" + draft.id() + "/publish", null), 200, "publish the batch");
        return draft.id();
    }

    private static String registerWorker(Api anonymous, String name) {
        expect(anonymous.post("/api/v1/accounts", Map.of("username", name, "password", "bench-worker-password",
                "displayName", name, "role", "WORKER")), 201, "register " + name);
        Api.Response token = anonymous.post("/api/v1/auth/token", Map.of("username", name, "password", "bench-worker-password"));
        expect(token, 201, "log in " + name);
        return token.json().get("token").asString();
    }

    private static void expect(Api.Response r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException("could not " + what + ": " + r.status() + " " + r.body());
        }
    }

    /** After the load: no slot handed out twice and slots add up with assignments on every task. */
    private static List<String> check(String url, String user, String password, long batchId) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            long overfilled = count(c, """
                    SELECT COUNT(*) FROM task t JOIN batch b ON b.id = t.batch_id WHERE t.batch_id = ?
                      AND (SELECT COUNT(*) FROM assignment a WHERE a.task_id = t.id AND a.state NOT IN ('RELEASED', 'EXPIRED')) > b.assignments_per_task""", batchId);
            if (overfilled > 0) {
                problems.add(overfilled + " tasks were handed out more often than they have slots");
            }
            long mismatched = count(c, """
                    SELECT COUNT(*) FROM task t JOIN batch b ON b.id = t.batch_id WHERE t.batch_id = ?
                      AND t.open_slots + (SELECT COUNT(*) FROM assignment a WHERE a.task_id = t.id AND a.state NOT IN ('RELEASED', 'EXPIRED'))
                          <> b.assignments_per_task""", batchId);
            if (mismatched > 0) {
                problems.add(mismatched + " tasks have open slots that do not add up with their assignments");
            }
        }
        return problems;
    }

    private static long count(Connection c, String sql, long batchId) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Tasks per second of the JDBC task baseline at so many workers: the mean of its measurements before and after the node's lines. */
    private static double taskBaseline(Map<String, SqlBaseline.Result> baselines, int workers) {
        SqlBaseline.Result after = baselines.get("task-" + workers + "-after");
        double before = baselines.get("task-" + workers).perSecond();
        return after == null ? before : (before + after.perSecond()) / 2;
    }

    private static Wrk.Run find(List<Wrk.Run> runs, String name, int workers) {
        return runs.stream().filter(r -> r.name().equals(name) && r.workers() == workers).findFirst().orElseThrow();
    }

    private static String report(int tasks, double seconds, double warmup, String heap, String postgresVersion, String postgresSettings,
                                 Map<String, SqlBaseline.Result> baselines, List<Wrk.Run> runs, Map<String, Double> statements,
                                 long peakHeap, long thinkMillis, List<String> problems) {
        StringBuilder md = new StringBuilder();
        md.append("# Claim path under load: results\n\n");
        md.append("Command: `bench/run` (from the repository's root; it builds the jar, installs wrk from Debian's packages when it is "
                + "missing, and needs nothing else but a JDK, Maven and PostgreSQL, which it starts or installs like `.ci/run`).\n\n");
        md.append("Run on ").append(LocalDate.now()).append(", with Java ").append(System.getProperty("java.version"))
                .append(" on ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores), PostgreSQL ").append(postgresVersion)
                .append(" on the same machine (").append(postgresSettings).append("), wrk as the load generator. Before each line the "
                        + "database is vacuumed and analysed (`VACUUM ANALYZE`), as autovacuum would have done on a server that runs it.\n\n");
        md.append(String.format(Locale.ROOT, "A batch of %,d tasks (one answer each); %.0f s per run, after a warm-up of the node of %.0f s; "
                + "the node's heap limited to %s. wrk runs one connection per thread, so that each thread is one worker whose requests "
                + "follow each other without pause; the scripts are in `bench/wrk`. The generator, the node and PostgreSQL share the "
                + "machine: each line says how much of its CPU the generator took, and how much CPU the node and PostgreSQL spent per "
                + "request or task.%n%n", tasks, seconds, warmup, heap));

        md.append("## Baselines over JDBC (no application), in the same run\n\n");
        md.append("| work | workers | per second | p50 / p99 ms |\n|---|---:|---:|---:|\n");
        baselines.forEach((key, r) -> md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f / %.1f |%n",
                (key.startsWith("task") ? "a task: claim transaction + hand-in transaction" : "claim transaction only")
                        + (key.endsWith("-after") ? ", again after the node's lines" : ""),
                r.workers(), r.perSecond(), r.latencies().percentileMillis(50), r.latencies().percentileMillis(99))));
        md.append("\nThe claim transaction: `SELECT ... FOR UPDATE SKIP LOCKED`, `UPDATE` of the slot, `INSERT ... RETURNING` of the claim; "
                + "the hand-in transaction: `UPDATE` of the claim with the answer, `INSERT` of a log row. That is 9 statements per task "
                + "with BEGIN and COMMIT. The task baseline is measured before the node starts and again after its lines (the node idle); "
                + "the ratios below are to the mean of the two.\n\n");

        md.append("## Requests, at 32 connections\n\n");
        md.append("| endpoint | requests/s | ratio to `SELECT 1` | p50 / p99 ms | node CPU ms per request | PostgreSQL CPU ms per request | generator's CPU share |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        Wrk.Run select1 = find(runs, "select1", 32);
        for (String[] e : new String[][]{{"bare", "a bare endpoint in the node (no database)"}, {"select1", "`SELECT 1` through the pool"},
                {"me", "`GET /api/v1/me` with a bearer token"}}) {
            Wrk.Run r = find(runs, e[0], 32);
            double n = r.requestsPerSecond() * r.seconds();
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2fx | %.1f / %.1f | %.3f | %.3f | %.0f%% |%n", e[1], r.requestsPerSecond(),
                    r.requestsPerSecond() / select1.requestsPerSecond(), r.figure("p50"), r.figure("p99"),
                    r.perUnit(r.nodeCpuSeconds(), n), r.perUnit(r.postgresCpuSeconds(), n), r.generatorShare() * 100));
        }

        md.append("\n## Tasks through the API\n\n");
        md.append("One at a time: `POST /api/v1/assignments` then `POST /api/v1/assignments/{id}/submit`. In suites of ten: "
                + "`POST /api/v1/assignments/suite` (`size` 10) then `POST /api/v1/assignments/submit` with the ten answers.\n\n");
        md.append("| how | workers | tasks/s | ratio to the JDBC task baseline | claim p50 / p99 ms | hand-in p50 / p99 ms | node CPU ms per task | PostgreSQL CPU ms per task | generator's CPU share | errors / timeouts / claims refused for tasks already held |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Wrk.Run r : runs) {
            if (!r.name().equals("one") && !r.name().startsWith("suite")) {
                continue;
            }
            double done = r.figure("tasks");
            double perSecond = done / r.seconds();
            int baselineWorkers = r.workers() >= 64 ? 64 : 32;
            double b = taskBaseline(baselines, baselineWorkers);
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2fx (of %.0f at %d) | %.1f / %.1f | %.1f / %.1f | %.2f | %.2f | %.0f%% | %d / %d / %d |%n",
                    switch (r.name()) {
                        case "one" -> "one at a time";
                        case "suite" -> "suites of ten";
                        default -> "suites of ten, pausing before each claim";
                    }, r.workers(), perSecond, perSecond / b,
                    b, baselineWorkers, r.figure("claim_p50"), r.figure("claim_p99"), r.figure("submit_p50"), r.figure("submit_p99"),
                    r.perUnit(r.nodeCpuSeconds(), done), r.perUnit(r.postgresCpuSeconds(), done), r.generatorShare() * 100, (long) r.figure("errors"), (long) r.figure("timeouts"),
                    (long) r.figure("recovered")));
        }
        md.append(String.format(Locale.ROOT, "%nThe paced line is below saturation: each of its workers pauses %d ms on average "
                + "(between half and one and a half times that) before each claim, which offers about half the suites per second "
                + "that 32 workers without pause reached; the pause is not counted in the claim's latency.%n", thinkMillis));
        md.append("\nThe JDBC task baseline at 8 workers is not measured; the 8-worker lines are compared with the one at 32. A claim that "
                + "times out on the client (after 10 s) may still go through; that worker's next claim is then refused (409, tasks already "
                + "held), and the script fetches the tasks it holds and hands them in, as an app would.\n");

        if (!statements.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nStatements per task as PostgreSQL logged them (`log_statement = all` on the benchmark's "
                    + "database, every statement of 100 tasks through the API counted, BEGIN and COMMIT included): **%.1f** one at a time, "
                    + "**%.1f** in suites of ten (the JDBC baseline: 9).%n", statements.get("one"), statements.get("suite")));
        }
        md.append(String.format(Locale.ROOT, "%nPeak heap in use (largest figure before a collection in the node's GC log): %d MB of %s.%n", peakHeap, heap));
        md.append("\nChecks afterwards: ").append(problems.isEmpty()
                ? "no slot handed out twice (baseline and Polder), open slots add up with assignments on every task, no request failed, the ledger audit is clean."
                : "FAILED: " + String.join("; ", problems)).append('\n');

        md.append("\n## Against the targets\n\n");
        if (statements.containsKey("one")) {
            md.append(String.format(Locale.ROOT, "- Statements per task at most 10: %.1f one at a time (%s), %.1f in suites of ten (%s).%n",
                    statements.get("one"), statements.get("one") <= 10 ? "met" : "NOT met", statements.get("suite"),
                    statements.get("suite") <= 10 ? "met" : "NOT met"));
        }
        Wrk.Run me = find(runs, "me", 32);
        double meRatio = me.requestsPerSecond() / select1.requestsPerSecond();
        md.append(String.format(Locale.ROOT, "- `/api/v1/me` at least 0.8x the node's `SELECT 1` endpoint at 32 connections: %.2fx, %s.%n",
                meRatio, meRatio >= 0.8 ? "met" : "NOT met"));
        double task32 = taskBaseline(baselines, 32);
        double one = find(runs, "one", 32).figure("tasks") / seconds / task32;
        md.append(String.format(Locale.ROOT, "- One task at a time at least 0.3x the JDBC task baseline at 32 workers: %.2fx, %s.%n",
                one, one >= 0.3 ? "met" : "NOT met"));
        double suites = find(runs, "suite", 32).figure("tasks") / seconds / task32;
        md.append(String.format(Locale.ROOT, "- Suites of ten at least 1.0x that baseline in tasks per second at 32 workers: %.2fx, %s.%n",
                suites, suites >= 1.0 ? "met" : "NOT met"));
        double p99 = find(runs, "suite-paced", 64).figure("claim_p99");
        md.append(String.format(Locale.ROOT, "- p99 of a suite claim under 50 ms at 64 workers below saturation (the paced line): %.1f ms, %s "
                + "(%.1f ms at 64 workers without pause, at saturation).%n", p99, p99 < 50 ? "met" : "NOT met", find(runs, "suite", 64).figure("claim_p99")));
        md.append(String.format(Locale.ROOT, "- The node's heap under 512 MB throughout: at most %d MB, %s.%n", peakHeap, peakHeap < 512 ? "met" : "NOT met"));
        double most = runs.stream().mapToDouble(Wrk.Run::generatorShare).max().orElse(0);
        md.append(String.format(Locale.ROOT, "- The generator's share of the CPU, on every line: at most %.0f%% in this run.%n", most * 100));
        return md.toString();
    }

    /** Where PostgreSQL's time went on the lines at 32 workers, when the server collected statement statistics. */
    private static String profileReport(Map<String, List<StatementProfile.Line>> profiles, Map<String, Double> millis) {
        if (profiles.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Where PostgreSQL's time went, at 32 workers\n\n");
        md.append("From `pg_stat_statements` (loaded on this server for the run; the benchmark leaves this part out without it): "
                + "execution time inside PostgreSQL per task done, the eight most expensive statements of each line.\n");
        for (String key : List.of("one-32", "suite-32")) {
            List<StatementProfile.Line> lines = profiles.get(key);
            if (lines == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "%n%s: %.3f ms of execution per task in all.%n%n",
                    key.startsWith("one") ? "One at a time" : "Suites of ten", millis.get(key)));
            md.append("| statement | runs per task | ms per task | mean ms |\n|---|---:|---:|---:|\n");
            for (StatementProfile.Line l : lines) {
                String q = l.query().length() > 160 ? l.query().substring(0, 157) + "..." : l.query();
                md.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.3f | %.3f |%n", q.replace("|", "\\|").replace("`", "'"),
                        l.callsPerTask(), l.millisPerTask(), l.meanMillis()));
            }
        }
        return md.toString();
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
