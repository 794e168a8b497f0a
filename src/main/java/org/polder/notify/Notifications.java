package org.polder.notify;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.NotFoundException;
import org.polder.common.Page;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** The notification centre: notices written with the change they tell of, and each person's own list of them. */
@Service
public class Notifications {

    /** Told after the notice's transaction committed, so that this node's open pages hear it at once (and, when it is to be pushed, the devices). */
    public record Written(long id, long recipientId, boolean toPush) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Reach reach;
    private final java.time.ZoneId zone;

    Notifications(JdbcClient jdbc, JsonMapper json, Accounts accounts, Clock clock, ApplicationEventPublisher events, Reach reach,
                  @org.springframework.beans.factory.annotation.Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.reach = reach;
        this.zone = java.time.ZoneId.of(zone);
        this.jdbc = jdbc;
        this.json = json;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Writes a notice in the transaction that published it (never outside one): it exists exactly when the
     * change it tells of does.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void write(Notice notice) {
        List<Long> recipients = notice.recipientId() != null ? List.of(notice.recipientId()) : accounts.requestersOf(notice.organisationId());
        for (long recipient : recipients) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO notification (recipient_id, kind, text_code, text_args, link, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(recipient, notice.kind().name(), notice.text().key(), json.writeValueAsString(notice.text().args()),
                            notice.link(), Sql.ts(clock.instant()))
                    .update(key, "id");
            long id = key.getKey().longValue();
            Choices choices = reach.choices(recipient);
            if (reach.mailEnabled() && choices.confirmed() && choices.byMail().contains(notice.kind())) {
                deliver(id, Reach.MAIL, notice.kind().urgent() ? clock.instant() : afterQuietHours(clock.instant(), choices));
            }
            boolean toPush = choices.devices() > 0 && choices.byPush().contains(notice.kind());
            if (toPush) {
                // An offer comes only while the courier is on duty and lives only seconds, an alarm cannot wait: quiet hours hold neither.
                deliver(id, Reach.PUSH, notice.kind().urgent() ? clock.instant() : afterQuietHours(clock.instant(), choices));
            }
            events.publishEvent(new Written(id, recipient, toPush));
        }
    }

    /** The person's notices, newest first. */
    @Transactional(readOnly = true)
    public Page<Notification> mine(CurrentUser me, int page, int size) {
        Page.check(page, size);
        List<Notification> items = jdbc.sql("SELECT * FROM notification WHERE recipient_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(me.id(), size, (long) page * size).query(this::map).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient_id = ?").param(me.id()).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** How many of the person's notices they have not read. */
    @Transactional(readOnly = true)
    public long unread(long recipientId) {
        return jdbc.sql("SELECT COUNT(*) FROM notification WHERE recipient_id = ? AND read_at IS NULL").param(recipientId)
                .query(Long.class).single();
    }

    /** The person's notices after the given one, oldest first (what an open page has not shown yet). */
    @Transactional(readOnly = true)
    public List<Notification> after(long recipientId, long afterId) {
        return jdbc.sql("SELECT * FROM notification WHERE recipient_id = ? AND id > ? ORDER BY id LIMIT 50")
                .params(recipientId, afterId).query(this::map).list();
    }

    /** The newest notice's id of one person, 0 when none (where an open page starts listening). */
    @Transactional(readOnly = true)
    public long newest(long recipientId) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM notification WHERE recipient_id = ?").param(recipientId).query(Long.class).single();
    }

    /** Marks one of the person's own notices read and returns the page it leads to; anyone else's is not found. */
    @Transactional
    public String open(CurrentUser me, long id) {
        String link = jdbc.sql("SELECT link FROM notification WHERE id = ? AND recipient_id = ?").params(id, me.id())
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("Notification", id));
        jdbc.sql("UPDATE notification SET read_at = ? WHERE id = ? AND read_at IS NULL").params(Sql.ts(clock.instant()), id).update();
        return link;
    }

    /** Marks all of the person's notices read; returns how many were unread. */
    @Transactional
    public int markAllRead(CurrentUser me) {
        return jdbc.sql("UPDATE notification SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL")
                .params(Sql.ts(clock.instant()), me.id()).update();
    }

    private void deliver(long notificationId, String channel, java.time.Instant due) {
        jdbc.sql("INSERT INTO notification_delivery (notification_id, channel, state, attempts, due_at) VALUES (?, ?, 'PENDING', 0, ?)")
                .params(notificationId, channel, Sql.ts(due)).update();
    }

    /** When mail or a push written now may go: at once, or when the person's quiet hours end. */
    java.time.Instant afterQuietHours(java.time.Instant now, Choices c) {
        if (!c.quietHours()) {
            return now;
        }
        java.time.ZonedDateTime local = now.atZone(zone);
        int hour = local.getHour();
        int from = c.quietFrom(), until = c.quietUntil();
        boolean quiet = from < until ? hour >= from && hour < until : hour >= from || hour < until;
        if (!quiet) {
            return now;
        }
        java.time.LocalDate day = from > until && hour >= from ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return day.atTime(until, 0).atZone(zone).toInstant();
    }

    /** Deletes the person's notification history (their right); returns how many notices were deleted. */
    @Transactional
    public int deleteAll(CurrentUser me) {
        jdbc.sql("DELETE FROM notification_delivery WHERE notification_id IN (SELECT id FROM notification WHERE recipient_id = ?)")
                .param(me.id()).update();
        return jdbc.sql("DELETE FROM notification WHERE recipient_id = ?").param(me.id()).update();
    }

    private Notification map(ResultSet rs, int n) throws SQLException {
        List<Object> args = json.readValue(rs.getString("text_args"), new TypeReference<List<Object>>() {
        });
        return new Notification(rs.getLong("id"), NoticeKind.valueOf(rs.getString("kind")), new Words(rs.getString("text_code"), args),
                rs.getString("link"), Sql.instant(rs, "created_at"), Sql.instant(rs, "read_at"));
    }
}
