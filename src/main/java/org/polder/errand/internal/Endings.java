package org.polder.errand.internal;

import org.polder.common.Words;
import org.polder.common.Sql;
import org.polder.errand.Errand;
import org.polder.errand.ErrandDecision;
import org.polder.errand.Pricing;
import org.polder.errand.Timeline;
import org.polder.ledger.Money;
import org.polder.oversight.Decisions;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way an errand stops being a courier's or ends: the requester cancels it, the courier hands it
 * back before the pickup or reports it failed, or nobody accepted it in its time window. The courier's
 * assignment is released; an ending closes the task, pays the courier their share (the rules'
 * cancellation share before pickup, all of the pay after) and returns the rest of the escrow, with a
 * decision record for the courier; a hand-back puts the errand on offer again and costs nobody anything.
 */
@Component
public class Endings {

    public enum How { CANCELLED, HANDED_BACK, FAILED, UNASSIGNED }

    /** The rule that pays a courier whose delivery failed: the cancellation share at the pickup, all of it after. */
    public static final String RULE_FAILED = "errand.failed-pay";

    private final JdbcClient jdbc;
    private final ErrandStore store;
    private final Settlement settlement;
    private final Timeline timeline;
    private final Pricing pricing;
    private final Assignments work;
    private final Decisions decisions;
    private final Clock clock;

    public Endings(JdbcClient jdbc, ErrandStore store, Settlement settlement, Timeline timeline, Pricing pricing, Assignments work,
                   Decisions decisions, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.settlement = settlement;
        this.timeline = timeline;
        this.pricing = pricing;
        this.work = work;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** Ends the locked errand (or hands it back) for this reason; {@code actorId} is who did it, null for a rule. Returns it as it is now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Errand end(Errand e, How how, String why, Long actorId) {
        Instant now = clock.instant();
        if (e.assignmentId() != null) {
            work.move(e.assignmentId()).from(AssignmentState.ACCEPTED, AssignmentState.STARTED).to(AssignmentState.RELEASED, now).apply();
        }
        if (how == How.HANDED_BACK) {
            jdbc.sql("UPDATE errand SET state = 'OFFERING', worker_id = NULL, assignment_id = NULL, updated_at = ? WHERE id = ?")
                    .params(Sql.ts(now), e.id()).update();
            work.openSlot(e.taskId());
            timeline.record(store.get(e.id()), Errand.State.OFFERING, why, actorId, e.workerId(), Map.of("handedBack", true));
            return store.get(e.id());
        }
        Errand.State to = switch (how) {
            case CANCELLED -> Errand.State.CANCELLED;
            case FAILED -> Errand.State.FAILED;
            default -> Errand.State.UNASSIGNED;
        };
        int cancelPercent = pricing.rulesOf(e).cancelPercent();
        long share = e.workerId() == null ? 0 : Settlement.courierShare(e, e.state(), cancelPercent);
        jdbc.sql("UPDATE errand SET state = ?, end_reason = ?, updated_at = ? WHERE id = ?").params(to.name(), why, Sql.ts(now), e.id()).update();
        work.closeTask(e.taskId());
        settlement.settle(e, share, false, actorId);
        if (e.workerId() != null) {
            decisions.record(decision(e, how, why, actorId, share, cancelPercent));
        }
        timeline.record(store.get(e.id()), to, why, actorId, e.workerId(), how == How.UNASSIGNED ? Map.of() : Map.of("courierShare", share));
        return store.get(e.id());
    }

    /** The courier reads what they are paid and why. */
    private Decisions.Draft decision(Errand e, How how, String why, Long actorId, long share, int cancelPercent) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(how == How.CANCELLED ? "stateWhenCancelled" : "stateWhenFailed", e.state().name());
        inputs.put("pay", e.pay());
        inputs.put("cancelPercent", cancelPercent);
        boolean all = share == e.pay();
        Decisions.Draft d = how == How.CANCELLED
                ? Decisions.Draft.about(e.workerId(), ErrandDecision.ERRAND_CANCELLED).by(actorId)
                        .effect(all ? Words.of("decision.effect.errandCancelledAll", String.valueOf(e.id()), Words.money(share))
                                : Words.of("decision.effect.errandCancelledShare", String.valueOf(e.id()), cancelPercent, Words.money(share)))
                        .reason(why)
                : Decisions.Draft.about(e.workerId(), ErrandDecision.ERRAND_FAILED).rule(RULE_FAILED, 1)
                        .effect(all ? Words.of("decision.effect.errandFailedAll", Words.money(share), String.valueOf(e.id()))
                                : Words.of("decision.effect.errandFailedShare", Words.money(share), String.valueOf(e.id()), cancelPercent))
                        .reason("The delivery failed: " + why);
        return d.work(WorkKind.ERRAND, null, e.taskId(), e.assignmentId()).inputs(inputs).forOrganisation(e.organisationId());
    }
}
