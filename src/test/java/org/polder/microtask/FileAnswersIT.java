package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A photo as the answer: uploaded for a task in progress, checked by its first bytes and size, kept with the
 * assignment, named in the answers and the export, and downloadable only by the worker and the organisation.
 */
class FileAnswersIT extends PolderIT {

    static final byte[] PNG = png();

    @Autowired
    Templates templates;
    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    AnswerFiles files;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPhotoIsCheckedKeptWithTheAssignmentAndSeenOnlyByTheWorkerAndTheOrganisation() throws Exception {
        CurrentUser requester = fixtures.requester();
        Template template = templates.create(requester, new TemplateSpec("Photograph the shelf of ${shop}", "", "", List.of(),
                List.of(new AnswerField("receipt", AnswerField.Type.FILE, "A photo of the shelf", List.of("photo"), true, null, 1.0, null),
                        new AnswerField("stocked", AnswerField.Type.SINGLE_CHOICE, "Is it stocked?", List.of("yes", "no"), true, null, null, null))));
        Batch draft = batches.create(requester, Fixtures.spec(template.id(), 30, 1), "shop\nAlbert\nJumbo\n".getBytes());
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());

        CurrentUser ann = fixtures.worker();
        CurrentUser bob = fixtures.worker();
        long mine = claiming.claim(ann, batch.id()).orElseThrow();
        long his = claiming.claim(bob, batch.id()).orElseThrow();
        Api annApi = api().login(ann.username(), Fixtures.PASSWORD);
        Api bobApi = api().login(bob.username(), Fixtures.PASSWORD);

        // Checked whole before anything is kept: not a picture, too large, the wrong question, someone else's task.
        Api.Response text = annApi.file("/api/v1/assignments/" + mine + "/files/receipt", "file", "shelf.png", "image/png", "<html>hi</html>".getBytes());
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.body()).contains("answers.receipt: a photo file");
        byte[] large = Arrays.copyOf(PNG, 1024 * 1024 + 1);
        assertThat(annApi.file("/api/v1/assignments/" + mine + "/files/receipt", "file", "big.png", "image/png", large).body())
                .contains("at most 1 MB");
        assertThat(annApi.file("/api/v1/assignments/" + mine + "/files/stocked", "file", "a.png", "image/png", PNG).status()).isEqualTo(400);
        assertThat(annApi.file("/api/v1/assignments/" + his + "/files/receipt", "file", "a.png", "image/png", PNG).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM answer_file WHERE assignment_id IN (?, ?)").params(mine, his).query(Long.class).single()).isZero();

        Api.Response uploaded = annApi.file("/api/v1/assignments/" + mine + "/files/receipt", "file", "../../etc/shelf", "application/octet-stream", PNG);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        long fileId = uploaded.id();
        assertThat(uploaded.json().get("name").asString()).isEqualTo("shelf.png");
        assertThat(uploaded.json().get("type").asString()).isEqualTo("image/png");

        // Bob cannot hand in Ann's photo as his answer.
        Api.Response stolen = bobApi.post("/api/v1/assignments/" + his + "/submit", Map.of("answers", Map.of("receipt", fileId, "stocked", "no")));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.body()).contains("answers.receipt: no file " + fileId + " was uploaded for this question of this task");
        // Without the photo the answer is incomplete.
        assertThat(annApi.post("/api/v1/assignments/" + mine + "/submit", Map.of("answers", Map.of("stocked", "yes"))).body())
                .contains("answers.receipt");

        Api.Response submitted = annApi.post("/api/v1/assignments/" + mine + "/submit", Map.of("answers", Map.of("receipt", fileId, "stocked", "yes")));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().path("answers").path("receipt").path("url").asString()).isEqualTo("/answer-files/" + fileId);

        // The worker and the organisation can see it; another worker and another organisation cannot.
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Api.Response download = lab.get("/api/v1/answer-files/" + fileId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("image/png");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Disposition")).startsWith("inline").contains("shelf.png");
        assertThat(files.download(ann, fileId).content()).isEqualTo(PNG);
        assertThat(annApi.get("/api/v1/answer-files/" + fileId).status()).isEqualTo(200);
        assertThat(bobApi.get("/api/v1/answer-files/" + fileId).status()).isEqualTo(404);
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD).get("/api/v1/answer-files/" + fileId).status()).isEqualTo(404);

        // In the results export, and on the requester's review list as a link.
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/results?format=csv").body()).contains("/answer-files/" + fileId);
        assertThat(lab.get("/api/v1/batches/" + batch.id() + "/aggregated").status()).isEqualTo(200);
        String review = new WebSession(port).login(requester).get("/requester/batches/" + batch.id()).body();
        assertThat(review).contains("href=\"/answer-files/" + fileId + "\"");

        // The task page asks for a photo with a file input and sends the form as multipart.
        String page = new WebSession(port).login(bob).get("/work/assignments/" + his).body();
        assertThat(page).contains("type=\"file\"").contains("accept=\"image/jpeg,image/png,image/webp\"").contains("enctype=\"multipart/form-data\"");
    }

    /** A real 1 x 1 PNG. */
    static byte[] png() {
        return java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    }
}
