package org.polder.account;

import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing without locking the account's owner out.
 * <ul>
 *   <li>From one source address, {@value #MAX_FAILURES} failed logins for a username within {@link #WINDOW}
 *       refuse further attempts from that address for that username until the oldest failure leaves the
 *       window; {@value #MAX_FAILURES_PER_SOURCE} failures for any usernames refuse the address altogether.
 *       The owner, logging in from elsewhere, is not affected.</li>
 *   <li>A username that failed more than {@value #MAX_FAILURES} times from other addresses (a guess spread
 *       over many addresses) is slowed down, not locked: one attempt per few seconds, doubling up to a minute.</li>
 * </ul>
 * Each attempt is written before its password is checked, in its own statement, and counted after: so
 * guesses sent in parallel are counted like guesses sent one after another. The rows live in the
 * database, so every application node counts the same ones, and only for the length of the window.
 * Runs without a transaction on purpose: every statement must be seen by the others at once.
 */
@Component
@Automated("account.login-throttle")
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final int MAX_FAILURES_PER_SOURCE = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts this attempt and lets it through, or refuses it with 429 (and forgets it: a refused attempt
     * checks no password, so it extends nothing). Returns the attempt, for {@link #succeeded}.
     */
    public long attempt(String username, String source) {
        String name = key(username);
        String from = source(source);
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM login_failure WHERE failed_at < ?").param(Sql.ts(now.minus(WINDOW))).update();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO login_failure (username, source, failed_at) VALUES (?, ?, ?)").params(name, from, Sql.ts(now)).update(key, "id");
        long id = key.getKey().longValue();
        Instant cutoff = now.minus(WINDOW);

        long fromHere = count("username = ? AND source = ? AND failed_at >= ?", name, from, Sql.ts(cutoff));
        long fromSource = count("source = ? AND failed_at >= ?", from, Sql.ts(cutoff));
        if (fromHere > MAX_FAILURES || fromSource > MAX_FAILURES_PER_SOURCE) {
            forget(id);
            Instant oldest = fromHere > MAX_FAILURES ? oldest("username = ? AND source = ?", name, from) : oldest("source = ?", from);
            Instant again = (oldest == null ? now : oldest).plus(WINDOW);
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                    "Too many failed logins from your connection; try again after " + again)
                    .code("problem.login.throttled", Math.max(1, Duration.between(now, again).toMinutes() + 1));
        }
        // From everywhere else: failures from this address alone are dealt with above, and must not slow the owner.
        long everywhere = count("username = ? AND source <> ? AND failed_at >= ?", name, from, Sql.ts(cutoff));
        if (everywhere > MAX_FAILURES) {
            Duration pause = pause(everywhere - MAX_FAILURES);
            if (count("username = ? AND failed_at > ?", name, Sql.ts(now.minus(pause))) > 1) {
                forget(id);
                throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                        "This account had many failed logins from several places, so logins are slowed down; try again in "
                                + pause.toSeconds() + " seconds")
                        .code("problem.login.slowed", pause.toSeconds());
            }
        }
        return id;
    }

    /** The pause between attempts on a username after {@code over} failures beyond the limit: 2, 4, 8 ... seconds, at most a minute. */
    static Duration pause(long over) {
        return Duration.ofSeconds(Math.min(LONGEST_PAUSE.toSeconds(), 1L << Math.min(6, Math.max(1, over))));
    }

    /** The password was right: this attempt and the earlier failures from the same place are forgotten. */
    public void succeeded(String username, String source, long attempt) {
        forget(attempt);
        jdbc.sql("DELETE FROM login_failure WHERE username = ? AND source = ?").params(key(username), source(source)).update();
    }

    private void forget(long attempt) {
        jdbc.sql("DELETE FROM login_failure WHERE id = ?").param(attempt).update();
    }

    private Instant oldest(String where, Object... params) {
        return jdbc.sql("SELECT MIN(failed_at) AS oldest FROM login_failure WHERE " + where).params(params).query((rs, n) -> Sql.instant(rs, "oldest")).single();
    }

    private long count(String where, Object... params) {
        return jdbc.sql("SELECT COUNT(*) FROM login_failure WHERE " + where).params(params).query(Long.class).single();
    }

    private static String key(String username) {
        String k = username.toLowerCase(Locale.ROOT);
        return k.length() > 200 ? k.substring(0, 200) : k;
    }

    private static String source(String source) {
        return source == null ? "" : source.length() > 64 ? source.substring(0, 64) : source;
    }
}
