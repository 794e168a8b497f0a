package org.polder.microtask;

import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.microtask.internal.AnswerRules;
import org.polder.microtask.internal.AssignmentRecord;
import org.polder.microtask.internal.AssignmentStore;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.DynamicOverlap;
import org.polder.microtask.internal.GoldColumns;
import org.polder.microtask.internal.QualityRules;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.AssignmentState;
import org.polder.work.WorkKind;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** A worker hands in answers: checked against the template, refused after the deadline. */
@Service
public class Submissions {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final AssignmentStore assignments;
    private final BatchStore batches;
    private final Trail trail;
    private final QualityRules qualityRules;
    private final DynamicOverlap overlap;
    private final Assignments work;

    private final org.polder.microtask.internal.BatchNotices notices;

    Submissions(Assignments work, JdbcClient jdbc, JsonMapper json, Clock clock, AssignmentStore assignments, BatchStore batches, Trail trail,
                QualityRules qualityRules, DynamicOverlap overlap, org.polder.microtask.internal.BatchNotices notices) {
        this.notices = notices;
        this.work = work;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.assignments = assignments;
        this.batches = batches;
        this.trail = trail;
        this.qualityRules = qualityRules;
        this.overlap = overlap;
    }

    /**
     * Hands in a worker's answers before the deadline.
     *
     * @return whether the task was a control question (so that the page shows its answer), known only once answered
     */
    @Transactional
    public boolean submit(CurrentUser user, long assignmentId, Map<String, Object> answers) {
        long worker = user.require(Role.WORKER).id();
        AssignmentRecord a = assignments.ofWorker(assignmentId, worker);
        Instant now = clock.instant();
        if (a.state() != AssignmentState.STARTED) {
            throw DomainException.conflict("Assignment " + assignmentId + " is " + a.state() + "; only work in progress can be submitted")
                    .code("problem.assignment.notInProgress");
        }
        if (now.isAfter(a.deadline())) {
            throw new DomainException(HttpStatus.CONFLICT, "Deadline passed",
                    "The deadline of assignment " + assignmentId + " was " + a.deadline() + "; late submissions are refused")
                    .code("problem.assignment.late");
        }
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        Map<String, Object> clean = AnswerRules.check(batch.template().fields(), answers);
        String answersJson = json.writeValueAsString(clean);
        Instant autoApproveAt = now.plusSeconds(batch.reviewWindowSeconds());
        Boolean goldCorrect = batches.gold(a.taskId()).map(g -> GoldColumns.correct(g.expected(), clean)).orElse(null);
        if (!work.move(assignmentId).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now)
                .answers(answersJson, autoApproveAt, goldCorrect).beforeDeadline(now).apply()) {
            throw DomainException.conflict("Assignment " + assignmentId + " changed while submitting; it is no longer in progress");
        }
        trail.record(TrailEntry.of("ASSIGNMENT_SUBMITTED").aboutWorker(worker).by(worker).organisation(batch.organisationId())
                .work(WorkKind.MICROTASK, a.taskId(), assignmentId).with("answers", clean)
                .with("activeSeconds", java.time.Duration.between(a.acceptedAt(), now).toSeconds())
                .with("autoApproveAt", autoApproveAt.toString())
                .with("goldCorrect", goldCorrect));
        if (goldCorrect != null) {
            qualityRules.afterGoldAnswer(batch, worker, a.taskId(), assignmentId);
        } else {
            overlap.afterSubmission(batch, a.taskId());
        }
        notices.afterSubmission(batch);
        return goldCorrect != null;
    }
}
