package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's answers aggregated to one per task, with confidence and method, through the API. */
class AggregationIT extends PolderIT {

    @Autowired
    Templates templates;
    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;

    @Test
    void oneAnswerPerTaskWithConfidenceRejectedWorkLeftOut() {
        CurrentUser requester = fixtures.requester();
        Template template = templates.create(requester, new TemplateSpec("Pick for ${item}", "", "", List.of(),
                List.of(new AnswerField("label", AnswerField.Type.SINGLE_CHOICE, "Label", List.of("cat", "dog"), true, null, null, null),
                        new AnswerField("tags", AnswerField.Type.MULTIPLE_CHOICE, "Tags", List.of("indoor", "outdoor"), false, null, null, null))));
        Batch draft = batches.create(requester, Fixtures.spec(template.id(), 20, 3), "item\none\ntwo\n".getBytes());
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());
        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        String[][] labels = {{"cat", "cat", "dog"}, {"dog", "dog", "dog"}};
        long rejected = -1;
        for (int w = 0; w < 3; w++) {
            for (int t = 0; t < 2; t++) {
                long id = claiming.claim(workers.get(w), batch.id()).orElseThrow();
                int row = jdbcRow(id);
                submissions.submit(workers.get(w), id, Map.of("label", labels[row - 1][w], "tags", List.of(w < 2 ? "indoor" : "outdoor")));
                if (w == 0 && row == 2) {
                    rejected = id;
                }
            }
        }
        reviews.reject(requester, rejected, "wrong");

        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response r = lab.get("/api/v1/batches/" + batch.id() + "/aggregated?method=MAJORITY_VOTE");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode tasks = r.json().get("tasks");
        assertThat(r.json().get("method").asString()).isEqualTo("MAJORITY_VOTE");
        JsonNode first = tasks.get(0).get("fields");
        assertThat(first.get("label").get("value").asString()).isEqualTo("cat");
        assertThat(first.get("label").get("confidence").asDouble()).isBetween(0.66, 0.67);
        assertThat(first.get("label").get("answers").asInt()).isEqualTo(3);
        assertThat(first.get("tags").get("value").toString()).isEqualTo("[\"indoor\"]");
        JsonNode second = tasks.get(1).get("fields");
        assertThat(second.get("label").get("value").asString()).isEqualTo("dog");
        assertThat(second.get("label").get("answers").asInt()).as("the rejected answer is left out").isEqualTo(2);

        Api.Response csv = lab.get("/api/v1/batches/" + batch.id() + "/aggregated?format=csv");
        assertThat(csv.body().lines().findFirst().orElseThrow())
                .isEqualTo("task_id,row,method,input.item,label,label.confidence,label.answers,tags,tags.confidence,tags.answers");
        assertThat(csv.body()).contains(",DAWID_SKENE,one,cat,");

        String results = lab.get("/api/v1/batches/" + batch.id() + "/results?format=csv").body();
        assertThat(results.lines().findFirst().orElseThrow()).endsWith(
                "aggregate.method,aggregate.label,aggregate.label.confidence,aggregate.tags,aggregate.tags.confidence");
        assertThat(results.lines().skip(1)).allSatisfy(line -> assertThat(line).contains(",DAWID_SKENE,"));
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/results?format=jsonl").body().lines().findFirst().orElseThrow())
                .contains("\"aggregate\":{\"method\":\"DAWID_SKENE\"");

        CurrentUser stranger = fixtures.requester();
        assertThat(api().login(stranger.username(), Fixtures.PASSWORD).get("/api/v1/batches/" + batch.id() + "/aggregated").status())
                .isEqualTo(404);
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/aggregated?method=NOPE").status()).isEqualTo(400);
    }

    @Test
    void theRequesterSeesWhichModelTheAnswersSupportBestWithoutGold() throws Exception {
        CurrentUser requester = fixtures.requester();
        Template template = templates.create(requester, new TemplateSpec("Pick for ${item}", "", "", List.of(),
                List.of(new AnswerField("label", AnswerField.Type.SINGLE_CHOICE, "Label", List.of("cat", "dog"), true, null, null, null))));
        StringBuilder csv = new StringBuilder("item\n");
        for (int i = 0; i < 12; i++) {
            csv.append("item").append(i).append('\n');
        }
        Batch draft = batches.create(requester, Fixtures.spec(template.id(), 20, 3), csv.toString().getBytes());
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());
        // Two careful workers and one who always says "cat".
        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        for (int w = 0; w < 3; w++) {
            for (int t = 0; t < 12; t++) {
                long id = claiming.claim(workers.get(w), batch.id()).orElseThrow();
                int row = jdbcRow(id);
                submissions.submit(workers.get(w), id, Map.of("label", w == 2 || row % 3 == 0 ? "cat" : "dog"));
            }
        }
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        JsonNode plain = lab.get("/api/v1/batches/" + batch.id() + "/aggregated").json();
        assertThat(plain.get("modelSupport").isEmpty()).as("only when asked: it fits every model five times").isTrue();
        JsonNode fits = lab.get("/api/v1/batches/" + batch.id() + "/aggregated?compareModels=true").json().get("modelSupport").get("label");
        assertThat(fits.size()).isEqualTo(org.polder.quality.Method.values().length);
        for (int i = 1; i < fits.size(); i++) {
            assertThat(fits.get(i - 1).get("logLikelihood").asDouble()).isGreaterThanOrEqualTo(fits.get(i).get("logLikelihood").asDouble());
        }
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/aggregated?method=MACE").json().get("method").asString()).isEqualTo("MACE");

        org.polder.testing.WebSession web = new org.polder.testing.WebSession(port).login(requester);
        String page = web.get("/requester/batches/" + batch.id() + "/aggregated").body();
        assertThat(page).contains("data-testid=\"model-support\"").contains("compare=true").doesNotContain("??");
        String compared = web.get("/requester/batches/" + batch.id() + "/aggregated?compare=true").body();
        assertThat(compared).contains("The answers support").doesNotContain("??");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private int jdbcRow(long assignmentId) {
        return jdbc.sql("SELECT t.row_no FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.id = ?").param(assignmentId)
                .query(Integer.class).single();
    }
}
