package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch quality rule fires only on enough evidence, stops new tasks only, and explains itself to the worker. */
class QualityRuleIT extends PolderIT {

    private long batch(Api lab, long templateId, Map<String, Object> rule) {
        StringBuilder csv = new StringBuilder("image,item,GOLDEN:label\n");
        for (int i = 1; i <= 30; i++) {
            csv.append("img-").append(i).append(".svg,item ").append(i).append(",\n");
        }
        for (int i = 1; i <= 10; i++) {
            csv.append("gold-").append(i).append(".svg,gold ").append(i).append(",cat\n");
        }
        Map<String, Object> spec = new java.util.HashMap<>(Map.of("name", "Ruled", "templateId", templateId, "reward", 20,
                "assignmentsPerTask", 1, "allottedSeconds", 600, "expectedSeconds", 30, "goldPercent", 50, "goldAssignmentsPerTask", 5));
        if (rule != null) {
            spec.put("qualityRule", rule);
        }
        Api.Response created = lab.multipart("/api/v1/batches", "spec", Api.json(spec), "file", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(lab.post("/api/v1/batches/" + created.id() + "/publish", null).status()).isEqualTo(200);
        return created.id();
    }

    @Test
    void aWorkerBelowTheBarAfterEnoughGoldGetsNoMoreTasksAndReadsWhy() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        long batchId = batch(lab, fixtures.template(requester).id(), Map.of("minGoldAccuracyPercent", 80, "minGoldAnswers", 5));

        CurrentUser worker = fixtures.worker();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        int gold = 0;
        int claims = 0;
        while (true) {
            Api.Response claimed = me.post("/api/v1/assignments", Map.of("batchId", batchId));
            if (claimed.status() == 204) {
                break;
            }
            claims++;
            boolean isGold = claimed.json().get("task").get("title").asString().startsWith("Label gold");
            gold += isGold ? 1 : 0;
            // Right on the first gold question, wrong on the rest: 1 of 5 after five gold answers.
            me.post("/api/v1/assignments/" + claimed.id() + "/submit", Map.of("answers", Map.of("label", isGold && gold > 1 ? "dog" : "cat")));
            if (gold < 5) {
                assertThat(me.get("/api/v1/me/decisions").json().get("total").asLong()).as("no rule on fewer than 5 gold answers").isZero();
            }
            assertThat(claims).isLessThan(40);
        }
        assertThat(gold).isEqualTo(5);
        assertThat(me.get("/api/v1/batches/available").body()).doesNotContain("\"id\":" + batchId + ",");

        JsonNode decision = me.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(decision.get("type").asString()).isEqualTo("BATCH_ACCESS_STOPPED");
        assertThat(decision.get("rule").asString()).isEqualTo("quality.gold-accuracy");
        assertThat(decision.get("decidedBy").isNull()).isTrue();
        assertThat(decision.get("inputs").get("goldAnswered").asLong()).isEqualTo(5);
        assertThat(decision.get("inputs").get("goldCorrect").asLong()).isEqualTo(1);
        assertThat(decision.get("reason").asString()).contains("1 of 5").contains("20%").contains("at least 80%");
        assertThat(me.get("/api/v1/me/trail").body()).contains("DECISION_RECORDED");

        // Work already done is still reviewed and paid; other workers are not affected.
        Api.Response submitted = lab.get("/api/v1/batches/" + batchId + "/assignments?state=SUBMITTED");
        assertThat(submitted.json().get("total").asLong()).isEqualTo(claims);
        Api other = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        assertThat(other.post("/api/v1/assignments", Map.of("batchId", batchId)).status()).isEqualTo(201);
        // Nobody else reads the decision.
        long id = decision.get("id").asLong();
        assertThat(other.get("/api/v1/me/decisions/" + id).status()).isEqualTo(404);
        assertThat(me.get("/api/v1/me/decisions/" + id).status()).isEqualTo(200);

        // A moderator overrides the automated decision without waiting for an appeal: the batch gives tasks again, once.
        Api moderator = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        assertThat(moderator.get("/api/v1/moderation/decisions?rule=quality.gold-accuracy").body()).contains("\"id\":" + id + ",");
        assertThat(me.post("/api/v1/moderation/decisions/" + id + "/override", Map.of("reason", "mine")).status()).isEqualTo(403);
        assertThat(moderator.post("/api/v1/moderation/decisions/" + id + "/override", Map.of("reason", " ")).status()).isEqualTo(400);
        Api.Response overridden = moderator.post("/api/v1/moderation/decisions/" + id + "/override",
                Map.of("reason", "Two of the control answers were wrong in the requester's file"));
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
        assertThat(overridden.json().get("type").asString()).isEqualTo("DECISION_OVERRIDDEN");
        assertThat(overridden.json().get("effect").asString()).isEqualTo("The batch gives tasks again");
        assertThat(me.get("/api/v1/batches/available").body()).contains("\"id\":" + batchId + ",");
        assertThat(moderator.post("/api/v1/moderation/decisions/" + id + "/override", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(moderator.get("/api/v1/moderation/decisions?rule=quality.gold-accuracy").body()).doesNotContain("\"id\":" + id + ",");
        long override = overridden.json().get("id").asLong();
        assertThat(moderator.post("/api/v1/moderation/decisions/" + override + "/override", Map.of("reason", "a person's")).status())
                .as("decisions people took are appealed, not overridden").isEqualTo(409);
    }

    @Test
    void aRuleOnThinnerEvidenceThanFiveAnswersIsRefused() {
        CurrentUser requester = fixtures.requester();
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response r = lab.multipart("/api/v1/batches", "spec", Api.json(Map.of("name", "x", "templateId", fixtures.template(requester).id(),
                        "reward", 20, "assignmentsPerTask", 1, "allottedSeconds", 600, "expectedSeconds", 30,
                        "qualityRule", Map.of("minGoldAccuracyPercent", 80, "minGoldAnswers", 3))), "file",
                "image,item\na,b\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("qualityRule.minGoldAnswers").contains("at least 5");
    }
}
