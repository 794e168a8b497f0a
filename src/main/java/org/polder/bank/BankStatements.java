package org.polder.bank;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Funding;
import org.polder.ledger.Payout;
import org.polder.ledger.Payouts;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the platform account's statements (camt.053) and acts on each booked entry exactly once: a top-up
 * with an organisation's reference is credited to it; a worker's verification transfer verifies their account;
 * a payout run's debit pays its payouts; a returned payout goes back on the worker's balance. What is not
 * recognised waits for an admin ({@link #assign}, {@link #setAside}). A statement is imported whole in one
 * transaction; importing it again changes nothing.
 */
@Service
public class BankStatements {

    private static final Pattern PAYOUT = Pattern.compile("POLDER-P(\\d{1,18})");

    private final JdbcClient jdbc;
    private final PlatformAccount platform;
    private final BankAccounts bankAccounts;
    private final PayoutRuns runs;
    private final Payouts payouts;
    private final Funding funding;
    private final Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    BankStatements(JdbcClient jdbc, PlatformAccount platform, BankAccounts bankAccounts, PayoutRuns runs, Payouts payouts,
                   Funding funding, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.platform = platform;
        this.bankAccounts = bankAccounts;
        this.runs = runs;
        this.payouts = payouts;
        this.funding = funding;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** What an import did: per outcome, how many new entries; and the entries already imported before. */
    public record ImportResult(List<Long> statementIds, int newEntries, int alreadyImported, Map<BankEntry.Outcome, Integer> outcomes) {
    }

    @Transactional
    public ImportResult importStatement(CurrentUser admin, byte[] file) {
        admin.require(Role.ADMIN);
        StatementFile parsed = StatementFile.read(file);
        for (int i = 0; i < parsed.statements().size(); i++) {
            StatementFile.Statement s = parsed.statements().get(i);
            if (!s.iban().equals(platform.iban())) {
                throw DomainException.invalid("Stmt[" + (i + 1) + "]/Acct/Id/IBAN: " + s.iban() + " is not the platform's account "
                        + platform.iban()).code("problem.bank.statement", "Stmt[" + (i + 1) + "]/Acct/Id/IBAN: " + s.iban()
                        + " is not the platform's account " + platform.formattedIban());
            }
        }
        List<Long> ids = new ArrayList<>();
        Map<BankEntry.Outcome, Integer> outcomes = new EnumMap<>(BankEntry.Outcome.class);
        int fresh = 0;
        int before = 0;
        for (StatementFile.Statement s : parsed.statements()) {
            long statementId = statementRow(admin, s);
            ids.add(statementId);
            for (StatementFile.Line line : s.lines()) {
                if (jdbc.sql("SELECT COUNT(*) FROM bank_entry WHERE entry_key = ?").param(line.key()).query(Long.class).single() > 0) {
                    before++;
                    continue;
                }
                BankEntry.Outcome outcome = book(admin, statementId, line);
                outcomes.merge(outcome, 1, Integer::sum);
                fresh++;
            }
        }
        return new ImportResult(ids, fresh, before, outcomes);
    }

    private long statementRow(CurrentUser admin, StatementFile.Statement s) {
        Optional<Long> existing = jdbc.sql("SELECT id FROM bank_statement WHERE account_iban = ? AND statement_ref = ?")
                .params(s.iban(), s.id()).query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO bank_statement (account_iban, statement_ref, created_on, closing_balance, closing_date, imported_at, imported_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(s.iban(), s.id(), s.created() == null ? null : Sql.ts(s.created().toInstant()), s.closingBalance(),
                            s.closingDate(), Sql.ts(clock.instant()), admin.id()).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("Statement " + s.id() + " is being imported by someone else right now").code("problem.bank.busy");
        }
        return key.getKey().longValue();
    }

    /** Inserts the entry (once: its key is unique) and acts on it. */
    private BankEntry.Outcome book(CurrentUser admin, long statementId, StatementFile.Line line) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO bank_entry (statement_id, entry_key, booked_on, amount, credit, counterparty, counterparty_iban, remittance, "
                            + "end_to_end_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'UNMATCHED')")
                    .params(statementId, line.key(), line.booked(), line.cents(), line.credit(), truncate(line.counterparty(), 140),
                            line.counterpartyIban(), line.remittance(), line.endToEndIds().isEmpty() ? null : truncate(line.endToEndIds().get(0), 35))
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("This statement is being imported by someone else right now").code("problem.bank.busy");
        }
        long entryId = key.getKey().longValue();
        Match m = line.returnReason() != null && line.credit() ? returned(admin, line)
                : !line.credit() ? debited(admin, line)
                : credited(admin, line);
        jdbc.sql("UPDATE bank_entry SET outcome = ?, organisation_id = ?, worker_id = ?, payout_run_id = ?, payout_id = ?, note = ? WHERE id = ?")
                .params(m.outcome().name(), m.organisationId(), m.workerId(), m.runId(), m.payoutId(), truncate(m.note(), 500), entryId).update();
        return m.outcome();
    }

    private record Match(BankEntry.Outcome outcome, Long organisationId, Long workerId, Long runId, Long payoutId, String note) {
        static Match unmatched(String note) {
            return new Match(BankEntry.Outcome.UNMATCHED, null, null, null, null, note);
        }
    }

    /** A credit: a top-up with an organisation's reference, or a worker's verification transfer. */
    private Match credited(CurrentUser admin, StatementFile.Line line) {
        Optional<PaymentReference> reference = PaymentReference.find(line.remittance());
        if (reference.isEmpty()) {
            Optional<BankAccount> known = line.counterpartyIban() == null ? Optional.empty()
                    : bankAccounts.byIban(BankAccount.Owner.ORGANISATION, line.counterpartyIban()).filter(BankAccount::verified);
            if (known.isPresent()) {
                return topUp(admin, line, known.get().ownerId(), "recognised by the organisation's verified account it came from");
            }
            return Match.unmatched("no Polder payment reference in the description");
        }
        PaymentReference ref = reference.get();
        if (ref.kind() == PaymentReference.Kind.ORGANISATION) {
            if (accounts.organisations().stream().noneMatch(o -> o.id() == ref.ownerId())) {
                return Match.unmatched("reference " + ref.text() + " names no organisation");
            }
            Match m = topUp(admin, line, ref.ownerId(), "reference " + ref.text());
            bankAccounts.of(BankAccount.Owner.ORGANISATION, ref.ownerId())
                    .filter(a -> !a.verified() && a.iban().equals(line.counterpartyIban()) && BankAccounts.sameName(a.holderName(), line.counterparty()))
                    .ifPresent(a -> bankAccounts.verifiedByTransfer(a, admin.id(), "a transfer from this account in the holder's name, booked " + line.booked()));
            return m;
        }
        Optional<BankAccount> account = bankAccounts.of(BankAccount.Owner.WORKER, ref.ownerId());
        if (account.isEmpty()) {
            return Match.unmatched("reference " + ref.text() + ": that worker has given no bank account");
        }
        if (!account.get().iban().equals(line.counterpartyIban())) {
            return Match.unmatched("reference " + ref.text() + ": sent from another account than the one the worker gave");
        }
        if (!BankAccounts.sameName(account.get().holderName(), line.counterparty())) {
            return Match.unmatched("reference " + ref.text() + ": the bank names the holder \"" + line.counterparty()
                    + "\", the worker gave \"" + account.get().holderName() + "\"");
        }
        bankAccounts.verifiedByTransfer(account.get(), admin.id(), "a transfer from this account in the holder's name, booked " + line.booked());
        events.publishEvent(Notice.to(ref.ownerId(), NoticeKind.PAYOUT, Words.of("notice.bankVerified", Words.money(line.cents())), "/me/bank"));
        funding.fromBankToWorker(admin.id(), ref.ownerId(), line.cents(), "bank transfer " + ref.text());
        return new Match(BankEntry.Outcome.VERIFICATION, null, ref.ownerId(), null, null, "account verified; the amount is on the worker's balance");
    }

    private Match topUp(CurrentUser admin, StatementFile.Line line, long organisationId, String how) {
        funding.fund(admin.id(), organisationId, line.cents(), "bank transfer, booked " + line.booked() + " (" + how + ")");
        toldOfTopUp(organisationId, line.cents());
        return new Match(BankEntry.Outcome.TOP_UP, organisationId, null, null, null, how);
    }

    private void toldOfTopUp(long organisationId, long cents) {
        events.publishEvent(Notice.toRequestersOf(organisationId, NoticeKind.BALANCE, Words.of("notice.topUp", Words.money(cents)), "/requester/balance"));
    }

    /** A debit: a payout run booked as one batch, or single payouts by their end-to-end ids. */
    private Match debited(CurrentUser admin, StatementFile.Line line) {
        for (String id : line.batchIds()) {
            Optional<PayoutRun> run = runs.byMessageId(id);
            if (run.isPresent()) {
                if (run.get().state() != PayoutRun.State.SENT) {
                    return Match.unmatched("payout run " + run.get().id() + " is " + run.get().state().name().toLowerCase(java.util.Locale.ROOT));
                }
                if (run.get().controlSum() != line.cents()) {
                    return Match.unmatched("payout run " + run.get().id() + " is for " + run.get().controlSum() + " cents, the bank debited " + line.cents());
                }
                int paid = runs.paidByBank(admin.id(), run.get(), "bank statement, booked " + line.booked());
                return new Match(BankEntry.Outcome.PAYOUTS_PAID, null, null, run.get().id(), null, paid + " payouts paid");
            }
        }
        List<Payout> named = new ArrayList<>();
        for (String e2e : line.endToEndIds()) {
            Matcher m = PAYOUT.matcher(e2e);
            if (m.matches()) {
                try {
                    named.add(payouts.get(Long.parseLong(m.group(1))));
                } catch (NotFoundException e) {
                    return Match.unmatched(e2e + " names no payout");
                }
            }
        }
        if (named.isEmpty()) {
            return Match.unmatched("not a payout of Polder's");
        }
        long sum = named.stream().mapToLong(Payout::amount).sum();
        if (sum != line.cents() || named.stream().anyMatch(p -> p.state() != Payout.State.SENT)) {
            return Match.unmatched("the payouts it names are not all sent, or do not add up to the amount debited");
        }
        for (Payout p : named) {
            payouts.paidByBank(admin.id(), p.id(), "bank statement, booked " + line.booked());
        }
        return new Match(BankEntry.Outcome.PAYOUTS_PAID, null, null, named.get(0).runId(), named.size() == 1 ? named.get(0).id() : null,
                named.size() + " payouts paid");
    }

    /** A credit that returns a payout (the bank gives the payout's end-to-end id and a reason). */
    private Match returned(CurrentUser admin, StatementFile.Line line) {
        for (String e2e : line.endToEndIds()) {
            Matcher m = PAYOUT.matcher(e2e);
            if (!m.matches()) {
                continue;
            }
            long payoutId = Long.parseLong(m.group(1));
            Payout payout;
            try {
                payout = payouts.get(payoutId);
            } catch (NotFoundException e) {
                return Match.unmatched(e2e + " names no payout");
            }
            if (payout.amount() != line.cents() || (payout.state() != Payout.State.SENT && payout.state() != Payout.State.PAID)) {
                return Match.unmatched("returns payout " + payoutId + ", which is " + payout.state().name().toLowerCase(java.util.Locale.ROOT)
                        + " and for " + payout.amount() + " cents");
            }
            String reason = ReturnReasons.describe(line.returnReason());
            payouts.returned(admin.id(), payoutId, reason);
            bankAccounts.unverify(payout.workerId(), payout.iban(), admin.id(), reason);
            return new Match(BankEntry.Outcome.PAYOUT_RETURNED, null, payout.workerId(), payout.runId(), payoutId, reason);
        }
        return Match.unmatched("a returned transfer that names no payout of Polder's");
    }

    /** An admin credits an unmatched incoming transfer to an organisation, with a reason. */
    @Transactional
    public BankEntry assign(CurrentUser admin, long entryId, long organisationId, String reason) {
        admin.require(Role.ADMIN);
        String why = reason(reason);
        BankEntry entry = get(entryId);
        accounts.organisation(organisationId);
        if (!entry.credit()) {
            throw DomainException.invalid("entryId: only money that came in can be credited to an organisation").code("problem.bank.notCredit");
        }
        resolve(admin, entry, BankEntry.Outcome.ASSIGNED, organisationId, why);
        funding.fund(admin.id(), organisationId, entry.amount(), "bank transfer, booked " + entry.bookedOn() + ", assigned: " + why);
        toldOfTopUp(organisationId, entry.amount());
        return get(entryId);
    }

    /** An admin sets an unmatched entry aside, with a reason (a bank charge, a transfer sent back by hand). */
    @Transactional
    public BankEntry setAside(CurrentUser admin, long entryId, String reason) {
        admin.require(Role.ADMIN);
        String why = reason(reason);
        resolve(admin, get(entryId), BankEntry.Outcome.SET_ASIDE, null, why);
        return get(entryId);
    }

    private void resolve(CurrentUser admin, BankEntry entry, BankEntry.Outcome outcome, Long organisationId, String why) {
        if (jdbc.sql("UPDATE bank_entry SET outcome = ?, organisation_id = ?, note = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND outcome = 'UNMATCHED'")
                .params(outcome.name(), organisationId, truncate(why, 500), admin.id(), Sql.ts(clock.instant()), entry.id()).update() == 0) {
            throw DomainException.conflict("This entry was already dealt with").code("problem.bank.resolved");
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason: say why").code("problem.bank.reason");
        }
        return reason.strip();
    }

    @Transactional(readOnly = true)
    public BankEntry get(long id) {
        return jdbc.sql("SELECT * FROM bank_entry WHERE id = ?").param(id).query(BankStatements::map).optional()
                .orElseThrow(() -> new NotFoundException("Bank entry", id));
    }

    @Transactional(readOnly = true)
    public List<BankEntry> entries(BankEntry.Outcome outcome, int limit) {
        return outcome == null
                ? jdbc.sql("SELECT * FROM bank_entry ORDER BY id DESC LIMIT ?").param(limit).query(BankStatements::map).list()
                : jdbc.sql("SELECT * FROM bank_entry WHERE outcome = ? ORDER BY id DESC LIMIT ?").params(outcome.name(), limit).query(BankStatements::map).list();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static BankEntry map(ResultSet rs, int n) throws SQLException {
        return new BankEntry(rs.getLong("id"), rs.getLong("statement_id"), rs.getObject("booked_on", java.time.LocalDate.class),
                rs.getLong("amount"), rs.getBoolean("credit"), rs.getString("counterparty"), rs.getString("counterparty_iban"),
                rs.getString("remittance"), BankEntry.Outcome.valueOf(rs.getString("outcome")), Sql.longOrNull(rs, "organisation_id"),
                Sql.longOrNull(rs, "worker_id"), Sql.longOrNull(rs, "payout_run_id"), Sql.longOrNull(rs, "payout_id"),
                rs.getString("note"), Sql.longOrNull(rs, "resolved_by"), Sql.instant(rs, "resolved_at"));
    }
}
