package org.polder.export;

import org.polder.common.Sql;
import org.polder.trail.ExportSignature;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;

/**
 * The platform's key for signing exports: an Ed25519 pair made on first use and kept in the database,
 * so that every node signs with the same key and it survives restarts (back it up with the database).
 * Only the public half leaves: at {@value ExportSignature#KEY_PATH} and in every export.
 */
@Service
public class ExportKeys {

    private static final String NAME = "export";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private volatile KeyPair pair;

    ExportKeys(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        // The key may first be needed inside a read-only transaction (making an export): it is made in one of its own.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public PublicKey publicKey() {
        return pair().getPublic();
    }

    /** Signs a statement with the platform's private key; base64. */
    public String sign(String statement) {
        return ExportSignature.sign(pair().getPrivate(), statement);
    }

    private KeyPair pair() {
        KeyPair p = pair;
        if (p == null) {
            synchronized (this) {
                if (pair == null) {
                    pair = ownTransaction.execute(status -> loadOrCreate());
                }
                p = pair;
            }
        }
        return p;
    }

    private KeyPair loadOrCreate() {
        try {
            KeyPair fresh = KeyPairGenerator.getInstance(ExportSignature.ALGORITHM).generateKeyPair();
            // Two nodes starting at once: the first insert wins and both read it back.
            jdbc.sql("INSERT INTO platform_key (name, algorithm, public_key, private_key, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(NAME, ExportSignature.ALGORITHM, ExportSignature.base64(fresh.getPublic()),
                            Base64.getEncoder().encodeToString(fresh.getPrivate().getEncoded()), Sql.ts(clock.instant()))
                    .update();
            record Row(String publicKey, String privateKey) {
            }
            Row row = jdbc.sql("SELECT public_key, private_key FROM platform_key WHERE name = ?").param(NAME)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).single();
            PublicKey publicKey = ExportSignature.publicKey(row.publicKey());
            PrivateKey privateKey = KeyFactory.getInstance(ExportSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(row.privateKey())));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this JDK", e);
        }
    }
}
