package org.polder.microtask;

import org.polder.common.Sql;
import org.polder.ledger.Money;
import org.polder.oversight.RequesterRatings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A requester's measured record, shown to workers before they take work (RIGHTS.md R9): median pay
 * per active hour of their approved work, how often they reject, how long they take to review, how
 * many appeals were upheld against them, and workers' ratings of them.
 * Over their last 1,000 reviewed assignments; figures appear once 5 are reviewed.
 */
@Service
public class RequesterRecords {

    public static final int MINIMUM = 5;

    private final JdbcClient jdbc;
    private final RequesterRatings ratings;

    RequesterRecords(JdbcClient jdbc, RequesterRatings ratings) {
        this.jdbc = jdbc;
        this.ratings = ratings;
    }

    /**
     * @param reviewed             assignments reviewed (by a person or automatically) that the figures are based on
     * @param medianPayPerHour     median of reward per active hour over approved work (null below the minimum)
     * @param rejectionPercent     share rejected (null below the minimum)
     * @param medianReviewHours    median time from submission to review, in hours (null below the minimum)
     * @param appealsUpheld        appeals that moderators upheld against decisions on this organisation's work
     * @param ratings              workers' ratings, averages once at least 5 workers rated
     */
    public record RequesterRecord(long organisationId, long reviewed, Money medianPayPerHour, Integer rejectionPercent,
                                  Double medianReviewHours, long appealsUpheld, RequesterRatings.Summary ratings) {
    }

    @Transactional(readOnly = true)
    public RequesterRecord of(long organisationId) {
        record Row(String state, long reward, long activeSeconds, Instant submitted, Instant reviewed) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT a.state, a.reward, a.accepted_at, a.submitted_at, a.active_seconds, a.reviewed_at FROM assignment a
                        JOIN batch b ON b.id = a.batch_id
                        WHERE b.organisation_id = ? AND a.reviewed_at IS NOT NULL
                        ORDER BY a.reviewed_at DESC LIMIT 1000""")
                .param(organisationId)
                .query((rs, n) -> new Row(rs.getString("state"), rs.getLong("reward"), org.polder.microtask.internal.AssignmentStore.activeSeconds(rs),
                        Sql.instant(rs, "submitted_at"), Sql.instant(rs, "reviewed_at")))
                .list();
        if (rows.size() < MINIMUM) {
            return new RequesterRecord(organisationId, rows.size(), null, null, null, ratings.appealsUpheldAgainst(organisationId),
                    ratings.of(organisationId));
        }
        List<Long> payPerHour = new ArrayList<>();
        List<Double> reviewHours = new ArrayList<>();
        long rejected = 0;
        for (Row r : rows) {
            reviewHours.add(Duration.between(r.submitted(), r.reviewed()).toSeconds() / 3600.0);
            if (r.state().equals("REJECTED")) {
                rejected++;
            } else {
                long seconds = Math.max(1, r.activeSeconds());
                payPerHour.add(r.reward() * 3600 / seconds);
            }
        }
        Collections.sort(payPerHour);
        Collections.sort(reviewHours);
        Money pay = payPerHour.isEmpty() ? null : Money.euros(payPerHour.get(payPerHour.size() / 2));
        return new RequesterRecord(organisationId, rows.size(), pay, (int) Math.round(100.0 * rejected / rows.size()),
                Math.round(reviewHours.get(reviewHours.size() / 2) * 10) / 10.0, ratings.appealsUpheldAgainst(organisationId),
                ratings.of(organisationId));
    }
}
