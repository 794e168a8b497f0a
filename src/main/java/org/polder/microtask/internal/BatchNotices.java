package org.polder.microtask.internal;

import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What requesters are told about their batches: all work is in, and answers that will soon be approved without review. */
@Component
public class BatchNotices {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    BatchNotices(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** After a submission: once no task is open and no work is under way, the requesters hear it, once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void afterSubmission(BatchRecord batch) {
        // Work under way is the cheaper question on a busy batch (open tasks just taken linger in the index until vacuumed).
        boolean workLeft = jdbc.sql("""
                        SELECT CASE WHEN EXISTS (SELECT 1 FROM assignment WHERE batch_id = ? AND state = 'STARTED')
                                      OR EXISTS (SELECT 1 FROM task WHERE batch_id = ? AND open_slots > 0) THEN 1 ELSE 0 END""")
                .params(batch.id(), batch.id()).query(Integer.class).single() == 1;
        if (workLeft) {
            return;
        }
        if (jdbc.sql("UPDATE batch SET finished_told_at = ? WHERE id = ? AND finished_told_at IS NULL").params(Sql.ts(clock.instant()), batch.id()).update() == 1) {
            long toReview = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE batch_id = ? AND state = 'SUBMITTED'").param(batch.id())
                    .query(Long.class).single();
            events.publishEvent(Notice.toRequestersOf(batch.organisationId(), NoticeKind.BATCH,
                    Words.of("notice.batchDone", batch.name(), toReview), "/requester/batches/" + batch.id()));
        }
    }

    /**
     * Reminds the requesters of each batch with answers that will be approved without review within a day, at
     * most once a day per batch. Returns how many batches were reminded.
     */
    @Transactional
    public int remindReviews() {
        Instant now = clock.instant();
        record Due(long batchId, long organisationId, String name, long answers, Instant first) {
        }
        List<Due> due = jdbc.sql("""
                        SELECT b.id, b.organisation_id, b.name, COUNT(*), MIN(a.auto_approve_at) FROM assignment a JOIN batch b ON b.id = a.batch_id
                        WHERE a.state = 'SUBMITTED' AND a.auto_approve_at <= ? AND (b.review_reminded_at IS NULL OR b.review_reminded_at < ?)
                        GROUP BY b.id, b.organisation_id, b.name""")
                .params(Sql.ts(now.plus(Duration.ofDays(1))), Sql.ts(now.minus(Duration.ofDays(1))))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant())).list();
        int reminded = 0;
        for (Due d : due) {
            if (jdbc.sql("UPDATE batch SET review_reminded_at = ? WHERE id = ? AND (review_reminded_at IS NULL OR review_reminded_at < ?)")
                    .params(Sql.ts(now), d.batchId(), Sql.ts(now.minus(Duration.ofDays(1)))).update() == 1) {
                events.publishEvent(Notice.toRequestersOf(d.organisationId(), NoticeKind.BATCH,
                        Words.of("notice.reviewDue", d.answers(), d.name(), Words.at(d.first())), "/requester/batches/" + d.batchId()));
                reminded++;
            }
        }
        return reminded;
    }
}
