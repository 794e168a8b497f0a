package org.polder.notify.internal;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import com.interaso.webpush.WebPushService;
import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Base64;

/**
 * Sends Web Push messages, encrypted for the browser (RFC 8291) and signed with the platform's VAPID key (RFC
 * 8292), through the Interaso webpush library. The key pair is made on first use and kept in the database, so
 * every node signs with the same one and browsers' subscriptions outlive restarts.
 */
@Component
public class PushSender {

    /** One browser's subscription: where its push service takes messages, and its keys (base64url). */
    public record Subscription(long id, String endpoint, String p256dh, String auth) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate separately;
    private final Clock clock;
    private final String subject;
    private volatile WebPushService service;

    PushSender(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
               @Value("${polder.push.subject:}") String subject, @Value("${polder.public-url:http://localhost:8080}") String site) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        // Push services want a way to reach the sender: the site over HTTPS, else a mail address.
        this.subject = !subject.isBlank() ? subject : site.startsWith("https://") ? site : "mailto:no-reply@polder.localhost";
    }

    /** The public key browsers subscribe with ({@code applicationServerKey}), base64url without padding. */
    public String publicKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(service().getVapidKeys().getApplicationServerKey());
    }

    /** Sends one message; false when the push service says the subscription is gone (then it should be forgotten). */
    public boolean send(Subscription to, byte[] payload, int ttlSeconds, boolean urgent) {
        WebPush.SubscriptionState state = service().send(payload, to.endpoint(), decode(to.p256dh()), decode(to.auth()), ttlSeconds, null,
                urgent ? WebPush.Urgency.High : WebPush.Urgency.Normal);
        return state == WebPush.SubscriptionState.ACTIVE;
    }

    private WebPushService service() {
        WebPushService s = service;
        if (s == null) {
            synchronized (this) {
                if (service == null) {
                    service = new WebPushService(subject, keys());
                }
                s = service;
            }
        }
        return s;
    }

    private VapidKeys keys() {
        try {
            return separately.execute(tx -> stored().orElseGet(() -> {
                VapidKeys made = VapidKeys.generate();
                jdbc.sql("INSERT INTO push_vapid (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)")
                        .params(made.getX509PublicKey(), made.getPkcs8PrivateKey(), Sql.ts(clock.instant())).update();
                return made;
            }));
        } catch (DuplicateKeyException anotherNodeMadeThemFirst) {
            return separately.execute(tx -> stored().orElseThrow());
        }
    }

    private java.util.Optional<VapidKeys> stored() {
        return jdbc.sql("SELECT public_key, private_key FROM push_vapid WHERE id = 1")
                .query((rs, n) -> VapidKeys.create(rs.getString(1), rs.getString(2))).optional();
    }

    static byte[] decode(String base64url) {
        return Base64.getUrlDecoder().decode(base64url);
    }
}
