package org.polder.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * What a worker earned and received in a month or a year, for their own records and their accountant: gross pay
 * per kind of work and per requester, bonuses, compensations and top-ups to the floor, what came in and went out
 * (payouts, returns), the balance at both ends, and active hours with pay per active hour. Amounts in cents.
 * {@code to} is the last day included.
 */
public record EarningsStatement(long workerId, String workerName, LocalDate from, LocalDate to, boolean year,
                                long openingBalance, long closingBalance,
                                List<Line> perKind, List<RequesterLine> perRequester, List<Line> other,
                                long grossPay, long feesDeducted, long payouts, long returned, long transfersIn,
                                long activeSeconds, Long perActiveHour, long hourlyFloor) {

    /** An amount under a name: a kind of work (MICROTASK, SHIFT, ERRAND) or a posting's kind (BONUS, ...). */
    public record Line(String what, long cents) {
    }

    /** Gross pay from one requester's organisation, for one kind of work. */
    public record RequesterLine(String organisation, String kind, long cents) {
    }

    /** Everything the worker was credited as income in the period: work, bonuses, compensations, top-ups. */
    public long income() {
        return grossPay + other.stream().mapToLong(Line::cents).sum();
    }

    /** Active hours with one decimal, for people. */
    public double activeHours() {
        return Math.round(activeSeconds / 360.0) / 10.0;
    }
}
