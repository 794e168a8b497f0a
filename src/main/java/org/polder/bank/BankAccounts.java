package org.polder.bank;

import org.iban4j.Iban;
import org.iban4j.Iban4jException;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.ledger.PayoutDestinations;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The bank accounts workers are paid to and organisations pay from. A change needs the account's password
 * and is noted in the trail; a new account is unverified until the bank shows a transfer from it in the
 * holder's name (or an admin verifies it with a reason). Payouts go only to a verified account.
 */
@Service
public class BankAccounts implements PayoutDestinations {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Trail trail;
    private final Clock clock;

    BankAccounts(JdbcClient jdbc, Accounts accounts, Trail trail, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.trail = trail;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<BankAccount> of(BankAccount.Owner owner, long ownerId) {
        return jdbc.sql("SELECT * FROM bank_account WHERE owner_type = ? AND owner_id = ?").params(owner.name(), ownerId)
                .query(BankAccounts::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Destination> verifiedAccountOf(long workerId) {
        return of(BankAccount.Owner.WORKER, workerId).filter(BankAccount::verified)
                .map(a -> new Destination(a.iban(), a.holderName()));
    }

    /** A worker gives the account to be paid to, confirming with their password. */
    @Transactional
    public BankAccount setOwn(CurrentUser worker, String iban, String holderName, String password, String source) {
        worker.require(Role.WORKER);
        return set(worker, BankAccount.Owner.WORKER, worker.id(), iban, holderName, password, source);
    }

    /** A requester gives the account their organisation pays from, confirming with their password. */
    @Transactional
    public BankAccount setOrganisation(CurrentUser requester, String iban, String holderName, String password, String source) {
        requester.require(Role.REQUESTER);
        return set(requester, BankAccount.Owner.ORGANISATION, requester.organisation(), iban, holderName, password, source);
    }

    private BankAccount set(CurrentUser user, BankAccount.Owner owner, long ownerId, String iban, String holderName,
                            String password, String source) {
        String number = checkedIban(iban);
        String holder = checkedHolder(holderName);
        if (password == null || accounts.checkPassword(user.username(), password, source).isEmpty()) {
            throw DomainException.invalid("password: this is not your password").code("problem.account.currentPassword");
        }
        Optional<BankAccount> before = of(owner, ownerId);
        if (before.isPresent() && before.get().iban().equals(number) && before.get().holderName().equals(holder)) {
            return before.get();
        }
        Instant now = clock.instant();
        if (before.isPresent()) {
            jdbc.sql("UPDATE bank_account SET iban = ?, holder_name = ?, changed_at = ?, verified_at = NULL, verified_how = NULL WHERE id = ?")
                    .params(number, holder, Sql.ts(now), before.get().id()).update();
        } else {
            jdbc.sql("INSERT INTO bank_account (owner_type, owner_id, iban, holder_name, changed_at) VALUES (?, ?, ?, ?, ?)")
                    .params(owner.name(), ownerId, number, holder, Sql.ts(now)).update();
        }
        TrailEntry entry = TrailEntry.of("BANK_ACCOUNT_CHANGED").by(user.id()).with("iban", BankAccount.masked(number))
                .with("holderName", holder);
        trail.record(owner == BankAccount.Owner.WORKER ? entry.aboutWorker(ownerId) : entry.organisation(ownerId));
        return of(owner, ownerId).orElseThrow();
    }

    /** An admin verifies an account by other means (a bank card seen, a letter from the bank), with a reason. */
    @Transactional
    public BankAccount verifyByAdmin(CurrentUser admin, BankAccount.Owner owner, long ownerId, String reason) {
        admin.require(Role.ADMIN);
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason: say how you verified this account").code("problem.bank.reason");
        }
        BankAccount account = of(owner, ownerId).orElseThrow(() -> DomainException.invalid("ownerId: no bank account given")
                .code("problem.bank.noAccount"));
        return verified(account, admin.id(), "by an admin: " + reason.strip());
    }

    /** The bank's statement shows a transfer from the account, in the holder's name, with the owner's reference. */
    @Transactional
    BankAccount verifiedByTransfer(BankAccount account, long actorId, String how) {
        return verified(account, actorId, how);
    }

    private BankAccount verified(BankAccount account, long actorId, String how) {
        jdbc.sql("UPDATE bank_account SET verified_at = ?, verified_how = ? WHERE id = ?")
                .params(Sql.ts(clock.instant()), truncate(how, 300), account.id()).update();
        TrailEntry entry = TrailEntry.of("BANK_ACCOUNT_VERIFIED").by(actorId).with("iban", account.maskedIban()).with("how", how);
        trail.record(account.owner() == BankAccount.Owner.WORKER ? entry.aboutWorker(account.ownerId()) : entry.organisation(account.ownerId()));
        return of(account.owner(), account.ownerId()).orElseThrow();
    }

    /** The bank returned a payout to this account: it must be verified again before the next payout. */
    @Transactional
    void unverify(long workerId, String iban, long actorId, String reason) {
        of(BankAccount.Owner.WORKER, workerId).filter(a -> a.iban().equals(iban) && a.verified()).ifPresent(a -> {
            jdbc.sql("UPDATE bank_account SET verified_at = NULL, verified_how = NULL WHERE id = ?").param(a.id()).update();
            trail.record(TrailEntry.of("BANK_ACCOUNT_UNVERIFIED").aboutWorker(workerId).by(actorId)
                    .with("iban", a.maskedIban()).with("reason", reason));
        });
    }

    /** Accounts given and not yet verified, oldest first, for an admin who verifies by other means. */
    @Transactional(readOnly = true)
    public java.util.List<BankAccount> unverified(int limit) {
        return jdbc.sql("SELECT * FROM bank_account WHERE verified_at IS NULL ORDER BY changed_at LIMIT ?").param(limit)
                .query(BankAccounts::map).list();
    }

    /** Whose account this IBAN is, among accounts given, for a transfer that came without a reference. */
    @Transactional(readOnly = true)
    Optional<BankAccount> byIban(BankAccount.Owner owner, String iban) {
        return jdbc.sql("SELECT * FROM bank_account WHERE owner_type = ? AND iban = ? ORDER BY id").params(owner.name(), iban)
                .query(BankAccounts::map).list().stream().findFirst();
    }

    /** The IBAN without spaces, in capitals, with a valid country, length and check digits; or an error naming the field. */
    public static String checkedIban(String iban) {
        String number = iban == null ? "" : iban.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (number.isEmpty()) {
            throw DomainException.invalid("iban: give the account number (IBAN)").code("problem.bank.iban");
        }
        try {
            return Iban.valueOf(number).toString();
        } catch (Iban4jException e) {
            throw DomainException.invalid("iban: " + number + " is not a valid IBAN (" + e.getMessage() + ")").code("problem.bank.iban", number);
        }
    }

    private static String checkedHolder(String holderName) {
        String holder = holderName == null ? "" : holderName.strip().replaceAll("\\s+", " ");
        if (holder.length() < 2 || holder.length() > 70) {
            throw DomainException.invalid("holderName: the account holder's name as the bank knows it, 2 to 70 characters")
                    .code("problem.bank.holder");
        }
        return holder;
    }

    /**
     * Whether the name a bank gives for an account is the holder's name: the same words, ignoring case, accents and
     * their order ("Jansen, A." and "A. Jansen" are the same; "A. Jansen" and "B. Jansen" are not).
     */
    static boolean sameName(String given, String fromBank) {
        return fromBank != null && words(given).equals(words(fromBank));
    }

    private static java.util.Set<String> words(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        java.util.Set<String> words = new java.util.TreeSet<>();
        for (String w : plain.split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static BankAccount map(ResultSet rs, int n) throws SQLException {
        return new BankAccount(rs.getLong("id"), BankAccount.Owner.valueOf(rs.getString("owner_type")), rs.getLong("owner_id"),
                rs.getString("iban"), rs.getString("holder_name"), Sql.instant(rs, "changed_at"), Sql.instant(rs, "verified_at"),
                rs.getString("verified_how"));
    }
}
