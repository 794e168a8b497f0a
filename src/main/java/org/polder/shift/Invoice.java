package org.polder.shift;

import org.polder.account.BusinessDetails;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice for shift work: one worker's shift ({@code worker} set), or every shift an organisation
 * had settled in a period ({@code from} and {@code to} set). Amounts are what the ledger moved: the
 * worker's pay and the platform's fee; VAT is shown as included in them, at the configured rates.
 * Work on Polder is paid from escrow when the hours are settled, so nothing is left to pay. The supplier
 * of one worker's shift is the worker (Polder issues it in their name); of a period's invoice, the
 * platform. Each supplier numbers its invoices in one gap-free sequence.
 */
public record Invoice(String number, Instant issuedAt, long organisationId, String client, String worker, LocalDate from, LocalDate to,
                      List<Line> lines, long work, long fees, int workVatPercent, long workVat, int feeVatPercent, long feeVat,
                      long total, String paymentTerms, BusinessDetails supplier, BusinessDetails customer, Instant paidAt) {

    /** One settled shift of one worker. */
    public record Line(long assignmentId, long shiftId, String worker, String role, String location, Instant start, Instant end,
                       int breakMinutes, int paidMinutes, long hourlyRate, long pay, long fee, Instant paidAt) {
    }
}
