package org.polder.trail;

import org.polder.common.Hashing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The platform's signature on an export: Ed25519 over a short statement naming the worker, the number
 * of events and the chain's head (the last event's hash). Anyone can recompute a hash chain, so the
 * chain alone proves only that nothing inside it changed; the signature proves that the platform made
 * it. The public key is published at {@value #KEY_PATH} and travels in each export. Pure JDK code, so
 * an export can be checked anywhere.
 */
public final class ExportSignature {

    public static final String FILE = "trail-signature.json";
    public static final String KEY_PATH = "/.well-known/polder-export-key";
    public static final String ALGORITHM = "Ed25519";

    private ExportSignature() {
    }

    /**
     * The signed text: four lines, UTF-8, each ending in a newline:
     * {@code polder-export-v1}, the worker's id, the number of events, the head hash, then the time of the export.
     */
    public static String statement(long workerId, long events, String head, Instant exportedAt) {
        return "polder-export-v1\n" + workerId + "\n" + events + "\n" + head + "\n" + exportedAt + "\n";
    }

    public static String sign(PrivateKey key, String statement) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(statement.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JDK", e);
        }
    }

    public static boolean verify(PublicKey key, String statement, String signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(statement.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key from its base64 X.509 (SubjectPublicKeyInfo) form, or from PEM text. */
    public static PublicKey publicKey(String text) {
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public static String base64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A short name of a key: the first 16 hex digits of the SHA-256 of its base64 X.509 text. */
    public static String keyId(PublicKey key) {
        return Hashing.sha256(base64(key)).substring(0, 16);
    }
}
