package org.polder.notify.internal;

import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.NoticeKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Sends the notices that are due by mail. Each sender claims due rows with {@code FOR UPDATE SKIP LOCKED} and
 * marks them sent in the same transaction, so that with several nodes each notice is mailed by one of them. A
 * failed send is tried again later (after 2, 4, 8, 16 minutes), then given up.
 */
@Component
public class MailDeliveries {

    static final int ATTEMPTS = 5;

    private record Due(long notificationId, int attempts, String kind, String code, String args, String link, String email,
                       boolean confirmed, String unsubscribe, String name, String language, Boolean wanted) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Mailer sender;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    MailDeliveries(JdbcClient jdbc, JsonMapper json, Mailer sender, MessageSource messages, Clock clock,
                   @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.sender = sender;
        this.messages = messages;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Sends up to 20 due mails; returns how many were sent. */
    @Transactional
    public int sendDue() {
        if (!sender.enabled()) {
            return 0;
        }
        Instant now = clock.instant();
        List<Long> claimed = jdbc.sql("""
                        SELECT notification_id FROM notification_delivery
                        WHERE channel = 'MAIL' AND state = 'PENDING' AND due_at <= ?
                        ORDER BY due_at, notification_id LIMIT 20 FOR UPDATE SKIP LOCKED""")
                .param(Sql.ts(now)).query(Long.class).list();
        int sent = 0;
        for (long id : claimed) {
            Due d = jdbc.sql("""
                            SELECT n.id, d.attempts, n.kind, n.text_code, n.text_args, n.link, a.email, a.confirmed_at, a.unsubscribe_token,
                                   acc.display_name, acc.language, c.wanted
                            FROM notification n JOIN notification_delivery d ON d.notification_id = n.id AND d.channel = 'MAIL'
                            JOIN account acc ON acc.id = n.recipient_id
                            LEFT JOIN notify_address a ON a.account_id = n.recipient_id
                            LEFT JOIN notify_choice c ON c.account_id = n.recipient_id AND c.kind = n.kind AND c.channel = 'MAIL'
                            WHERE n.id = ?""")
                    .param(id).query((rs, n) -> new Due(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getTimestamp(8) != null, rs.getString(9), rs.getString(10), rs.getString(11),
                            (Boolean) rs.getObject(12, Boolean.class))).single();
            NoticeKind kind = NoticeKind.valueOf(d.kind());
            // The person may have removed their address or turned this kind off since the notice was written.
            if (d.email() == null || !d.confirmed() || !(d.wanted() == null ? kind.byMailByDefault() : d.wanted())) {
                mark(id, "SKIPPED", d.attempts(), now, null);
                continue;
            }
            Locale locale = Locale.forLanguageTag(d.language());
            Words words = new Words(d.code(), json.readValue(d.args(), new TypeReference<List<Object>>() {
            }));
            String label = messages.getMessage("notice.kind." + kind.name(), null, locale);
            try {
                sender.sendNotice(d.email(), d.name(), d.language(), label, words.in(messages, locale, zone), sender.site(d.link()),
                        sender.site("/mail/unsubscribe?t=" + d.unsubscribe() + "&kind=" + kind.name() + "&lang=" + locale.getLanguage()));
                mark(id, "SENT", d.attempts() + 1, now, now);
                sent++;
            } catch (MailException e) {
                int attempts = d.attempts() + 1;
                mark(id, attempts >= ATTEMPTS ? "FAILED" : "PENDING", attempts, now.plus(Duration.ofMinutes(1L << attempts)), null);
            }
        }
        return sent;
    }

    private void mark(long id, String state, int attempts, Instant due, Instant sentAt) {
        jdbc.sql("UPDATE notification_delivery SET state = ?, attempts = ?, due_at = ?, sent_at = ? WHERE notification_id = ? AND channel = 'MAIL'")
                .params(state, attempts, Sql.ts(due), sentAt == null ? null : Sql.ts(sentAt), id).update();
    }
}
