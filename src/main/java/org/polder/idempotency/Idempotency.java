package org.polder.idempotency;

import org.polder.common.DomainException;
import org.polder.common.Hashing;
import org.polder.common.Sql;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs an action at most once per (account, key). The key is stored in the same transaction as the
 * action's effect, so either both are committed or neither; a concurrent repeat waits on the key's
 * unique index and then replays the stored answer.
 */
@Service
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** A digest of what makes two requests "the same request". */
    public static String fingerprint(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('\u0000');
        }
        return Hashing.sha256(text.toString());
    }

    /**
     * Runs {@code action} unless this account already sent this key; then returns the first answer.
     * Without a key the action simply runs.
     */
    public <T> ResponseEntity<T> run(long accountId, String key, String fingerprint, Class<T> type,
                                     Supplier<ResponseEntity<T>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw DomainException.invalid(HEADER + ": must be 1 to 200 visible ASCII characters");
        }
        try {
            return transactions.execute(status -> {
                jdbc.sql("INSERT INTO idempotency_key (account_id, idem_key, fingerprint, status, created_at) VALUES (?, ?, ?, 0, ?)")
                        .params(accountId, key, fingerprint, Sql.ts(clock.instant())).update();
                ResponseEntity<T> response = action.get();
                String body = response.getBody() == null ? null : json.writeValueAsString(response.getBody());
                jdbc.sql("UPDATE idempotency_key SET status = ?, body = ? WHERE account_id = ? AND idem_key = ?")
                        .params(response.getStatusCode().value(), body, accountId, key).update();
                return response;
            });
        } catch (DataIntegrityViolationException duplicate) {
            return replay(accountId, key, fingerprint, type);
        }
    }

    private <T> ResponseEntity<T> replay(long accountId, String key, String fingerprint, Class<T> type) {
        record Stored(String fingerprint, int status, String body) {
        }
        // The first request has committed by now on PostgreSQL; other databases may report the
        // conflict before the first commits, so wait briefly for its answer to become visible.
        long giveUpAt = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Optional<Stored> stored = jdbc.sql("SELECT fingerprint, status, body FROM idempotency_key WHERE account_id = ? AND idem_key = ?")
                    .params(accountId, key).query((rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3))).optional();
            if (stored.isPresent() && stored.get().status() != 0) {
                if (!stored.get().fingerprint().equals(fingerprint)) {
                    throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
                            HEADER + " '" + key + "' was already used for a different request");
                }
                ResponseEntity.BodyBuilder builder = ResponseEntity.status(stored.get().status()).header(REPLAYED_HEADER, "true");
                return stored.get().body() == null ? builder.build()
                        : builder.contentType(MediaType.APPLICATION_JSON).body(json.readValue(stored.get().body(), type));
            }
            if (System.nanoTime() > giveUpAt) {
                throw DomainException.conflict("A request with " + HEADER + " '" + key + "' is still being processed; try again");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DomainException.conflict("Interrupted while waiting for the first request with this key");
            }
        }
    }
}
