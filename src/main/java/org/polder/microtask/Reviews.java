package org.polder.microtask;

import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Leg;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.microtask.internal.AssignmentRecord;
import org.polder.microtask.internal.AssignmentStore;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.microtask.internal.LowPayCheck;
import org.polder.microtask.internal.Slots;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.AssignmentState;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Review of submitted work: approval pays the worker and the fee from escrow; rejection needs a
 * reason the worker reads and returns the slot's escrow to the organisation. Work not reviewed
 * within the batch's window is approved automatically. Every path moves an assignment with one
 * conditional update, so no submission is ever paid twice, even with several application nodes.
 */
@Service
public class Reviews {

    public static final int MAX_BULK = 1000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AssignmentStore assignments;
    private final BatchStore batches;
    private final Ledger ledger;
    private final Escrow escrow;
    private final Fees fees;
    private final Slots slots;
    private final Trail trail;
    private final Decisions decisions;
    private final LowPayCheck lowPay;
    private final Assignments work;

    Reviews(Assignments work, JdbcClient jdbc, Clock clock, AssignmentStore assignments, BatchStore batches, Ledger ledger, Escrow escrow, Fees fees,
            Slots slots, Trail trail, Decisions decisions, LowPayCheck lowPay, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.work = work;
        this.lowPay = lowPay;
        this.jdbc = jdbc;
        this.clock = clock;
        this.assignments = assignments;
        this.batches = batches;
        this.ledger = ledger;
        this.escrow = escrow;
        this.fees = fees;
        this.slots = slots;
        this.trail = trail;
        this.decisions = decisions;
    }

    private final org.springframework.context.ApplicationEventPublisher events;

    public enum Decision { APPROVE, REJECT }

    @Transactional
    public void approve(CurrentUser user, long assignmentId) {
        AssignmentRecord a = assignments.ofOrganisation(assignmentId, user.organisation());
        if (!approve(a, user.id(), false)) {
            throw notSubmitted(assignmentId);
        }
        tellApproved(a.workerId(), 1, a.reward());
    }

    @Transactional
    public void reject(CurrentUser user, long assignmentId, String reason) {
        AssignmentRecord a = assignments.ofOrganisation(assignmentId, user.organisation());
        if (!reject(a, user.id(), checkReason(reason))) {
            throw notSubmitted(assignmentId);
        }
    }

    /**
     * Approves or rejects many submissions at once, all or nothing: if any one cannot be reviewed,
     * the error names it and none is changed.
     */
    @Transactional
    public int review(CurrentUser user, List<Long> ids, Decision decision, String reason) {
        long org = user.organisation();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK) {
            throw DomainException.invalid("assignmentIds: give between 1 and " + MAX_BULK + " ids");
        }
        String checkedReason = decision == Decision.REJECT ? checkReason(reason) : null;
        List<AssignmentRecord> records = new ArrayList<>();
        for (long id : new LinkedHashSet<>(ids)) {
            records.add(assignments.ofOrganisation(id, org));
        }
        // One order for every bulk review, so that two of them never wait on each other's locks.
        records.sort(Comparator.comparingLong(AssignmentRecord::workerId).thenComparingLong(AssignmentRecord::id));
        for (AssignmentRecord a : records) {
            boolean done = decision == Decision.APPROVE ? approve(a, user.id(), false) : reject(a, user.id(), checkedReason);
            if (!done) {
                throw notSubmitted(a.id());
            }
        }
        if (decision == Decision.APPROVE) {
            // One notice per worker for the lot, not one per answer.
            java.util.Map<Long, List<AssignmentRecord>> byWorker = records.stream()
                    .collect(java.util.stream.Collectors.groupingBy(AssignmentRecord::workerId, java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
            byWorker.forEach((worker, theirs) -> tellApproved(worker, theirs.size(), theirs.stream().mapToLong(AssignmentRecord::reward).sum()));
        }
        return records.size();
    }

    /**
     * Approves one submission whose review window has passed. Returns false when it was reviewed or
     * auto-approved meanwhile (by a person, or by this job on another node).
     */
    @Transactional
    public boolean autoApprove(long assignmentId) {
        AssignmentRecord a = assignments.find(assignmentId).orElseThrow();
        if (a.state() != AssignmentState.SUBMITTED || a.autoApproveAt().isAfter(clock.instant())) {
            return false;
        }
        return approve(a, null, true);
    }

    @Transactional(readOnly = true)
    public List<Long> dueForAutoApproval(int limit) {
        return jdbc.sql("SELECT id FROM assignment WHERE kind = 'MICROTASK' AND state = 'SUBMITTED' AND auto_approve_at <= ? ORDER BY auto_approve_at LIMIT ?")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }

    /** A bonus with a message, paid from the organisation's balance to a worker who did its work. */
    @Transactional
    public Bonus bonus(CurrentUser user, long assignmentId, long amount, String message) {
        long org = user.organisation();
        AssignmentRecord a = assignments.ofOrganisation(assignmentId, org);
        if (amount <= 0 || amount > 100_000) {
            throw DomainException.invalid("amount: between 1 and 100000 cents, was " + amount);
        }
        if (message == null || message.isBlank() || message.length() > 1000) {
            throw DomainException.invalid("message: say why you give this bonus (1 to 1000 characters)");
        }
        if (a.state() == AssignmentState.STARTED || !a.state().holdsSlot()) {
            throw DomainException.conflict("Assignment " + assignmentId + " is " + a.state() + "; a bonus is for submitted work");
        }
        long fee = fees.feeFor(amount);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO bonus (assignment_id, worker_id, organisation_id, amount, fee, currency, message, given_by, given_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(assignmentId, a.workerId(), org, amount, fee, Money.EUR, message.strip(), user.id(), Sql.ts(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        ledger.post("BONUS", "Bonus for assignment " + assignmentId, user.id(), "bonus:" + id,
                List.of(Leg.debit(LedgerAccount.organisation(org), Money.euros(amount + fee)),
                        Leg.credit(LedgerAccount.worker(a.workerId()), Money.euros(amount)),
                        Leg.credit(LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES), Money.euros(fee))));
        trail.record(TrailEntry.of("BONUS_PAID").aboutWorker(a.workerId()).by(user.id()).organisation(org)
                .work(WorkKind.MICROTASK, a.taskId(), assignmentId).with("bonusId", id).with("amount", amount)
                .with("message", message.strip()));
        events.publishEvent(Notice.to(a.workerId(), NoticeKind.WORK_REVIEWED,
                Words.of("notice.bonus", Words.money(amount), message.strip())));
        return new Bonus(id, assignmentId, a.workerId(), Money.euros(amount), Money.euros(fee), message.strip(), now);
    }

    private void tellApproved(long worker, int answers, long paid) {
        events.publishEvent(Notice.to(worker, NoticeKind.WORK_REVIEWED,
                Words.of("notice.approved", answers, Words.money(paid))));
    }

    private boolean approve(AssignmentRecord a, Long reviewer, boolean automatic) {
        Instant now = clock.instant();
        if (!work.move(a.id()).from(AssignmentState.SUBMITTED).to(AssignmentState.PAID, now).by(reviewer).apply()) {
            return false;
        }
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        escrow.pay(new Escrow.Of(WorkKind.MICROTASK, a.batchId(), batch.organisationId()), a.workerId(), a.reward(), a.fee(),
                new Escrow.Entry("ASSIGNMENT_PAID", "Assignment " + a.id() + " approved" + (automatic ? " automatically" : ""), reviewer,
                        "assignment:" + a.id()));
        TrailEntry approved = TrailEntry.of("ASSIGNMENT_APPROVED").aboutWorker(a.workerId()).by(reviewer)
                .organisation(batch.organisationId()).work(WorkKind.MICROTASK, a.taskId(), a.id()).with("automatic", automatic);
        if (automatic) {
            long hours = batch.reviewWindowSeconds() / 3600;
            approved = approved.with("reason", "Not reviewed within the review window of " + hours + " hours, so approved automatically");
            Map<String, Object> inputs = new java.util.LinkedHashMap<>();
            inputs.put("submittedAt", a.submittedAt().toString());
            inputs.put("reviewWindowHours", hours);
            inputs.put("reward", a.reward());
            decisions.record(Decisions.Draft.about(a.workerId(), MicrotaskDecision.WORK_APPROVED_AUTOMATICALLY)
                    .rule("review.auto-approval", 1)
                    .work(WorkKind.MICROTASK, a.batchId(), a.taskId(), a.id())
                    .inputs(inputs)
                    .effect(Words.of("decision.effect.approvedAndPaid", Words.money(a.reward())))
                    .reason("The requester did not review your work within " + hours + " hours, so it was approved and paid automatically.")
                    .reasonCode("decision.autoApproved", List.of(hours)));
        }
        trail.record(approved);
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(a.workerId()).by(reviewer).organisation(batch.organisationId())
                .work(WorkKind.MICROTASK, a.taskId(), a.id()).with("amount", a.reward()).with("currency", Money.EUR));
        if (batch.topUp() > 0) {
            lowPay.payTopUp(a.id());
        }
        return true;
    }

    private boolean reject(AssignmentRecord a, long reviewer, String reason) {
        if (!work.move(a.id()).from(AssignmentState.SUBMITTED).to(AssignmentState.REJECTED, clock.instant()).by(reviewer)
                .rejectReason(reason).apply()) {
            return false;
        }
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        slots.refund(batch, reviewer, "Assignment " + a.id() + " rejected: escrow returned");
        decisions.record(Decisions.Draft.about(a.workerId(), MicrotaskDecision.WORK_REJECTED)
                .by(reviewer)
                .work(WorkKind.MICROTASK, a.batchId(), a.taskId(), a.id())
                .inputs(Map.of("reward", a.reward()))
                .effect(Words.of("decision.effect.rejected"))
                .reason(reason)
                .forOrganisation(batch.organisationId()));
        trail.record(TrailEntry.of("ASSIGNMENT_REJECTED").aboutWorker(a.workerId()).by(reviewer)
                .organisation(batch.organisationId()).work(WorkKind.MICROTASK, a.taskId(), a.id()).with("reason", reason));
        return true;
    }

    private static String checkReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainException.invalid("reason: a rejection needs a reason; the worker reads it").code("problem.review.reason");
        }
        if (reason.length() > 2000) {
            throw DomainException.invalid("reason: at most 2000 characters").code("problem.review.reasonLong");
        }
        return reason.strip();
    }

    private static DomainException notSubmitted(long id) {
        return DomainException.conflict("Assignment " + id + " is not awaiting review; only submitted work can be approved or rejected")
                .code("problem.review.notSubmitted", id);
    }

    /** A bonus as given. */
    public record Bonus(long id, long assignmentId, long workerId, Money amount, Money fee, String message, Instant givenAt) {
    }
}
