package org.polder.notify.internal;

import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.NoticeKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pushes due notices to the recipient's devices, claimed like mail ({@code FOR UPDATE SKIP LOCKED}) so that each
 * goes once with several nodes. An offer is pushed as soon as it is committed, urgent and living only as long as
 * the offer; a device whose push service says it is gone is forgotten.
 */
@Component
public class PushDeliveries {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PushDeliveries.class);

    private record Due(long notificationId, long recipientId, int attempts, String kind, String code, String args, String link, String language) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PushSender sender;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;
    private final int offerSeconds;

    PushDeliveries(JdbcClient jdbc, JsonMapper json, PushSender sender, MessageSource messages, Clock clock,
                   @Value("${polder.display-zone:Europe/Amsterdam}") String zone, @Value("${polder.errand.offer-seconds:30}") int offerSeconds) {
        this.jdbc = jdbc;
        this.json = json;
        this.sender = sender;
        this.messages = messages;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.offerSeconds = offerSeconds;
    }

    /** Pushes up to 20 due notices; returns how many reached at least one device. */
    @Transactional
    public int sendDue() {
        return send(null);
    }

    /** Pushes one notice now if it is due (right after it was committed), in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int sendNow(long notificationId) {
        return send(notificationId);
    }

    private int send(Long only) {
        Instant now = clock.instant();
        String which = only == null ? "" : " AND notification_id = " + only;
        List<Long> claimed = jdbc.sql("SELECT notification_id FROM notification_delivery WHERE channel = 'PUSH' AND state = 'PENDING' AND due_at <= ?"
                        + which + " ORDER BY due_at, notification_id LIMIT 20 FOR UPDATE SKIP LOCKED")
                .param(Sql.ts(now)).query(Long.class).list();
        int sent = 0;
        for (long id : claimed) {
            Due d = jdbc.sql("""
                            SELECT n.id, n.recipient_id, d.attempts, n.kind, n.text_code, n.text_args, n.link, acc.language
                            FROM notification n JOIN notification_delivery d ON d.notification_id = n.id AND d.channel = 'PUSH'
                            JOIN account acc ON acc.id = n.recipient_id WHERE n.id = ?""")
                    .param(id).query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8))).single();
            List<PushSender.Subscription> devices = jdbc.sql("SELECT id, endpoint, p256dh, auth FROM push_subscription WHERE account_id = ?")
                    .param(d.recipientId()).query((rs, n) -> new PushSender.Subscription(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list();
            NoticeKind kind = NoticeKind.valueOf(d.kind());
            byte[] payload = payload(d, kind);
            boolean offer = kind == NoticeKind.ERRAND_OFFER;
            int reached = 0, failed = 0;
            for (PushSender.Subscription device : devices) {
                try {
                    if (sender.send(device, payload, offer ? offerSeconds : (int) Duration.ofDays(1).toSeconds(), kind.urgent())) {
                        reached++;
                    } else {
                        jdbc.sql("DELETE FROM push_subscription WHERE id = ?").param(device.id()).update();
                    }
                } catch (RuntimeException e) {
                    log.warn("Push to device {} failed: {}", device.id(), e.toString());
                    failed++;
                }
            }
            if (failed > 0 && reached == 0 && d.attempts() + 1 < MailDeliveries.ATTEMPTS && !offer) {
                mark(id, "PENDING", d.attempts() + 1, now.plus(Duration.ofMinutes(1L << (d.attempts() + 1))), null);
            } else {
                mark(id, reached > 0 ? "SENT" : failed > 0 ? "FAILED" : "SKIPPED", d.attempts() + 1, now, reached > 0 ? now : null);
                sent += reached > 0 ? 1 : 0;
            }
        }
        return sent;
    }

    /** What the device shows: the kind as title, the notice's words, and the page a tap opens; in the reader's language. */
    private byte[] payload(Due d, NoticeKind kind) {
        Locale locale = Locale.forLanguageTag(d.language());
        Words words = new Words(d.code(), json.readValue(d.args(), new TypeReference<List<Object>>() {
        }));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("title", messages.getMessage("notice.kind." + kind.name(), null, locale));
        shown.put("body", words.in(messages, locale, zone));
        shown.put("link", d.link());
        shown.put("tag", kind.name() + "-" + d.notificationId());
        shown.put("urgent", kind.urgent());
        return json.writeValueAsString(shown).getBytes(StandardCharsets.UTF_8);
    }

    private void mark(long id, String state, int attempts, Instant due, Instant sentAt) {
        jdbc.sql("UPDATE notification_delivery SET state = ?, attempts = ?, due_at = ?, sent_at = ? WHERE notification_id = ? AND channel = 'PUSH'")
                .params(state, attempts, Sql.ts(due), sentAt == null ? null : Sql.ts(sentAt), id).update();
    }
}
