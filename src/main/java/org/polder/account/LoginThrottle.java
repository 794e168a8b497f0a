package org.polder.account;

import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one username within
 * {@link #WINDOW}, further attempts are refused until the oldest failure leaves the window. Kept in
 * memory per application node, which bounds guessing per node without storing anything about people.
 */
@Component
@Automated("account.login-throttle")
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    void checkAllowed(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            prune(recent);
            if (recent.size() >= MAX_FAILURES) {
                Instant retry = recent.peekFirst().plus(WINDOW);
                throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                        "Too many failed logins for this username; try again after " + retry);
            }
        }
    }

    void failed(String username) {
        if (failures.size() > MAX_TRACKED) {
            failures.clear();
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            recent.addLast(clock.instant());
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> recent) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.pollFirst();
        }
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
