package org.polder.account;

import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for one username within
 * {@link #WINDOW}, further attempts are refused until the oldest failure leaves the window. The
 * failures are kept in the database, so every application node counts the same ones, and only for
 * the length of the window.
 */
@Component
@Automated("account.login-throttle")
class LoginThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public void checkAllowed(String username) {
        Instant cutoff = clock.instant().minus(WINDOW);
        record Recent(long count, Instant oldest) {
        }
        Recent recent = jdbc.sql("""
                        SELECT COUNT(*) AS failures, MIN(failed_at) AS oldest FROM login_failure
                        WHERE username = ? AND failed_at >= ?""")
                .params(key(username), Sql.ts(cutoff))
                .query((rs, n) -> new Recent(rs.getLong("failures"), Sql.instant(rs, "oldest"))).single();
        if (recent.count() >= MAX_FAILURES) {
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                    "Too many failed logins for this username; try again after " + recent.oldest().plus(WINDOW));
        }
    }

    /** Counts a failure, in its own transaction: it must stay counted whatever happens to the caller's. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String username) {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM login_failure WHERE failed_at < ?").param(Sql.ts(now.minus(WINDOW))).update();
        jdbc.sql("INSERT INTO login_failure (username, failed_at) VALUES (?, ?)").params(key(username), Sql.ts(now)).update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String username) {
        jdbc.sql("DELETE FROM login_failure WHERE username = ?").param(key(username)).update();
    }

    private static String key(String username) {
        String k = username.toLowerCase(Locale.ROOT);
        return k.length() > 200 ? k.substring(0, 200) : k;
    }
}
