package org.polder.solidarity;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sick-pay circles, their members and their votes. A worker founds a circle or applies to one; the members admit an
 * applicant by a majority of all members (a secret ballot); from {@link #MIN_MEMBERS} members on the circle gives gifts
 * ({@link CircleFunds}); it holds at most {@link #MAX_MEMBERS}. Only workers take part, each in one circle at a time,
 * and only members see inside a circle: requesters and platform staff are refused like anyone else who is not in it.
 */
@Service
public class Circles {

    public static final int MIN_MEMBERS = 20;
    public static final int MAX_MEMBERS = 50;

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Ledger ledger;
    private final CircleFunds funds;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Circles(JdbcClient jdbc, Accounts accounts, Ledger ledger, CircleFunds funds, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.ledger = ledger;
        this.funds = funds;
        this.events = events;
        this.clock = clock;
    }

    /** A worker founds a circle and is its first member and, until the members choose another, its reviewer. */
    @Transactional
    public MyCircle found(CurrentUser worker, String name, Integer tier, boolean autoContribute) {
        worker.require(Role.WORKER).real();
        Tier t = Tier.of(tier);
        String n = name == null ? "" : name.strip();
        if (n.length() < 3 || n.length() > 100) {
            throw DomainException.invalid("name: name the circle (3 to 100 characters)").code("problem.circle.name");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM circle WHERE LOWER(name) = LOWER(?)").param(n).query(Long.class).single() > 0) {
            throw DomainException.conflict("name: a circle called '" + n + "' exists; choose another name").code("problem.circle.nameTaken", n);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO circle (name, founded_by, created_at) VALUES (?, ?, ?)").params(n, worker.id(), Sql.ts(now)).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("name: a circle called '" + n + "' exists; choose another name").code("problem.circle.nameTaken", n);
        }
        long circleId = key.getKey().longValue();
        long memberId = insertMember(worker, circleId, t, autoContribute, MyCircle.State.MEMBER);
        jdbc.sql("UPDATE circle SET reviewer_id = ? WHERE id = ?").params(memberId, circleId).update();
        return mine(worker).orElseThrow();
    }

    /** A worker applies to a circle; its members vote on the application. */
    @Transactional
    public MyCircle apply(CurrentUser worker, long circleId, Integer tier, boolean autoContribute) {
        worker.require(Role.WORKER).real();
        Tier t = Tier.of(tier);
        lockCircle(circleId);
        if (members(circleId) >= MAX_MEMBERS) {
            throw DomainException.conflict("This circle has " + MAX_MEMBERS + " members, the most a circle has; join or found another")
                    .code("problem.circle.full", MAX_MEMBERS);
        }
        long memberId = insertMember(worker, circleId, t, autoContribute, MyCircle.State.APPLIED);
        jdbc.sql("""
                        INSERT INTO circle_motion (circle_id, kind, subject_id, yes_votes, no_votes, state, opened_at)
                        VALUES (?, 'ADMIT', ?, 0, 0, 'OPEN', ?)""").params(circleId, memberId, Sql.ts(clock.instant())).update();
        tellMembers(circleId, memberId, Words.of("notice.circle.applied", worker.displayName()));
        return mine(worker).orElseThrow();
    }

    /** A member proposes a member (themselves included) as the circle's reviewer of gifts; the members vote. */
    @Transactional
    public MyCircle nominateReviewer(CurrentUser worker, long memberId) {
        Row me = member(worker);
        Row subject = row(memberId).filter(r -> r.circleId() == me.circleId() && r.state() == MyCircle.State.MEMBER)
                .orElseThrow(() -> DomainException.invalid("memberId: " + memberId + " is not a member of your circle")
                        .code("problem.circle.notMember"));
        if (jdbc.sql("SELECT COUNT(*) FROM circle_motion WHERE circle_id = ? AND kind = 'REVIEWER' AND subject_id = ? AND state = 'OPEN'")
                .params(me.circleId(), subject.id()).query(Long.class).single() > 0) {
            throw DomainException.conflict("Members are already voting on " + accounts.view(subject.workerId()).displayName() + " as reviewer")
                    .code("problem.circle.nominated");
        }
        jdbc.sql("""
                        INSERT INTO circle_motion (circle_id, kind, subject_id, proposed_by, yes_votes, no_votes, state, opened_at)
                        VALUES (?, 'REVIEWER', ?, ?, 0, 0, 'OPEN', ?)""").params(me.circleId(), subject.id(), me.id(), Sql.ts(clock.instant())).update();
        tellMembers(me.circleId(), me.id(), Words.of("notice.circle.nominated", accounts.view(subject.workerId()).displayName()));
        return mine(worker).orElseThrow();
    }

    /**
     * A member votes on a motion, once; it is carried when more than half of all members said yes, and fails when that
     * can no longer happen. Who voted is kept apart from the counts.
     */
    @Transactional
    public MyCircle vote(CurrentUser worker, long motionId, Boolean yes) {
        Row me = member(worker);
        if (yes == null) {
            throw DomainException.invalid("yes: say yes or no").code("problem.circle.vote");
        }
        lockCircle(me.circleId());
        record Open(long subjectId, String kind) {
        }
        Open motion = jdbc.sql("SELECT subject_id, kind FROM circle_motion WHERE id = ? AND circle_id = ? AND state = 'OPEN'")
                .params(motionId, me.circleId()).query((rs, n) -> new Open(rs.getLong(1), rs.getString(2))).optional()
                .orElseThrow(() -> new NotFoundException("Open vote", motionId));
        if (motion.subjectId() == me.id() && motion.kind().equals("ADMIT")) {
            throw DomainException.conflict("You do not vote on your own application").code("problem.circle.ownVote");
        }
        try {
            jdbc.sql("INSERT INTO circle_motion_voter (motion_id, member_id) VALUES (?, ?)").params(motionId, me.id()).update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("You already voted on this").code("problem.circle.voted");
        }
        jdbc.sql("UPDATE circle_motion SET " + (yes ? "yes_votes = yes_votes + 1" : "no_votes = no_votes + 1") + " WHERE id = ?")
                .param(motionId).update();
        settle(me.circleId(), motionId);
        return mine(worker).orElseThrow();
    }

    /** Decides a motion once its counts say how it ends, against the members there are now. */
    private void settle(long circleId, long motionId) {
        record Counts(String kind, long subjectId, int yes, int no) {
        }
        Counts c = jdbc.sql("SELECT kind, subject_id, yes_votes, no_votes FROM circle_motion WHERE id = ?").param(motionId)
                .query((rs, n) -> new Counts(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getInt(4))).single();
        int members = members(circleId);
        int needed = needed(members);
        boolean carried = c.yes() >= needed;
        boolean failed = !carried && c.no() > members - needed;
        if (!carried && !failed) {
            return;
        }
        Instant now = clock.instant();
        if (carried && c.kind().equals("ADMIT") && members >= MAX_MEMBERS) {
            carried = false;
        }
        jdbc.sql("UPDATE circle_motion SET state = ?, decided_at = ? WHERE id = ?").params(carried ? "CARRIED" : "FAILED", Sql.ts(now), motionId).update();
        Row subject = row(c.subjectId()).orElseThrow();
        if (c.kind().equals("ADMIT")) {
            if (carried) {
                jdbc.sql("UPDATE circle_member SET state = 'MEMBER', joined_at = ? WHERE id = ?").params(Sql.ts(now), subject.id()).update();
                if (members + 1 >= MIN_MEMBERS) {
                    jdbc.sql("UPDATE circle SET active_since = ? WHERE id = ? AND active_since IS NULL").params(Sql.ts(now), circleId).update();
                }
            } else {
                jdbc.sql("UPDATE circle_member SET state = 'REFUSED', current_worker_id = NULL, left_at = ? WHERE id = ?")
                        .params(Sql.ts(now), subject.id()).update();
            }
            events.publishEvent(Notice.to(subject.workerId(), NoticeKind.CIRCLE,
                    Words.of(carried ? "notice.circle.admitted" : "notice.circle.refused", name(circleId))));
        } else if (carried) {
            jdbc.sql("UPDATE circle SET reviewer_id = ? WHERE id = ?").params(subject.id(), circleId).update();
        }
    }

    /** More than half of all members. */
    static int needed(int members) {
        return members / 2 + 1;
    }

    /**
     * A member leaves (or an applicant withdraws): what is left of their reserve comes back to their balance, an
     * illness of theirs ends, and the circle chooses a new reviewer if they were it.
     */
    @Transactional
    public void leave(CurrentUser worker) {
        worker.require(Role.WORKER).real();
        Row me = current(worker.id()).orElseThrow(() -> DomainException.conflict("You are not in a circle").code("problem.circle.none"));
        lockCircle(me.circleId());
        Instant now = clock.instant();
        funds.returnReserve(me.id(), me.workerId(), name(me.circleId()));
        funds.endIllnessOnLeaving(me.id());
        jdbc.sql("UPDATE circle_member SET state = 'LEFT', current_worker_id = NULL, left_at = ? WHERE id = ?").params(Sql.ts(now), me.id()).update();
        jdbc.sql("UPDATE circle_motion SET state = 'WITHDRAWN', decided_at = ? WHERE subject_id = ? AND state = 'OPEN'").params(Sql.ts(now), me.id()).update();
        jdbc.sql("UPDATE circle SET reviewer_id = NULL WHERE id = ? AND reviewer_id = ?").params(me.circleId(), me.id()).update();
        // Fewer members can settle what was waiting for a majority.
        jdbc.sql("SELECT id FROM circle_motion WHERE circle_id = ? AND state = 'OPEN' ORDER BY id").param(me.circleId()).query(Long.class).list()
                .forEach(motion -> settle(me.circleId(), motion));
    }

    /** A member changes their tier (not while ill: the gift is the tier when the illness began) or whether it is set aside by itself. */
    @Transactional
    public MyCircle settings(CurrentUser worker, Integer tier, boolean autoContribute) {
        Row me = member(worker);
        Tier t = Tier.of(tier);
        if (t.level() != me.tier() && funds.openIllness(me.id()).isPresent()) {
            throw DomainException.conflict("tier: change your tier once you are well again").code("problem.circle.tierWhileIll");
        }
        jdbc.sql("UPDATE circle_member SET tier = ?, auto_contribute = ? WHERE id = ?").params(t.level(), autoContribute, me.id()).update();
        return mine(worker).orElseThrow();
    }

    /** The circles a worker can apply to, biggest first. */
    @Transactional(readOnly = true)
    public List<CircleSummary> list(CurrentUser worker) {
        worker.require(Role.WORKER);
        return jdbc.sql("""
                        SELECT c.id, c.name, c.active_since, (SELECT COUNT(*) FROM circle_member m WHERE m.circle_id = c.id AND m.state = 'MEMBER') AS members
                        FROM circle c ORDER BY members DESC, c.id LIMIT 200""")
                .query((rs, n) -> new CircleSummary(rs.getLong("id"), rs.getString("name"), rs.getInt("members"),
                        rs.getObject("active_since") != null, rs.getInt("members") < MAX_MEMBERS))
                .list();
    }

    /** The reader's circle, as a member (or applicant) sees it; empty when they are in none. */
    @Transactional(readOnly = true)
    public Optional<MyCircle> mine(CurrentUser worker) {
        worker.require(Role.WORKER);
        return current(worker.id()).map(me -> view(me));
    }

    private MyCircle view(Row me) {
        record Head(String name, boolean active, Long reviewerId) {
        }
        Head head = jdbc.sql("SELECT name, active_since, reviewer_id FROM circle WHERE id = ?").param(me.circleId())
                .query((rs, n) -> new Head(rs.getString(1), rs.getObject(2) != null, Sql.longOrNull(rs, "reviewer_id"))).single();
        int members = members(me.circleId());
        long reserve = ledger.balance(LedgerAccount.circleReserve(me.id()));
        CircleFunds.Illnesses illnesses = funds.illnesses(me.circleId());
        MyCircle.Illness mine = illnesses.open().stream().filter(i -> i.memberId() == me.id()).findFirst().orElse(null);
        MyCircle.Me meView = new MyCircle.Me(me.id(), me.state(), Tier.of(me.tier()), me.autoContribute(), reserve,
                me.state() == MyCircle.State.MEMBER ? funds.monthsDue(me.id()) : List.of(), mine);
        if (me.state() != MyCircle.State.MEMBER) {
            return new MyCircle(me.circleId(), head.name(), head.active(), members, 0, null, meView, List.of(), List.of(), List.of(),
                    List.of(), false);
        }
        List<MyCircle.CircleMember> memberList = jdbc.sql("""
                        SELECT m.id, a.display_name, m.tier, m.joined_at FROM circle_member m JOIN account a ON a.id = m.worker_id
                        WHERE m.circle_id = ? AND m.state = 'MEMBER' ORDER BY m.joined_at, m.id""").param(me.circleId())
                .query((rs, n) -> new MyCircle.CircleMember(rs.getLong(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, "joined_at"),
                        head.reviewerId() != null && head.reviewerId() == rs.getLong(1)))
                .list();
        List<MyCircle.Motion> motions = jdbc.sql("""
                        SELECT o.id, o.kind, o.subject_id, a.display_name, m.tier, o.yes_votes, o.no_votes,
                               (SELECT COUNT(*) FROM circle_motion_voter v WHERE v.motion_id = o.id AND v.member_id = ?) AS voted
                        FROM circle_motion o JOIN circle_member m ON m.id = o.subject_id JOIN account a ON a.id = m.worker_id
                        WHERE o.circle_id = ? AND o.state = 'OPEN' ORDER BY o.id""").params(me.id(), me.circleId())
                .query((rs, n) -> new MyCircle.Motion(rs.getLong(1), MyCircle.Motion.Kind.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), needed(members), rs.getLong("voted") > 0,
                        rs.getLong(3) == me.id()))
                .list();
        long balance = balance(me.circleId());
        String reviewer = memberList.stream().filter(MyCircle.CircleMember::reviewer).map(MyCircle.CircleMember::displayName).findFirst().orElse(null);
        boolean mayReview = (head.reviewerId() == null || head.reviewerId() == me.id()
                || illnesses.open().stream().anyMatch(i -> i.memberId() == head.reviewerId()));
        return new MyCircle(me.circleId(), head.name(), head.active(), members, balance, reviewer, meView, memberList, motions,
                illnesses.all(), illnesses.gifts(), mayReview);
    }

    /** The circle's money: its members' reserves added up, read from the ledger. */
    @Transactional(readOnly = true)
    public long balance(long circleId) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(l.balance), 0) FROM ledger_account l JOIN circle_member m ON l.type = 'CIRCLE_RESERVE' AND l.owner_id = m.id
                        WHERE m.circle_id = ?""").param(circleId).query(Long.class).single();
    }

    private long insertMember(CurrentUser worker, long circleId, Tier tier, boolean auto, MyCircle.State state) {
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                            INSERT INTO circle_member (circle_id, worker_id, current_worker_id, state, tier, auto_contribute, applied_at, joined_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(circleId, worker.id(), worker.id(), state.name(), tier.level(), auto, Sql.ts(now),
                            state == MyCircle.State.MEMBER ? Sql.ts(now) : null)
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("You are in a circle already (or applied to one); a worker is in one circle at a time")
                    .code("problem.circle.already");
        }
        return key.getKey().longValue();
    }

    private void tellMembers(long circleId, long exceptMemberId, Words words) {
        jdbc.sql("SELECT worker_id FROM circle_member WHERE circle_id = ? AND state = 'MEMBER' AND id <> ?").params(circleId, exceptMemberId)
                .query(Long.class).list().forEach(w -> events.publishEvent(Notice.to(w, NoticeKind.CIRCLE, words)));
    }

    private void lockCircle(long circleId) {
        jdbc.sql("SELECT id FROM circle WHERE id = ? FOR UPDATE").param(circleId).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("Circle", circleId));
    }

    int members(long circleId) {
        return jdbc.sql("SELECT COUNT(*) FROM circle_member WHERE circle_id = ? AND state = 'MEMBER'").param(circleId).query(Integer.class).single();
    }

    String name(long circleId) {
        return jdbc.sql("SELECT name FROM circle WHERE id = ?").param(circleId).query(String.class).single();
    }

    /** The worker's membership; refused unless they are a member (not an applicant). */
    private Row member(CurrentUser worker) {
        worker.require(Role.WORKER).real();
        return current(worker.id()).filter(r -> r.state() == MyCircle.State.MEMBER)
                .orElseThrow(() -> DomainException.forbidden("This is for the circle's members").code("problem.circle.notMember"));
    }

    private Optional<Row> current(long workerId) {
        return jdbc.sql("SELECT * FROM circle_member WHERE current_worker_id = ?").param(workerId).query(Circles::map).optional();
    }

    private Optional<Row> row(long memberId) {
        return jdbc.sql("SELECT * FROM circle_member WHERE id = ?").param(memberId).query(Circles::map).optional();
    }

    record Row(long id, long circleId, long workerId, MyCircle.State state, int tier, boolean autoContribute) {
    }

    static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getLong("id"), rs.getLong("circle_id"), rs.getLong("worker_id"), MyCircle.State.valueOf(rs.getString("state")),
                rs.getInt("tier"), rs.getBoolean("auto_contribute"));
    }
}
