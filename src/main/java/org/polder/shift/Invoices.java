package org.polder.shift;

import org.polder.account.Accounts;
import org.polder.account.BusinessDetails;
import org.polder.account.CurrentUser;
import org.polder.shift.internal.InvoiceNumbers;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Invoices of settled shift work: per worker per shift, for the worker and the client; and one
 * collective invoice per client per period, listing each shift with hours, rate, pay and fee.
 */
@Service
public class Invoices {

    static final String PAYMENT_TERMS = "Paid from escrow when the hours were settled: nothing is due.";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final int workVatPercent;
    private final int feeVatPercent;
    private final InvoiceNumbers numbers;
    private final Accounts accounts;
    private final BusinessDetails platform;

    Invoices(InvoiceNumbers numbers, Accounts accounts, @Value("${polder.operator.name:Polder}") String operator,
             @Value("${polder.operator.address:}") String operatorAddress, @Value("${polder.operator.kvk:}") String operatorKvk,
             @Value("${polder.operator.vat:}") String operatorVat, JdbcClient jdbc, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone,
             @Value("${polder.invoice.work-vat-percent:0}") int workVatPercent,
             @Value("${polder.invoice.fee-vat-percent:21}") int feeVatPercent) {
        if (workVatPercent < 0 || workVatPercent > 100 || feeVatPercent < 0 || feeVatPercent > 100) {
            throw new IllegalArgumentException("VAT percentages are from 0 to 100");
        }
        this.numbers = numbers;
        this.accounts = accounts;
        this.platform = new BusinessDetails(operator, blank(operatorAddress), blank(operatorKvk), blank(operatorVat));
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
        this.workVatPercent = workVatPercent;
        this.feeVatPercent = feeVatPercent;
    }

    private static final String LINES = """
            SELECT h.*, a.fee, w.display_name, s.organisation_id, o.name AS client, s.hourly_rate, r.name AS role, l.name AS location
            FROM shift_hours h JOIN assignment a ON a.id = h.assignment_id JOIN account w ON w.id = a.worker_id
            JOIN shift s ON s.id = h.shift_id JOIN organisation o ON o.id = s.organisation_id
            JOIN shift_role r ON r.id = s.role_id JOIN shift_location l ON l.id = s.location_id
            WHERE h.state = 'SETTLED'""";

    private record Row(Invoice.Line line, long organisationId, String client) {
    }

    private List<Row> rows(String where, Object... params) {
        return jdbc.sql(LINES + where).params(params).query((rs, n) -> {
            ShiftHours h = Hours.map(rs);
            // The hours that were paid: the counter's when it was paid, else the worker's own.
            boolean counter = h.counterStart() != null && h.counterMinutes().equals(h.paidMinutes());
            return new Row(new Invoice.Line(h.assignmentId(), h.shiftId(), rs.getString("display_name"), rs.getString("role"),
                    rs.getString("location"), counter ? h.counterStart() : h.proposedStart(), counter ? h.counterEnd() : h.proposedEnd(),
                    counter ? h.counterBreak() : h.proposedBreak(), h.paidMinutes(), rs.getLong("hourly_rate"), h.paid(), rs.getLong("fee"),
                    h.settledAt()), rs.getLong("organisation_id"), rs.getString("client"));
        }).list();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The invoice of one worker's shift: for that worker, or for the client's requesters. 404 for anyone else, and before the hours are paid. */
    @Transactional
    public Invoice forShift(CurrentUser user, long assignmentId) {
        List<Row> found = rows(" AND h.assignment_id = ?", assignmentId);
        if (found.isEmpty()) {
            throw new NotFoundException("Invoice", assignmentId);
        }
        Row row = found.get(0);
        boolean worker = user.has(Role.WORKER) && jdbc.sql("SELECT worker_id FROM assignment WHERE id = ?").param(assignmentId)
                .query(Long.class).single() == user.id();
        boolean client = user.has(Role.REQUESTER) && user.organisationId() != null && user.organisationId() == row.organisationId();
        if (!worker && !client) {
            throw new NotFoundException("Invoice", assignmentId);
        }
        long workerId = jdbc.sql("SELECT worker_id FROM assignment WHERE id = ?").param(assignmentId).query(Long.class).single();
        // Issued in the worker's name, numbered in the worker's own sequence.
        InvoiceNumbers.Issued issued = numbers.issue("W" + workerId, "W" + workerId + "-", "shift:" + assignmentId);
        return invoice(issued, accounts.accountDetails(workerId), row.organisationId(), row.client(), row.line().worker(),
                null, null, List.of(row.line()));
    }

    /** Every shift of the requester's organisation settled in [from, to) (local days), on one invoice. */
    @Transactional
    public Invoice collective(CurrentUser requester, LocalDate from, LocalDate to) {
        long org = requester.require(Role.REQUESTER).organisation();
        if (from == null || to == null || !to.isAfter(from) || from.plusYears(1).isBefore(to)) {
            throw DomainException.invalid("from, to: a period of one day to one year, from before to").code("problem.invoice.period");
        }
        List<Row> found = rows(" AND s.organisation_id = ? AND h.settled_at >= ? AND h.settled_at < ? ORDER BY h.settled_at, h.assignment_id",
                org, Sql.ts(from.atStartOfDay(zone).toInstant()), Sql.ts(to.atStartOfDay(zone).toInstant()));
        String client = jdbc.sql("SELECT name FROM organisation WHERE id = ?").param(org).query(String.class).single();
        // The platform's invoice of the period, numbered in the platform's sequence once the period has ended (so that
        // nothing is added to a numbered invoice) and only if something was settled in it. Before, it is a statement so far.
        boolean ended = !to.isAfter(clock.instant().atZone(zone).toLocalDate());
        InvoiceNumbers.Issued issued = ended && !found.isEmpty()
                ? numbers.issue("PLATFORM", "P-", "period:" + org + ":" + from + ":" + to) : new InvoiceNumbers.Issued(null, null);
        return invoice(issued, platform, org, client, null, from, to, found.stream().map(Row::line).toList());
    }

    private Invoice invoice(InvoiceNumbers.Issued issued, BusinessDetails supplier, long organisationId, String client, String worker,
                            LocalDate from, LocalDate to, List<Invoice.Line> lines) {
        long work = lines.stream().mapToLong(Invoice.Line::pay).sum();
        long fees = lines.stream().mapToLong(Invoice.Line::fee).sum();
        Instant paid = lines.stream().map(Invoice.Line::paidAt).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        return new Invoice(issued.number(), issued.issuedAt(), organisationId, client, worker, from, to, lines, work, fees, workVatPercent,
                included(work, workVatPercent), feeVatPercent, included(fees, feeVatPercent), work + fees, PAYMENT_TERMS, supplier,
                accounts.organisationDetails(organisationId), paid);
    }

    /** The VAT included in an amount at a rate, rounded to the cent. */
    static long included(long amount, int percent) {
        return percent == 0 ? 0 : Math.round(amount * (double) percent / (100 + percent));
    }
}
