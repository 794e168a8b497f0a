package org.polder.testing;

import java.util.concurrent.CompletableFuture;

/** Runs two actions at the same moment, for races; a refusal of either is an outcome, not a failure. */
public final class AtOnce {

    private AtOnce() {
    }

    public static void run(Runnable first, Runnable second) throws Exception {
        CompletableFuture<Object> a = CompletableFuture.supplyAsync(() -> attempt(first));
        CompletableFuture<Object> b = CompletableFuture.supplyAsync(() -> attempt(second));
        a.get();
        b.get();
    }

    /**
     * Runs {@code n} actions at once, each on a thread of its own released by one gate, and returns what each gave,
     * in order (a refusal is what the action returns itself).
     */
    public static <T> java.util.List<T> run(int n, java.util.function.IntFunction<T> action) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    gate.await();
                    return action.apply(index);
                }));
            }
            gate.countDown();
            java.util.List<T> results = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<T> f : futures) {
                results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object attempt(Runnable action) {
        try {
            action.run();
            return "done";
        } catch (RuntimeException e) {
            return e;
        }
    }
}
