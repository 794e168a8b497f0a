package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A report from an assignment reaches the moderators, not the requester; the worker reads the answer. */
class SafetyReportIT extends PolderIT {

    @Autowired
    Claiming claiming;

    @Test
    void aReportReachesAModeratorAndTheWorkerReadsTheAnswer() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 1, 40, 1);
        CurrentUser worker = fixtures.worker();
        long assignment = claiming.claim(worker, batch.id()).orElseThrow();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);

        assertThat(me.post("/api/v1/assignments/" + assignment + "/report", Map.of("category", "HARASSMENT", "message", " ")).status())
                .isEqualTo(400);
        Api.Response sent = me.post("/api/v1/assignments/" + assignment + "/report",
                Map.of("category", "HARASSMENT", "message", "The instructions insult workers"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long id = sent.id();
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD)
                .post("/api/v1/assignments/" + assignment + "/report", Map.of("category", "OTHER", "message", "x")).status())
                .as("only about one's own assignment").isEqualTo(404);

        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        assertThat(lab.get("/api/v1/moderation/reports").status()).as("requesters do not read reports").isEqualTo(403);
        assertThat(me.get("/api/v1/moderation/reports").status()).isEqualTo(403);

        Api moderator = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        JsonNode queued = moderator.get("/api/v1/moderation/reports").json();
        assertThat(queued.toString()).contains("The instructions insult workers");
        assertThat(moderator.post("/api/v1/moderation/reports/" + id + "/response", Map.of("response", "We asked the requester to change them"))
                .json().get("state").asString()).isEqualTo("HANDLED");
        assertThat(moderator.post("/api/v1/moderation/reports/" + id + "/response", Map.of("response", "again")).status()).isEqualTo(409);

        JsonNode mine = me.get("/api/v1/me/reports").json().get(0);
        assertThat(mine.get("response").asString()).isEqualTo("We asked the requester to change them");
        assertThat(me.get("/api/v1/me/trail").body()).contains("SAFETY_REPORTED").contains("SAFETY_REPORT_ANSWERED");
        assertThat(me.get("/api/v1/me/reports").json().size()).isEqualTo(1);
    }
}
