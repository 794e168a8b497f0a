package org.polder.notify;

import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.PublicAddresses;
import org.polder.common.Sql;
import org.polder.notify.internal.PushDeliveries;
import org.polder.notify.internal.PushSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Base64;

/**
 * A person's devices that asked to be told by push (a phone rings for an offer with the page closed). Polder
 * posts only to push services on the public internet over HTTPS: a subscription cannot make it call into its own
 * network.
 */
@Service
public class Push {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Push.class);

    private final JdbcClient jdbc;
    private final PushSender sender;
    private final PushDeliveries deliveries;
    private final Clock clock;
    private final boolean allowPrivate;

    Push(JdbcClient jdbc, PushSender sender, PushDeliveries deliveries, Clock clock,
         @Value("${polder.push.allow-private-endpoints:false}") boolean allowPrivate) {
        this.jdbc = jdbc;
        this.sender = sender;
        this.deliveries = deliveries;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
    }

    /** The key a browser subscribes with. */
    public String publicKey() {
        return sender.publicKey();
    }

    /** Registers (or moves to this person) a browser's subscription; refuses one that is not one, naming the field. */
    @Transactional
    public void subscribe(CurrentUser me, String endpoint, String p256dh, String auth) {
        URI uri;
        try {
            uri = URI.create(endpoint == null ? "" : endpoint.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("endpoint: the push service's address").code("problem.push.endpoint");
        }
        boolean https = "https".equals(uri.getScheme()) || (allowPrivate && "http".equals(uri.getScheme()));
        if (!https || uri.getHost() == null || endpoint.length() > 1000 || !reachable(uri.getHost())) {
            throw DomainException.invalid("endpoint: an HTTPS address of a push service on the internet").code("problem.push.endpoint");
        }
        if (bytes(p256dh) != 65 || bytes(auth) != 16) {
            throw DomainException.invalid("keys: the browser's p256dh (65 bytes) and auth (16 bytes) keys, base64url").code("problem.push.keys");
        }
        String at = uri.toString();
        if (jdbc.sql("UPDATE push_subscription SET account_id = ?, p256dh = ?, auth = ? WHERE endpoint = ?").params(me.id(), p256dh, auth, at).update() == 0) {
            jdbc.sql("INSERT INTO push_subscription (account_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)")
                    .params(me.id(), at, p256dh, auth, Sql.ts(clock.instant())).update();
        }
    }

    /** Forgets one of the person's devices (or all, when no endpoint is named); returns how many. */
    @Transactional
    public int unsubscribe(CurrentUser me, String endpoint) {
        return endpoint == null || endpoint.isBlank()
                ? jdbc.sql("DELETE FROM push_subscription WHERE account_id = ?").param(me.id()).update()
                : jdbc.sql("DELETE FROM push_subscription WHERE account_id = ? AND endpoint = ?").params(me.id(), endpoint.strip()).update();
    }

    /** A notice just committed is pushed at once (an offer lives only seconds); the job catches what this misses. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void written(Notifications.Written written) {
        if (!written.toPush()) {
            return;
        }
        try {
            deliveries.sendNow(written.id());
        } catch (RuntimeException e) {
            // A checked exception reaches here wrapped by the transaction proxy: name what actually went wrong.
            log.warn("Push of notice {} failed; the job tries again: {}", written.id(), NestedExceptionUtils.getMostSpecificCause(e).toString());
        }
    }

    private boolean reachable(String host) {
        if (allowPrivate) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!PublicAddresses.isPublic(a)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int bytes(String base64url) {
        try {
            return base64url == null ? -1 : Base64.getUrlDecoder().decode(base64url.replace("=", "")).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
