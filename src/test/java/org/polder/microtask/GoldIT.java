package org.polder.microtask;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gold (control) questions: imported from GOLDEN: columns, mixed in at the rate, scored, explained, and never shown beforehand. */
class GoldIT extends PolderIT {

    CurrentUser requester;
    Api lab;
    long templateId;

    @BeforeEach
    void requester() {
        requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        lab = api().login(requester.username(), Fixtures.PASSWORD);
        templateId = fixtures.template(requester).id();
    }

    private Api.Response upload(String csv, int goldPercent) {
        return lab.multipart("/api/v1/batches", "spec", Api.json(Map.of("name", "Gold", "templateId", templateId, "reward", 20,
                "assignmentsPerTask", 1, "allottedSeconds", 600, "expectedSeconds", 30, "goldPercent", goldPercent,
                "goldAssignmentsPerTask", 5)), "file", csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void goldIsMixedInScoredExplainedAndNeverShownBeforehand() {
        StringBuilder csv = new StringBuilder("image,item,GOLDEN:label,HINT\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("img-").append(i).append(".svg,item ").append(i).append(",,\n");
        }
        csv.append("gold-1.svg,gold one,cat,Whiskers give it away\n");
        csv.append("gold-2.svg,gold two,dog,\n");
        Api.Response created = upload(csv.toString(), 20);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode batch = created.json();
        assertThat(batch.get("goldTasks").asInt()).isEqualTo(2);
        assertThat(batch.get("columns").toString()).isEqualTo("[\"image\",\"item\"]");
        assertThat(batch.get("cost").get("cents").asLong()).as("20 regular + 2 gold x 5, at 24 cents").isEqualTo((20 + 10) * 24L);
        long batchId = created.id();
        assertThat(lab.post("/api/v1/batches/" + batchId + "/publish", null).status()).isEqualTo(200);

        CurrentUser worker = fixtures.worker();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        Api.Response first = me.post("/api/v1/assignments", Map.of("batchId", batchId));
        assertThat(first.json().get("task").get("title").asString()).as("the first task is a control question").startsWith("Label gold");
        assertThat(first.body()).doesNotContain("Whiskers").doesNotContain("GOLDEN").doesNotContain("\"expected\"");
        assertThat(first.json().get("gold").isNull()).isTrue();

        Api.Response answered = me.post("/api/v1/assignments/" + first.id() + "/submit", Map.of("answers", Map.of("label", "dog")));
        JsonNode gold = answered.json().get("gold");
        assertThat(gold.get("correct").asBoolean()).isFalse();
        assertThat(gold.get("expected").get("label").asString()).isEqualTo("cat");
        assertThat(gold.get("explanation").asString()).isEqualTo("Whiskers give it away");

        int goldSeen = 1;
        for (int i = 1; i < 10; i++) {
            Api.Response next = me.post("/api/v1/assignments", Map.of("batchId", batchId));
            boolean isGold = next.json().get("task").get("title").asString().startsWith("Label gold");
            goldSeen += isGold ? 1 : 0;
            me.post("/api/v1/assignments/" + next.id() + "/submit", Map.of("answers", Map.of("label", "dog")));
        }
        assertThat(goldSeen).as("20% of 10 tasks").isEqualTo(2);

        JsonNode quality = me.get("/api/v1/me/quality").json().get(0);
        assertThat(quality.get("goldAnswered").asLong()).isEqualTo(2);
        assertThat(quality.get("goldCorrect").asLong()).isEqualTo(1);
        assertThat(quality.get("goldAccuracy").asDouble()).isEqualTo(0.5);

        String results = lab.get("/api/v1/batches/" + batchId + "/results?format=csv").body();
        assertThat(results.lines().findFirst().orElseThrow()).contains("gold_correct");
        assertThat(results).contains(",false,").contains(",true,");

        JsonNode aggregated = lab.get("/api/v1/batches/" + batchId + "/aggregated").json().get("tasks");
        JsonNode goldOne = aggregated.get(20).get("fields").get("label");
        assertThat(goldOne.get("value").asString()).as("gold holds its known answer").isEqualTo("cat");
        assertThat(goldOne.get("confidence").asDouble()).isEqualTo(1.0);
    }

    @Test
    void goldIsNotHandedOutOnceRegularWorkIsGone() {
        Api.Response created = upload("image,item,GOLDEN:label\na.svg,one,\ng.svg,gold,cat\n", 50);
        long batchId = created.id();
        lab.post("/api/v1/batches/" + batchId + "/publish", null);
        Api me = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        Api.Response first = me.post("/api/v1/assignments", Map.of("batchId", batchId));
        me.post("/api/v1/assignments/" + first.id() + "/submit", Map.of("answers", Map.of("label", "cat")));
        Api.Response second = me.post("/api/v1/assignments", Map.of("batchId", batchId));
        me.post("/api/v1/assignments/" + second.id() + "/submit", Map.of("answers", Map.of("label", "cat")));
        assertThat(me.post("/api/v1/assignments", Map.of("batchId", batchId)).status()).isEqualTo(204);
        Api other = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        Api.Response only = other.post("/api/v1/assignments", Map.of("batchId", batchId));
        assertThat(only.status()).as("the regular task is gone, so no gold either").isEqualTo(204);
    }

    @Test
    void badGoldColumnsAreRefusedWithRowAndColumn() {
        Api.Response badOption = upload("image,item,GOLDEN:label\na.svg,one,\nb.svg,two,horse\n", 10);
        assertThat(badOption.status()).isEqualTo(400);
        assertThat(badOption.json().get("detail").asString()).contains("Row 3, column 3").contains("horse");
        Api.Response noField = upload("image,item,GOLDEN:colour\na.svg,one,red\nb.svg,two,\n", 10);
        assertThat(noField.status()).isEqualTo(400);
        assertThat(noField.json().get("detail").asString()).contains("GOLDEN:colour");
        Api.Response allGold = upload("image,item,GOLDEN:label\na.svg,one,cat\n", 10);
        assertThat(allGold.status()).isEqualTo(400);
        assertThat(lab.get("/api/v1/batches").json().size()).isZero();
    }
}
