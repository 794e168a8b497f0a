package org.polder.errand;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Page;
import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.polder.common.PublicAddresses;
import org.springframework.beans.factory.annotation.Autowired;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhooks for every status change of an organisation's errands. A change writes one delivery per
 * webhook in the same transaction (an outbox), so no change is announced that did not happen and none
 * is lost. A job sends them, signed with the webhook's own secret, and retries failures with growing
 * waits (10 s, 30 s, 90 s ... up to an hour) until {@link #MAX_ATTEMPTS}; every attempt is in the log.
 * <p>
 * A webhook must not reach into the platform's own network. Its host is resolved when it is added and
 * again at every send; when any address is not public ({@link PublicAddresses}) nothing is sent, and
 * the connection goes to exactly the addresses that were checked (no second lookup a rebinding DNS
 * server could answer differently). The log keeps the status code only, never connection errors, so
 * it cannot be used to scan ports.
 */
@Service
public class Webhooks {

    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_WAIT = Duration.ofSeconds(10);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** How long a sender holds a delivery before another node may try it. */
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean allowPrivate;
    private final HostResolver resolver;
    /** The addresses checked for the delivery this thread is sending: the only answer the HTTP client gets. */
    private final ThreadLocal<Pinned> pinned = new ThreadLocal<>();
    private final CloseableHttpClient http;
    private final SecureRandom random = new SecureRandom();

    /** What the log says when a delivery got no HTTP answer, whatever the reason (no connection texts: no port-scanning oracle). */
    static final String NO_ANSWER = "NO_ANSWER";
    /** What the log says when the host resolved to an address that is not public: nothing was sent. */
    static final String NOT_PUBLIC = "NOT_PUBLIC";

    /** Looks up a host's addresses (the system's resolver; tests give their own). */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    @Autowired
    Webhooks(JdbcClient jdbc, JsonMapper json, Clock clock,
             @Value("${polder.errand.webhooks.allow-private-addresses:false}") boolean allowPrivate) {
        this(jdbc, json, clock, allowPrivate, InetAddress::getAllByName);
    }

    Webhooks(JdbcClient jdbc, JsonMapper json, Clock clock, boolean allowPrivate, HostResolver resolver) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PinnedResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(10)).build())
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().build();
    }

    private record Pinned(String host, InetAddress[] addresses) {
    }

    /** Answers the HTTP client with the addresses checked for this send, and nothing else. */
    private final class PinnedResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            Pinned p = pinned.get();
            if (p == null || !p.host().equalsIgnoreCase(bare(host))) {
                throw new UnknownHostException(host);
            }
            return p.addresses();
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** The host's addresses, every one of them public (unless private addresses are allowed). */
    private InetAddress[] checkedAddresses(String host) throws UnknownHostException, NotPublic {
        InetAddress[] addresses = resolver.resolve(bare(host));
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!PublicAddresses.isPublic(a)) {
                    throw new NotPublic();
                }
            }
        }
        return addresses;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static final class NotPublic extends Exception {
    }

    /** A webhook; the secret is shown to the organisation's requesters, who need it to check signatures. */
    public record Webhook(long id, String url, String secret, boolean active, Instant createdAt) {
    }

    public record Delivery(long id, long errandId, String event, String state, int attempts, Integer lastStatus, String lastError,
                           Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    @Transactional
    public Webhook add(CurrentUser requester, String url) {
        long org = requester.require(Role.REQUESTER).organisation();
        URI uri = checkedUrl(url);
        if (jdbc.sql("SELECT COUNT(*) FROM errand_webhook WHERE organisation_id = ? AND active = TRUE").param(org).query(Long.class).single() >= 10) {
            throw DomainException.conflict("An organisation has at most 10 webhooks; remove one first").code("problem.errand.webhookLimit");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        jdbc.sql("INSERT INTO errand_webhook (organisation_id, url, secret, active, created_by, created_at) VALUES (?, ?, ?, TRUE, ?, ?)")
                .params(org, uri.toString(), secret, requester.id(), Sql.ts(clock.instant())).update();
        return list(requester).get(0);
    }

    @Transactional(readOnly = true)
    public List<Webhook> list(CurrentUser requester) {
        return jdbc.sql("SELECT * FROM errand_webhook WHERE organisation_id = ? AND active = TRUE ORDER BY id DESC")
                .param(requester.require(Role.REQUESTER).organisation())
                .query((rs, n) -> new Webhook(rs.getLong("id"), rs.getString("url"), rs.getString("secret"), rs.getBoolean("active"),
                        Sql.instant(rs, "created_at"))).list();
    }

    /** Stops a webhook; deliveries not yet sent are not sent. Its log stays. */
    @Transactional
    public void remove(CurrentUser requester, long id) {
        owned(requester, id);
        jdbc.sql("UPDATE errand_webhook SET active = FALSE WHERE id = ?").param(id).update();
        jdbc.sql("UPDATE errand_webhook_delivery SET state = 'CANCELLED' WHERE webhook_id = ? AND state = 'PENDING'").param(id).update();
    }

    @Transactional(readOnly = true)
    public Page<Delivery> deliveries(CurrentUser requester, long id, int page, int size) {
        owned(requester, id);
        long total = jdbc.sql("SELECT COUNT(*) FROM errand_webhook_delivery WHERE webhook_id = ?").param(id).query(Long.class).single();
        List<Delivery> items = jdbc.sql("SELECT * FROM errand_webhook_delivery WHERE webhook_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(id, size, (long) page * size)
                .query((rs, n) -> new Delivery(rs.getLong("id"), rs.getLong("errand_id"), rs.getString("event"), rs.getString("state"),
                        rs.getInt("attempts"), (Integer) rs.getObject("last_status", Integer.class), rs.getString("last_error"),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "delivered_at"))).list();
        return new Page<>(items, page, size, total);
    }

    private void owned(CurrentUser requester, long id) {
        long org = requester.require(Role.REQUESTER).organisation();
        if (jdbc.sql("SELECT COUNT(*) FROM errand_webhook WHERE id = ? AND organisation_id = ?").params(id, org).query(Long.class).single() == 0) {
            throw new NotFoundException("Webhook", id);
        }
    }

    private URI checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw badUrl();
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.toString().length() > 1000) {
            throw badUrl();
        }
        if (uri.getRawUserInfo() != null) {
            throw badUrl();
        }
        try {
            checkedAddresses(uri.getHost());
        } catch (NotPublic e) {
            throw DomainException.invalid("url: " + uri.getHost() + " is not a public internet address").code("problem.errand.webhookPrivate");
        } catch (UnknownHostException e) {
            throw DomainException.invalid("url: the host " + uri.getHost() + " is not known").code("problem.errand.webhookHost");
        }
        return uri;
    }

    private static DomainException badUrl() {
        return DomainException.invalid("url: an http or https address, at most 1000 characters").code("problem.errand.webhookUrl");
    }

    /** Writes one delivery per active webhook of the organisation, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void enqueue(long organisationId, long errandId, String event, Map<String, Object> data) {
        List<Long> hooks = jdbc.sql("SELECT id FROM errand_webhook WHERE organisation_id = ? AND active = TRUE").param(organisationId)
                .query(Long.class).list();
        if (hooks.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("errandId", errandId);
        body.put("at", now.toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        for (long hook : hooks) {
            jdbc.sql("""
                            INSERT INTO errand_webhook_delivery (webhook_id, errand_id, event, payload, state, attempts, next_attempt_at, created_at)
                            VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                    .params(hook, errandId, event, payload, Sql.ts(now), Sql.ts(now)).update();
        }
    }

    /** Sends what is due; returns how many were sent successfully. Each delivery is leased first, so two nodes never send it both. */
    public int sendDue(int limit) {
        Instant now = clock.instant();
        List<Long> due = jdbc.sql("SELECT id FROM errand_webhook_delivery WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")
                .params(Sql.ts(now), limit).query(Long.class).list();
        int sent = 0;
        for (long id : due) {
            if (jdbc.sql("UPDATE errand_webhook_delivery SET next_attempt_at = ? WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ?")
                    .params(Sql.ts(now.plus(LEASE)), id, Sql.ts(now)).update() == 1 && send(id)) {
                sent++;
            }
        }
        return sent;
    }

    private record Due(String url, String secret, String event, String payload, int attempts) {
    }

    private boolean send(long id) {
        Due d = jdbc.sql("SELECT w.url, w.secret, d.event, d.payload, d.attempts FROM errand_webhook_delivery d JOIN errand_webhook w ON w.id = d.webhook_id WHERE d.id = ?")
                .param(id).query((rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))).single();
        Integer status = null;
        String error = null;
        URI uri = URI.create(d.url());
        try {
            // Resolved and checked now, not only when the webhook was added: DNS may have changed since.
            pinned.set(new Pinned(bare(uri.getHost()), checkedAddresses(uri.getHost())));
            long timestamp = clock.instant().getEpochSecond();
            HttpPost request = new HttpPost(uri);
            request.setHeader("Polder-Event", d.event());
            request.setHeader("Polder-Delivery", Long.toString(id));
            request.setHeader("Polder-Signature", "t=" + timestamp + ",v1=" + sign(d.secret(), timestamp, d.payload()));
            request.setEntity(new StringEntity(d.payload(), ContentType.APPLICATION_JSON));
            status = http.execute(request, response -> response.getCode());
            if (status < 200 || status >= 300) {
                error = "HTTP " + status;
            }
        } catch (NotPublic e) {
            error = NOT_PUBLIC;
        } catch (java.io.IOException | RuntimeException e) {
            error = NO_ANSWER;
        } finally {
            pinned.remove();
        }
        int attempts = d.attempts() + 1;
        Instant now = clock.instant();
        if (error == null) {
            jdbc.sql("UPDATE errand_webhook_delivery SET state = 'DELIVERED', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ?")
                    .params(attempts, status, Sql.ts(now), id).update();
            return true;
        }
        String state = attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING";
        jdbc.sql("UPDATE errand_webhook_delivery SET state = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(state, attempts, status, error.length() > 500 ? error.substring(0, 500) : error, Sql.ts(now.plus(wait(attempts))), id)
                .update();
        return false;
    }

    /** The wait after the n-th failed attempt: 10 s, 30 s, 90 s, ... at most an hour. */
    static Duration wait(int failedAttempts) {
        long seconds = FIRST_WAIT.toSeconds() * (long) Math.pow(3, Math.min(failedAttempts - 1, 10));
        return Duration.ofSeconds(Math.min(seconds, LONGEST_WAIT.toSeconds()));
    }

    /** HMAC-SHA256 of "timestamp.body" with the webhook's secret, in hex; receivers compute the same to check. */
    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
