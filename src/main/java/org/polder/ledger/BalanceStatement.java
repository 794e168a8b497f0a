package org.polder.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An organisation's balance over a month or a year: at both ends, the totals per kind of movement (top-ups,
 * escrow for new work, escrow returned), and every movement. Amounts in cents; {@code to} is the last day included.
 */
public record BalanceStatement(long organisationId, String organisation, LocalDate from, LocalDate to, boolean year,
                               long openingBalance, long closingBalance, List<EarningsStatement.Line> totals,
                               List<Movement> movements) {

    public record Movement(Instant at, String kind, String description, long cents) {
    }
}
