package org.polder.shift;

import org.polder.common.Words;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clients rate the worker after the hours are paid (workers rate clients through the requester
 * ratings every kind of work has). A rating is a decision the worker reads, with the client's
 * comment as its reason, and contests by appealing it: a moderator who upholds the appeal removes the
 * rating from the worker's record.
 */
@Service
public class WorkerRatings {


    private final JdbcClient jdbc;
    private final Hours hours;
    private final Shifts shifts;
    private final Decisions decisions;
    private final Trail trail;
    private final Clock clock;

    WorkerRatings(JdbcClient jdbc, Hours hours, Shifts shifts, Decisions decisions, Trail trail, Clock clock) {
        this.jdbc = jdbc;
        this.hours = hours;
        this.shifts = shifts;
        this.decisions = decisions;
        this.trail = trail;
        this.clock = clock;
    }

    @Transactional
    public WorkerRating rate(CurrentUser requester, long assignmentId, Integer stars, String comment) {
        ShiftHours h = hours.ofOrganisation(requester, assignmentId);
        Shift s = shifts.get(h.shiftId());
        if (h.state() != ShiftHours.State.SETTLED) {
            throw DomainException.conflict("Rate the worker once their hours are paid").code("problem.rating.notSettled");
        }
        if (stars == null || stars < 1 || stars > 5) {
            throw DomainException.invalid("stars: from 1 to 5, was " + stars).code("problem.rating.stars");
        }
        String text = Places.text("comment", comment, 0, 1000);
        Instant now = clock.instant();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("shiftId", s.id());
        inputs.put("stars", stars);
        long decision = decisions.record(Decisions.Draft.about(h.workerId(), ShiftDecision.SHIFT_RATING_RECEIVED)
                .by(requester.id())
                .work(WorkKind.SHIFT, null, s.taskId(), assignmentId)
                .inputs(inputs)
                .effect(Words.of("decision.effect.rated", stars, s.organisation(), String.valueOf(s.id())))
                .reason(text.isEmpty() ? "No comment" : text)
                .forOrganisation(s.organisationId()));
        try {
            jdbc.sql("""
                            INSERT INTO shift_rating (assignment_id, worker_id, organisation_id, rated_by, stars, comment, rated_at, decision_id)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(assignmentId, h.workerId(), s.organisationId(), requester.id(), stars, text, Sql.ts(now), decision).update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("This shift's worker is rated already").code("problem.rating.done");
        }
        trail.record(TrailEntry.of("SHIFT_WORKER_RATED").aboutWorker(h.workerId()).by(requester.id()).organisation(s.organisationId())
                .work(WorkKind.SHIFT, s.taskId(), assignmentId).with("stars", stars));
        return find(assignmentId).orElseThrow();
    }


    /** An upheld contest: the rating no longer counts. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Words removeRating(Decision decision, long moderatorId) {
        jdbc.sql("UPDATE shift_rating SET removed_at = ? WHERE assignment_id = ? AND removed_at IS NULL")
                .params(Sql.ts(clock.instant()), decision.assignmentId()).update();
        return Words.of("decision.effect.ratingRemoved");
    }

    /** The ratings a worker received, removed ones included (their own data). */
    @Transactional(readOnly = true)
    public List<WorkerRating> received(CurrentUser worker) {
        return jdbc.sql("SELECT * FROM shift_rating WHERE worker_id = ? ORDER BY rated_at DESC").param(worker.require(Role.WORKER).id())
                .query((rs, n) -> map(rs)).list();
    }

    /** The average of a worker's ratings that count, and how many there are. */
    public record Average(Double stars, long count) {
    }

    @Transactional(readOnly = true)
    public Average averageOf(long workerId) {
        return jdbc.sql("SELECT AVG(CAST(stars AS DOUBLE PRECISION)), COUNT(*) FROM shift_rating WHERE worker_id = ? AND removed_at IS NULL")
                .param(workerId).query((rs, n) -> new Average(rs.getLong(2) == 0 ? null : Math.round(rs.getDouble(1) * 10) / 10.0, rs.getLong(2)))
                .single();
    }

    /** The ratings the requester's organisation gave on one of its shifts, by assignment. */
    @Transactional(readOnly = true)
    public Map<Long, WorkerRating> onShift(CurrentUser requester, long shiftId) {
        shifts.ofOrganisation(requester, shiftId);
        Map<Long, WorkerRating> byAssignment = new LinkedHashMap<>();
        jdbc.sql("SELECT r.* FROM shift_rating r JOIN shift_hours h ON h.assignment_id = r.assignment_id WHERE h.shift_id = ?").param(shiftId)
                .query((rs, n) -> map(rs)).list().forEach(r -> byAssignment.put(r.assignmentId(), r));
        return byAssignment;
    }

    java.util.Optional<WorkerRating> find(long assignmentId) {
        return jdbc.sql("SELECT * FROM shift_rating WHERE assignment_id = ?").param(assignmentId).query((rs, n) -> map(rs)).optional();
    }

    private static WorkerRating map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new WorkerRating(rs.getLong("assignment_id"), rs.getLong("worker_id"), rs.getLong("organisation_id"), rs.getInt("stars"),
                rs.getString("comment"), Sql.instant(rs, "rated_at"), rs.getLong("decision_id"), Sql.instant(rs, "removed_at"));
    }
}
