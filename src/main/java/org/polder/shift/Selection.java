package org.polder.shift;

import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.shift.internal.ShiftLimits;
import org.polder.work.TakingWork;
import org.polder.work.WorkingTime;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.oversight.Decisions;
import org.polder.quality.HeldQualification;
import org.polder.quality.Qualifications;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applying and selecting. A selection takes one of the shift's places with a conditional update (two
 * requesters, or a requester and the waitlist, never fill one place twice), locks the worker so that
 * two selections of one worker are checked one after the other against the working-time limits, and
 * withdraws the worker's applications to shifts at the same time.
 */
@Service
public class Selection {

    public static final String AUTO_SELECT = "shift.auto-select";
    public static final String WAITLIST = "shift.waitlist";

    private final JdbcClient jdbc;
    private final Shifts shifts;
    private final Places places;
    private final ShiftLimits limits;
    private final Qualifications qualifications;
    private final Accounts accounts;
    private final Decisions decisions;
    private final Trail trail;
    private final WorkerRatings ratings;
    private final Clock clock;
    private final Assignments work;
    private final TakingWork takingWork;

    private final org.springframework.context.ApplicationEventPublisher events;

    Selection(TakingWork takingWork, Assignments work, JdbcClient jdbc, Shifts shifts, Places places, ShiftLimits limits, Qualifications qualifications, Accounts accounts,
              Decisions decisions, Trail trail, WorkerRatings ratings, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.takingWork = takingWork;
        this.work = work;
        this.ratings = ratings;
        this.jdbc = jdbc;
        this.shifts = shifts;
        this.places = places;
        this.limits = limits;
        this.qualifications = qualifications;
        this.accounts = accounts;
        this.decisions = decisions;
        this.trail = trail;
        this.clock = clock;
    }

    /** A worker applies. Where the shift selects automatically and the worker qualifies for that, they are selected at once. */
    @Transactional
    @Automated(AUTO_SELECT)
    public Application apply(CurrentUser worker, long shiftId) {
        Shift s = shifts.forWorker(worker, shiftId);
        takingWork.check(worker.id(), candidate(s));
        Instant now = clock.instant();
        if (s.state() != Shift.State.OPEN || !now.isBefore(s.startsAt())) {
            throw DomainException.conflict("Shift " + shiftId + " no longer takes applications").code("problem.shift.closed");
        }
        experience(places.role(s.roleId()), worker.id()).ifPresent(e -> {
            throw e;
        });
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO shift_application (shift_id, worker_id, state, applied_at) VALUES (?, ?, 'APPLIED', ?)")
                    .params(shiftId, worker.id(), Sql.ts(now)).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("You already applied to shift " + shiftId).code("problem.shift.applied");
        }
        trail.record(TrailEntry.of("SHIFT_APPLIED").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), null).with("shiftId", shiftId));
        events.publishEvent(Notice.toRequestersOf(s.organisationId(), NoticeKind.APPLICANT,
                Words.of("notice.applied", worker.displayName(), s.role(), Words.at(s.startsAt())), "/requester/shifts/" + shiftId));
        Words reason = autoSelectReason(s, worker.id());
        if (reason != null && s.openSlots() > 0) {
            select(s, worker.id(), null, AUTO_SELECT, reason);
        }
        return application(shiftId, worker.id()).orElseThrow();
    }

    /** Why this worker may be selected without the requester choosing, or null. */
    private Words autoSelectReason(Shift s, long workerId) {
        return switch (s.autoSelect()) {
            case NONE -> null;
            case POOL -> inPool(s.organisationId(), workerId) ? Words.of("decision.shiftSelected.pool", s.organisation()) : null;
            case PAST_WORKERS -> workedFor(s.organisationId(), workerId) ? Words.of("decision.shiftSelected.pastWorker", s.organisation()) : null;
        };
    }

    /** The requester selects an applicant (or someone on the waitlist). */
    @Transactional
    public Application select(CurrentUser requester, long shiftId, long workerId) {
        Shift s = shifts.ofOrganisation(requester, shiftId);
        Application a = application(shiftId, workerId).orElseThrow(() -> new NotFoundException("Application", workerId));
        if (a.state() != Application.State.APPLIED && a.state() != Application.State.WAITLISTED) {
            throw DomainException.conflict("This worker's application is " + a.state().name().toLowerCase() + "; only open applications can be selected")
                    .code("problem.shift.notOpen");
        }
        select(s, workerId, requester.id(), null, null);
        return application(shiftId, workerId).orElseThrow();
    }

    /** The requester puts an applicant on the waitlist (next in line), or declines them. */
    @Transactional
    public Application decide(CurrentUser requester, long shiftId, long workerId, Application.State to) {
        Shift s = shifts.ofOrganisation(requester, shiftId);
        if (to != Application.State.WAITLISTED && to != Application.State.NOT_SELECTED) {
            throw DomainException.invalid("state: WAITLISTED or NOT_SELECTED");
        }
        int moved = jdbc.sql("UPDATE shift_application SET state = ?, decided_at = ? WHERE shift_id = ? AND worker_id = ? AND state IN ('APPLIED', 'WAITLISTED')")
                .params(to.name(), Sql.ts(clock.instant()), shiftId, workerId).update();
        if (moved == 0) {
            throw DomainException.conflict("There is no open application of this worker").code("problem.shift.notOpen");
        }
        trail.record(TrailEntry.of(to == Application.State.WAITLISTED ? "SHIFT_WAITLISTED" : "SHIFT_NOT_SELECTED").aboutWorker(workerId)
                .by(requester.id()).organisation(s.organisationId()).work(WorkKind.SHIFT, s.taskId(), null).with("shiftId", shiftId));
        events.publishEvent(Notice.to(workerId, NoticeKind.SHIFT, Words.of(to == Application.State.WAITLISTED ? "notice.waitlisted" : "notice.notSelected",
                s.role(), s.organisation(), Words.at(s.startsAt()))));
        return application(shiftId, workerId).orElseThrow();
    }

    /**
     * Takes a place for the worker. {@code decidedBy} is the person who chose, or null when {@code rule}
     * selects (its reason then goes into a decision record the worker reads). A person who finds no place
     * left gets a conflict; a rule gets false and changes nothing.
     */
    private boolean select(Shift s, long workerId, Long decidedBy, String rule, Words automaticReason) {
        Instant now = clock.instant();
        if (s.state() != Shift.State.OPEN || !now.isBefore(s.startsAt())) {
            throw DomainException.conflict("Shift " + s.id() + " no longer takes people").code("problem.shift.closed");
        }
        // One selection of a worker at a time, so that the limits below see every place they hold.
        jdbc.sql("SELECT id FROM account WHERE id = ? FOR UPDATE").param(workerId).query(Long.class).single();
        // The gate every kind of work keeps (suspension, working time), however the place would reach the
        // worker (by hand, pool, waitlist, hand-over), then what only shifts add.
        Optional<DomainException> problem = takingWork.refusal(workerId, candidate(s)).or(() -> limits.problem(workerId, s))
                .or(() -> experience(places.role(s.roleId()), workerId));
        if (problem.isPresent()) {
            if (decidedBy == null) {
                return false;
            }
            if (decidedBy != workerId && "problem.account.suspended".equals(problem.get().code())) {
                // A requester learns that the worker cannot come, not why: a suspension is the worker's own business.
                throw DomainException.conflict("This worker cannot take work at the moment").code("problem.shift.workerUnavailable");
            }
            throw problem.get();
        }
        if (!work.takeSlot(s.taskId())) {
            if (decidedBy == null) {
                return false;   // a rule lost the race for the last place: the application stays open
            }
            throw DomainException.conflict("Shift " + s.id() + " has no place left").code("problem.shift.full");
        }
        long assignmentId = work.take(new Assignments.Take(WorkKind.SHIFT, s.taskId(), null, workerId, AssignmentState.ACCEPTED,
                s.pay(), s.fee(), s.currency(), now, s.endsAt()));
        jdbc.sql("INSERT INTO shift_hours (assignment_id, shift_id, worker_id, state) VALUES (?, ?, ?, 'SELECTED')")
                .params(assignmentId, s.id(), workerId).update();
        jdbc.sql("UPDATE shift_application SET state = 'SELECTED', decided_at = ?, assignment_id = ? WHERE shift_id = ? AND worker_id = ?")
                .params(Sql.ts(now), assignmentId, s.id(), workerId).update();
        // Applications to shifts at the same time cannot be worked any more: withdraw them.
        List<Long> overlapping = jdbc.sql("""
                        SELECT a.shift_id FROM shift_application a JOIN shift o ON o.id = a.shift_id
                        WHERE a.worker_id = ? AND a.state IN ('APPLIED', 'WAITLISTED') AND o.starts_at < ? AND ? < o.ends_at""")
                .params(workerId, Sql.ts(s.endsAt()), Sql.ts(s.startsAt())).query(Long.class).list();
        for (long other : overlapping) {
            jdbc.sql("UPDATE shift_application SET state = 'OVERLAPPED', decided_at = ? WHERE shift_id = ? AND worker_id = ?")
                    .params(Sql.ts(now), other, workerId).update();
            trail.record(TrailEntry.of("SHIFT_APPLICATION_WITHDRAWN").aboutWorker(workerId).with("shiftId", other)
                    .with("reason", "selected for shift " + s.id() + " at the same time"));
        }
        if (decidedBy == null) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("shiftId", s.id());
            inputs.put("autoSelect", s.autoSelect().name());
            inputs.put("openPlacesBefore", s.openSlots());
            decisions.record(Decisions.Draft.about(workerId, ShiftDecision.SHIFT_SELECTED)
                    .rule(rule, 1)
                    .work(WorkKind.SHIFT, null, s.taskId(), assignmentId)
                    .inputs(inputs)
                    .effect(Words.of("decision.effect.shiftPlace", String.valueOf(s.id()), s.role(), s.location()))
                    .reason(automaticReason)
                    .forOrganisation(s.organisationId()));
        } else {
            // Chosen by the requester: not a decision of a rule, but the worker hears of it all the same.
            events.publishEvent(Notice.to(workerId, NoticeKind.SHIFT,
                    Words.of("decision.effect.shiftPlace", String.valueOf(s.id()), s.role(), s.location())));
        }
        trail.record(TrailEntry.of("SHIFT_SELECTED").aboutWorker(workerId).by(decidedBy).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("automatic", decidedBy == null)
                .with("pay", s.pay()));
        return true;
    }

    /**
     * The worker withdraws: an open application ends; a place they hold (before the shift begins) goes
     * back, and the first worker on the waitlist who keeps within the limits takes it.
     */
    @Transactional
    @Automated(WAITLIST)
    public Application withdraw(CurrentUser worker, long shiftId) {
        worker.require(Role.WORKER);
        Application a = application(shiftId, worker.id()).orElseThrow(() -> new NotFoundException("Application", shiftId));
        Shift s = shifts.get(shiftId);
        Instant now = clock.instant();
        if (a.state() == Application.State.APPLIED || a.state() == Application.State.WAITLISTED) {
            jdbc.sql("UPDATE shift_application SET state = 'WITHDRAWN', decided_at = ? WHERE id = ? AND state = ?")
                    .params(Sql.ts(now), a.id(), a.state().name()).update();
        } else if (a.state() == Application.State.SELECTED) {
            if (!now.isBefore(s.startsAt())) {
                throw DomainException.conflict("Shift " + shiftId + " has begun; ask the requester or a moderator").code("problem.shift.begun");
            }
            if (!givePlaceBack(s, a, now)) {
                throw DomainException.conflict("You have checked in to shift " + shiftId + "; it can no longer be given back")
                        .code("problem.shift.begun");
            }
        } else {
            throw DomainException.conflict("Your application is " + a.state().name().toLowerCase() + " already").code("problem.shift.notOpen");
        }
        trail.record(TrailEntry.of("SHIFT_WITHDRAWN").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), a.assignmentId()).with("shiftId", shiftId).with("hadPlace", a.assignmentId() != null));
        if (a.state() == Application.State.SELECTED) {
            fillFromWaitlist(shifts.get(shiftId));
        }
        return application(shiftId, worker.id()).orElseThrow();
    }

    /**
     * A selected worker who does not accept a change to their shift gives the place back; it is not held against
     * them (the trail says so), and nobody from the waitlist takes it while the change waits for answers.
     */
    void withdrawAfterChange(Shift s, long workerId, long changeId, Instant now) {
        Application a = application(s.id(), workerId).filter(x -> x.state() == Application.State.SELECTED)
                .orElseThrow(() -> new NotFoundException("Place", s.id()));
        if (!givePlaceBack(s, a, now)) {
            throw DomainException.conflict("You have checked in to shift " + s.id() + "; it can no longer be given back").code("problem.shift.begun");
        }
        trail.record(TrailEntry.of("SHIFT_WITHDRAWN").aboutWorker(workerId).by(workerId).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), a.assignmentId()).with("shiftId", s.id()).with("hadPlace", true)
                .with("afterChange", changeId).with("countsAgainst", false));
    }

    /** A selected worker's place goes back on offer; false when they have checked in already. */
    private boolean givePlaceBack(Shift s, Application a, Instant now) {
        if (!work.move(a.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.RELEASED, now).apply()) {
            return false;
        }
        jdbc.sql("UPDATE shift_hours SET state = 'WITHDRAWN' WHERE assignment_id = ?").param(a.assignmentId()).update();
        jdbc.sql("UPDATE shift_application SET state = 'WITHDRAWN', decided_at = ? WHERE id = ?").params(Sql.ts(now), a.id()).update();
        work.openSlot(s.taskId());
        return true;
    }

    /**
     * Undoes an automatic selection (pool, past workers or waitlist) that a moderator overrode or an upheld
     * appeal found wrong: before the shift begins the place goes back, not held against the worker, and to
     * the next on the waitlist.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Words undoAutomaticSelection(long workerId, long assignmentId, long moderatorId) {
        Application a = jdbc.sql("SELECT shift_id FROM shift_application WHERE worker_id = ? AND assignment_id = ?").params(workerId, assignmentId)
                .query(Long.class).optional().flatMap(shiftId -> application(shiftId, workerId)).orElse(null);
        if (a == null || a.state() != Application.State.SELECTED) {
            return Words.of("decision.effect.placeEnded");
        }
        Shift s = shifts.get(a.shiftId());
        Instant now = clock.instant();
        if (!now.isBefore(s.startsAt()) || !givePlaceBack(s, a, now)) {
            return Words.of("decision.effect.placeStays", s.id());
        }
        trail.record(TrailEntry.of("SHIFT_WITHDRAWN").aboutWorker(workerId).by(moderatorId).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("hadPlace", true).with("overridden", true));
        fillFromWaitlist(shifts.get(s.id()));
        return Words.of("decision.effect.selectionUndone", s.id());
    }

    /** The first worker on the waitlist who can take a free place takes it; false when nobody could. */
    boolean fillFromWaitlist(Shift s) {
        List<Long> waiting = jdbc.sql("SELECT worker_id FROM shift_application WHERE shift_id = ? AND state = 'WAITLISTED' ORDER BY decided_at, id")
                .param(s.id()).query(Long.class).list();
        for (long next : waiting) {
            if (select(s, next, null, WAITLIST, Words.of("decision.shiftSelected.waitlist", String.valueOf(s.id())))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A worker who has a place and cannot come offers it to another worker (by username) before the
     * shift begins; nothing changes until that worker accepts. A new offer replaces an open one.
     */
    @Transactional
    public Handover offerHandover(CurrentUser worker, long shiftId, String replacement) {
        Application a = application(shiftId, worker.require(Role.WORKER).id())
                .filter(x -> x.state() == Application.State.SELECTED).orElseThrow(() -> new NotFoundException("Place", shiftId));
        Shift s = shifts.get(shiftId);
        if (!clock.instant().isBefore(s.startsAt())) {
            throw DomainException.conflict("Shift " + shiftId + " has begun").code("problem.shift.begun");
        }
        CurrentUser to = accounts.byUsername(replacement == null ? "" : replacement.strip()).filter(u -> u.has(Role.WORKER))
                .orElseThrow(() -> DomainException.invalid("username: no worker is called '" + replacement + "'").code("problem.handover.unknown"));
        if (to.id() == worker.id()) {
            throw DomainException.invalid("username: hand the place to someone else").code("problem.handover.self");
        }
        // Offered only to someone who could take it: the role's qualification and targeting (through the gate) and experience.
        takingWork.refusal(to.id(), candidate(s))
                .filter(e -> "problem.shift.qualification".equals(e.code()) || e.code() != null && e.code().startsWith("problem.targeting."))
                .or(() -> experience(places.role(s.roleId()), to.id())).ifPresent(e -> {
                    throw e;
                });
        jdbc.sql("DELETE FROM shift_handover WHERE assignment_id = ?").param(a.assignmentId()).update();   // a new offer replaces the last
        jdbc.sql("""
                        INSERT INTO shift_handover (assignment_id, shift_id, from_worker, to_worker, state, offered_at)
                        VALUES (?, ?, ?, ?, 'OFFERED', ?)""")
                .params(a.assignmentId(), shiftId, worker.id(), to.id(), Sql.ts(clock.instant())).update();
        trail.record(TrailEntry.of("SHIFT_HANDOVER_OFFERED").aboutWorker(worker.id()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), a.assignmentId()).with("shiftId", shiftId).with("to", to.id()));
        return handover(a.assignmentId());
    }

    /**
     * The other worker accepts: the place moves to them, checked against their working-time limits like
     * any selection; the first worker's place ends without anything held against them.
     */
    @Transactional
    public Application acceptHandover(CurrentUser worker, long shiftId) {
        Handover h = offeredTo(worker, shiftId);
        Shift s = shifts.get(shiftId);
        Instant now = clock.instant();
        if (!now.isBefore(s.startsAt())) {
            throw DomainException.conflict("Shift " + shiftId + " has begun").code("problem.shift.begun");
        }
        if (!work.move(h.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.RELEASED, now).apply()) {
            throw DomainException.conflict("The place is no longer free to hand over").code("problem.handover.gone");
        }
        jdbc.sql("UPDATE shift_hours SET state = 'WITHDRAWN' WHERE assignment_id = ?").param(h.assignmentId()).update();
        jdbc.sql("UPDATE shift_application SET state = 'WITHDRAWN', decided_at = ? WHERE shift_id = ? AND worker_id = ?")
                .params(Sql.ts(now), shiftId, h.fromWorker()).update();
        work.openSlot(s.taskId());
        if (application(shiftId, worker.id()).isEmpty()) {
            jdbc.sql("INSERT INTO shift_application (shift_id, worker_id, state, applied_at) VALUES (?, ?, 'APPLIED', ?)")
                    .params(shiftId, worker.id(), Sql.ts(now)).update();
        } else {
            jdbc.sql("UPDATE shift_application SET state = 'APPLIED' WHERE shift_id = ? AND worker_id = ?").params(shiftId, worker.id()).update();
        }
        select(shifts.get(shiftId), worker.id(), worker.id(), null, null);
        jdbc.sql("UPDATE shift_handover SET state = 'ACCEPTED', decided_at = ? WHERE assignment_id = ?").params(Sql.ts(now), h.assignmentId()).update();
        trail.record(TrailEntry.of("SHIFT_HANDED_OVER").aboutWorker(h.fromWorker()).by(worker.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), h.assignmentId()).with("shiftId", shiftId).with("to", worker.id()));
        return application(shiftId, worker.id()).orElseThrow();
    }

    @Transactional
    public void declineHandover(CurrentUser worker, long shiftId) {
        Handover h = offeredTo(worker, shiftId);
        jdbc.sql("UPDATE shift_handover SET state = 'DECLINED', decided_at = ? WHERE assignment_id = ? AND state = 'OFFERED'")
                .params(Sql.ts(clock.instant()), h.assignmentId()).update();
        trail.record(TrailEntry.of("SHIFT_HANDOVER_DECLINED").aboutWorker(h.fromWorker()).by(worker.id()).work(WorkKind.SHIFT, null, h.assignmentId())
                .with("shiftId", shiftId));
    }

    /** Places offered to the worker, and those they offered, newest first. */
    @Transactional(readOnly = true)
    public List<Handover> handovers(CurrentUser worker) {
        return jdbc.sql("SELECT * FROM shift_handover WHERE to_worker = ? OR from_worker = ? ORDER BY offered_at DESC LIMIT 100")
                .params(worker.require(Role.WORKER).id(), worker.id()).query((rs, n) -> mapHandover(rs)).list();
    }

    private Handover offeredTo(CurrentUser worker, long shiftId) {
        return jdbc.sql("SELECT * FROM shift_handover WHERE shift_id = ? AND to_worker = ? AND state = 'OFFERED'")
                .params(shiftId, worker.require(Role.WORKER).id()).query((rs, n) -> mapHandover(rs)).optional()
                .orElseThrow(() -> new NotFoundException("Handover", shiftId));
    }

    private Handover handover(long assignmentId) {
        return jdbc.sql("SELECT * FROM shift_handover WHERE assignment_id = ?").param(assignmentId).query((rs, n) -> mapHandover(rs)).single();
    }

    private Handover mapHandover(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Handover(rs.getLong("assignment_id"), rs.getLong("shift_id"), rs.getLong("from_worker"),
                accounts.view(rs.getLong("from_worker")).displayName(), rs.getLong("to_worker"), accounts.view(rs.getLong("to_worker")).displayName(),
                Handover.State.valueOf(rs.getString("state")), Sql.instant(rs, "offered_at"), Sql.instant(rs, "decided_at"));
    }

    /** The role's requirements a worker must meet: its qualification and its number of shifts done. */
    /** The shift as work about to be taken, with the qualification its role asks for. */
    private WorkingTime.Candidate candidate(Shift s) {
        return ShiftLimits.candidate(s).requiring(places.role(s.roleId()).qualificationId()).targeting(s.languages(), s.regions());
    }

    /** What the role asks in shifts done on Polder, if the worker has done fewer. */
    private Optional<DomainException> experience(ShiftRole role, long workerId) {
        long done = shiftsDone(workerId);
        if (done < role.minShifts()) {
            return Optional.of(DomainException.forbidden("This role asks for " + role.minShifts() + " shifts done on Polder; the worker has done " + done)
                    .code("problem.shift.experience", role.minShifts(), done));
        }
        return Optional.empty();
    }

    /** Per shift of the requester's organisation, how many applicants wait for an answer (applied or on the waiting list). */
    @Transactional(readOnly = true)
    public Map<Long, Long> waiting(CurrentUser requester) {
        long org = requester.require(Role.REQUESTER).organisation();
        Map<Long, Long> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT a.shift_id, COUNT(*) AS n FROM shift_application a JOIN shift s ON s.id = a.shift_id
                        WHERE s.organisation_id = ? AND a.state IN ('APPLIED', 'WAITLISTED') GROUP BY a.shift_id""")
                .param(org).query(rs -> {
                    counts.put(rs.getLong("shift_id"), rs.getLong("n"));
                });
        return counts;
    }

    /** The applicants of a shift, with what matters for the job. */
    @Transactional(readOnly = true)
    public List<Applicant> applicants(CurrentUser requester, long shiftId) {
        Shift s = shifts.ofOrganisation(requester, shiftId);
        List<Application> apps = jdbc.sql("SELECT * FROM shift_application WHERE shift_id = ? ORDER BY applied_at, id").param(shiftId)
                .query((rs, n) -> map(rs)).list();
        return apps.stream().map(a -> {
            Record r = record(a.workerId());
            List<String> quals = qualifications.heldBy(a.workerId()).stream().map(HeldQualification::name).toList();
            WorkerRatings.Average rating = ratings.averageOf(a.workerId());
            return new Applicant(a.workerId(), accounts.view(a.workerId()).displayName(), a.state(), r.done(),
                    r.past() == 0 ? null : (int) (100 * r.attended() / r.past()),
                    r.attended() == 0 ? null : (int) (100 * r.punctual() / r.attended()), rating.stars(), rating.count(), quals,
                    inPool(s.organisationId(), a.workerId()),
                    workedFor(s.organisationId(), a.workerId()));
        }).toList();
    }

    private record Record(long done, long past, long attended, long punctual) {
    }

    private Record record(long workerId) {
        return jdbc.sql("""
                        SELECT COUNT(CASE WHEN a.state = 'PAID' THEN 1 END) AS done,
                               COUNT(CASE WHEN h.checked_in_at IS NOT NULL OR h.state = 'NO_SHOW' THEN 1 END) AS past,
                               COUNT(CASE WHEN h.checked_in_at IS NOT NULL THEN 1 END) AS attended,
                               COUNT(CASE WHEN h.checked_in_at IS NOT NULL AND h.checked_in_at <= s.starts_at + INTERVAL '5' MINUTE THEN 1 END) AS punctual
                        FROM assignment a JOIN shift s ON s.task_id = a.task_id JOIN shift_hours h ON h.assignment_id = a.id
                        WHERE a.worker_id = ? AND a.kind = 'SHIFT'""")
                .params(workerId)
                .query((rs, n) -> new Record(rs.getLong("done"), rs.getLong("past"), rs.getLong("attended"), rs.getLong("punctual"))).single();
    }

    long shiftsDone(long workerId) {
        return jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND kind = 'SHIFT' AND state = 'PAID'").param(workerId)
                .query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public List<Application> mine(CurrentUser worker) {
        return jdbc.sql("SELECT * FROM shift_application WHERE worker_id = ? ORDER BY applied_at DESC, id DESC LIMIT 500")
                .param(worker.require(Role.WORKER).id()).query((rs, n) -> map(rs)).list();
    }

    Optional<Application> application(long shiftId, long workerId) {
        return jdbc.sql("SELECT * FROM shift_application WHERE shift_id = ? AND worker_id = ?").params(shiftId, workerId)
                .query((rs, n) -> map(rs)).optional();
    }

    // The pool: workers an organisation trusts, who may be selected without the requester choosing.

    @Transactional
    public void addToPool(CurrentUser requester, long workerId) {
        long org = requester.require(Role.REQUESTER).organisation();
        if (!accounts.isWorkerFor(workerId, org)) {
            throw new NotFoundException("Worker", workerId);
        }
        if (jdbc.sql("INSERT INTO shift_pool (organisation_id, worker_id, added_by, added_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(org, workerId, requester.id(), Sql.ts(clock.instant())).update() > 0) {
            trail.record(TrailEntry.of("SHIFT_POOL_JOINED").aboutWorker(workerId).by(requester.id()).organisation(org));
        }
    }

    @Transactional
    public void removeFromPool(CurrentUser requester, long workerId) {
        long org = requester.require(Role.REQUESTER).organisation();
        if (jdbc.sql("DELETE FROM shift_pool WHERE organisation_id = ? AND worker_id = ?").params(org, workerId).update() > 0) {
            trail.record(TrailEntry.of("SHIFT_POOL_LEFT").aboutWorker(workerId).by(requester.id()).organisation(org));
        }
    }

    public record PoolMember(long workerId, String displayName, Instant addedAt) {
    }

    @Transactional(readOnly = true)
    public List<PoolMember> pool(CurrentUser requester) {
        return jdbc.sql("SELECT worker_id, added_at FROM shift_pool WHERE organisation_id = ? ORDER BY added_at")
                .param(requester.require(Role.REQUESTER).organisation())
                .query((rs, n) -> new PoolMember(rs.getLong(1), accounts.view(rs.getLong(1)).displayName(), Sql.instant(rs, "added_at"))).list();
    }

    private boolean inPool(long organisationId, long workerId) {
        return jdbc.sql("SELECT COUNT(*) FROM shift_pool WHERE organisation_id = ? AND worker_id = ?").params(organisationId, workerId)
                .query(Long.class).single() > 0;
    }

    private boolean workedFor(long organisationId, long workerId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM assignment a JOIN shift s ON s.task_id = a.task_id
                        WHERE a.worker_id = ? AND a.kind = 'SHIFT' AND a.state = 'PAID' AND s.organisation_id = ?""")
                .params(workerId, organisationId).query(Long.class).single() > 0;
    }

    private static Application map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Application(rs.getLong("id"), rs.getLong("shift_id"), rs.getLong("worker_id"),
                Application.State.valueOf(rs.getString("state")), Sql.instant(rs, "applied_at"), Sql.instant(rs, "decided_at"),
                Sql.longOrNull(rs, "assignment_id"));
    }
}
