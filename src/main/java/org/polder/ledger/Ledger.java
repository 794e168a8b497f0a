package org.polder.ledger;

import org.polder.common.Page;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Posts balanced transactions. Each account's balance changes by one conditional update, so an
 * overdraft is refused atomically even under concurrency; the postings are the audit record.
 */
@Service
public class Ledger {

    private final JdbcClient jdbc;
    private final Clock clock;

    Ledger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Posts one transaction. Legs must share a currency and sum to zero. Throws
     * {@link InsufficientFunds} (and posts nothing, as the caller's transaction rolls back) when a
     * leg would overdraw its account.
     *
     * @return the transaction id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long post(String kind, String description, Long actorId, String reference, List<Leg> legs) {
        if (legs.size() < 2) {
            throw new IllegalArgumentException("a transaction needs at least two legs");
        }
        long sum = 0;
        for (Leg leg : legs) {
            sum = Math.addExact(sum, leg.amount());
            if (!leg.account().currency().equals(legs.get(0).account().currency())) {
                throw new IllegalArgumentException("all legs of a transaction share one currency");
            }
        }
        if (sum != 0) {
            throw new IllegalArgumentException("legs sum to " + sum + ", not zero");
        }
        java.util.Map<LedgerAccount, Optional<Found>> known = new java.util.HashMap<>();
        Checked checked = inPlayOrReal(legs, a -> known.computeIfAbsent(a, this::findWithPlay));
        legs = checked.legs();
        boolean play = checked.play();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO ledger_transaction (kind, description, actor_id, reference, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(kind, truncate(description, 500), actorId, reference, Sql.ts(clock.instant())).update(key, "id");
        long transactionId = key.getKey().longValue();

        // Lock accounts in one global order so that two transactions never wait on each other in a cycle.
        List<Resolved> resolved = new ArrayList<>();
        for (Leg leg : legs) {
            Optional<Found> found = known.computeIfAbsent(leg.account(), this::findWithPlay);
            resolved.add(new Resolved(found.isPresent() ? found.get().id() : accountIn(leg.account(), play).id(), leg));
        }
        resolved.sort(Comparator.comparingLong(Resolved::accountId));
        for (Resolved r : resolved) {
            if (r.leg().amount() == 0) {
                continue;
            }
            int updated = r.leg().account().type().mayBeNegative() || r.leg().amount() > 0
                    ? jdbc.sql("UPDATE ledger_account SET balance = balance + ? WHERE id = ?")
                    .params(r.leg().amount(), r.accountId()).update()
                    : jdbc.sql("UPDATE ledger_account SET balance = balance + ? WHERE id = ? AND balance >= ?")
                    .params(r.leg().amount(), r.accountId(), -r.leg().amount()).update();
            if (updated == 0) {
                throw new InsufficientFunds(r.leg().account(), balance(r.leg().account()), -r.leg().amount());
            }
            jdbc.sql("INSERT INTO posting (transaction_id, account_id, amount) VALUES (?, ?, ?)")
                    .params(transactionId, r.accountId(), r.leg().amount()).update();
        }
        return transactionId;
    }

    /**
     * Play money (a sandbox's) and real money never meet. A transaction touching an account in play is in play: the
     * platform's own accounts in it become {@link LedgerAccount.Type#PLAY_MONEY} (a sandbox's fee is play money too),
     * and an account holding real money in it is refused. Accounts first used in such a transaction are in play.
     */
    private Checked inPlayOrReal(List<Leg> legs, java.util.function.Function<LedgerAccount, Optional<Found>> find) {
        boolean play = legs.stream().anyMatch(l -> l.account().type() == LedgerAccount.Type.PLAY_MONEY
                || find.apply(l.account()).map(Found::play).orElse(false));
        if (!play) {
            return new Checked(legs, false);
        }
        List<Leg> inPlay = new ArrayList<>();
        for (Leg leg : legs) {
            Leg l = leg.account().type().platformOwned()
                    ? new Leg(LedgerAccount.platform(LedgerAccount.Type.PLAY_MONEY), leg.amount()) : leg;
            if (find.apply(l.account()).map(f -> !f.play()).orElse(false)) {
                throw org.polder.common.DomainException.conflict("Play money from a sandbox never mixes with real money: "
                        + l.account().describe() + " holds real money").code("problem.sandbox.mixed");
            }
            inPlay.add(l);
        }
        return new Checked(inPlay, true);
    }

    private record Checked(List<Leg> legs, boolean play) {
    }

    /**
     * Opens an account in play (a sandbox organisation's balance) before any money moves, so that its first posting
     * is already play money. Refuses an account that holds real money.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void openInPlay(LedgerAccount account) {
        if (!accountIn(account, true).play()) {
            throw org.polder.common.DomainException.conflict(account.describe() + " holds real money").code("problem.sandbox.mixed");
        }
    }

    /** Whether this account holds play money (false for one never used). */
    @Transactional(readOnly = true)
    public boolean inPlay(LedgerAccount account) {
        return findWithPlay(account).map(Found::play).orElse(false);
    }

    @Transactional(readOnly = true)
    public long balance(LedgerAccount account) {
        return find(account).map(a -> jdbc.sql("SELECT balance FROM ledger_account WHERE id = ?").param(a)
                .query(Long.class).single()).orElse(0L);
    }

    @Transactional(readOnly = true)
    public Money balanceOf(LedgerAccount account) {
        return new Money(balance(account), account.currency());
    }

    /**
     * Reads an account's balance and holds its row lock until the transaction ends: postings to it
     * from other transactions wait, so what is read stays true while the caller acts on it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long lockBalance(LedgerAccount account) {
        return jdbc.sql("SELECT balance FROM ledger_account WHERE id = ? FOR UPDATE").param(accountId(account))
                .query(Long.class).single();
    }

    /** Postings on one account, newest first. */
    @Transactional(readOnly = true)
    public Page<Posting> postings(LedgerAccount account, int page, int size) {
        Page.check(page, size);
        Optional<Long> id = find(account);
        if (id.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        List<Posting> items = jdbc.sql("""
                        SELECT p.id, p.transaction_id, t.kind, t.description, p.amount, t.created_at
                        FROM posting p JOIN ledger_transaction t ON t.id = p.transaction_id
                        WHERE p.account_id = ? ORDER BY p.id DESC LIMIT ? OFFSET ?""")
                .params(id.get(), size, (long) page * size)
                .query((rs, n) -> new Posting(rs.getLong("id"), rs.getLong("transaction_id"), rs.getString("kind"),
                        rs.getString("description"), rs.getLong("amount"), account.currency(), Sql.instant(rs, "created_at")))
                .list();
        long total = jdbc.sql("SELECT COUNT(*) FROM posting WHERE account_id = ?").param(id.get()).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /**
     * Credits that are not income: a worker's own money sent in (the transfer that verifies their bank account), a
     * payout the bank sent back, and what a sick-pay circle gives or returns (a gift among workers, which no rule of
     * the platform reads). Left out of earnings, pay per active hour and the authority report.
     */
    private static final String NOT_EARNED = " AND t.kind NOT IN ('BANK_TRANSFER_IN', 'PAYOUT_RETURNED', 'CIRCLE_GIFT', 'CIRCLE_RETURN')";

    /** Money credited to an account per local day, for postings in [from, to); income only ({@link #NOT_EARNED}). */
    @Transactional(readOnly = true)
    public java.util.Map<java.time.LocalDate, Long> creditsPerDay(LedgerAccount account, java.time.Instant from,
                                                                java.time.Instant to, java.time.ZoneId zone) {
        java.util.Map<java.time.LocalDate, Long> days = new java.util.TreeMap<>();
        find(account).ifPresent(id -> jdbc.sql("""
                        SELECT p.amount, t.created_at FROM posting p JOIN ledger_transaction t ON t.id = p.transaction_id
                        WHERE p.account_id = ? AND p.amount > 0 AND t.created_at >= ? AND t.created_at < ?""" + NOT_EARNED)
                .params(id, Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    java.time.LocalDate day = Sql.instant(rs, "created_at").atZone(zone).toLocalDate();
                    days.merge(day, rs.getLong("amount"), Long::sum);
                }));
        return days;
    }

    /** Real money credited to each account of one type in [from, to), by owner: e.g. every worker's earnings in a period. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, Long> creditsByOwner(LedgerAccount.Type type, java.time.Instant from, java.time.Instant to) {
        java.util.Map<Long, Long> byOwner = new java.util.TreeMap<>();
        jdbc.sql("""
                        SELECT a.owner_id, SUM(p.amount) AS credited FROM posting p
                        JOIN ledger_account a ON a.id = p.account_id JOIN ledger_transaction t ON t.id = p.transaction_id
                        WHERE a.type = ? AND NOT a.play AND p.amount > 0 AND t.created_at >= ? AND t.created_at < ?""" + NOT_EARNED + " GROUP BY a.owner_id")
                .params(type.name(), Sql.ts(from), Sql.ts(to))
                .query(rs -> {
                    byOwner.put(rs.getLong("owner_id"), rs.getLong("credited"));
                });
        return byOwner;
    }

    /** Sum of all money credited to an account over its life, income only (for "earned in total"). */
    @Transactional(readOnly = true)
    public long totalCredited(LedgerAccount account) {
        return find(account).map(id -> jdbc.sql("SELECT COALESCE(SUM(p.amount), 0) FROM posting p JOIN ledger_transaction t ON t.id = p.transaction_id "
                        + "WHERE p.account_id = ? AND p.amount > 0" + NOT_EARNED)
                .param(id).query(Long.class).single()).orElse(0L);
    }

    /** The balances of all accounts of each type added up (every organisation's, every escrow of a kind, ...); real money only. */
    @Transactional(readOnly = true)
    public java.util.Map<LedgerAccount.Type, Long> totalsByType() {
        java.util.Map<LedgerAccount.Type, Long> totals = new java.util.EnumMap<>(LedgerAccount.Type.class);
        for (LedgerAccount.Type type : LedgerAccount.Type.values()) {
            totals.put(type, 0L);
        }
        jdbc.sql("SELECT type, COALESCE(SUM(balance), 0) FROM ledger_account WHERE NOT play GROUP BY type")
                .query((rs, n) -> totals.put(LedgerAccount.Type.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return totals;
    }

    /**
     * Checks the books: every transaction sums to zero, all balances together are zero, every
     * account's balance equals the sum of its postings, and no account is below its floor (the
     * guarantee fund included). Returns the problems found (none when sound).
     */
    @Transactional(readOnly = true)
    public List<String> audit() {
        List<String> problems = new ArrayList<>();
        jdbc.sql("SELECT transaction_id, SUM(amount) FROM posting GROUP BY transaction_id HAVING SUM(amount) <> 0")
                .query((rs, n) -> "transaction " + rs.getLong(1) + " sums to " + rs.getLong(2)).list().forEach(problems::add);
        long total = jdbc.sql("SELECT COALESCE(SUM(balance), 0) FROM ledger_account").query(Long.class).single();
        if (total != 0) {
            problems.add("all balances together are " + total + ", not zero");
        }
        jdbc.sql("""
                        SELECT a.id, a.balance, COALESCE(SUM(p.amount), 0) AS posted FROM ledger_account a
                        LEFT JOIN posting p ON p.account_id = a.id GROUP BY a.id, a.balance
                        HAVING a.balance <> COALESCE(SUM(p.amount), 0)""")
                .query((rs, n) -> "account " + rs.getLong(1) + " has balance " + rs.getLong(2) + " but postings sum to " + rs.getLong(3))
                .list().forEach(problems::add);
        jdbc.sql("SELECT id, type, balance FROM ledger_account WHERE balance < 0")
                .query((rs, n) -> {
                    LedgerAccount.Type type = LedgerAccount.Type.valueOf(rs.getString(2));
                    if (!type.floorAtZero()) {
                        return null;
                    }
                    return type.mayBeNegative()
                            ? "account " + rs.getLong(1) + " (" + rs.getString(2) + ") is below its floor of zero: " + rs.getLong(3)
                            : "account " + rs.getLong(1) + " (" + rs.getString(2) + ") is overdrawn: " + rs.getLong(3);
                })
                .list().stream().filter(java.util.Objects::nonNull).forEach(problems::add);
        return problems;
    }

    private record Found(long id, boolean play) {
    }

    private Optional<Found> findWithPlay(LedgerAccount account) {
        return jdbc.sql("SELECT id, play FROM ledger_account WHERE type = ? AND owner_id = ? AND currency = ?")
                .params(account.type().name(), account.ownerId(), account.currency())
                .query((rs, n) -> new Found(rs.getLong(1), rs.getBoolean(2))).optional();
    }

    private Optional<Long> find(LedgerAccount account) {
        return findWithPlay(account).map(Found::id);
    }

    private long accountId(LedgerAccount account) {
        return accountIn(account, false).id();
    }

    /** The account, opened (in play or not) when it does not exist yet. */
    private Found accountIn(LedgerAccount account, boolean play) {
        Optional<Found> existing = findWithPlay(account);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("INSERT INTO ledger_account (type, owner_id, currency, balance, play) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING")
                .params(account.type().name(), account.ownerId(), account.currency(), play).update();
        return findWithPlay(account).orElseThrow();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private record Resolved(long accountId, Leg leg) {
    }
}
