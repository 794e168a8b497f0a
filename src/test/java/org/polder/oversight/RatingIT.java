package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Workers rate requesters they worked for; the requester sees averages only from 5 raters on, never who rated. */
class RatingIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    @Test
    void ratingsAreAnonymousAndShowOnlyFromFiveRaters() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 6, 40, 1);
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Map<String, Object> scores = Map.of("pay", 2, "clarity", 4, "communication", 3, "fairness", 5);

        CurrentUser outsider = fixtures.worker();
        CurrentUser first = null;
        for (int i = 0; i < 5; i++) {
            CurrentUser w = fixtures.worker();
            first = first == null ? w : first;
            long a = claiming.claim(w, batch.id()).orElseThrow();
            submissions.submit(w, a, Map.of("label", "cat"));
            Api me = api().login(w.username(), Fixtures.PASSWORD);
            if (i == 0) {
                // Bad scores name the field and store nothing; nobody rates through someone else's assignment.
                Api.Response bad = me.post("/api/v1/assignments/" + a + "/rating", Map.of("pay", 9, "clarity", 4, "communication", 3, "fairness", 5));
                assertThat(bad.status()).isEqualTo(400);
                assertThat(bad.body()).contains("pay");
                assertThat(api().login(outsider.username(), Fixtures.PASSWORD).post("/api/v1/assignments/" + a + "/rating", scores).status())
                        .isEqualTo(404);
                assertThat(lab.post("/api/v1/assignments/" + a + "/rating", scores).status()).isEqualTo(403);
                // Rating twice replaces the first rating.
                assertThat(me.post("/api/v1/assignments/" + a + "/rating", Map.of("pay", 1, "clarity", 1, "communication", 1, "fairness", 1))
                        .status()).isEqualTo(201);
            }
            assertThat(me.post("/api/v1/assignments/" + a + "/rating", scores).status()).isEqualTo(201);
            JsonNode summary = lab.get("/api/v1/organisation/rating").json();
            assertThat(summary.get("raters").asInt()).isEqualTo(i + 1);
            if (i < 4) {
                assertThat(summary.get("pay").isNull()).as("nothing shows below 5 raters").isTrue();
            }
        }
        JsonNode summary = lab.get("/api/v1/organisation/rating").json();
        assertThat(summary.get("pay").asDouble()).isEqualTo(2.0);
        assertThat(summary.get("fairness").asDouble()).isEqualTo(5.0);
        assertThat(summary.toString()).doesNotContain(first.username()).doesNotContain("worker");
        assertThat(api().login(first.username(), Fixtures.PASSWORD).get("/api/v1/me/ratings").json().get(0).get("pay").asInt()).isEqualTo(2);

        // Workers see the ratings with the requester's record before they take work.
        String feed = api().login(fixtures.worker().username(), Fixtures.PASSWORD).get("/api/v1/batches/available").body();
        assertThat(feed).contains("\"raters\":5");
    }
}
