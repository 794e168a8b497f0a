package org.polder.bench.load;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workers over HTTP, as a worker's app would act: claim the next task of the batch, open the task
 * page, submit an answer, go on. Each worker has a thread and a bearer token of its own; nobody waits
 * between requests, so the figures are the most the node does, not a chosen rate.
 */
final class SimulatedWorkers {

    /** What one run measured. {@code acknowledged} holds the ids of the submissions that got a 2xx answer. */
    record Result(int workers, double seconds, Latencies claims, Latencies pages, Latencies submissions,
                  long failures, String firstFailure, List<Long> acknowledged) {
        double claimsPerSecond() {
            return claims.count() / seconds;
        }

        double submissionsPerSecond() {
            return submissions.count() / seconds;
        }
    }

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    /** A logged-in worker: a bearer token for the API and, in its client's cookies, a session for the pages. */
    record Worker(HttpClient http, String token) {
    }

    private final String base;
    private final long batchId;

    SimulatedWorkers(int port, long batchId) {
        this.base = "http://127.0.0.1:" + port;
        this.batchId = batchId;
    }

    /** Logs in as an app would (a token) and as a browser would (the login form, for the task page's session). */
    static Worker login(int port, String username, String password) throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager()).build();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher t = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(token.body());
        if (token.statusCode() != 201 || !t.find()) {
            throw new IllegalStateException("could not log in " + username + ": " + token.statusCode() + " " + token.body());
        }
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("the login page has no CSRF field");
        }
        String fields = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> loggedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(fields)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (loggedIn.statusCode() != 302 || !loggedIn.headers().firstValue("Location").orElse("").endsWith("/start")) {
            throw new IllegalStateException("the login form did not let " + username + " in: " + loggedIn.statusCode());
        }
        return new Worker(http, t.group(1));
    }

    Result run(List<Worker> workers, double seconds) throws InterruptedException {
        int n = workers.size();
        List<Latencies> claims = perWorker(n);
        List<Latencies> pages = perWorker(n);
        List<Latencies> submissions = perWorker(n);
        Outcomes out = new Outcomes();
        double elapsed = runFor(n, seconds, out, (w, stop) -> {
            Worker worker = workers.get(w);
            while (!stop.get()) {
                long t0 = System.nanoTime();
                HttpResponse<String> claimed = send(worker, "POST", "/api/v1/assignments", "{\"batchId\":" + batchId + "}");
                long t1 = System.nanoTime();
                if (claimed.statusCode() != 201) {
                    out.fail("claim", claimed);
                    if (claimed.statusCode() == 204) {
                        return;   // the batch is done
                    }
                    continue;
                }
                claims.get(w).add(t1 - t0);
                Matcher m = ID.matcher(claimed.body());
                m.find();
                long id = Long.parseLong(m.group(1));
                HttpResponse<String> shown = send(worker, "GET", "/work/assignments/" + id, null);
                long t2 = System.nanoTime();
                if (shown.statusCode() != 200) {
                    out.fail("task page", shown);
                } else {
                    pages.get(w).add(t2 - t1);
                }
                HttpResponse<String> sent = send(worker, "POST", "/api/v1/assignments/" + id + "/submit", "{\"answers\":{\"label\":\"cat\"}}");
                long t3 = System.nanoTime();
                if (sent.statusCode() / 100 == 2) {
                    submissions.get(w).add(t3 - t2);
                    out.acknowledged.add(id);
                } else {
                    out.fail("submit", sent);
                }
            }
        });
        return new Result(n, elapsed, Latencies.merge(claims), Latencies.merge(pages), Latencies.merge(submissions),
                out.failures.get(), out.texts.peek(), new ArrayList<>(out.acknowledged));
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /**
     * Workers as Polder's own task page has them work: after the first task, each "Submit and next"
     * (an htmx form post with the session) hands in the answer, claims the next task of the batch and
     * returns its page fragment, in one request. Each such request counts as one submission and one
     * claim; its latency is also the task page's.
     */
    Result runBrowser(List<Worker> workers, double seconds) throws InterruptedException {
        int n = workers.size();
        List<Latencies> steps = perWorker(n);
        Outcomes out = new Outcomes();
        double elapsed = runFor(n, seconds, out, (w, stop) -> {
            Worker worker = workers.get(w);
            HttpResponse<String> claimed = send(worker, "POST", "/api/v1/assignments", "{\"batchId\":" + batchId + "}");
            if (claimed.statusCode() != 201) {
                out.fail("first claim", claimed);
                return;
            }
            Matcher id = ID.matcher(claimed.body());
            id.find();
            long current = Long.parseLong(id.group(1));
            HttpResponse<String> page = send(worker, "GET", "/work/assignments/" + current, null);
            Matcher csrf = CSRF.matcher(page.body());
            if (page.statusCode() != 200 || !csrf.find()) {
                out.fail("first task page", page);
                return;
            }
            String token = csrf.group(1);
            while (!stop.get()) {
                long t0 = System.nanoTime();
                HttpResponse<String> next = worker.http().send(HttpRequest.newBuilder(URI.create(base + "/work/assignments/" + current + "/submit"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                        .POST(HttpRequest.BodyPublishers.ofString("answer.label=cat&next=true&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long t1 = System.nanoTime();
                String pushed = next.headers().firstValue("HX-Push-Url").orElse(null);
                if (next.statusCode() != 200 || pushed == null) {
                    if (next.headers().firstValue("HX-Redirect").isPresent()) {
                        out.acknowledged.add(current);
                        return;   // the batch is done
                    }
                    out.fail("submit and next", next);
                    return;
                }
                steps.get(w).add(t1 - t0);
                out.acknowledged.add(current);
                current = Long.parseLong(pushed.substring(pushed.lastIndexOf('/') + 1));
                Matcher fresh = CSRF.matcher(next.body());
                if (fresh.find()) {
                    token = fresh.group(1);
                }
            }
        });
        Latencies all = Latencies.merge(steps);
        return new Result(n, elapsed, all, all, all, out.failures.get(), out.texts.peek(), new ArrayList<>(out.acknowledged));
    }

    /**
     * The HTTP layer's own cost: the same workers only ask who they are ({@code GET /api/v1/me}: the
     * token check and one account read), as fast as they can. Requests per second.
     */
    double bareRequests(List<Worker> workers, double seconds) throws InterruptedException {
        AtomicLong count = new AtomicLong();
        Outcomes out = new Outcomes();
        double elapsed = runFor(workers.size(), seconds, out, (w, stop) -> {
            while (!stop.get()) {
                HttpResponse<String> me = send(workers.get(w), "GET", "/api/v1/me", null);
                if (me.statusCode() == 200) {
                    count.incrementAndGet();
                } else {
                    out.fail("who am I", me);
                }
            }
        });
        if (out.failures.get() > 0) {
            throw new IllegalStateException("bare requests failed: " + out.texts.peek());
        }
        return count.get() / elapsed;
    }

    /** What one simulated worker does until told to stop. */
    private interface Loop {
        void run(int worker, AtomicBoolean stop) throws Exception;
    }

    /** Failures and acknowledged submissions of a run, from all its threads. */
    private static final class Outcomes {
        final AtomicLong failures = new AtomicLong();
        final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();

        void fail(String what, HttpResponse<String> r) {
            failures.incrementAndGet();
            if (texts.size() < 10) {
                texts.add(what + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** Runs the loop on a thread per worker for the given time; returns how long it ran, in seconds. */
    private static double runFor(int workers, double seconds, Outcomes out, Loop loop) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            new Thread(() -> {
                try {
                    loop.run(worker, stop);
                } catch (Exception e) {
                    out.failures.incrementAndGet();
                    out.texts.add(e.toString());
                } finally {
                    done.countDown();
                }
            }, "worker-" + w).start();
        }
        long start = System.nanoTime();
        // The measuring window: its length, or less when every worker stopped early (the batch ran out, or failures).
        done.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        stop.set(true);
        double elapsed = (System.nanoTime() - start) / 1e9;
        done.await();
        return elapsed;
    }

    private static List<Latencies> perWorker(int n) {
        List<Latencies> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(new Latencies());
        }
        return all;
    }

    /** API calls carry the token; pages go with the session cookie, as from a browser. */
    private HttpResponse<String> send(Worker worker, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (path.startsWith("/api/")) {
            b.header("Authorization", "Bearer " + worker.token());
        }
        if (json == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return worker.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
