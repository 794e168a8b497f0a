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

    private static Object attempt(Runnable action) {
        try {
            action.run();
            return "done";
        } catch (RuntimeException e) {
            return e;
        }
    }
}
