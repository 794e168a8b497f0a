package org.polder.quality;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Qualifications: by a paid test, by hand, required by batches, explained to workers, private to their organisation. */
class QualificationsIT extends PolderIT {

    private long batch(Api lab, long templateId, String csv, Map<String, Object> extra) {
        Map<String, Object> spec = new HashMap<>(Map.of("name", Fixtures.unique("Batch"), "templateId", templateId, "reward", 20,
                "assignmentsPerTask", 1, "allottedSeconds", 600, "expectedSeconds", 30, "goldAssignmentsPerTask", 10));
        spec.putAll(extra);
        Api.Response created = lab.multipart("/api/v1/batches", "spec", Api.json(spec), "file", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(lab.post("/api/v1/batches/" + created.id() + "/publish", null).status()).isEqualTo(200);
        return created.id();
    }

    private void takeTest(Api worker, long testId, int right) {
        for (int i = 0; i < 5; i++) {
            Api.Response claimed = worker.post("/api/v1/assignments", Map.of("batchId", testId));
            assertThat(claimed.status()).isEqualTo(201);
            worker.post("/api/v1/assignments/" + claimed.id() + "/submit", Map.of("answers", Map.of("label", i < right ? "cat" : "dog")));
        }
    }

    @Test
    void aPaidTestGrantsTheQualificationThatABatchRequires() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        long templateId = fixtures.template(requester).id();
        long q = lab.post("/api/v1/qualifications", Map.of("name", "Cat spotter", "description", "Tells cats from dogs")).id();

        StringBuilder test = new StringBuilder("image,item,GOLDEN:label\n");
        for (int i = 1; i <= 5; i++) {
            test.append("t").append(i).append(".svg,test ").append(i).append(",cat\n");
        }
        long testId = batch(lab, templateId, test.toString(), Map.of("grantsQualification", Map.of("qualificationId", q, "passPercent", 80)));
        long real = batch(lab, templateId, "image,item\na.svg,real one\nb.svg,real two\n",
                Map.of("requirements", List.of(Map.of("qualificationId", q, "minScore", 70))));

        CurrentUser good = fixtures.worker();
        Api goodApi = api().login(good.username(), Fixtures.PASSWORD);
        assertThat(goodApi.get("/api/v1/batches/available").body()).doesNotContain("\"id\":" + real + ",").contains("\"id\":" + testId + ",");
        Api.Response refused = goodApi.post("/api/v1/assignments", Map.of("batchId", real));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("qualifications");

        takeTest(goodApi, testId, 4);
        JsonNode held = goodApi.get("/api/v1/me/qualifications").json().get(0);
        assertThat(held.get("name").asString()).isEqualTo("Cat spotter");
        assertThat(held.get("score").asInt()).isEqualTo(80);
        assertThat(held.get("source").asString()).isEqualTo("TEST");
        assertThat(held.get("reason").asString()).contains("4 of 5");
        assertThat(goodApi.get("/api/v1/batches/available").body()).contains("\"id\":" + real + ",");
        assertThat(goodApi.post("/api/v1/assignments", Map.of("batchId", real)).status()).isEqualTo(201);

        CurrentUser weak = fixtures.worker();
        Api weakApi = api().login(weak.username(), Fixtures.PASSWORD);
        takeTest(weakApi, testId, 2);
        assertThat(weakApi.get("/api/v1/me/qualifications").json().size()).isZero();
        JsonNode decision = weakApi.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(decision.get("type").asString()).isEqualTo("QUALIFICATION_NOT_GRANTED");
        assertThat(decision.get("inputs").get("scorePercent").asInt()).isEqualTo(40);
        assertThat(weakApi.post("/api/v1/assignments", Map.of("batchId", real)).status()).isEqualTo(403);

        // Holders are visible to the organisation only.
        assertThat(lab.get("/api/v1/qualifications/" + q + "/holders").json().size()).isEqualTo(1);
        Api stranger = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        assertThat(stranger.get("/api/v1/qualifications/" + q + "/holders").status()).isEqualTo(404);
        assertThat(stranger.multipart("/api/v1/batches", "spec", Api.json(Map.of("name", "x", "templateId",
                        fixtures.template(fixtures.refreshed(requester)).id(), "reward", 20, "assignmentsPerTask", 1, "allottedSeconds", 600,
                        "expectedSeconds", 30, "requirements", List.of(Map.of("qualificationId", q, "minScore", 1))))
                , "file", "image,item\na,b\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);
    }

    @Test
    void aRequesterGrantsAndRevokesByHandWithAReason() {
        CurrentUser requester = fixtures.requester();
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        long q = lab.post("/api/v1/qualifications", Map.of("name", "Dutch speaker")).id();
        CurrentUser worker = fixtures.worker();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);

        Api.Response granted = lab.post("/api/v1/qualifications/" + q + "/holders",
                Map.of("workerId", worker.id(), "score", 90, "reason", "Passed our phone interview"));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode held = me.get("/api/v1/me/qualifications").json().get(0);
        assertThat(held.get("source").asString()).isEqualTo("MANUAL");
        assertThat(held.get("reason").asString()).isEqualTo("Passed our phone interview");
        JsonNode decision = me.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(decision.get("decidedBy").asLong()).isEqualTo(requester.id());

        assertThat(lab.post("/api/v1/qualifications/" + q + "/holders", Map.of("workerId", worker.id(), "score", 90)).status())
                .as("a reason is required").isEqualTo(400);
        assertThat(lab.post("/api/v1/qualifications/" + q + "/holders", Map.of("workerId", requester.id(), "score", 90, "reason", "x")).status())
                .as("only workers hold qualifications").isEqualTo(404);

        assertThat(lab.delete("/api/v1/qualifications/" + q + "/holders/" + worker.id(), Map.of()).status())
                .as("revoking needs a reason too").isEqualTo(400);
        assertThat(me.get("/api/v1/me/qualifications").json().size()).isEqualTo(1);
        Api.Response revoked = lab.delete("/api/v1/qualifications/" + q + "/holders/" + worker.id(), Map.of("reason", "Interview expired"));
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(me.get("/api/v1/me/qualifications").json().size()).isZero();
        JsonNode revocation = me.get("/api/v1/me/decisions").json().get("items").get(0);
        assertThat(revocation.get("type").asString()).isEqualTo("QUALIFICATION_REVOKED");
        assertThat(revocation.get("reason").asString()).isEqualTo("Interview expired");

        // An upheld appeal gives the qualification back, with the score the worker had.
        long appeal = me.post("/api/v1/me/decisions/" + revocation.get("id").asLong() + "/appeal",
                Map.of("statement", "The interview is valid for two years")).id();
        Api moderator = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        assertThat(moderator.post("/api/v1/moderation/appeals/" + appeal + "/decision",
                Map.of("upheld", true, "answer", "The requester's own terms say two years")).status()).isEqualTo(200);
        JsonNode back = me.get("/api/v1/me/qualifications").json().get(0);
        assertThat(back.get("score").asInt()).isEqualTo(90);
        assertThat(back.get("source").asString()).isEqualTo("APPEAL");
    }
}
