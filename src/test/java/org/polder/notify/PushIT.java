package org.polder.notify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Words;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Web Push as a phone's push service receives it, from a push endpoint on this machine: the request is signed
 * with the platform's VAPID key (RFC 8292) and its body, decrypted here with the browser's own keys (RFC 8291),
 * says the notice in the reader's language. A subscription the service reports gone is forgotten.
 */
class PushIT extends PolderIT {

    /** What the local push service received. */
    record Received(String path, Map<String, List<String>> headers, byte[] body) {
    }

    @Autowired Push push;
    @Autowired Reach reach;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;

    HttpServer service;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(201);

    @BeforeEach
    void startPushService() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/push/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        service.start();
    }

    @AfterEach
    void stopPushService() {
        service.stop(0);
    }

    /** A browser: its key pair and auth secret, as the Push API makes them. */
    record Browser(KeyPair keys, byte[] auth, String endpoint) {
        String p256dh() {
            return b64(uncompressed((ECPublicKey) keys.getPublic()));
        }
    }

    Browser browser(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        return new Browser(g.generateKeyPair(), auth, "http://127.0.0.1:" + service.getAddress().getPort() + "/push/" + name);
    }

    @Test
    void anOfferIsPushedAtOnceSignedAndReadableOnlyByTheBrowserInTheReadersLanguage() throws Exception {
        CurrentUser courier = fixtures.worker();
        jdbc.sql("UPDATE account SET language = 'nl' WHERE id = ?").param(courier.id()).update();
        Browser phone = browser("phone-" + courier.id());
        push.subscribe(courier, phone.endpoint(), phone.p256dh(), b64(phone.auth()));
        assertThat(reach.choices(courier.id()).devices()).isEqualTo(1);

        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(courier.id(), NoticeKind.ERRAND_OFFER,
                Words.of("decision.effect.errandOffered", "12", Words.money(590), Words.at(clock.instant().plusSeconds(30))))));
        // Pushed as the notice was committed, without waiting for the job.
        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.path()).isEqualTo("/push/phone-" + courier.id());
        assertThat(header(r, "Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(header(r, "TTL")).isEqualTo("30");
        assertThat(header(r, "Urgency")).isEqualTo("high");

        // VAPID: a JWT for this push service's origin, signed with the key the browsers subscribed with.
        String vapid = header(r, "Authorization");
        assertThat(vapid).startsWith("vapid t=");
        String jwt = vapid.replaceAll(".*t=([^,\\s]+).*", "$1");
        String k = vapid.replaceAll(".*k=([^,\\s]+).*", "$1");
        assertThat(k).isEqualTo(push.publicKey());
        String[] parts = jwt.split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(publicKey(Base64.getUrlDecoder().decode(k), (ECPublicKey) phone.keys().getPublic()));
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("the VAPID signature").isTrue();
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"aud\":\"http://127.0.0.1:" + service.getAddress().getPort() + "\"");

        // The body, decrypted with the browser's private key and auth secret.
        String shown = new String(decrypt(r.body(), phone), StandardCharsets.UTF_8);
        assertThat(shown).contains("\"title\":\"Klus aangeboden\"", "Klus 12 wordt je aangeboden", "5,90", "\"link\":\"/courier\"", "\"urgent\":true");
        assertThat(jdbc.sql("SELECT state FROM notification_delivery WHERE channel = 'PUSH' AND notification_id = (SELECT MAX(id) FROM notification WHERE recipient_id = ?)")
                .param(courier.id()).query(String.class).single()).isEqualTo("SENT");
    }

    @Test
    void aDeviceTheServiceReportsGoneIsForgottenAndOnlyPushServicesOnTheInternetAreAccepted() throws Exception {
        CurrentUser worker = fixtures.worker();
        Browser old = browser("old-" + worker.id());
        push.subscribe(worker, old.endpoint(), old.p256dh(), b64(old.auth()));
        answer.set(410);
        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(worker.id(), NoticeKind.SHIFT, Words.of("notice.said", "x"))));
        assertThat(received).hasSize(1);
        assertThat(reach.choices(worker.id()).devices()).isZero();

        // Kinds the person turned off for push are not pushed.
        answer.set(201);
        Browser phone = browser("new-" + worker.id());
        push.subscribe(worker, phone.endpoint(), phone.p256dh(), b64(phone.auth()));
        reach.choose(worker, java.util.EnumSet.noneOf(NoticeKind.class), java.util.EnumSet.of(NoticeKind.MESSAGE), null, null);
        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(worker.id(), NoticeKind.SHIFT, Words.of("notice.said", "y"))));
        assertThat(received).hasSize(1);

        // Bad subscriptions are refused, naming the field, and nothing is kept.
        assertThatThrownBy(() -> push.subscribe(worker, "ftp://push.example/x", phone.p256dh(), b64(phone.auth())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.push.endpoint"));
        assertThatThrownBy(() -> push.subscribe(worker, phone.endpoint() + "2", "short", b64(phone.auth())))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.push.keys"));
        assertThat(reach.choices(worker.id()).devices()).isEqualTo(1);
    }

    @Test
    void quietHoursHoldPushesButNotOffersAndDevicesRegisterThroughTheApi() throws Exception {
        CurrentUser courier = fixtures.worker();
        Browser phone = browser("api-" + courier.id());
        org.polder.testing.Api api = api().login(courier.username(), org.polder.testing.Fixtures.PASSWORD);
        assertThat(api.get("/api/v1/me/notifications/push-key").json().get("publicKey").asString()).isEqualTo(push.publicKey());
        assertThat(api.post("/api/v1/me/notifications/push-subscriptions", Map.of("endpoint", phone.endpoint(),
                "keys", Map.of("p256dh", phone.p256dh(), "auth", b64(phone.auth())))).status()).isEqualTo(204);
        assertThat(api.post("/api/v1/me/notifications/push-subscriptions", Map.of("endpoint", "ftp://x/y",
                "keys", Map.of("p256dh", phone.p256dh(), "auth", b64(phone.auth())))).status()).isEqualTo(400);
        reach.choose(courier, java.util.EnumSet.noneOf(NoticeKind.class), java.util.EnumSet.allOf(NoticeKind.class), 22, 7);
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.ZonedDateTime now = clock.instant().atZone(zone);
        clock.advance(java.time.Duration.between(now, now.toLocalDate().plusDays(1).atTime(23, 0).atZone(zone)));
        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(courier.id(), NoticeKind.SHIFT, Words.of("notice.said", "night"))));
        assertThat(received).as("a shift notice waits for the morning").isEmpty();
        fixtures.transactions().executeWithoutResult(tx -> events.publishEvent(Notice.to(courier.id(), NoticeKind.ERRAND_OFFER, Words.of("notice.said", "offer"))));
        assertThat(received).as("an offer comes at once").hasSize(1);
        clock.advance(java.time.Duration.ofHours(8));
        deliveries.sendDue();
        assertThat(received).hasSize(2);
        assertThat(api.delete("/api/v1/me/notifications/push-subscriptions?endpoint=" + java.net.URLEncoder.encode(phone.endpoint(),
                StandardCharsets.UTF_8), null).json().get("removed").asInt()).isEqualTo(1);
    }

    @Autowired org.polder.notify.internal.PushDeliveries deliveries;

    @Test
    void withoutTheTestSwitchPrivateAndPlainAddressesAreRefused() {
        Push strict = new Push(jdbc, null, null, clock, false);
        CurrentUser worker = fixtures.worker();
        for (String endpoint : List.of("https://127.0.0.1/push/x", "https://10.1.2.3/push/x", "http://fcm.googleapis.com/fcm/send/x")) {
            assertThatThrownBy(() -> strict.subscribe(worker, endpoint, "x", "y")).as(endpoint)
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.push.endpoint"));
        }
    }

    // ---- the browser's side of RFC 8291

    static String header(Received r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    static byte[] decrypt(byte[] body, Browser browser) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        in.getInt();                                  // record size
        byte[] serverKey = new byte[in.get() & 0xff];
        in.get(serverKey);
        byte[] cipherText = new byte[in.remaining()];
        in.get(cipherText);
        ECPublicKey browserPublic = (ECPublicKey) browser.keys().getPublic();
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(browser.keys().getPrivate());
        ecdh.doPhase(publicKey(serverKey, browserPublic), true);
        byte[] shared = ecdh.generateSecret();
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uncompressed(browserPublic), serverKey);
        byte[] ikm = expand(hmac(browser.auth(), shared), keyInfo, 32);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(cipherText);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        assertThat(padded[end]).as("the last record's delimiter").isEqualTo((byte) 2);
        return Arrays.copyOf(padded, end);
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) throws Exception {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[]{1})), length);
    }

    static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static byte[] uncompressed(ECPublicKey key) {
        return concat(new byte[]{4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
    }

    static byte[] fixed(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        System.arraycopy(raw, Math.max(0, raw.length - 32), out, Math.max(0, 32 - raw.length), Math.min(32, raw.length));
        return out;
    }

    static java.security.PublicKey publicKey(byte[] uncompressed, ECPublicKey sameCurve) throws Exception {
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)), new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, sameCurve.getParams()));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
