package org.polder.microtask;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.testing.Api;
import org.polder.testing.Await;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed with SIGKILL in the middle of work, then started again: every submission that got a
 * 2xx answer is there, escrow and the books are exact, and no assignment stays claimed past its deadline.
 * The node is the packaged application in a process of its own, on the PostgreSQL test database (with
 * H2 the database lives inside the process, so there is no second node to survive a crash).
 */
class CrashIT extends PolderIT {

    @Autowired
    Environment environment;
    @Autowired
    Ledger ledger;
    @Autowired
    Batches batches;
    @Autowired
    JdbcClient jdbc;

    private Process node;

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.destroyForcibly();
        }
    }

    @Test
    void aKilledNodeLosesNoAcknowledgedSubmissionAndNoMoney() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "needs a database outside the node's process: PostgreSQL run only");
        Path jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().matches("polder-.*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("the packaged jar is missing; run through mvn verify"));
        int nodePort = freePort();
        CurrentUser requester = fixtures.requester();
        // 400 tasks x 2, 30 seconds allotted to each, so that work cut off by the crash expires soon after.
        Batch draft = batches.create(requester, new BatchSpec(Fixtures.unique("Batch"), fixtures.template(requester).id(), 20L, 2, 30, 20,
                null, 72), Fixtures.csv(400));
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());
        List<CurrentUser> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            workers.add(fixtures.worker());
        }

        node = start(jar, nodePort);
        ConcurrentLinkedQueue<long[]> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        for (CurrentUser w : workers) {
            pool.submit(() -> {
                Api api = new Api(nodePort).login(w.username(), Fixtures.PASSWORD);
                while (!stop.get()) {
                    try {
                        Api.Response claimed = api.post("/api/v1/assignments", Map.of("batchId", batch.id()));
                        if (claimed.status() != 201) {
                            return null;
                        }
                        Api.Response sent = api.post("/api/v1/assignments/" + claimed.id() + "/submit", Map.of("answers", Map.of("label", "cat")));
                        if (sent.status() == 200) {
                            acknowledged.add(new long[]{w.id(), claimed.id()});
                        }
                    } catch (RuntimeException connectionLost) {
                        return null;
                    }
                }
                return null;
            });
        }
        Await.until("60 submissions acknowledged by the node", Duration.ofSeconds(60), () -> acknowledged.size() >= 60);
        // One task surely claimed and not submitted when the node dies (the loop's own may all be between two requests).
        CurrentUser holder = fixtures.worker();
        assertThat(new Api(nodePort).login(holder.username(), Fixtures.PASSWORD).post("/api/v1/assignments", Map.of("batchId", batch.id()))
                .status()).isEqualTo(201);
        node.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no graceful close
        node.waitFor(30, TimeUnit.SECONDS);
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledged).as("work was going on when the node died").isNotEmpty();

        node = start(jar, nodePort);
        for (long[] a : acknowledged) {
            String state = jdbc.sql("SELECT state FROM assignment WHERE id = ? AND worker_id = ?").params(a[1], a[0])
                    .query(String.class).optional().orElse("missing");
            assertThat(state).as("acknowledged submission " + a[1]).isIn("SUBMITTED", "PAID");
        }
        assertThat(ledger.audit()).isEmpty();
        Batch after = batches.get(requester, batch.id());
        long slotCost = after.reward().cents() + after.fee().cents();
        assertThat(after.escrow().cents()).as("escrow covers exactly the open and unfinished slots")
                .isEqualTo(slotCost * (after.progress().open() + after.progress().inProgress() + after.progress().submitted()));
        assertThat(after.progress().open() + after.progress().inProgress() + after.progress().submitted()).isEqualTo(800);

        // Work claimed when the node died (30 s allotted, by the node's real clock) expires on the restarted node.
        Await.until("no assignment left claimed after its deadline", Duration.ofSeconds(90),
                () -> jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state = 'STARTED'").param(batch.id())
                        .query(Long.class).single() == 0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state = 'EXPIRED'").param(batch.id())
                .query(Long.class).single()).as("the work cut off by the crash expired").isPositive();
    }

    private Process start(Path jar, int nodePort) throws IOException {
        File log = Path.of("target", "crash-node.log").toFile();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString(),
                "--server.port=" + nodePort, "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                "--polder.demo.enabled=false", "--polder.jobs.interval=PT1S", "--polder.jobs.initial-delay=PT1S",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodePort + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        Await.until("the node to answer on /actuator/health (see target/crash-node.log)", Duration.ofSeconds(90), () -> {
            assertThat(p.isAlive()).as("the node is running (see target/crash-node.log)").isTrue();
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
