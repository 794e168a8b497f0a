package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Batches;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blocks through the API: only requesters block, each sees only its own organisation's blocks, bad input is
 * refused and changes nothing, and the blocked worker no longer sees the organisation's batches or shifts.
 */
class BlocksIT extends PolderIT {

    @Autowired
    Batches batches;
    @Autowired
    Shifts shifts;

    @Test
    void onlyTheRequesterBlocksAndTheWorkerNoLongerSeesItsWork() {
        CurrentUser requester = fixtures.requester();
        CurrentUser otherRequester = fixtures.requester();
        CurrentUser worker = fixtures.worker();
        Batch batch = fixtures.published(requester, 2, 20, 1);
        Batch elsewhere = fixtures.published(otherRequester, 2, 20, 1);
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Shift shift = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(3)),
                0, 1, 2000L, null, null, null, null, null, null)).get(0);

        Api lena = api().login(requester.username(), Fixtures.PASSWORD);
        Api ruud = api().login(cafe.requester().username(), Fixtures.PASSWORD);
        Api ada = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(ada.post("/api/v1/organisation/blocks", Map.of("workerId", worker.id(), "reason", "I block myself, please")).status()).isEqualTo(403);
        Api.Response noReason = lena.post("/api/v1/organisation/blocks", Map.of("workerId", worker.id(), "reason", "bad"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(lena.post("/api/v1/organisation/blocks", Map.of("workerId", requester.id(), "reason", "Not a worker at all, though")).status())
                .isEqualTo(400);
        assertThat(lena.get("/api/v1/organisation/blocks").json().size()).isZero();

        assertThat(lena.post("/api/v1/organisation/blocks", Map.of("workerId", worker.id(), "reason", "Copied the same answer into every task.")).status())
                .isEqualTo(201);
        assertThat(ruud.post("/api/v1/organisation/blocks", Map.of("workerId", worker.id(), "reason", "Did not come, did not call.")).status())
                .isEqualTo(201);
        assertThat(lena.get("/api/v1/organisation/blocks").json().findValues("workerId")).hasSize(1);
        assertThat(api().login(otherRequester.username(), Fixtures.PASSWORD).get("/api/v1/organisation/blocks").json().size()).isZero();

        assertThat(batches.available(worker)).extracting(b -> b.id()).contains(elsewhere.id()).doesNotContain(batch.id());
        assertThat(shifts.feed(worker, new Shifts.FeedFilter(null, null, null, null, null, null, null, null)))
                .noneMatch(i -> i.shift().id() == shift.id());
        assertThat(ada.get("/api/v1/me/decisions").body()).contains("Copied the same answer into every task.");

        assertThat(lena.delete("/api/v1/organisation/blocks/" + worker.id(), Map.of()).status()).isEqualTo(204);
        assertThat(lena.delete("/api/v1/organisation/blocks/" + worker.id(), Map.of()).status()).isEqualTo(404);
        assertThat(batches.available(worker)).extracting(b -> b.id()).contains(batch.id());
    }
}
