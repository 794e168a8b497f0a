package org.polder.solidarity;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A circle's money. Each member puts their tier's contribution into their own reserve every month (by itself from
 * their balance if they wish); when a member is ill, each month's gift (their tier's, for up to {@link #GIFT_MONTHS}
 * months) is given by the other members, each an equal share from their reserve, once a reviewer the circle chose
 * confirms it. A member who leaves gets back what is left of their reserve. Every movement is one ledger transaction
 * that sums to zero; no cent is made or lost in splitting a gift.
 */
@Service
public class CircleFunds {

    public static final int GIFT_MONTHS = 24;
    /** How far back an illness may be reported to have begun. */
    static final int REPORT_WITHIN_DAYS = 14;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ZoneId zone;

    CircleFunds(JdbcClient jdbc, Ledger ledger, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock,
                @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    // ---- contributions

    /** A member pays the oldest month still due from their balance. */
    @Transactional
    public LocalDate contribute(CurrentUser worker) {
        Circles.Row me = member(worker);
        lockMember(me.id());   // two presses at once pay one month, not the same one twice
        List<LocalDate> due = monthsDue(me.id());
        if (due.isEmpty()) {
            throw DomainException.conflict("Your contributions are paid up to this month").code("problem.circle.paidUp");
        }
        pay(me, due.get(0));
        return due.get(0);
    }

    /**
     * Sets aside the contributions due of every member who chose so, oldest month first, each in a transaction of its
     * own; a member whose balance is short is told once a month and stays due. Returns how many months were paid.
     */
    public int collectDue() {
        List<Circles.Row> auto = jdbc.sql("SELECT * FROM circle_member WHERE state = 'MEMBER' AND auto_contribute").query(Circles::map).list();
        int paid = 0;
        for (Circles.Row m : auto) {
            for (LocalDate month : monthsDue(m.id())) {
                Boolean done = transactions.execute(s -> {
                    lockMember(m.id());
                    if (!monthsDue(m.id()).contains(month)) {
                        return true;   // paid meanwhile, by hand or on another node
                    }
                    long balance = ledger.lockBalance(LedgerAccount.worker(m.workerId()));
                    if (balance < Tier.of(m.tier()).contributionCents()) {
                        return false;
                    }
                    pay(m, month);
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    paid++;
                } else {
                    tellShort(m, month);
                    break;
                }
            }
        }
        return paid;
    }

    /** Tells a member, once a month, that their balance was short for a contribution; it stays due. */
    private void tellShort(Circles.Row m, LocalDate month) {
        LocalDate thisMonth = today().withDayOfMonth(1);
        transactions.executeWithoutResult(s -> {
            if (jdbc.sql("UPDATE circle_member SET short_told_for = ? WHERE id = ? AND (short_told_for IS NULL OR short_told_for < ?)")
                    .params(thisMonth, m.id(), thisMonth).update() == 1) {
                events.publishEvent(Notice.to(m.workerId(), NoticeKind.CIRCLE, Words.of("notice.circle.short",
                        Words.money(Tier.of(m.tier()).contributionCents()), Words.day(month))));
            }
        });
    }

    private void lockMember(long memberId) {
        jdbc.sql("SELECT id FROM circle_member WHERE id = ? FOR UPDATE").param(memberId).query(Long.class).single();
    }

    private void pay(Circles.Row m, LocalDate month) {
        long amount = Tier.of(m.tier()).contributionCents();
        String circle = circleName(m.circleId());
        long transaction = ledger.post("CIRCLE_CONTRIBUTION", "Contribution to sick-pay circle " + circle + " for " + month.getYear() + "-"
                        + String.format("%02d", month.getMonthValue()), m.workerId(), "circle-member:" + m.id() + ":" + month,
                List.of(debit(LedgerAccount.worker(m.workerId()), amount), credit(LedgerAccount.circleReserve(m.id()), amount)));
        jdbc.sql("INSERT INTO circle_contribution (member_id, for_month, amount, transaction_id, paid_at) VALUES (?, ?, ?, ?, ?)")
                .params(m.id(), month, amount, transaction, Sql.ts(clock.instant())).update();
    }

    /** The months from joining to this one whose contribution is not paid, oldest first. */
    @Transactional(readOnly = true)
    public List<LocalDate> monthsDue(long memberId) {
        Instant joined = jdbc.sql("SELECT joined_at FROM circle_member WHERE id = ?").param(memberId).query((rs, n) -> Sql.instant(rs, "joined_at")).single();
        if (joined == null) {
            return List.of();
        }
        List<LocalDate> paid = jdbc.sql("SELECT for_month FROM circle_contribution WHERE member_id = ?").param(memberId)
                .query((rs, n) -> rs.getObject(1, LocalDate.class)).list();
        List<LocalDate> due = new ArrayList<>();
        LocalDate thisMonth = today().withDayOfMonth(1);
        for (LocalDate m = joined.atZone(zone).toLocalDate().withDayOfMonth(1); !m.isAfter(thisMonth); m = m.plusMonths(1)) {
            if (!paid.contains(m)) {
                due.add(m);
            }
        }
        return due;
    }

    // ---- illness and gifts

    /** A member reports they are ill from a day (today, or up to 14 days back); the circle must give gifts already. */
    @Transactional
    public MyCircle.Illness reportSick(CurrentUser worker, LocalDate startsOn) {
        Circles.Row me = member(worker);
        LocalDate today = today();
        if (startsOn == null || startsOn.isAfter(today) || startsOn.isBefore(today.minusDays(REPORT_WITHIN_DAYS))) {
            throw DomainException.invalid("startsOn: the first day you were ill, today or up to " + REPORT_WITHIN_DAYS + " days ago")
                    .code("problem.circle.startsOn", REPORT_WITHIN_DAYS);
        }
        if (jdbc.sql("SELECT active_since FROM circle WHERE id = ?").param(me.circleId()).query((rs, n) -> rs.getObject(1)).optional().orElse(null) == null) {
            throw DomainException.conflict("The circle gives gifts once it has " + Circles.MIN_MEMBERS + " members")
                    .code("problem.circle.forming", Circles.MIN_MEMBERS);
        }
        Instant joined = jdbc.sql("SELECT joined_at FROM circle_member WHERE id = ?").param(me.id()).query((rs, n) -> Sql.instant(rs, "joined_at")).single();
        if (startsOn.isBefore(joined.atZone(zone).toLocalDate())) {
            throw DomainException.invalid("startsOn: an illness that began before you joined is not the circle's to carry")
                    .code("problem.circle.beforeJoining");
        }
        if (openIllness(me.id()).isPresent()) {
            throw DomainException.conflict("You are reported ill already").code("problem.circle.ill");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO circle_illness (member_id, starts_on, gift_cents, reported_at) VALUES (?, ?, ?, ?)")
                .params(me.id(), startsOn, Tier.of(me.tier()).giftCents(), Sql.ts(clock.instant())).update(key, "id");
        long id = key.getKey().longValue();
        reviewers(me.circleId(), me.id()).forEach(w -> events.publishEvent(Notice.to(w, NoticeKind.CIRCLE,
                Words.of("notice.circle.ill", worker.displayName(), Words.day(startsOn)))));
        return illness(me.circleId(), id);
    }

    /** The ill member, or whoever may review their gifts, reports them well again from a day. */
    @Transactional
    public MyCircle.Illness reportWell(CurrentUser worker, long illnessId, LocalDate endsOn) {
        Circles.Row me = member(worker);
        Sick sick = sick(me.circleId(), illnessId);
        if (sick.memberId() != me.id()) {
            requireReviewer(me, sick);
        }
        if (endsOn == null || endsOn.isBefore(sick.startsOn()) || endsOn.isAfter(today())) {
            throw DomainException.invalid("endsOn: the last day of the illness, from its first day to today").code("problem.circle.endsOn");
        }
        if (jdbc.sql("UPDATE circle_illness SET ends_on = ? WHERE id = ? AND ends_on IS NULL").params(endsOn, illnessId).update() == 0) {
            throw DomainException.conflict("This illness has ended already").code("problem.circle.ended");
        }
        return illness(me.circleId(), illnessId);
    }

    /**
     * The reviewer confirms the next month's gift of an illness and the circle gives it: each other member an equal
     * share from their reserve (a cent more for the first ones where it does not divide), a member whose reserve is
     * short giving what it holds and the others the rest. What all reserves together cannot give is the shortfall.
     */
    @Transactional
    public MyCircle.Gift giveGift(CurrentUser worker, long illnessId) {
        Circles.Row me = member(worker);
        jdbc.sql("SELECT id FROM circle WHERE id = ? FOR UPDATE").param(me.circleId()).query(Long.class).single();
        Sick sick = sick(me.circleId(), illnessId);
        if (sick.memberId() == me.id()) {
            throw DomainException.forbidden("Another member reviews the gifts of your own illness").code("problem.circle.ownGift");
        }
        requireReviewer(me, sick);
        int month = sick.monthsPaid() + 1;
        LocalDate dueOn = sick.startsOn().plusMonths(month - 1L);
        if (month > GIFT_MONTHS) {
            throw DomainException.conflict("This illness has had its " + GIFT_MONTHS + " months of gifts").code("problem.circle.giftsDone", GIFT_MONTHS);
        }
        if (dueOn.isAfter(today()) || (sick.endsOn() != null && sick.endsOn().isBefore(dueOn))) {
            throw DomainException.conflict("No gift is due: month " + month + " begins on " + dueOn + (sick.endsOn() != null ? ", after the illness ended" : ""))
                    .code("problem.circle.notDue", Words.day(dueOn));
        }
        Map<Long, Long> shares = shares(me.circleId(), sick.memberId(), sick.giftCents());
        long given = shares.values().stream().mapToLong(Long::longValue).sum();
        if (given == 0) {
            throw DomainException.conflict("The other members' reserves are empty: nothing can be given").code("problem.circle.empty");
        }
        List<Leg> legs = new ArrayList<>();
        shares.forEach((member, cents) -> legs.add(debit(LedgerAccount.circleReserve(member), cents)));
        legs.add(credit(LedgerAccount.worker(sick.workerId()), given));
        String circle = circleName(me.circleId());
        long transaction = ledger.post("CIRCLE_GIFT", "Gift from sick-pay circle " + circle + ", month " + month + " of " + GIFT_MONTHS,
                worker.id(), "circle-illness:" + illnessId + ":" + month, legs);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO circle_gift (illness_id, month_number, amount, shortfall, reviewed_by, transaction_id, paid_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(illnessId, month, given, sick.giftCents() - given, me.id(), transaction, Sql.ts(now)).update();
        events.publishEvent(Notice.to(sick.workerId(), NoticeKind.CIRCLE, Words.of("notice.circle.gift", Words.money(given), month, circle)));
        return new MyCircle.Gift(sick.displayName(), month, given, sick.giftCents() - given, now);
    }

    /** Each other member's share of a gift, by membership, in cents; never more than a reserve holds. */
    private Map<Long, Long> shares(long circleId, long sickMemberId, long gift) {
        Map<Long, Long> left = new LinkedHashMap<>();
        jdbc.sql("SELECT id FROM circle_member WHERE circle_id = ? AND state = 'MEMBER' AND id <> ? ORDER BY id").params(circleId, sickMemberId)
                .query(Long.class).list().forEach(m -> left.put(m, ledger.lockBalance(LedgerAccount.circleReserve(m))));
        return split(gift, left);
    }

    /** Splits {@code amount} equally over the reserves, capped by each; whatever cannot be given is left out. */
    static Map<Long, Long> split(long amount, Map<Long, Long> reserves) {
        Map<Long, Long> shares = new LinkedHashMap<>();
        Map<Long, Long> left = new LinkedHashMap<>();
        reserves.forEach((m, r) -> {
            shares.put(m, 0L);
            if (r > 0) {
                left.put(m, r);
            }
        });
        long remaining = amount;
        while (remaining > 0 && !left.isEmpty()) {
            long each = remaining / left.size();
            long extra = remaining % left.size();
            int i = 0;
            for (Long m : List.copyOf(left.keySet())) {
                long want = each + (i++ < extra ? 1 : 0);
                long take = Math.min(want, left.get(m));
                shares.merge(m, take, Long::sum);
                remaining -= take;
                if (left.get(m) == take) {
                    left.remove(m);
                } else {
                    left.put(m, left.get(m) - take);
                }
            }
        }
        shares.values().removeIf(v -> v == 0);
        return shares;
    }

    // ---- leaving

    /** What is left of a member's reserve goes back to their balance; called by {@link Circles#leave}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void returnReserve(long memberId, long workerId, String circle) {
        long reserve = ledger.lockBalance(LedgerAccount.circleReserve(memberId));
        if (reserve > 0) {
            ledger.post("CIRCLE_RETURN", "Reserve returned on leaving sick-pay circle " + circle, workerId, "circle-member:" + memberId + ":left",
                    List.of(debit(LedgerAccount.circleReserve(memberId), reserve), credit(LedgerAccount.worker(workerId), reserve)));
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void endIllnessOnLeaving(long memberId) {
        jdbc.sql("UPDATE circle_illness SET ends_on = ? WHERE member_id = ? AND ends_on IS NULL").params(today(), memberId).update();
    }

    // ---- reading

    Optional<Long> openIllness(long memberId) {
        return jdbc.sql("SELECT id FROM circle_illness WHERE member_id = ? AND ends_on IS NULL").param(memberId).query(Long.class).optional();
    }

    record Illnesses(List<MyCircle.Illness> all, List<MyCircle.Gift> gifts) {
        List<MyCircle.Illness> open() {
            return all.stream().filter(i -> i.endsOn() == null).toList();
        }
    }

    /** The circle's illnesses (open ones first, then the last year's) and the gifts it gave, newest first. */
    Illnesses illnesses(long circleId) {
        LocalDate yearAgo = today().minusYears(1);
        List<MyCircle.Illness> all = jdbc.sql("""
                        SELECT i.id FROM circle_illness i JOIN circle_member m ON m.id = i.member_id
                        WHERE m.circle_id = ? AND (i.ends_on IS NULL OR i.ends_on >= ?) ORDER BY CASE WHEN i.ends_on IS NULL THEN 0 ELSE 1 END, i.id DESC""")
                .params(circleId, yearAgo).query(Long.class).list().stream().map(id -> illness(circleId, id)).toList();
        List<MyCircle.Gift> gifts = jdbc.sql("""
                        SELECT a.display_name, g.month_number, g.amount, g.shortfall, g.paid_at FROM circle_gift g
                        JOIN circle_illness i ON i.id = g.illness_id JOIN circle_member m ON m.id = i.member_id JOIN account a ON a.id = m.worker_id
                        WHERE m.circle_id = ? ORDER BY g.paid_at DESC, g.month_number DESC LIMIT 100""").param(circleId)
                .query((rs, n) -> new MyCircle.Gift(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), Sql.instant(rs, "paid_at"))).list();
        return new Illnesses(all, gifts);
    }

    private MyCircle.Illness illness(long circleId, long illnessId) {
        Sick s = sick(circleId, illnessId);
        int next = s.monthsPaid() + 1;
        LocalDate dueOn = s.startsOn().plusMonths(next - 1L);
        boolean due = next <= GIFT_MONTHS && !dueOn.isAfter(today()) && (s.endsOn() == null || !s.endsOn().isBefore(dueOn));
        return new MyCircle.Illness(illnessId, s.memberId(), s.displayName(), s.startsOn(), s.endsOn(), s.giftCents(), s.monthsPaid(),
                due ? next : null, next <= GIFT_MONTHS && (s.endsOn() == null || !s.endsOn().isBefore(dueOn)) ? dueOn : null);
    }

    private record Sick(long memberId, long workerId, String displayName, LocalDate startsOn, LocalDate endsOn, long giftCents, int monthsPaid) {
    }

    private Sick sick(long circleId, long illnessId) {
        return jdbc.sql("""
                        SELECT i.member_id, m.worker_id, a.display_name, i.starts_on, i.ends_on, i.gift_cents,
                               (SELECT COUNT(*) FROM circle_gift g WHERE g.illness_id = i.id) AS paid
                        FROM circle_illness i JOIN circle_member m ON m.id = i.member_id JOIN account a ON a.id = m.worker_id
                        WHERE i.id = ? AND m.circle_id = ?""").params(illnessId, circleId)
                .query((rs, n) -> new Sick(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class), rs.getLong(6), rs.getInt(7)))
                .optional().orElseThrow(() -> new NotFoundException("Illness", illnessId));
    }

    /** The chosen reviewer reviews; while there is none, or they are the one ill, any other member may. */
    private void requireReviewer(Circles.Row me, Sick sick) {
        Long reviewer = reviewerOf(me.circleId());
        if (reviewer != null && reviewer != me.id() && reviewer != sick.memberId()) {
            throw DomainException.forbidden("The member the circle chose as reviewer confirms gifts and recoveries").code("problem.circle.notReviewer");
        }
    }

    /** Who may review an illness of this member: the reviewer, or every other member while there is none or it is them. */
    private List<Long> reviewers(long circleId, long sickMemberId) {
        Long reviewer = reviewerOf(circleId);
        return jdbc.sql("SELECT id, worker_id FROM circle_member WHERE circle_id = ? AND state = 'MEMBER' AND id <> ?").params(circleId, sickMemberId)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).list().stream()
                .filter(m -> reviewer == null || reviewer == sickMemberId || m[0] == reviewer).map(m -> m[1]).toList();
    }

    /** The member the circle chose to review gifts, or null while it chose none. */
    private Long reviewerOf(long circleId) {
        return jdbc.sql("SELECT reviewer_id FROM circle WHERE id = ?").param(circleId).query((rs, n) -> Sql.longOrNull(rs, "reviewer_id"))
                .list().get(0);
    }

    private Circles.Row member(CurrentUser worker) {
        worker.require(Role.WORKER).real();
        return jdbc.sql("SELECT * FROM circle_member WHERE current_worker_id = ? AND state = 'MEMBER'").param(worker.id()).query(Circles::map).optional()
                .orElseThrow(() -> DomainException.forbidden("This is for the circle's members").code("problem.circle.notMember"));
    }

    private String circleName(long circleId) {
        return jdbc.sql("SELECT name FROM circle WHERE id = ?").param(circleId).query(String.class).single();
    }

    private static Leg debit(LedgerAccount account, long cents) {
        return new Leg(account, -cents);
    }

    private static Leg credit(LedgerAccount account, long cents) {
        return new Leg(account, cents);
    }

    private LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }
}
