package org.polder.errand.internal;

import org.polder.common.Words;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.ErrandDecision;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.ledger.Money;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * What an upheld appeal undoes for errands: a courier paid only part of a cancelled or failed errand
 * is paid the rest, from the organisation's balance when it holds enough, else from the platform's
 * guarantee fund.
 */
@Component
public class ErrandAppealEffects implements AppealEffects {

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Trail trail;

    private final Duty duty;

    public ErrandAppealEffects(JdbcClient jdbc, Ledger ledger, Trail trail, Duty duty) {
        this.duty = duty;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.trail = trail;
    }

    @Override
    public boolean handles(String decisionType) {
        return decisionType.equals(ErrandDecision.ERRAND_FAILED.name()) || decisionType.equals(ErrandDecision.ERRAND_CANCELLED.name())
                || decisionType.equals(ErrandDecision.DUTY_ENDED_SILENT.name());
    }

    @Override
    public java.util.Set<String> nothingToReverse() {
        return java.util.Set.of(ErrandDecision.ERRAND_OFFERED.name(), ErrandDecision.ERRAND_MINIMUM_TOPUP.name());
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        if (decision.type().equals(ErrandDecision.DUTY_ENDED_SILENT.name())) {
            return duty.restoreSilentTime(decision, moderatorId);
        }
        record Owed(long id, long organisationId, long rest) {
        }
        Owed owed = jdbc.sql("SELECT id, organisation_id, pay - COALESCE(courier_share, 0) FROM errand WHERE task_id = ? FOR UPDATE")
                .param(decision.taskId()).query((rs, n) -> new Owed(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        if (owed.rest() <= 0) {
            return Words.of("decision.effect.errandPaidAlready");
        }
        LedgerAccount org = LedgerAccount.organisation(owed.organisationId());
        LedgerAccount from = ledger.lockBalance(org) >= owed.rest() ? org : LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND);
        ledger.post("APPEAL_PAID", "Errand " + owed.id() + " paid in full after an upheld appeal", moderatorId, "appeal:errand:" + owed.id(),
                List.of(Leg.debit(from, Money.euros(owed.rest())), Leg.credit(LedgerAccount.worker(decision.workerId()), Money.euros(owed.rest()))));
        jdbc.sql("UPDATE errand SET courier_share = pay WHERE id = ?").param(owed.id()).update();
        trail.record(TrailEntry.of("ERRAND_PAID_IN_FULL").aboutWorker(decision.workerId()).by(moderatorId).organisation(owed.organisationId())
                .work(WorkKind.ERRAND, decision.taskId(), decision.assignmentId()).with("amount", owed.rest()).with("appeal", true));
        return Words.of(from.equals(org) ? "decision.effect.errandRestPaid" : "decision.effect.errandRestPaidFund", Words.money(owed.rest()));
    }
}
