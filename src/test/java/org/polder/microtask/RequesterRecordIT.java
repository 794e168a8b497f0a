package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Workers see a requester's measured record before taking work; it starts once 5 tasks are reviewed. */
class RequesterRecordIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;

    @Test
    void medianPayRejectionRateAndReviewTimeAreMeasured() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 10, 40, 1);
        CurrentUser worker = fixtures.worker();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        String path = "/api/v1/requesters/" + requester.organisationId() + "/record";
        for (int i = 0; i < 5; i++) {
            long id = claiming.claim(worker, batch.id()).orElseThrow();
            clock.advance(Duration.ofSeconds(60));           // one minute of work: 40 cents -> 24 euros per hour
            submissions.submit(worker, id, Map.of("label", "cat"));
            clock.advance(Duration.ofHours(2));              // reviewed two hours later
            if (i < 4) {
                reviews.approve(requester, id);
            } else {
                assertThat(me.get(path).json().get("rejectionPercent").isNull()).as("no figures before 5 reviews").isTrue();
                reviews.reject(requester, id, "wrong");
            }
        }
        JsonNode record = me.get(path).json();
        assertThat(record.get("reviewed").asLong()).isEqualTo(5);
        assertThat(record.get("rejectionPercent").asInt()).isEqualTo(20);
        assertThat(record.get("medianPayPerHour").get("cents").asLong()).isEqualTo(2400);
        assertThat(record.get("medianReviewHours").asDouble()).isEqualTo(2.0);
        assertThat(me.get("/api/v1/batches/available").body()).contains("\"rejectionPercent\":20");
        assertThat(me.get("/api/v1/requesters/999999999/record").status()).isEqualTo(404);
    }
}
