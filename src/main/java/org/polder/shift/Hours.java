package org.polder.shift;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Fees;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.ledger.Money;
import org.polder.oversight.Appeal;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From check-in to payment. The worker checks in (STARTED) and out with the hours they propose
 * (SUBMITTED); the requester accepts them or counters with other hours and a reason; the worker accepts
 * the counter or appeals it to a moderator. Silence within the review window means the worker's hours
 * stand. Every way ends in exactly one payment: each moves the assignment from SUBMITTED to PAID with
 * a conditional update, and only the one that moved it pays.
 */
@Service
public class Hours implements AppealEffects {

    public static final String SETTLEMENT = "shift.hours-settlement";

    private final JdbcClient jdbc;
    private final Shifts shifts;
    private final Ledger ledger;
    private final Fees fees;
    private final Decisions decisions;
    private final Appeals appeals;
    private final Trail trail;
    private final Clock clock;

    Hours(JdbcClient jdbc, Shifts shifts, Ledger ledger, Fees fees, Decisions decisions, @org.springframework.context.annotation.Lazy Appeals appeals,
          Trail trail, Clock clock) {
        this.jdbc = jdbc;
        this.shifts = shifts;
        this.ledger = ledger;
        this.fees = fees;
        this.decisions = decisions;
        this.appeals = appeals;
        this.trail = trail;
        this.clock = clock;
    }

    /** A place on the map, sent with a check-in when the shift checks distance; never stored. */
    public record Position(Double latitude, Double longitude) {
    }

    @Transactional
    public ShiftHours checkIn(CurrentUser worker, long assignmentId, Position position) {
        ShiftHours h = ofWorker(worker, assignmentId);
        Shift s = shifts.get(h.shiftId());
        Instant now = clock.instant();
        if (now.isBefore(s.startsAt().minus(Duration.ofMinutes(30))) || !now.isBefore(s.endsAt())) {
            throw DomainException.conflict("Check-in opens 30 minutes before the shift starts and closes when it ends")
                    .code("problem.shift.checkInTime");
        }
        Boolean nearby = null;
        if (s.checkinRadiusM() != null) {
            if (position == null || position.latitude() == null || position.longitude() == null) {
                throw DomainException.invalid("latitude, longitude: this shift checks in only near " + s.location()
                        + "; allow your position once (only whether you are near is kept)").code("problem.shift.positionNeeded");
            }
            double metres = Geo.km(position.latitude(), position.longitude(), s.latitude(), s.longitude()) * 1000;
            if (metres > s.checkinRadiusM()) {
                throw DomainException.conflict("You are not within " + s.checkinRadiusM() + " m of " + s.location() + "; check in there")
                        .code("problem.shift.tooFar", s.checkinRadiusM(), s.location());
            }
            nearby = true;   // only the yes is kept, never the position (RIGHTS.md R2)
        }
        if (jdbc.sql("UPDATE assignment SET state = 'STARTED' WHERE id = ? AND state = 'ACCEPTED'").param(assignmentId).update() == 0) {
            throw DomainException.conflict("You cannot check in to this shift now (" + h.state().name().toLowerCase() + ")")
                    .code("problem.shift.notSelected");
        }
        jdbc.sql("UPDATE shift_hours SET state = 'WORKING', checked_in_at = ?, checked_in_nearby = ? WHERE assignment_id = ?")
                .params(Sql.ts(now), nearby, assignmentId).update();
        trail.record(TrailEntry.of("SHIFT_CHECKED_IN").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("nearby", nearby));
        return find(assignmentId).orElseThrow();
    }

    /** Hours as proposed or countered: start, end and unpaid break in minutes. */
    public record Times(Instant start, Instant end, Integer breakMinutes) {
    }

    @Transactional
    public ShiftHours checkOut(CurrentUser worker, long assignmentId, Times times) {
        ShiftHours h = ofWorker(worker, assignmentId);
        Shift s = shifts.get(h.shiftId());
        Instant now = clock.instant();
        check(s, times, now);
        Instant due = now.plusSeconds(s.reviewWindowSeconds());
        if (jdbc.sql("UPDATE assignment SET state = 'SUBMITTED', submitted_at = ? WHERE id = ? AND state = 'STARTED'")
                .params(Sql.ts(now), assignmentId).update() == 0) {
            throw DomainException.conflict("Check in before you check out").code("problem.shift.notWorking");
        }
        jdbc.sql("""
                        UPDATE shift_hours SET state = 'PROPOSED', checked_out_at = ?, proposed_start = ?, proposed_end = ?, proposed_break = ?,
                                               review_due_at = ? WHERE assignment_id = ?""")
                .params(Sql.ts(now), Sql.ts(times.start()), Sql.ts(times.end()), times.breakMinutes(), Sql.ts(due), assignmentId).update();
        trail.record(TrailEntry.of("SHIFT_CHECKED_OUT").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("start", times.start().toString())
                .with("end", times.end().toString()).with("breakMinutes", times.breakMinutes()));
        return find(assignmentId).orElseThrow();
    }

    private void check(Shift s, Times t, Instant now) {
        if (t == null || t.start() == null || t.end() == null || t.breakMinutes() == null) {
            throw DomainException.invalid("start, end, breakMinutes: give the hours worked").code("problem.shift.hoursMissing");
        }
        if (!t.end().isAfter(t.start())) {
            throw DomainException.invalid("end: must be after start").code("problem.shift.endBeforeStart");
        }
        if (t.start().isBefore(s.startsAt().minus(Duration.ofHours(2))) || t.end().isAfter(s.endsAt().plus(Duration.ofHours(4)))) {
            throw DomainException.invalid("start, end: within 2 hours before the shift's start and 4 hours after its end")
                    .code("problem.shift.hoursOutside");
        }
        if (t.end().isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw DomainException.invalid("end: hours cannot end in the future").code("problem.shift.hoursFuture");
        }
        long length = Duration.between(t.start(), t.end()).toMinutes();
        if (t.breakMinutes() < 0 || t.breakMinutes() >= length) {
            throw DomainException.invalid("breakMinutes: from 0 to less than the hours themselves (" + length + " minutes)")
                    .code("problem.shift.hoursBreak", length);
        }
    }

    /** The requester accepts the worker's hours: the worker is paid for them. */
    @Transactional
    public ShiftHours accept(CurrentUser requester, long assignmentId) {
        ShiftHours h = ofOrganisation(requester, assignmentId);
        if (h.state() != ShiftHours.State.PROPOSED) {
            throw DomainException.conflict("These hours are " + h.state().name().toLowerCase() + "; only proposed hours can be accepted")
                    .code("problem.shift.notProposed");
        }
        settle(h, h.proposedMinutes(), requester.id(), "accepted by the requester");
        return find(assignmentId).orElseThrow();
    }

    /** The requester proposes other hours, with a reason; a decision the worker can accept or appeal. */
    @Transactional
    public ShiftHours counter(CurrentUser requester, long assignmentId, Times times, String reason) {
        ShiftHours h = ofOrganisation(requester, assignmentId);
        Shift s = shifts.get(h.shiftId());
        String why = Places.text("reason", reason, 1, 1000);
        if (h.state() != ShiftHours.State.PROPOSED) {
            throw DomainException.conflict("These hours are " + h.state().name().toLowerCase() + "; only proposed hours can be countered")
                    .code("problem.shift.notProposed");
        }
        Instant now = clock.instant();
        check(s, times, now);
        int proposed = h.proposedMinutes();
        int countered = Shift.minutes(times.start(), times.end(), times.breakMinutes());
        if (times.start().equals(h.proposedStart()) && times.end().equals(h.proposedEnd()) && times.breakMinutes().equals(h.proposedBreak())) {
            throw DomainException.invalid("start, end, breakMinutes: the same as the worker's; accept them instead").code("problem.shift.sameHours");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("proposedStart", h.proposedStart().toString());
        inputs.put("proposedEnd", h.proposedEnd().toString());
        inputs.put("proposedBreak", h.proposedBreak());
        inputs.put("counterStart", times.start().toString());
        inputs.put("counterEnd", times.end().toString());
        inputs.put("counterBreak", times.breakMinutes());
        long decision = decisions.record(new Decisions.Draft(h.workerId(), "HOURS_COUNTERED", null, null, requester.id(), WorkKind.SHIFT,
                null, s.taskId(), assignmentId, inputs, "The requester counts " + hours(countered) + " paid hours instead of your "
                + hours(proposed) + " (" + Money.euros(Shift.payFor(s.hourlyRate(), countered)) + " instead of "
                + Money.euros(Shift.payFor(s.hourlyRate(), proposed)) + "); accept, or appeal to a moderator", why, null, List.of())
                .forOrganisation(s.organisationId()));
        Instant due = now.plusSeconds(s.reviewWindowSeconds());
        if (jdbc.sql("""
                        UPDATE shift_hours SET state = 'COUNTERED', counter_start = ?, counter_end = ?, counter_break = ?, counter_reason = ?,
                                               counter_decision = ?, review_due_at = ? WHERE assignment_id = ? AND state = 'PROPOSED'""")
                .params(Sql.ts(times.start()), Sql.ts(times.end()), times.breakMinutes(), why, decision, Sql.ts(due), assignmentId).update() == 0) {
            throw DomainException.conflict("These hours changed meanwhile").code("problem.shift.notProposed");
        }
        trail.record(TrailEntry.of("SHIFT_HOURS_COUNTERED").aboutWorker(h.workerId()).by(requester.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("proposedMinutes", proposed)
                .with("counterMinutes", countered).with("reason", why));
        return find(assignmentId).orElseThrow();
    }

    /** The worker accepts the requester's counter: they are paid for the countered hours. */
    @Transactional
    public ShiftHours acceptCounter(CurrentUser worker, long assignmentId) {
        ShiftHours h = ofWorker(worker, assignmentId);
        if (h.state() != ShiftHours.State.COUNTERED) {
            throw DomainException.conflict("There is no counter to accept").code("problem.shift.notCountered");
        }
        if (appeals.stateOf(h.counterDecisionId()).filter(st -> st == Appeal.State.OPEN).isPresent()) {
            throw DomainException.conflict("Your appeal about these hours is open; a moderator decides them").code("problem.shift.appealOpen");
        }
        settle(h, h.counterMinutes(), worker.id(), "the worker accepted the requester's counter");
        return find(assignmentId).orElseThrow();
    }

    @Override
    public boolean handles(String decisionType) {
        return "HOURS_COUNTERED".equals(decisionType);
    }

    /** An upheld appeal against a counter: the worker's own hours stand and are paid. */
    @Override
    public String reverse(Decision decision, long moderatorId) {
        ShiftHours h = find(decision.assignmentId()).orElseThrow();
        if (h.state() != ShiftHours.State.COUNTERED) {
            return "The hours were already settled; nothing was paid twice";
        }
        long paid = settle(h, h.proposedMinutes(), moderatorId, "a moderator upheld the worker's appeal against the counter");
        return paid < 0 ? "The hours were already settled; nothing was paid twice"
                : "Your own hours stand: you are paid " + Money.euros(paid) + " for " + hours(h.proposedMinutes()) + " hours";
    }

    /** Hours that may be due for settling (see {@link #settleIfDue}). */
    @Transactional(readOnly = true)
    public List<Long> dueForSettlement(int limit) {
        return jdbc.sql("""
                        SELECT assignment_id FROM shift_hours WHERE (state = 'PROPOSED' AND review_due_at <= ?) OR state = 'COUNTERED'
                        ORDER BY assignment_id LIMIT ?""")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }

    /**
     * Proposed hours the requester left unanswered past the review window stand; a counter the worker
     * neither accepted nor appealed within the window stands, and so does one whose appeal was dismissed.
     * Each writes a decision the worker reads. True when it paid.
     */
    @Transactional
    public boolean settleIfDue(long assignmentId) {
        ShiftHours h = find(assignmentId).orElseThrow();
        Instant now = clock.instant();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("reviewDueAt", h.reviewDueAt() == null ? null : h.reviewDueAt().toString());
        String reason;
        int minutes;
        if (h.state() == ShiftHours.State.PROPOSED && !h.reviewDueAt().isAfter(now)) {
            minutes = h.proposedMinutes();
            reason = "The requester did not answer your hours within the review window: your hours stand";
        } else if (h.state() == ShiftHours.State.COUNTERED) {
            Optional<Appeal.State> appeal = appeals.stateOf(h.counterDecisionId());
            inputs.put("appeal", appeal.map(Enum::name).orElse("none"));
            if (appeal.isPresent() && appeal.get() == Appeal.State.DISMISSED) {
                reason = "Your appeal against the requester's counter was dismissed: the countered hours are paid";
            } else if (appeal.isEmpty() && !h.reviewDueAt().isAfter(now)) {
                reason = "You neither accepted nor appealed the requester's counter within the review window: the countered hours are paid";
            } else {
                return false;
            }
            minutes = h.counterMinutes();
        } else {
            return false;
        }
        long paid = settle(h, minutes, null, "settled automatically");
        if (paid < 0) {
            return false;
        }
        Shift s = shifts.get(h.shiftId());
        inputs.put("paidMinutes", minutes);
        decisions.record(new Decisions.Draft(h.workerId(), "HOURS_SETTLED", SETTLEMENT, 1, null, WorkKind.SHIFT, null, s.taskId(),
                assignmentId, inputs, "Paid " + Money.euros(paid) + " for " + hours(minutes) + " hours", reason, null, List.of())
                .forOrganisation(s.organisationId()));
        return true;
    }

    /**
     * Pays the worker for these minutes, once: the assignment moves from SUBMITTED to PAID or nothing
     * happens (returns -1). Pay and fee come from the place's share of the escrow; longer hours than
     * planned are taken from the organisation's balance, or from the platform's guarantee fund when that
     * is short, so that accepted hours are always paid (RIGHTS.md R8). What the place did not need goes back.
     */
    private long settle(ShiftHours h, int minutes, Long actor, String how) {
        Shift s = shifts.get(h.shiftId());
        Instant now = clock.instant();
        long pay = Shift.payFor(s.hourlyRate(), minutes);
        long fee = fees.feeFor(pay);
        if (jdbc.sql("UPDATE assignment SET state = 'PAID', reward = ?, fee = ?, reviewed_at = ?, reviewed_by = ? WHERE id = ? AND state = 'SUBMITTED'")
                .params(pay, fee, Sql.ts(now), actor, h.assignmentId()).update() == 0) {
            return -1;
        }
        jdbc.sql("UPDATE shift_hours SET state = 'SETTLED', paid_minutes = ?, paid = ?, settled_at = ? WHERE assignment_id = ?")
                .params(minutes, pay, Sql.ts(now), h.assignmentId()).update();
        long reserve = s.pay() + s.fee();
        long fromEscrow = Math.min(reserve, pay + fee);
        long extra = pay + fee - fromEscrow;
        LedgerAccount escrow = LedgerAccount.shiftEscrow(s.id());
        List<Leg> legs = new ArrayList<>();
        legs.add(new Leg(escrow, -fromEscrow));
        if (extra > 0) {
            LedgerAccount org = LedgerAccount.organisation(s.organisationId());
            legs.add(new Leg(ledger.lockBalance(org) >= extra ? org : LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), -extra));
        }
        legs.add(new Leg(LedgerAccount.worker(h.workerId()), pay));
        legs.add(new Leg(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES), fee));
        ledger.post("ASSIGNMENT_PAID", "Shift " + s.id() + ": " + hours(minutes) + " hours, " + how, actor, "assignment:" + h.assignmentId(), legs);
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(h.workerId()).by(actor).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), h.assignmentId()).with("amount", pay).with("currency", Money.EUR)
                .with("paidMinutes", minutes).with("how", how));
        returnUnneeded(s);
        return pay;
    }

    /**
     * Gives back the escrow a shift no longer needs: it keeps one place's share for every worker not yet
     * paid and, until the shift begins, for every open place.
     */
    void returnUnneeded(Shift s) {
        long unsettled = jdbc.sql("SELECT COUNT(*) FROM assignment WHERE task_id = ? AND state IN ('ACCEPTED', 'STARTED', 'SUBMITTED')")
                .param(s.taskId()).query(Long.class).single();
        Shift now = shifts.get(s.id());
        long open = now.state() == Shift.State.OPEN && clock.instant().isBefore(now.startsAt()) ? now.openSlots() : 0;
        LedgerAccount escrow = LedgerAccount.shiftEscrow(s.id());
        long excess = ledger.lockBalance(escrow) - (unsettled + open) * (s.pay() + s.fee());
        if (excess > 0) {
            Money money = Money.euros(excess);
            ledger.post("ESCROW_RETURNED", "Escrow of shift " + s.id() + " not needed", null, "shift:" + s.id(),
                    List.of(Leg.debit(escrow, money), Leg.credit(LedgerAccount.organisation(s.organisationId()), money)));
        }
    }

    /** Shifts that have begun with places nobody took, whose escrow still holds those places' share. */
    @Transactional(readOnly = true)
    public List<Long> begunWithOpenPlaces(int limit) {
        return jdbc.sql("""
                        SELECT s.id FROM shift s JOIN task t ON t.id = s.task_id
                        WHERE s.state = 'OPEN' AND s.starts_at <= ? AND t.open_slots > 0 ORDER BY s.id LIMIT ?""")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }

    /** The shift has begun: its open places close and their share of the escrow goes back. */
    @Transactional
    public void closeOpenPlaces(long shiftId) {
        Shift s = shifts.get(shiftId);
        jdbc.sql("UPDATE task SET open_slots = 0 WHERE id = ?").param(s.taskId()).update();
        returnUnneeded(s);
    }

    @Transactional(readOnly = true)
    public ShiftHours ofWorker(CurrentUser worker, long assignmentId) {
        worker.require(Role.WORKER);
        return find(assignmentId).filter(h -> h.workerId() == worker.id()).orElseThrow(() -> new NotFoundException("Assignment", assignmentId));
    }

    @Transactional(readOnly = true)
    public ShiftHours ofOrganisation(CurrentUser requester, long assignmentId) {
        long org = requester.require(Role.REQUESTER).organisation();
        ShiftHours h = find(assignmentId).orElseThrow(() -> new NotFoundException("Assignment", assignmentId));
        if (shifts.get(h.shiftId()).organisationId() != org) {
            throw new NotFoundException("Assignment", assignmentId);
        }
        return h;
    }

    /** Hours of every worker on a shift, for its requester. */
    @Transactional(readOnly = true)
    public List<ShiftHours> ofShift(CurrentUser requester, long shiftId) {
        shifts.ofOrganisation(requester, shiftId);
        return jdbc.sql("SELECT * FROM shift_hours WHERE shift_id = ? ORDER BY assignment_id").param(shiftId).query((rs, n) -> map(rs)).list();
    }

    Optional<ShiftHours> find(long assignmentId) {
        return jdbc.sql("SELECT * FROM shift_hours WHERE assignment_id = ?").param(assignmentId).query((rs, n) -> map(rs)).optional();
    }

    static ShiftHours map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ShiftHours(rs.getLong("assignment_id"), rs.getLong("shift_id"), rs.getLong("worker_id"),
                ShiftHours.State.valueOf(rs.getString("state")), Sql.instant(rs, "checked_in_at"),
                (Boolean) rs.getObject("checked_in_nearby", Boolean.class), Sql.instant(rs, "checked_out_at"),
                Sql.instant(rs, "proposed_start"), Sql.instant(rs, "proposed_end"), (Integer) rs.getObject("proposed_break", Integer.class),
                Sql.instant(rs, "counter_start"), Sql.instant(rs, "counter_end"), (Integer) rs.getObject("counter_break", Integer.class),
                rs.getString("counter_reason"), Sql.longOrNull(rs, "counter_decision"), Sql.instant(rs, "review_due_at"),
                (Integer) rs.getObject("paid_minutes", Integer.class), Sql.longOrNull(rs, "paid"), Sql.instant(rs, "settled_at"));
    }

    static String hours(int minutes) {
        return minutes % 60 == 0 ? Integer.toString(minutes / 60) : String.format(java.util.Locale.ROOT, "%.2f", minutes / 60.0);
    }
}
