package org.polder.account;

import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an account may take new work. Only a moderator suspends (RIGHTS.md R3): every method that
 * changes a suspension asks for the moderator and refuses anyone else, so no automated path can.
 * A suspended worker still logs in, reads the decision, appeals it and downloads their data.
 */
@Service
public class AccountStanding {

    /** A suspension in force; {@code endsAt} null means until a moderator lifts it. */
    public record Suspension(long accountId, String reason, long decidedBy, Instant startsAt, Instant endsAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountStanding(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The suspension in force now, if any. */
    @Transactional(readOnly = true)
    public Optional<Suspension> suspension(long accountId) {
        return jdbc.sql("SELECT * FROM account_suspension WHERE account_id = ? AND (ends_at IS NULL OR ends_at > ?)")
                .params(accountId, Sql.ts(clock.instant()))
                .query((rs, n) -> new Suspension(rs.getLong("account_id"), rs.getString("reason"), rs.getLong("decided_by"),
                        Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at")))
                .optional();
    }

    /** Every suspension in force, newest first, for moderators. */
    @Transactional(readOnly = true)
    public java.util.List<Suspension> inForce(CurrentUser moderator) {
        moderator.require(Role.MODERATOR);
        return jdbc.sql("SELECT * FROM account_suspension WHERE ends_at IS NULL OR ends_at > ? ORDER BY starts_at DESC")
                .param(Sql.ts(clock.instant()))
                .query((rs, n) -> new Suspension(rs.getLong("account_id"), rs.getString("reason"), rs.getLong("decided_by"),
                        Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at")))
                .list();
    }

    /** The refusal (403) while the account is suspended, or empty. */
    public Optional<DomainException> refusal(long accountId) {
        return suspension(accountId).map(s -> DomainException.forbidden("Your account is suspended"
                        + (s.endsAt() == null ? "" : " until " + s.endsAt()) + "; you can read the decision and appeal it under /me/decisions")
                .code("problem.account.suspended"));
    }

    /** Suspends an account, replacing any earlier suspension. Part of the moderator's decision transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Suspension suspend(CurrentUser moderator, long accountId, String reason, Instant until) {
        moderator.moderating(accountId);
        if (reason == null || reason.strip().length() < 10 || reason.length() > 2000) {
            throw DomainException.invalid("reason: write down why, in words the worker understands (10 to 2000 characters)")
                    .code("problem.suspension.reason");
        }
        Instant now = clock.instant();
        if (until != null && !until.isAfter(now)) {
            throw DomainException.invalid("until: the end of a suspension must be in the future").code("problem.suspension.until");
        }
        jdbc.sql("DELETE FROM account_suspension WHERE account_id = ?").param(accountId).update();
        jdbc.sql("INSERT INTO account_suspension (account_id, reason, decided_by, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)")
                .params(accountId, reason.strip(), moderator.id(), Sql.ts(now), until == null ? null : Sql.ts(until)).update();
        return new Suspension(accountId, reason.strip(), moderator.id(), now, until);
    }

    /** Ends a suspension now; false when none was in force. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean lift(long moderatorId, long accountId) {
        return jdbc.sql("DELETE FROM account_suspension WHERE account_id = ? AND (ends_at IS NULL OR ends_at > ?)")
                .params(accountId, Sql.ts(clock.instant())).update() > 0;
    }
}
