package org.polder.microtask.internal;

import org.polder.common.Words;
import org.polder.microtask.MicrotaskDecision;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.ledger.Escrow;
import org.polder.ledger.Leg;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Money;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What an upheld appeal undoes for microtasks: a rejection becomes an approval and the worker is
 * paid, from the batch's escrow while it holds enough, otherwise from the platform's guarantee fund;
 * a quality-rule stop is lifted.
 */
@Component
class MicrotaskAppealEffects implements AppealEffects {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Escrow escrow;
    private final Trail trail;
    private final Clock clock;
    private final Assignments work;

    MicrotaskAppealEffects(Assignments work, JdbcClient jdbc, Ledger ledger, Escrow escrow, Trail trail, Clock clock) {
        this.work = work;
        this.escrow = escrow;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public boolean handles(String decisionType) {
        return decisionType.equals(MicrotaskDecision.WORK_REJECTED.name()) || decisionType.equals(MicrotaskDecision.BATCH_ACCESS_STOPPED.name());
    }

    @Override
    public java.util.Set<String> nothingToReverse() {
        return java.util.Set.of(MicrotaskDecision.WORK_APPROVED_AUTOMATICALLY.name(), MicrotaskDecision.ASSIGNMENT_EXPIRED.name(), MicrotaskDecision.PAY_TOPPED_UP.name());
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        if (decision.type().equals(MicrotaskDecision.BATCH_ACCESS_STOPPED.name())) {
            jdbc.sql("DELETE FROM batch_block WHERE batch_id = ? AND worker_id = ?").params(decision.batchId(), decision.workerId()).update();
            return Words.of("decision.effect.batchOpenAgain");
        }
        record Pay(long reward, long fee) {
        }
        Pay pay = jdbc.sql("SELECT reward, fee FROM assignment WHERE id = ?").param(decision.assignmentId())
                .query((rs, n) -> new Pay(rs.getLong(1), rs.getLong(2))).single();
        if (!work.move(decision.assignmentId()).from(AssignmentState.REJECTED).to(AssignmentState.PAID, clock.instant()).by(moderatorId).apply()) {
            return Words.of("decision.effect.rejectionGone");
        }
        long organisation = jdbc.sql("SELECT organisation_id FROM batch WHERE id = ?").param(decision.batchId()).query(Long.class).single();
        Escrow.Of batch = new Escrow.Of(WorkKind.MICROTASK, decision.batchId(), organisation);
        String reference = "appeal:assignment:" + decision.assignmentId();
        boolean fromEscrow;
        if (escrow.held(batch) >= pay.reward() + pay.fee()) {
            escrow.pay(batch, decision.workerId(), pay.reward(), pay.fee(), new Escrow.Entry("APPEAL_PAID",
                    "Assignment " + decision.assignmentId() + " paid after an upheld appeal", moderatorId, reference));
            fromEscrow = true;
        } else {
            ledger.post("APPEAL_PAID", "Assignment " + decision.assignmentId() + " paid after an upheld appeal", moderatorId, reference,
                    List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), Money.euros(pay.reward())),
                            Leg.credit(LedgerAccount.worker(decision.workerId()), Money.euros(pay.reward()))));
            fromEscrow = false;
        }
        trail.record(TrailEntry.of("ASSIGNMENT_PAID").aboutWorker(decision.workerId()).by(moderatorId)
                .work(WorkKind.MICROTASK, decision.taskId(), decision.assignmentId()).with("amount", pay.reward())
                .with("currency", Money.EUR).with("appeal", true));
        return Words.of(fromEscrow ? "decision.effect.rejectionWithdrawn" : "decision.effect.rejectionWithdrawnFund", Words.money(pay.reward()));
    }
}
