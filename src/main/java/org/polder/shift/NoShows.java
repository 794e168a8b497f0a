package org.polder.shift;

import org.polder.common.Words;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No-shows are decided by a moderator, never automatically (RIGHTS.md R3): the requester reports, the
 * worker tells their side, a moderator decides with a reason the worker reads, and the worker can
 * appeal (R4); an upheld appeal strikes the no-show from their record.
 */
@Service
public class NoShows {

    private final JdbcClient jdbc;
    private final Shifts shifts;
    private final Hours hours;
    private final Decisions decisions;
    private final Trail trail;
    private final Clock clock;
    private final Assignments work;

    NoShows(Assignments work, JdbcClient jdbc, Shifts shifts, Hours hours, Decisions decisions, Trail trail, Clock clock) {
        this.work = work;
        this.jdbc = jdbc;
        this.shifts = shifts;
        this.hours = hours;
        this.decisions = decisions;
        this.trail = trail;
        this.clock = clock;
    }

    /** The requester reports that a selected worker did not check in, from 15 minutes after the start. */
    @Transactional
    public NoShow report(CurrentUser requester, long assignmentId, String note) {
        ShiftHours h = hours.ofOrganisation(requester, assignmentId);
        Shift s = shifts.get(h.shiftId());
        String text = Places.text("note", note, 1, 1000);
        Instant now = clock.instant();
        if (h.state() != ShiftHours.State.SELECTED) {
            throw DomainException.conflict("This worker checked in or no longer has the place").code("problem.noShow.notSelected");
        }
        if (now.isBefore(s.startsAt().plus(Duration.ofMinutes(15)))) {
            throw DomainException.conflict("A no-show can be reported from 15 minutes after the start").code("problem.noShow.early");
        }
        try {
            jdbc.sql("""
                            INSERT INTO shift_no_show (assignment_id, shift_id, worker_id, reported_by, note, reported_at, state)
                            VALUES (?, ?, ?, ?, ?, ?, 'OPEN')""")
                    .params(assignmentId, s.id(), h.workerId(), requester.id(), text, Sql.ts(now)).update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("This no-show is reported already").code("problem.noShow.reported");
        }
        trail.record(TrailEntry.of("SHIFT_NO_SHOW_REPORTED").aboutWorker(h.workerId()).by(requester.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("shiftId", s.id()).with("note", text));
        return get(assignmentId);
    }

    /** The worker tells their side, while the report is open. */
    @Transactional
    public NoShow respond(CurrentUser worker, long assignmentId, String statement) {
        hours.ofWorker(worker, assignmentId);
        String text = Places.text("statement", statement, 1, 2000);
        if (jdbc.sql("UPDATE shift_no_show SET worker_statement = ? WHERE assignment_id = ? AND state = 'OPEN'")
                .params(text, assignmentId).update() == 0) {
            throw DomainException.conflict("There is no open report about this shift").code("problem.noShow.notOpen");
        }
        trail.record(TrailEntry.of("SHIFT_NO_SHOW_ANSWERED").aboutWorker(worker.id()).by(worker.id()).work(WorkKind.SHIFT, null, assignmentId));
        return get(assignmentId);
    }

    /** A moderator decides an open report, with a reason the worker reads. */
    @Transactional
    public NoShow decide(CurrentUser moderator, long assignmentId, NoShow.State outcome, String reason) {
        moderator.require(Role.MODERATOR);
        NoShow report = get(assignmentId);
        moderator.moderating(report.workerId());
        String why = Places.text("reason", reason, 1, 2000);
        if (outcome == null || outcome == NoShow.State.OPEN) {
            throw DomainException.invalid("outcome: CONFIRMED, EXCUSED or WORKED").code("problem.noShow.outcome");
        }
        Shift s = shifts.get(report.shiftId());
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE shift_no_show SET state = ?, decided_by = ?, decided_at = ? WHERE assignment_id = ? AND state = 'OPEN'")
                .params(outcome.name(), moderator.id(), Sql.ts(now), assignmentId).update() == 0) {
            throw DomainException.conflict("This report is decided already").code("problem.noShow.notOpen");
        }
        Words effect = switch (outcome) {
            case CONFIRMED -> {
                work.move(assignmentId).from(AssignmentState.ACCEPTED).to(AssignmentState.EXPIRED, now).apply();
                jdbc.sql("UPDATE shift_hours SET state = 'NO_SHOW' WHERE assignment_id = ?").param(assignmentId).update();
                hours.returnUnneeded(s);
                yield Words.of("decision.effect.noShowConfirmed", s.id());
            }
            case EXCUSED -> {
                work.move(assignmentId).from(AssignmentState.ACCEPTED).to(AssignmentState.RELEASED, now).apply();
                jdbc.sql("UPDATE shift_hours SET state = 'WITHDRAWN' WHERE assignment_id = ?").param(assignmentId).update();
                hours.returnUnneeded(s);
                yield Words.of("decision.effect.noShowExcused", s.id());
            }
            case WORKED -> {
                work.move(assignmentId).from(AssignmentState.ACCEPTED).to(AssignmentState.STARTED, now).apply();
                jdbc.sql("UPDATE shift_hours SET state = 'WORKING', checked_in_at = ? WHERE assignment_id = ?")
                        .params(Sql.ts(s.startsAt()), assignmentId).update();
                yield Words.of("decision.effect.noShowWorked", s.id());
            }
            case OPEN -> throw new IllegalStateException();
        };
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("shiftId", s.id());
        inputs.put("report", report.note());
        inputs.put("workerStatement", report.workerStatement());
        long decision = decisions.record(Decisions.Draft.about(report.workerId(), ShiftDecision.valueOf("NO_SHOW_" + outcome.name()))
                .by(moderator.id())
                .work(WorkKind.SHIFT, null, s.taskId(), assignmentId)
                .inputs(inputs)
                .effect(effect)
                .reason(why)
                .forOrganisation(s.organisationId()));
        jdbc.sql("UPDATE shift_no_show SET decision_id = ? WHERE assignment_id = ?").params(decision, assignmentId).update();
        return get(assignmentId);
    }


    /** An upheld appeal against a confirmed no-show: it is struck from the worker's record. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Words strikeNoShow(Decision decision, long moderatorId) {
        jdbc.sql("UPDATE shift_no_show SET state = 'EXCUSED' WHERE assignment_id = ? AND state = 'CONFIRMED'").param(decision.assignmentId()).update();
        jdbc.sql("UPDATE shift_hours SET state = 'WITHDRAWN' WHERE assignment_id = ? AND state = 'NO_SHOW'").param(decision.assignmentId()).update();
        return Words.of("decision.effect.noShowStruck");
    }

    /** An open report with its shift, for the moderator. */
    public record Open(NoShow report, Shift shift) {
    }

    /** Reports waiting for a moderator, oldest first. */
    @Transactional(readOnly = true)
    public List<Open> open(CurrentUser moderator) {
        moderator.require(Role.MODERATOR);
        return jdbc.sql("SELECT * FROM shift_no_show WHERE state = 'OPEN' AND worker_id <> ? AND worker_id NOT IN "
                        + org.polder.account.PlayAccounts.TEST_ACCOUNTS + " ORDER BY reported_at LIMIT 500").param(moderator.id())
                .query((rs, n) -> map(rs)).list()
                .stream().map(r -> new Open(r, shifts.get(r.shiftId()))).toList();
    }

    /** The report about one of the worker's own shifts, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<NoShow> about(CurrentUser worker, long assignmentId) {
        hours.ofWorker(worker, assignmentId);
        return jdbc.sql("SELECT * FROM shift_no_show WHERE assignment_id = ?").param(assignmentId).query((rs, n) -> map(rs)).optional();
    }

    NoShow get(long assignmentId) {
        return jdbc.sql("SELECT * FROM shift_no_show WHERE assignment_id = ?").param(assignmentId).query((rs, n) -> map(rs)).optional()
                .orElseThrow(() -> new NotFoundException("No-show report", assignmentId));
    }

    private static NoShow map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new NoShow(rs.getLong("assignment_id"), rs.getLong("shift_id"), rs.getLong("worker_id"), rs.getLong("reported_by"),
                rs.getString("note"), Sql.instant(rs, "reported_at"), rs.getString("worker_statement"), NoShow.State.valueOf(rs.getString("state")),
                Sql.longOrNull(rs, "decided_by"), Sql.instant(rs, "decided_at"), Sql.longOrNull(rs, "decision_id"));
    }
}
