package org.polder.shift;

import org.polder.common.Words;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.ledger.Money;
import org.polder.oversight.Appeal;
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
public class Hours {

    public static final String SETTLEMENT = "shift.hours-settlement";

    private final JdbcClient jdbc;
    private final Shifts shifts;
    private final Ledger ledger;
    private final Escrow escrow;
    private final Fees fees;
    private final Decisions decisions;
    private final Appeals appeals;
    private final Trail trail;
    private final ShiftSettings settings;
    private final tools.jackson.databind.json.JsonMapper json;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Assignments work;

    Hours(Assignments work, JdbcClient jdbc, Shifts shifts, Ledger ledger, Escrow escrow, Fees fees, Decisions decisions, @org.springframework.context.annotation.Lazy Appeals appeals,
          Trail trail, ShiftSettings settings, tools.jackson.databind.json.JsonMapper json, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.work = work;
        this.jdbc = jdbc;
        this.shifts = shifts;
        this.ledger = ledger;
        this.escrow = escrow;
        this.fees = fees;
        this.decisions = decisions;
        this.appeals = appeals;
        this.trail = trail;
        this.settings = settings;
        this.json = json;
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
        if (!work.move(assignmentId).from(AssignmentState.ACCEPTED).to(AssignmentState.STARTED, now).apply()) {
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

    /**
     * Reminds each selected worker once, within the hour before their shift starts: where, when, and to check in
     * on arrival. Returns how many were reminded.
     */
    @Transactional
    public int remindCheckIns(int max) {
        Instant now = clock.instant();
        record Due(long assignmentId, long workerId, long shiftId) {
        }
        List<Due> due = jdbc.sql("""
                        SELECT h.assignment_id, h.worker_id, h.shift_id FROM shift_hours h JOIN shift s ON s.id = h.shift_id
                        WHERE h.state = 'SELECTED' AND h.reminded_at IS NULL AND s.state = 'OPEN' AND s.starts_at > ? AND s.starts_at <= ?
                        ORDER BY s.starts_at LIMIT ?""")
                .params(Sql.ts(now), Sql.ts(now.plus(java.time.Duration.ofHours(1))), max)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
        int reminded = 0;
        for (Due d : due) {
            if (jdbc.sql("UPDATE shift_hours SET reminded_at = ? WHERE assignment_id = ? AND reminded_at IS NULL")
                    .params(Sql.ts(now), d.assignmentId()).update() == 1) {
                Shift s = shifts.get(d.shiftId());
                events.publishEvent(org.polder.notify.Notice.to(d.workerId(), org.polder.notify.NoticeKind.SHIFT,
                        Words.of("notice.checkInSoon", s.role(), s.organisation(), Words.at(s.startsAt()), s.location() + ", " + s.address())));
                reminded++;
            }
        }
        return reminded;
    }

    @Transactional
    public ShiftHours checkOut(CurrentUser worker, long assignmentId, Times times) {
        ShiftHours h = ofWorker(worker, assignmentId);
        Shift s = shifts.get(h.shiftId());
        Instant now = clock.instant();
        check(s, h, times, now);
        Instant due = now.plusSeconds(s.reviewWindowSeconds());
        if (!work.move(assignmentId).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now).apply()) {
            throw DomainException.conflict("Check in before you check out").code("problem.shift.notWorking");
        }
        jdbc.sql("""
                        UPDATE shift_hours SET state = 'PROPOSED', checked_out_at = ?, proposed_start = ?, proposed_end = ?, proposed_break = ?,
                                               review_due_at = ? WHERE assignment_id = ?""")
                .params(Sql.ts(now), Sql.ts(times.start()), Sql.ts(times.end()), times.breakMinutes(), Sql.ts(due), assignmentId).update();
        trail.record(TrailEntry.of("SHIFT_CHECKED_OUT").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("start", times.start().toString())
                .with("end", times.end().toString()).with("breakMinutes", times.breakMinutes()));
        events.publishEvent(org.polder.notify.Notice.toRequestersOf(s.organisationId(), org.polder.notify.NoticeKind.HOURS,
                Words.of("notice.hoursToConfirm", worker.displayName(), s.role(), Words.at(s.startsAt()), Words.at(due)), "/requester/shifts/" + s.id()));
        return find(assignmentId).orElseThrow();
    }

    /**
     * Reported hours lie within the shift as it was worked: from check-in (and never more than the
     * configured tolerance before the planned start) to check-out, and never in the future. Hours
     * outside it are refused, so no report can claim pay for time nobody was there.
     */
    private void check(Shift s, ShiftHours h, Times t, Instant checkedOut) {
        if (t == null || t.start() == null || t.end() == null || t.breakMinutes() == null) {
            throw DomainException.invalid("start, end, breakMinutes: give the hours worked").code("problem.shift.hoursMissing");
        }
        if (!t.end().isAfter(t.start())) {
            throw DomainException.invalid("end: must be after start").code("problem.shift.endBeforeStart");
        }
        Instant earliest = s.startsAt().minus(settings.earlyStart());
        if (h.checkedInAt() != null && h.checkedInAt().isAfter(earliest)) {
            earliest = h.checkedInAt();
        }
        if (t.start().isBefore(earliest)) {
            throw DomainException.invalid("start: hours begin at check-in at the earliest (" + earliest + ")")
                    .code("problem.shift.startBeforeCheckIn", local(earliest));
        }
        if (t.end().isAfter(clock.instant())) {
            throw DomainException.invalid("end: hours cannot end in the future").code("problem.shift.hoursFuture");
        }
        if (t.end().isAfter(checkedOut)) {
            throw DomainException.invalid("end: hours end at check-out at the latest (" + checkedOut + ")")
                    .code("problem.shift.endAfterCheckOut", local(checkedOut));
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
        return accept(requester, assignmentId, false);
    }

    /**
     * The requester accepts the worker's hours: the worker is paid for them. Hours beyond the planned
     * ones are overtime: accepted only when the requester confirms it, and paid from their balance
     * (refused when it cannot fund them).
     */
    @Transactional
    public ShiftHours accept(CurrentUser requester, long assignmentId, boolean confirmOvertime) {
        ShiftHours h = ofOrganisation(requester, assignmentId);
        if (h.state() != ShiftHours.State.PROPOSED) {
            throw DomainException.conflict("These hours are " + h.state().name().toLowerCase() + "; only proposed hours can be accepted")
                    .code("problem.shift.notProposed");
        }
        Shift s = shifts.get(h.shiftId());
        int overtime = h.proposedMinutes() - s.plannedMinutes();
        if (overtime > 0 && !confirmOvertime) {
            String cost = "€" + Money.euros(overtimeCost(s, h.proposedMinutes())).decimal();
            throw DomainException.conflict("confirmOvertime: these hours are " + overtime + " minutes longer than planned; confirm the overtime ("
                            + cost + " with the fee, from your balance) or counter the hours")
                    .code("problem.shift.overtimeUnconfirmed", overtime, cost);
        }
        settle(h, h.proposedMinutes(), requester.id(), "accepted by the requester", Funding.REQUESTER);
        return find(assignmentId).orElseThrow();
    }

    /** What hours of these minutes cost beyond the place's escrow: overtime pay and its fee. */
    long overtimeCost(Shift s, int minutes) {
        long pay = Shift.payFor(s.hourlyRate(), minutes);
        return Math.max(0, pay + fees.feeFor(pay) - (s.pay() + s.fee()));
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
        check(s, h, times, h.checkedOutAt());
        int proposed = h.proposedMinutes();
        int countered = Shift.minutes(times.start(), times.end(), times.breakMinutes());
        long overtime = overtimeCost(s, countered);
        if (overtime > 0) {
            long balance = ledger.lockBalance(LedgerAccount.organisation(s.organisationId()));
            if (balance < overtime) {
                throw new org.polder.ledger.InsufficientFunds(LedgerAccount.organisation(s.organisationId()), balance, overtime);
            }
        }
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
        long decision = decisions.record(Decisions.Draft.about(h.workerId(), ShiftDecision.HOURS_COUNTERED)
                .by(requester.id())
                .work(WorkKind.SHIFT, null, s.taskId(), assignmentId)
                .inputs(inputs)
                .effect(Words.of("decision.effect.hoursCountered", hoursOf(countered), hoursOf(proposed),
                        Words.money(Shift.payFor(s.hourlyRate(), countered)), Words.money(Shift.payFor(s.hourlyRate(), proposed))))
                .reason(why)
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
        Settled paid = settle(h, h.counterMinutes(), worker.id(), "the worker accepted the requester's counter", Funding.UNCONFIRMED);
        if (paid != null && paid.unpaidMinutes() > 0) {
            recordUnpaidOvertime(h, paid, "You accepted the requester's counter");
        }
        return find(assignmentId).orElseThrow();
    }


    /**
     * An upheld appeal against a counter: the worker's own hours stand and are paid. An upheld appeal
     * against a settlement that left overtime unpaid: the overtime is paid, from the organisation's
     * balance or, when that is short, from the guarantee fund (the appeal names it).
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Words undoDecision(Decision decision, long moderatorId) {
        ShiftHours h = find(decision.assignmentId()).orElseThrow();
        if (ShiftDecision.HOURS_SETTLED.name().equals(decision.type())) {
            return payUnpaidOvertime(h, decision, moderatorId);
        }
        if (h.state() != ShiftHours.State.COUNTERED) {
            return Words.of("decision.effect.hoursSettledAlready");
        }
        Settled paid = settle(h, h.proposedMinutes(), moderatorId, "a moderator upheld the worker's appeal against the counter", Funding.APPEAL);
        if (paid == null) {
            return Words.of("decision.effect.hoursSettledAlready");
        }
        return paid.fromGuaranteeFund() > 0
                ? Words.of("decision.effect.ownHoursStandFund", Words.money(paid.pay()), hoursOf(h.proposedMinutes()), Words.money(paid.fromGuaranteeFund()))
                : Words.of("decision.effect.ownHoursStand", Words.money(paid.pay()), hoursOf(h.proposedMinutes()));
    }

    private Words payUnpaidOvertime(ShiftHours h, Decision decision, long moderatorId) {
        int minutes = json.readTree(decision.inputs()).path("unpaidMinutes").asInt(0);
        if (minutes <= 0 || h.paidMinutes() == null) {
            return Words.of("decision.effect.overtimeNoneUnpaid");
        }
        Shift s = shifts.get(h.shiftId());
        long total = Shift.payFor(s.hourlyRate(), h.paidMinutes() + minutes);
        long pay = total - h.paid();
        long fee = fees.feeFor(total) - fees.feeFor(h.paid());
        LedgerAccount org = LedgerAccount.organisation(s.organisationId());
        boolean fromOrg = ledger.lockBalance(org) >= pay + fee;
        LedgerAccount source = fromOrg ? org : LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND);
        ledger.post("ASSIGNMENT_PAID", "Shift " + s.id() + ": overtime paid after an upheld appeal", moderatorId, "assignment:" + h.assignmentId(),
                List.of(new Leg(source, -(pay + fee)), new Leg(LedgerAccount.worker(h.workerId()), pay),
                        new Leg(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES), fee)));
        jdbc.sql("UPDATE shift_hours SET paid_minutes = ?, paid = ? WHERE assignment_id = ?").params(h.paidMinutes() + minutes, total, h.assignmentId()).update();
        work.repay(h.assignmentId(), total, fee);
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(h.workerId()).by(moderatorId).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), h.assignmentId()).with("amount", pay).with("currency", Money.EUR)
                .with("paidMinutes", minutes).with("how", "overtime paid after an upheld appeal"));
        return Words.of(fromOrg ? "decision.effect.overtimePaid" : "decision.effect.overtimePaidFund", minutes, Words.money(pay));
    }

    /** A settlement that could not pay unconfirmed overtime: a decision the worker reads and can appeal. */
    private void recordUnpaidOvertime(ShiftHours h, Settled paid, String how) {
        Shift s = shifts.get(h.shiftId());
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("paidMinutes", paid.minutes());
        inputs.put("unpaidMinutes", paid.unpaidMinutes());
        inputs.put("plannedMinutes", s.plannedMinutes());
        decisions.record(Decisions.Draft.about(h.workerId(), ShiftDecision.HOURS_SETTLED)
                .rule(SETTLEMENT, 1)
                .work(WorkKind.SHIFT, null, s.taskId(), h.assignmentId())
                .inputs(inputs)
                .effect(Words.of("decision.effect.hoursPaidOvertimeNot", Words.money(paid.pay()), hoursOf(paid.minutes()), paid.unpaidMinutes()))
                .reason(how + ", but the requester never confirmed the overtime and their balance cannot pay it. Appeal, and a moderator "
                        + "can have it paid")
                .forOrganisation(s.organisationId()));
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
            reason = "decision.hoursSettled.unanswered";
        } else if (h.state() == ShiftHours.State.COUNTERED) {
            Optional<Appeal.State> appeal = appeals.stateOf(h.counterDecisionId());
            inputs.put("appeal", appeal.map(Enum::name).orElse("none"));
            if (appeal.isPresent() && appeal.get() == Appeal.State.DISMISSED) {
                reason = "decision.hoursSettled.appealDismissed";
            } else if (appeal.isEmpty() && !h.reviewDueAt().isAfter(now)) {
                reason = "decision.hoursSettled.counterStands";
            } else {
                return false;
            }
            minutes = h.counterMinutes();
        } else {
            return false;
        }
        Settled paid = settle(h, minutes, null, "settled automatically", Funding.UNCONFIRMED);
        if (paid == null) {
            return false;
        }
        Shift s = shifts.get(h.shiftId());
        inputs.put("paidMinutes", paid.minutes());
        inputs.put("unpaidMinutes", paid.unpaidMinutes());
        Words effect = Words.of("decision.effect.hoursPaid", Words.money(paid.pay()), hoursOf(paid.minutes()));
        if (paid.unpaidMinutes() > 0) {
            effect = Words.of("decision.effect.hoursPaidOvertimeNot", Words.money(paid.pay()), hoursOf(paid.minutes()), paid.unpaidMinutes());
            reason += "Overtime";
        }
        decisions.record(Decisions.Draft.about(h.workerId(), ShiftDecision.HOURS_SETTLED)
                .rule(SETTLEMENT, 1)
                .work(WorkKind.SHIFT, null, s.taskId(), assignmentId)
                .inputs(inputs)
                .effect(effect)
                .reason(Words.of(reason))
                .forOrganisation(s.organisationId()));
        return true;
    }

    /** Who stands behind hours longer than planned, and so where their overtime may be paid from. */
    enum Funding {
        /** The requester accepted them: from their balance, or refused. */
        REQUESTER,
        /** Nobody confirmed them (silence, or the worker accepting a counter): from the balance as far as it goes. */
        UNCONFIRMED,
        /** A moderator upheld the worker's appeal: from the balance, the rest from the guarantee fund. */
        APPEAL
    }

    /** What a settlement paid: the minutes and pay, overtime minutes left unpaid, and the guarantee fund's part. */
    record Settled(int minutes, long pay, int unpaidMinutes, long fromGuaranteeFund) {
    }

    /**
     * Pays the worker for these minutes, once: the assignment moves from SUBMITTED to PAID or nothing
     * happens (returns null). Pay and fee come from the place's share of the escrow; overtime (hours
     * longer than planned) from the organisation's balance. When that is short, a requester's own
     * acceptance is refused; unconfirmed overtime is left unpaid (the planned hours are paid, and the
     * worker can appeal); an upheld appeal takes the rest from the platform's guarantee fund.
     * What the place did not need goes back.
     */
    private Settled settle(ShiftHours h, int minutes, Long actor, String how, Funding funding) {
        Shift s = shifts.get(h.shiftId());
        Instant now = clock.instant();
        long reserve = s.pay() + s.fee();
        LedgerAccount org = LedgerAccount.organisation(s.organisationId());
        long overtime = overtimeCost(s, minutes);
        LedgerAccount overtimeSource = org;
        int unpaid = 0;
        if (overtime > 0) {
            long balance = ledger.lockBalance(org);
            if (balance < overtime) {
                switch (funding) {
                    case REQUESTER -> throw new org.polder.ledger.InsufficientFunds(org, balance, overtime);
                    case UNCONFIRMED -> {
                        unpaid = minutes - s.plannedMinutes();
                        minutes = s.plannedMinutes();
                    }
                    case APPEAL -> overtimeSource = LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND);
                }
            }
        }
        long pay = Shift.payFor(s.hourlyRate(), minutes);
        long fee = fees.feeFor(pay);
        if (!work.move(h.assignmentId()).from(AssignmentState.SUBMITTED).to(AssignmentState.PAID, now).by(actor).pay(pay, fee).apply()) {
            return null;
        }
        jdbc.sql("UPDATE shift_hours SET state = 'SETTLED', paid_minutes = ?, paid = ?, settled_at = ? WHERE assignment_id = ?")
                .params(minutes, pay, Sql.ts(now), h.assignmentId()).update();
        long extra = pay + fee - Math.min(reserve, pay + fee);
        escrow.pay(new Escrow.Of(WorkKind.SHIFT, s.id(), s.organisationId()), h.workerId(), pay, fee, overtimeSource, extra, false,
                new Escrow.Entry("ASSIGNMENT_PAID", "Shift " + s.id() + ": " + hours(minutes) + " hours, " + how, actor, "assignment:" + h.assignmentId()));
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(h.workerId()).by(actor).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), h.assignmentId()).with("amount", pay).with("currency", Money.EUR)
                .with("paidMinutes", minutes).with("how", how));
        returnUnneeded(s);
        return new Settled(minutes, pay, unpaid, overtimeSource.equals(org) ? 0 : extra);
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
        Escrow.Of money = new Escrow.Of(WorkKind.SHIFT, s.id(), s.organisationId());
        escrow.giveBack(money, escrow.held(money) - (unsettled + open) * (s.pay() + s.fee()), "Escrow of shift " + s.id() + " not needed", null,
                "shift:" + s.id());
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
        work.closeTask(s.taskId());
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

    public static ShiftHours map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ShiftHours(rs.getLong("assignment_id"), rs.getLong("shift_id"), rs.getLong("worker_id"),
                ShiftHours.State.valueOf(rs.getString("state")), Sql.instant(rs, "checked_in_at"),
                (Boolean) rs.getObject("checked_in_nearby", Boolean.class), Sql.instant(rs, "checked_out_at"),
                Sql.instant(rs, "proposed_start"), Sql.instant(rs, "proposed_end"), (Integer) rs.getObject("proposed_break", Integer.class),
                Sql.instant(rs, "counter_start"), Sql.instant(rs, "counter_end"), (Integer) rs.getObject("counter_break", Integer.class),
                rs.getString("counter_reason"), Sql.longOrNull(rs, "counter_decision"), Sql.instant(rs, "review_due_at"),
                (Integer) rs.getObject("paid_minutes", Integer.class), Sql.longOrNull(rs, "paid"), Sql.instant(rs, "settled_at"));
    }

    /** A time of day as people there read it, for messages. */
    private String local(Instant instant) {
        return instant.atZone(settings.zone).format(java.time.format.DateTimeFormatter.ofPattern("d-M HH:mm"));
    }

    /** Minutes as hours, to two decimals, for a sentence that shows them in the reader's way ("2.5", "2,5"). */
    private static double hoursOf(int minutes) {
        return Math.round(minutes / 0.6) / 100.0;
    }

    static String hours(int minutes) {
        return minutes % 60 == 0 ? Integer.toString(minutes / 60) : String.format(java.util.Locale.ROOT, "%.2f", minutes / 60.0);
    }
}
