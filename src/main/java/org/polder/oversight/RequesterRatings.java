package org.polder.oversight;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Workers rate the requesters they worked for (RIGHTS.md R9): pay, clarity, communication and
 * fairness of review, 1 to 5. Requesters cannot retaliate: figures show only once {@link #MINIMUM}
 * workers rated, as averages, and never which worker rated what.
 */
@Service
public class RequesterRatings {

    public static final int MINIMUM = 5;

    private final JdbcClient jdbc;
    private final List<AssignmentOwners> owners;
    private final Clock clock;

    RequesterRatings(JdbcClient jdbc, List<AssignmentOwners> owners, Clock clock) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.clock = clock;
    }

    /** A worker's scores, 1 (poor) to 5 (good). */
    public record Scores(Integer pay, Integer clarity, Integer communication, Integer fairness) {
    }

    /** A worker's own rating of an organisation, as they gave it. */
    public record Rating(long organisationId, long assignmentId, int pay, int clarity, int communication, int fairness, Instant ratedAt) {
    }

    /**
     * What workers see of a requester in every kind's record: averages over the workers who rated (all null while
     * fewer than {@link #MINIMUM} did), and {@code blocked}: how many workers the requester blocks from its work.
     */
    public record Summary(long raters, Double pay, Double clarity, Double communication, Double fairness, long blocked) {
    }

    /** Rates the organisation behind one of the worker's assignments; a later rating replaces the earlier one. */
    @Transactional
    public Rating rate(CurrentUser worker, long assignmentId, Scores s) {
        worker.require(Role.WORKER);
        long organisation = owners.stream().map(o -> o.organisationOf(worker.id(), assignmentId)).flatMap(java.util.Optional::stream)
                .findFirst().orElseThrow(() -> new NotFoundException("Assignment", assignmentId));
        if (s == null) {
            throw DomainException.invalid("pay, clarity, communication, fairness: give each a score from 1 to 5").code("problem.rating.scores");
        }
        check("pay", s.pay());
        check("clarity", s.clarity());
        check("communication", s.communication());
        check("fairness", s.fairness());
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                        UPDATE requester_rating SET assignment_id = ?, pay = ?, clarity = ?, communication = ?, fairness = ?, rated_at = ?
                        WHERE worker_id = ? AND organisation_id = ?""")
                .params(assignmentId, s.pay(), s.clarity(), s.communication(), s.fairness(), Sql.ts(now), worker.id(), organisation).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO requester_rating (worker_id, organisation_id, assignment_id, pay, clarity, communication, fairness, rated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(worker.id(), organisation, assignmentId, s.pay(), s.clarity(), s.communication(), s.fairness(), Sql.ts(now))
                    .update();
        }
        return new Rating(organisation, assignmentId, s.pay(), s.clarity(), s.communication(), s.fairness(), now);
    }

    /** The ratings a worker gave (their own data). */
    @Transactional(readOnly = true)
    public List<Rating> givenBy(long workerId) {
        return jdbc.sql("SELECT * FROM requester_rating WHERE worker_id = ? ORDER BY rated_at DESC").param(workerId)
                .query((rs, n) -> new Rating(rs.getLong("organisation_id"), rs.getLong("assignment_id"), rs.getInt("pay"),
                        rs.getInt("clarity"), rs.getInt("communication"), rs.getInt("fairness"), Sql.instant(rs, "rated_at")))
                .list();
    }

    /** What anyone may see of an organisation's ratings. */
    @Transactional(readOnly = true)
    public Summary of(long organisationId) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS raters, AVG(CAST(pay AS DOUBLE PRECISION)) AS pay, AVG(CAST(clarity AS DOUBLE PRECISION)) AS clarity,
                               AVG(CAST(communication AS DOUBLE PRECISION)) AS communication, AVG(CAST(fairness AS DOUBLE PRECISION)) AS fairness,
                               (SELECT COUNT(*) FROM requester_block b WHERE b.organisation_id = ?) AS blocked
                        FROM requester_rating WHERE organisation_id = ?""")
                .params(organisationId, organisationId)
                .query((rs, n) -> {
                    long raters = rs.getLong("raters");
                    if (raters < MINIMUM) {
                        return new Summary(raters, null, null, null, null, rs.getLong("blocked"));
                    }
                    return new Summary(raters, round(rs.getDouble("pay")), round(rs.getDouble("clarity")),
                            round(rs.getDouble("communication")), round(rs.getDouble("fairness")), rs.getLong("blocked"));
                }).single();
    }

    /** Appeals upheld against decisions about this organisation's work: part of its record. */
    @Transactional(readOnly = true)
    public long appealsUpheldAgainst(long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM appeal a JOIN decision d ON d.id = a.decision_id WHERE d.organisation_id = ? AND a.state = 'UPHELD'")
                .param(organisationId).query(Long.class).single();
    }

    private static void check(String field, Integer score) {
        if (score == null || score < 1 || score > 5) {
            throw DomainException.invalid(field + ": a score from 1 to 5, was " + score).code("problem.rating.score", field);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
