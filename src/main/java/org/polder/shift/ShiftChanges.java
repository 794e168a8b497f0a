package org.polder.shift;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Money;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.Assignments;
import org.polder.work.PayFloor;
import org.polder.work.WorkKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changing a posted shift. A change that leaves every selected worker at least as well off (more pay an hour, the
 * same hours or none selected yet, more people) applies at once. One that worsens their terms (other times, less pay
 * an hour, fewer paid minutes) is proposed to each of them: they accept, or withdraw without it counting against
 * them. Until every selected worker has done one or the other, the shift keeps its old terms for everyone, so nobody
 * works on terms they did not agree to. The escrow follows the applied terms at once.
 */
@Service
public class ShiftChanges {

    private final JdbcClient jdbc;
    private final Shifts shifts;
    private final Selection selection;
    private final Assignments work;
    private final PayFloor floor;
    private final Fees fees;
    private final Escrow escrow;
    private final Trail trail;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ShiftChanges(JdbcClient jdbc, Shifts shifts, Selection selection, Assignments work, PayFloor floor, Fees fees, Escrow escrow, Trail trail,
                 ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.shifts = shifts;
        this.selection = selection;
        this.work = work;
        this.floor = floor;
        this.fees = fees;
        this.escrow = escrow;
        this.trail = trail;
        this.events = events;
        this.clock = clock;
    }

    /** What the requester changes; unset fields stay as they are. */
    public record Change(Instant startsAt, Instant endsAt, Integer breakMinutes, Integer headcount, Long hourlyRate, String reason) {
    }

    /** A change waiting for selected workers' answers: the new terms, and who has answered how. */
    public record Proposal(long id, long shiftId, Instant startsAt, Instant endsAt, int breakMinutes, int headcount, long hourlyRate,
                           String reason, Instant proposedAt, List<Answer> answers) {
    }

    public record Answer(long workerId, String answer) {
    }

    /** Whether the change applied at once, or waits for the selected workers (and then which proposal). */
    public record Outcome(Shift shift, Proposal proposal) {
    }

    @Transactional
    public Outcome change(CurrentUser user, long shiftId, Change c) {
        shifts.ofOrganisation(user, shiftId);
        lock(shiftId);
        Shift s = shifts.get(shiftId);
        Instant now = clock.instant();
        if (s.state() != Shift.State.OPEN || !now.isBefore(s.startsAt())) {
            throw DomainException.conflict("Shift " + shiftId + " has begun or is cancelled; it can no longer be changed").code("problem.shift.begun");
        }
        if (pending(shiftId).isPresent()) {
            throw DomainException.conflict("Shift " + shiftId + " already has a change waiting for workers' answers; withdraw it first")
                    .code("problem.shiftChange.pending");
        }
        String reason = Places.text("reason", c.reason(), 1, 1000);
        Instant start = c.startsAt() == null ? s.startsAt() : c.startsAt();
        Instant end = c.endsAt() == null ? s.endsAt() : c.endsAt();
        int breakMinutes = c.breakMinutes() == null ? s.breakMinutes() : c.breakMinutes();
        int headcount = c.headcount() == null ? s.headcount() : c.headcount();
        long rate = c.hourlyRate() == null ? s.hourlyRate() : c.hourlyRate();
        if (!start.isAfter(now)) {
            throw DomainException.invalid("startsAt: the shift must start in the future").code("problem.shift.past");
        }
        long length = Duration.between(start, end).toMinutes();
        if (length < 60 || length > 16 * 60) {
            throw DomainException.invalid("endsAt: a shift lasts from 1 to 16 hours, this one " + length + " minutes").code("problem.shift.length", length);
        }
        if (breakMinutes < 0 || breakMinutes > length / 2) {
            throw DomainException.invalid("breakMinutes: from 0 to half the shift (" + length / 2 + " minutes), was " + breakMinutes)
                    .code("problem.shift.break", length / 2);
        }
        int selected = s.headcount() - s.openSlots();
        if (headcount < Math.max(1, selected) || headcount > 100) {
            throw DomainException.invalid("headcount: from the " + Math.max(1, selected) + " already selected to 100, was " + headcount)
                    .code("problem.shiftChange.headcount", Math.max(1, selected));
        }
        if (rate < floor.hourlyCents() || rate > 100_000) {
            throw DomainException.invalid("hourlyRate: at least the hourly floor of " + Money.euros(floor.hourlyCents()) + ", at most €1,000.00")
                    .code("problem.shift.belowFloor", Money.euros(floor.hourlyCents()).decimal());
        }
        int paidMinutes = (int) length - breakMinutes;
        boolean timesMoved = !start.equals(s.startsAt()) || !end.equals(s.endsAt());
        boolean worse = rate < s.hourlyRate() || timesMoved || paidMinutes < s.plannedMinutes();
        if (selected == 0 || !worse) {
            return new Outcome(apply(s, start, end, breakMinutes, headcount, rate, user.id(), reason, null), null);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO shift_change (shift_id, proposed_by, proposed_at, starts_at, ends_at, break_minutes, headcount, hourly_rate,
                                                  reason, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED')""")
                .params(shiftId, user.id(), Sql.ts(now), Sql.ts(start), Sql.ts(end), breakMinutes, headcount, rate, reason)
                .update(key, "id");
        long id = key.getKey().longValue();
        for (long worker : selectedWorkers(s)) {
            trail.record(TrailEntry.of("SHIFT_CHANGE_PROPOSED").aboutWorker(worker).by(user.id()).organisation(s.organisationId())
                    .work(WorkKind.SHIFT, s.taskId(), null).with("shiftId", shiftId).with("change", id).with("startsAt", start.toString())
                    .with("endsAt", end.toString()).with("breakMinutes", breakMinutes).with("hourlyRate", rate).with("reason", reason));
            events.publishEvent(Notice.to(worker, NoticeKind.SHIFT, Words.of("notice.shiftChange", String.valueOf(shiftId), s.role())));
        }
        return new Outcome(s, pending(shiftId).orElseThrow());
    }

    /**
     * The change waiting for answers, for the shift's organisation or a worker selected on it; 404 for anyone else
     * (an open shift is in every worker's feed, but a proposal is only for those it asks).
     */
    @Transactional(readOnly = true)
    public Optional<Proposal> pendingFor(CurrentUser user, long shiftId) {
        Shift s = shifts.get(shiftId);
        boolean organisation = user.organisationId() != null && user.organisationId() == s.organisationId();
        if (!organisation && !(user.has(Role.WORKER) && selectedWorkers(s).contains(user.id()))) {
            throw new NotFoundException("Shift", shiftId);
        }
        return pending(shiftId);
    }

    /** The change waiting for answers on a shift, if any. */
    @Transactional(readOnly = true)
    public Optional<Proposal> pending(long shiftId) {
        return jdbc.sql("SELECT * FROM shift_change WHERE shift_id = ? AND state = 'PROPOSED'").param(shiftId)
                .query((rs, n) -> new Proposal(rs.getLong("id"), shiftId, Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"),
                        rs.getInt("break_minutes"), rs.getInt("headcount"), rs.getLong("hourly_rate"), rs.getString("reason"),
                        Sql.instant(rs, "proposed_at"), List.of()))
                .optional()
                .map(p -> new Proposal(p.id(), p.shiftId(), p.startsAt(), p.endsAt(), p.breakMinutes(), p.headcount(), p.hourlyRate(), p.reason(),
                        p.proposedAt(), jdbc.sql("SELECT worker_id, answer FROM shift_change_answer WHERE change_id = ? ORDER BY worker_id")
                        .param(p.id()).query((rs, n) -> new Answer(rs.getLong(1), rs.getString(2))).list()));
    }

    /**
     * A selected worker answers a proposed change: accept the new terms, or withdraw without it counting. When the
     * last selected worker has answered, the change applies.
     */
    @Transactional
    public Optional<Proposal> answer(CurrentUser worker, long shiftId, boolean accept) {
        worker.require(Role.WORKER);
        Shift s = shifts.get(shiftId);
        lock(shiftId);
        Proposal p = pending(shiftId).orElseThrow(() -> new NotFoundException("Change", shiftId));
        if (!selectedWorkers(s).contains(worker.id())) {
            throw new NotFoundException("Change", shiftId);
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO shift_change_answer (change_id, worker_id, answer, answered_at) VALUES (?, ?, ?, ?)")
                .params(p.id(), worker.id(), accept ? "ACCEPTED" : "WITHDREW", Sql.ts(now)).update();
        if (accept) {
            trail.record(TrailEntry.of("SHIFT_CHANGE_ACCEPTED").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                    .work(WorkKind.SHIFT, s.taskId(), null).with("shiftId", shiftId).with("change", p.id()));
        } else {
            selection.withdrawAfterChange(s, worker.id(), p.id(), now);
        }
        Shift now2 = shifts.get(shiftId);
        List<Long> still = selectedWorkers(now2);
        List<Long> accepted = jdbc.sql("SELECT worker_id FROM shift_change_answer WHERE change_id = ? AND answer = 'ACCEPTED'").param(p.id())
                .query(Long.class).list();
        if (accepted.containsAll(still)) {
            jdbc.sql("UPDATE shift_change SET state = 'APPLIED', decided_at = ? WHERE id = ?").params(Sql.ts(now), p.id()).update();
            apply(now2, p.startsAt(), p.endsAt(), p.breakMinutes(), p.headcount(), p.hourlyRate(), worker.id(), p.reason(), p.id());
            return Optional.empty();
        }
        return pending(shiftId);
    }

    /** The requester withdraws a proposed change; the shift keeps its terms. */
    @Transactional
    public void withdraw(CurrentUser user, long shiftId) {
        Shift s = shifts.ofOrganisation(user, shiftId);
        lock(shiftId);
        Proposal p = pending(shiftId).orElseThrow(() -> new NotFoundException("Change", shiftId));
        jdbc.sql("UPDATE shift_change SET state = 'WITHDRAWN', decided_at = ? WHERE id = ?").params(Sql.ts(clock.instant()), p.id()).update();
        trail.record(TrailEntry.of("SHIFT_CHANGE_WITHDRAWN").by(user.id()).organisation(s.organisationId()).work(WorkKind.SHIFT, s.taskId(), null)
                .with("shiftId", shiftId).with("change", p.id()));
    }

    /** The shift takes the new terms; the escrow is topped up from the organisation's balance or given back the difference. */
    private Shift apply(Shift s, Instant start, Instant end, int breakMinutes, int headcount, long rate, long by, String reason, Long changeId) {
        long pay = Shift.payFor(rate, Shift.minutes(start, end, breakMinutes));
        long fee = fees.feeFor(pay);
        if (headcount != s.headcount() && !work.changeSlots(s.taskId(), headcount - s.headcount())) {
            throw DomainException.conflict("headcount: more workers are selected than " + headcount).code("problem.shiftChange.headcount", headcount);
        }
        // The new rate is the base of any automatic raises; a ceiling it reaches no longer applies.
        jdbc.sql("""
                        UPDATE shift SET starts_at = ?, ends_at = ?, break_minutes = ?, headcount = ?, hourly_rate = ?, pay = ?, fee = ?, base_rate = ?,
                                         rate_ceiling = CASE WHEN rate_ceiling <= ? THEN NULL ELSE rate_ceiling END WHERE id = ?""")
                .params(Sql.ts(start), Sql.ts(end), breakMinutes, headcount, rate, pay, fee, rate, rate, s.id()).update();
        Escrow.Of money = new Escrow.Of(WorkKind.SHIFT, s.id(), s.organisationId());
        long needed = Math.multiplyExact(pay + fee, (long) headcount);
        long held = escrow.held(money);
        if (needed > held) {
            escrow.fund(money, needed - held, new Escrow.Entry("SHIFT_CHANGED", "Shift " + s.id() + " changed: more escrow", by, "shift:" + s.id()));
        } else if (needed < held) {
            escrow.giveBack(money, held - needed, "Shift " + s.id() + " changed: escrow returned", by, "shift:" + s.id());
        }
        trail.record(TrailEntry.of("SHIFT_CHANGED").by(by).organisation(s.organisationId()).work(WorkKind.SHIFT, s.taskId(), null)
                .with("shiftId", s.id()).with("startsAt", start.toString()).with("endsAt", end.toString()).with("breakMinutes", breakMinutes)
                .with("headcount", headcount).with("hourlyRate", rate).with("escrow", needed).with("reason", reason).with("change", changeId));
        for (long worker : selectedWorkers(s)) {
            events.publishEvent(Notice.to(worker, NoticeKind.SHIFT, Words.of("notice.shiftChanged", String.valueOf(s.id()), s.role())));
        }
        // Places that are free now (more people wanted, or given back over the change) go to the waitlist, on the new terms.
        Shift changed = shifts.get(s.id());
        for (int free = changed.openSlots(); free > 0 && selection.fillFromWaitlist(changed); free--) {
            changed = shifts.get(s.id());
        }
        return shifts.get(s.id());
    }

    private List<Long> selectedWorkers(Shift s) {
        return jdbc.sql("SELECT worker_id FROM assignment WHERE task_id = ? AND state = 'ACCEPTED' ORDER BY worker_id").param(s.taskId())
                .query(Long.class).list();
    }

    private void lock(long shiftId) {
        jdbc.sql("SELECT id FROM shift WHERE id = ? FOR UPDATE").param(shiftId).query(Long.class).single();
    }
}
