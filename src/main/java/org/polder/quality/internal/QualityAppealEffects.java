package org.polder.quality.internal;

import org.polder.common.Words;
import org.polder.oversight.AppealEffects;
import org.polder.oversight.Decision;
import org.polder.quality.Qualifications;
import org.polder.quality.QualityDecision;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An upheld appeal against a revocation or a failed test: the worker holds the qualification (again),
 * with the score they had, or the pass mark they were refused at.
 */
@Component
class QualityAppealEffects implements AppealEffects {

    private final Qualifications qualifications;
    private final JsonMapper json;

    QualityAppealEffects(Qualifications qualifications, JsonMapper json) {
        this.qualifications = qualifications;
        this.json = json;
    }

    @Override
    public boolean handles(String decisionType) {
        return decisionType.equals(QualityDecision.QUALIFICATION_REVOKED.name())
                || decisionType.equals(QualityDecision.QUALIFICATION_NOT_GRANTED.name());
    }

    @Override
    public java.util.Set<String> nothingToReverse() {
        return java.util.Set.of(QualityDecision.QUALIFICATION_GRANTED.name());
    }

    @Override
    public Words reverse(Decision decision, long moderatorId) {
        JsonNode inputs = json.readTree(decision.inputs());
        if (!inputs.has("qualificationId")) {
            return Words.of("decision.effect.withdrawn");
        }
        long qualificationId = inputs.get("qualificationId").asLong();
        int score = inputs.has("score") ? inputs.get("score").asInt() : inputs.has("passPercent") ? inputs.get("passPercent").asInt() : 100;
        qualifications.restore(qualificationId, decision.workerId(), score, decision.id());
        return Words.of("decision.effect.qualificationHeldAgain", score);
    }
}
