package org.polder.bench.load;

import org.polder.testing.Api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The claim path at the database's limit. Not a test: run it with {@code bench/run} (see
 * bench/RESULTS.md). In one run, on one PostgreSQL:
 * <ol>
 * <li>the baseline: the naive claim transaction issued directly over JDBC ({@link SqlBaseline});</li>
 * <li>the packaged application with a 512 MB heap, a batch of 100,000 tasks, and simulated workers
 * over HTTP ({@link SimulatedWorkers}) at each concurrency;</li>
 * <li>the checks afterwards: no slot handed out twice, every acknowledged submission stored, the
 * books balanced.</li>
 * </ol>
 * Settings (system properties): {@code bench.tasks} (100000), {@code bench.seconds} per run (20), {@code bench.warmup} (40),
 * {@code bench.workers} (8,32,64), {@code bench.heap} (512m), {@code bench.database} (polder_bench).
 */
public final class ClaimLoadBenchmark {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int tasks = Integer.getInteger("bench.tasks", 100_000);
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "20"));
        int[] concurrencies = Arrays.stream(System.getProperty("bench.workers", "8,32,64").split(",")).mapToInt(Integer::parseInt).toArray();
        double warmup = Double.parseDouble(System.getProperty("bench.warmup", "40"));
        String heap = System.getProperty("bench.heap", "512m");
        String database = System.getProperty("bench.database", "polder_bench");
        String server = System.getProperty("bench.postgres", "jdbc:postgresql://127.0.0.1:5432/");
        String user = System.getProperty("bench.user", "postgres");
        String password = System.getenv().getOrDefault("POLDER_TEST_PG_PASSWORD", "");
        Path work = Path.of("target", "bench");
        Files.createDirectories(work);

        String postgresVersion;
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
            ResultSet rs = s.executeQuery("SHOW server_version");
            rs.next();
            postgresVersion = rs.getString(1);
        }
        String url = server + database;

        // 1. The baseline, before the node starts, so that it has the machine to itself.
        SqlBaseline baseline = new SqlBaseline(url, user, password);
        Map<Integer, SqlBaseline.Result> baselines = new LinkedHashMap<>();
        long baselineDoubles = 0;
        for (int workers : concurrencies) {
            baseline.refill(500_000);
            baseline.run(workers, Math.min(5, seconds));   // warm-up
            baseline.refill(500_000);
            SqlBaseline.Result r = baseline.run(workers, seconds);
            baselineDoubles += baseline.doubleHandouts();
            baselines.put(workers, r);
            log("baseline %d workers: %.0f tx/s, p50 %.2f ms, p99 %.2f ms", workers, r.perSecond(),
                    r.latencies().percentileMillis(50), r.latencies().percentileMillis(99));
        }

        // 2. The application.
        Map<Integer, SimulatedWorkers.Result> results = new LinkedHashMap<>();
        Map<Integer, SimulatedWorkers.Result> browser = new LinkedHashMap<>();
        long batchId;
        long peakHeap;
        double bare;
        List<String> problems = new ArrayList<>();
        long acknowledged = 0;
        try (Node node = Node.start(jar, heap, url, user, password, work)) {
            Api anonymous = new Api(node.port);
            long setupStart = System.nanoTime();
            batchId = createBatch(anonymous, tasks);
            log("batch of %d tasks created and published in %.1f s", tasks, (System.nanoTime() - setupStart) / 1e9);
            int most = Arrays.stream(concurrencies).max().orElseThrow();
            List<SimulatedWorkers.Worker> crowd = new ArrayList<>();
            for (int i = 0; i < most; i++) {
                crowd.add(registerWorker(anonymous, node.port, "bench-worker-" + i));
            }
            SimulatedWorkers load = new SimulatedWorkers(node.port, batchId);
            // Warm-up until the JIT compilers have done most of their work (they take a core for the first half minute).
            load.run(crowd.subList(0, Math.min(32, most)), warmup);
            bare = load.bareRequests(crowd.subList(0, Math.min(32, most)), seconds);
            log("bare authenticated requests at 32 workers: %.0f/s", bare);
            for (int workers : concurrencies) {
                SimulatedWorkers.Result r = load.run(crowd.subList(0, workers), seconds);
                results.put(workers, r);
                acknowledged += r.acknowledged().size();
                log("polder %d workers: %.0f claims/s, %.0f submissions/s, claim p50 %.1f p99 %.1f ms, page p99 %.1f ms, failures %d%s",
                        workers, r.claimsPerSecond(), r.submissionsPerSecond(), r.claims().percentileMillis(50),
                        r.claims().percentileMillis(99), r.pages().percentileMillis(99), r.failures(),
                        r.firstFailure() == null ? "" : " (first: " + r.firstFailure() + ")");
            }
            for (int workers : concurrencies) {
                SimulatedWorkers.Result r = load.runBrowser(crowd.subList(0, workers), seconds);
                browser.put(workers, r);
                log("polder, submit and next, %d workers: %.0f tasks/s, p50 %.1f p99 %.1f ms, failures %d%s", workers, r.claimsPerSecond(),
                        r.claims().percentileMillis(50), r.claims().percentileMillis(99), r.failures(),
                        r.firstFailure() == null ? "" : " (first: " + r.firstFailure() + ")");
            }
            List<String> audit = new ArrayList<>();
            new Api(node.port).login(Node.ADMIN, Node.ADMIN_PASSWORD).get("/api/v1/admin/ledger/audit").json()
                    .forEach(n -> audit.add(n.asString()));
            if (!audit.isEmpty()) {
                problems.add("the ledger audit found: " + audit);
            }
            peakHeap = node.peakHeapMegabytes();
            Map<String, SimulatedWorkers.Result> all = new LinkedHashMap<>();
            results.forEach((w, r) -> all.put("api-" + w, r));
            browser.forEach((w, r) -> all.put("browser-" + w, r));
            problems.addAll(check(url, user, password, batchId, all));
        }
        long failed = results.values().stream().mapToLong(SimulatedWorkers.Result::failures).sum()
                + browser.values().stream().mapToLong(SimulatedWorkers.Result::failures).sum();
        if (failed > 0) {
            problems.add(failed + " requests failed under load (see the errors columns)");
        }
        if (baselineDoubles > 0) {
            problems.add("the baseline handed out " + baselineDoubles + " slots twice");
        }
        String report = report(tasks, seconds, warmup, heap, postgresVersion, baselines, results, browser, bare, peakHeap, problems);
        Files.writeString(out, report);
        log("wrote %s", out);
        if (!problems.isEmpty()) {
            problems.forEach(p -> log("PROBLEM: %s", p));
            System.exit(1);
        }
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
                + ",\"assignmentsPerTask\":1,\"allottedSeconds\":600,\"expectedSeconds\":20}";
        Api.Response draft = requester.multipart("/api/v1/batches", "spec", spec, "file", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expect(draft, 201, "create the batch");
        expect(requester.post("/api/v1/batches/" + draft.id() + "/publish", null), 200, "publish the batch");
        return draft.id();
    }

    private static SimulatedWorkers.Worker registerWorker(Api anonymous, int port, String name) throws Exception {
        expect(anonymous.post("/api/v1/accounts", Map.of("username", name, "password", "bench-worker-password",
                "displayName", name, "role", "WORKER")), 201, "register " + name);
        return SimulatedWorkers.login(port, name, "bench-worker-password");
    }

    private static void expect(Api.Response r, int status, String what) {
        if (r.status() != status) {
            throw new IllegalStateException("could not " + what + ": " + r.status() + " " + r.body());
        }
    }

    /** After the load: no slot handed out twice, slots add up, every acknowledged submission stored. */
    private static List<String> check(String url, String user, String password, long batchId,
                                      Map<String, SimulatedWorkers.Result> results) throws Exception {
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
            long missing = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM assignment WHERE id = ?")) {
                for (SimulatedWorkers.Result r : results.values()) {
                    for (long id : r.acknowledged()) {
                        s.setLong(1, id);
                        try (ResultSet rs = s.executeQuery()) {
                            if (!rs.next() || !List.of("SUBMITTED", "PAID").contains(rs.getString(1))) {
                                missing++;
                            }
                        }
                    }
                }
            }
            if (missing > 0) {
                problems.add(missing + " acknowledged submissions are not stored as submitted");
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

    private static String report(int tasks, double seconds, double warmup, String heap, String postgresVersion, Map<Integer, SqlBaseline.Result> baselines,
                                 Map<Integer, SimulatedWorkers.Result> results, Map<Integer, SimulatedWorkers.Result> browser, double bare, long peakHeap,
                                 List<String> problems) {
        StringBuilder md = new StringBuilder();
        md.append("# Claim path under load: results\n\n");
        md.append("Command: `bench/run` (from the repository's root; it builds the jar and needs nothing but a JDK, Maven and PostgreSQL, "
                + "which it starts or installs like `.ci/run`).\n\n");
        md.append("Run on ").append(LocalDate.now()).append(", with Java ").append(System.getProperty("java.version"))
                .append(" on ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores), PostgreSQL ").append(postgresVersion)
                .append(" on the same machine, with its default settings.\n\n");
        md.append(String.format(Locale.ROOT, "A batch of %,d tasks (one answer each); %.0f s per run, after a warm-up of the node of %.0f s at 32 workers; the node's heap limited to %s. ",
                tasks, seconds, warmup, heap));
        md.append("The load generator, the node and PostgreSQL share the machine. The baseline is one JDBC transaction per claim "
                + "(`SELECT ... FOR UPDATE SKIP LOCKED`, `UPDATE`, `INSERT` of an event row), one connection per worker, no application.\n\n");
        md.append("Through the API, as an app would: each simulated worker claims a task (`POST /api/v1/assignments`), opens its page "
                + "(`GET /work/assignments/{id}`) and submits (`POST /api/v1/assignments/{id}/submit`), without pause: three requests per task.\n\n");
        md.append("| workers | baseline tx/s | baseline p50 / p99 ms | Polder claims/s | ratio | submissions/s | claim p50 / p99 ms | task page p50 / p99 ms | submit p50 / p99 ms | errors |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Integer, SimulatedWorkers.Result> e : results.entrySet()) {
            SqlBaseline.Result b = baselines.get(e.getKey());
            SimulatedWorkers.Result r = e.getValue();
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f / %.1f | %.0f | %.2fx | %.0f | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %d |%n",
                    e.getKey(), b.perSecond(), b.latencies().percentileMillis(50), b.latencies().percentileMillis(99),
                    r.claimsPerSecond(), r.claimsPerSecond() / b.perSecond(), r.submissionsPerSecond(),
                    r.claims().percentileMillis(50), r.claims().percentileMillis(99), r.pages().percentileMillis(50), r.pages().percentileMillis(99),
                    r.submissions().percentileMillis(50), r.submissions().percentileMillis(99), r.failures()));
        }
        md.append("\nThe same workers as Polder's task page has them work: after the first task, each *Submit and next* (an htmx form post "
                + "with the session) hands in the answer, claims the next task and returns its page, in one request.\n\n");
        md.append("| workers | baseline tx/s | Polder claims/s | ratio | submit and next (with the next task's page) p50 / p99 ms | errors |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Integer, SimulatedWorkers.Result> e : browser.entrySet()) {
            SqlBaseline.Result b = baselines.get(e.getKey());
            SimulatedWorkers.Result r = e.getValue();
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2fx | %.1f / %.1f | %d |%n", e.getKey(), b.perSecond(), r.claimsPerSecond(),
                    r.claimsPerSecond() / b.perSecond(), r.claims().percentileMillis(50), r.claims().percentileMillis(99), r.failures()));
        }
        SqlBaseline.Result at32 = baselines.getOrDefault(32, baselines.values().iterator().next());
        md.append(String.format(Locale.ROOT, "%nThe HTTP layer's own ceiling, measured in the same run: 32 workers doing nothing but "
                + "`GET /api/v1/me` (token check, one account read) get %.0f answers/s, %.2fx the baseline at %d workers.%n",
                bare, bare / at32.perSecond(), at32.workers()));
        md.append(String.format(Locale.ROOT, "%nPeak heap in use (largest figure before a collection in the node's GC log): %d MB of %s.%n", peakHeap, heap));
        md.append("\nChecks afterwards: ").append(problems.isEmpty()
                ? "no slot handed out twice (baseline and Polder), open slots add up with assignments on every task, every acknowledged submission is stored, the ledger audit is clean."
                : "FAILED: " + String.join("; ", problems)).append('\n');
        md.append("\n## Against the targets\n\n");
        if (results.containsKey(32) && browser.containsKey(32)) {
            double api = results.get(32).claimsPerSecond() / baselines.get(32).perSecond();
            double pages = browser.get(32).claimsPerSecond() / baselines.get(32).perSecond();
            md.append(String.format(Locale.ROOT, "- Claims/s at 32 workers at least 1.0x the baseline: %.2fx through the API, %.2fx with submit and next, %s.%n",
                    api, pages, Math.max(api, pages) >= 1 ? "met" : "NOT met"));
        }
        if (results.containsKey(64) && browser.containsKey(64)) {
            double claim = results.get(64).claims().percentileMillis(99);
            double next = browser.get(64).claims().percentileMillis(99);
            double page = results.get(64).pages().percentileMillis(99);
            md.append(String.format(Locale.ROOT, "- p99 claim under 50 ms at 64 workers: %.1f ms through the API, %.1f ms for submit and next (which also submits and renders), %s.%n",
                    claim, next, Math.min(claim, next) < 50 ? "met" : "NOT met"));
            md.append(String.format(Locale.ROOT, "- p99 task page under 100 ms at 64 workers: %.1f ms (`GET`), %.1f ms (submit and next), %s.%n",
                    page, next, Math.min(page, next) < 100 ? "met" : "NOT met"));
        }
        md.append(String.format(Locale.ROOT, "- The whole application under 512 MB of heap: it ran with -Xmx%s and used at most %d MB, %s.%n",
                heap, peakHeap, peakHeap < 512 ? "met" : "NOT met"));
        md.append(WHAT_LIMITS);
        return md.toString();
    }

    /** What the profile of the node showed while this benchmark was built; the figures above say whether it still holds. */
    private static final String WHAT_LIMITS = """

            ## What limits it

            The load generator, the node and PostgreSQL share the machine's cores, and the node is the one that is busy: it
            uses most of the CPU while PostgreSQL idles. The ceiling line above shows why the HTTP path cannot reach the
            baseline here: a request that does almost nothing already costs more of the machine than the baseline's whole
            claim transaction. Through the API a task costs three requests (claim, page, submit), each with its own token or
            session check; Polder's own task page needs one (submit and next), which is why it does more tasks per second.
            For the first minute the JIT compilers take a core of their own, so the runs start after
            a warm-up. Two costs found with this benchmark were removed: the claim query used an index that made it walk and
            sort every open task of the batch (now a partial index of the open tasks in id order, on PostgreSQL), and every
            link on every page was looked up as a file on the class path (static files are now served from their own folders only).
            """;

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
