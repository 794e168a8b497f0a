package org.polder.shift.internal;

import org.polder.common.Sql;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;

/**
 * Invoice numbers: one gap-free sequence per issuer, each document numbered once, the first time it is
 * issued, and never again. Two issues at once for the same issuer take turns: the loser of a race for a
 * number tries the next one, in a transaction of its own (a failed statement ends a PostgreSQL transaction).
 */
@Component
public class InvoiceNumbers {

    /** A document's number and when it was first issued. */
    public record Issued(String number, Instant issuedAt) {
    }

    private static final int TRIES = 20;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate apart;

    InvoiceNumbers(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The number of the document from this issuer ({@code prefix} + its place in the issuer's sequence), given the first time. */
    public Issued issue(String issuer, String prefix, String document) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try {
                Issued issued = apart.execute(t -> {
                    var known = jdbc.sql("SELECT seq, issued_at FROM invoice_number WHERE document = ?").param(document)
                            .query((rs, n) -> new Issued(format(prefix, rs.getInt(1)), Sql.instant(rs, "issued_at"))).optional();
                    if (known.isPresent()) {
                        return known.get();
                    }
                    int next = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM invoice_number WHERE issuer = ?").param(issuer)
                            .query(Integer.class).single();
                    // As stored: the database keeps microseconds.
                    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                    jdbc.sql("INSERT INTO invoice_number (issuer, seq, document, issued_at) VALUES (?, ?, ?, ?)")
                            .params(issuer, next, document, Sql.ts(now)).update();
                    return new Issued(format(prefix, next), now);
                });
                return issued;
            } catch (DataIntegrityViolationException raced) {
                // Another issue took this number (or numbered this very document): look again.
            }
        }
        throw new IllegalStateException("No invoice number for " + document + " after " + TRIES + " tries");
    }

    static String format(String prefix, int seq) {
        return prefix + String.format("%05d", seq);
    }
}
