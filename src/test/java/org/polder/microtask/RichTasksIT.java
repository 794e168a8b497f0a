package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Richer tasks from template to aggregated result: boxes on a picture, a comparison of two items, a rating scale and
 * free text, with a sound to listen to; bad answers are refused whole, naming the field; the aggregate, the exports
 * and the results page show each kind.
 */
class RichTasksIT extends PolderIT {

    @Autowired
    Templates templates;
    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Aggregation aggregation;
    @Autowired
    JdbcClient jdbc;

    static TemplateSpec spec(List<AnswerField> fields) {
        return new TemplateSpec("Look at ${name}", "", "Draw, compare, rate.",
                List.of(new DisplayBlock(DisplayBlock.Type.IMAGE, "/demo/images/${image}", "A shape"),
                        new DisplayBlock(DisplayBlock.Type.AUDIO, "https://example.org/${name}.mp3", "Listen")), fields);
    }

    static final List<AnswerField> FIELDS = List.of(
            new AnswerField("boxes", AnswerField.Type.BOUNDING_BOXES, "Draw a box around each shape", List.of("shape", "text"), true, null, 5.0, null),
            new AnswerField("better", AnswerField.Type.PAIRWISE, "Which photo is sharper?", List.of("${left}", "${right}"), true, null, null, null),
            new AnswerField("quality", AnswerField.Type.RATING, "How clear is the picture?", List.of("blurred", "sharp"), true, null, null, null),
            new AnswerField("name", AnswerField.Type.FREE_TEXT, "What is the shape called?", List.of(), false, null, null, 100));

    @Test
    void boxesComparisonsRatingsAndTextAreAnsweredCheckedAndAggregated() throws Exception {
        CurrentUser requester = fixtures.requester();
        Template template = templates.create(requester, spec(FIELDS));
        String csv = "name,image,left,right\none,shape-01.svg,sharp,blurry\ntwo,shape-02.svg,blurry,grainy\nthree,shape-03.svg,sharp,grainy\n";
        Batch draft = batches.create(requester, Fixtures.spec(template.id(), 20, 3), csv.getBytes());
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());

        List<CurrentUser> workers = List.of(fixtures.worker(), fixtures.worker(), fixtures.worker());
        String[][] pair = {{"A", "A", "B"}, {"B", "B", "B"}, {"A", "A", "A"}};
        int[][] rating = {{4, 5, 5}, {2, 3, 2}, {5, 4, 4}};
        String[] names = {"circle", "Circle.", "circel"};
        for (int w = 0; w < 3; w++) {
            for (int t = 0; t < 3; t++) {
                long id = claiming.claim(workers.get(w), batch.id()).orElseThrow();
                int row = row(id);
                if (w == 0 && t == 0) {
                    refusesBadAnswers(workers.get(w), id);
                }
                List<Map<String, Object>> boxes = new java.util.ArrayList<>(List.of(
                        Map.of("x", 0.2 + 0.01 * w, "y", 0.2, "w", 0.4, "h", 0.4, "label", "shape")));
                if (w == 2) {
                    boxes.add(Map.of("x", 0.8, "y", 0.8, "w", 0.1, "h", 0.1, "label", "text"));   // only one worker saw this
                }
                Map<String, Object> answers = new HashMap<>(Map.of("boxes", boxes, "better", pair[row - 1][w], "quality", rating[row - 1][w],
                        "name", names[w]));
                submissions.submit(workers.get(w), id, answers);
            }
        }

        Aggregation.BatchAggregate result = aggregation.aggregate(requester, batch.id(), org.polder.quality.Method.DEFAULT);
        Map<String, Aggregation.FieldResult> first = result.tasks().get(0).fields();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> merged = (List<Map<String, Object>>) first.get("boxes").value();
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0)).containsEntry("x", 0.21).containsEntry("w", 0.4).containsEntry("label", "shape").containsEntry("workers", 3);
        assertThat(first.get("quality").value()).isEqualTo(5L);
        assertThat(first.get("quality").confidence()).isEqualTo(1.0);
        assertThat(first.get("name").value()).isEqualTo("circle");
        assertThat(first.get("name").confidence()).isCloseTo((2 + 4.0 / 6) / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(result.tasks()).extracting(t -> t.fields().get("better").value()).containsExactly("A", "B", "A");
        assertThat(result.rankings().get("better").items()).extracting(r -> r.item()).containsExactly("sharp", "grainy", "blurry");

        // Through the API and the exports: boxes as JSON, the ranking beside the tasks.
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response api = lab.get("/api/v1/batches/" + batch.id() + "/aggregated");
        assertThat(api.status()).isEqualTo(200);
        JsonNode ranking = api.json().path("rankings").path("better").path("items");
        assertThat(ranking.get(0).path("item").asString()).isEqualTo("sharp");
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/aggregated?format=csv").body()).contains("\"[{\"\"x\"\":0.21,");
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/results?format=csv").body()).contains("\"\"label\"\":\"\"text\"\"");

        // The results page, for the requester only.
        String page = new WebSession(port).login(requester).get("/requester/batches/" + batch.id() + "/aggregated").body();
        assertThat(page).contains("data-testid=\"ranking\"").contains("data-boxes-show=").contains("sharp").doesNotContain("??");
        assertThat(new WebSession(port).login(fixtures.requester()).get("/requester/batches/" + batch.id() + "/aggregated").statusCode())
                .isEqualTo(404);
    }

    private void refusesBadAnswers(CurrentUser worker, long id) {
        Map<String, Object> good = Map.of("boxes", List.of(), "better", "A", "quality", 3);
        assertThatThrownBy(() -> submissions.submit(worker, id, with(good, "boxes", List.of(Map.of("x", 0.9, "y", 0.1, "w", 0.2, "h", 0.2, "label", "shape")))))
                .hasMessageContaining("answers.boxes: box 1: must lie inside the image");
        assertThatThrownBy(() -> submissions.submit(worker, id, with(good, "boxes", List.of(Map.of("x", 0.1, "y", 0.1, "w", 0.2, "h", 0.2, "label", "cat")))))
                .hasMessageContaining("answers.boxes: box 1.label: one of [shape, text]");
        assertThatThrownBy(() -> submissions.submit(worker, id, with(good, "boxes", "not json"))).hasMessageContaining("answers.boxes");
        assertThatThrownBy(() -> submissions.submit(worker, id, with(good, "boxes", java.util.Collections.nCopies(6,
                Map.of("x", 0.1, "y", 0.1, "w", 0.2, "h", 0.2, "label", "shape"))))).hasMessageContaining("at most 5 boxes");
        assertThatThrownBy(() -> submissions.submit(worker, id, with(good, "better", "C"))).hasMessageContaining("answers.better");
        assertThatThrownBy(() -> submissions.submit(worker, id, with(good, "quality", 9))).hasMessageContaining("answers.quality: choose a step from 1 to 5");
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(id).query(String.class).single()).isEqualTo("STARTED");
    }

    @Test
    void aTemplateMustGiveEachNewKindOfQuestionWhatItNeeds() {
        CurrentUser requester = fixtures.requester();
        assertThatThrownBy(() -> templates.create(requester, new TemplateSpec("t", "", "", List.of(),
                List.of(FIELDS.get(0))))).hasMessageContaining("fields.boxes: boxes are drawn on the task's image");
        assertThatThrownBy(() -> templates.create(requester, spec(List.of(new AnswerField("better", AnswerField.Type.PAIRWISE, "Which?",
                List.of("${left}", "${right}", "${third}"), true, null, null, null))))).hasMessageContaining("fields.better.options: a comparison shows exactly two");
        assertThatThrownBy(() -> templates.create(requester, spec(List.of(new AnswerField("q", AnswerField.Type.RATING, "How?",
                List.of(), true, 1.0, 30.0, null))))).hasMessageContaining("fields.q: a rating scale runs over whole steps");
    }

    private static Map<String, Object> with(Map<String, Object> answers, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(answers);
        copy.put(field, value);
        return copy;
    }

    private int row(long assignmentId) {
        return jdbc.sql("SELECT t.row_no FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.id = ?").param(assignmentId)
                .query(Integer.class).single();
    }
}
