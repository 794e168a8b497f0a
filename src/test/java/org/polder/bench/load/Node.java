package org.polder.bench.load;

import org.polder.testing.Await;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged application in a process of its own, with a heap limit and a GC log to read its peak heap from. */
final class Node implements AutoCloseable {

    static final String ADMIN = "bench-admin";
    static final String ADMIN_PASSWORD = "bench-admin-password";

    final int port;
    private final Process process;
    private final Path gcLog;

    private Node(int port, Process process, Path gcLog) {
        this.port = port;
        this.process = process;
        this.gcLog = gcLog;
    }

    static Node start(Path jar, String maxHeap, String jdbcUrl, String user, String password, Path workDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path gcLog = workDir.resolve("gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog, "-jar", jar.toString(),
                "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--polder.demo.enabled=false", "--polder.admin.username=" + ADMIN, "--polder.admin.password=" + ADMIN_PASSWORD,
                "--logging.level.root=WARN", "--polder.bench.reference-endpoints=true",
                // No scheduled jobs: the statements counted in PostgreSQL's log are the requests' own.
                "--polder.jobs.enabled=false"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(workDir.resolve("node.log").toFile())).start();
        Node node = new Node(port, p, gcLog);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        try {
            Await.until("the node to answer on /actuator/health (see " + workDir.resolve("node.log") + ")", Duration.ofMinutes(2), () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the node stopped while starting; see " + workDir.resolve("node.log"));
                }
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
        } catch (RuntimeException | AssertionError notStarted) {
            node.close();
            throw notStarted;
        }
        return node;
    }

    long pid() {
        return process.pid();
    }

    /** The most heap the node had in use, in MB: the largest "before" figure of a collection in its GC log. */
    long peakHeapMegabytes() throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
