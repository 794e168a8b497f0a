package org.polder.ledger;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's earnings per active hour over a period they choose, from the server's own measurement. */
class PayPerActiveHourIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;

    @Test
    void earningsPerActiveHourOverAnyPeriod() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 3, 40, 1);
        CurrentUser worker = fixtures.worker();
        for (int i = 0; i < 2; i++) {
            long a = claiming.claim(worker, batch.id()).orElseThrow();
            clock.advance(Duration.ofSeconds(60));
            submissions.submit(worker, a, Map.of("label", "cat"));
            reviews.approve(requester, a);
        }
        LocalDate today = clock.instant().atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        JsonNode period = me.get("/api/v1/me/pay-per-hour?from=" + today.minusDays(6) + "&to=" + today).json();
        assertThat(period.get("earnedCents").asLong()).isEqualTo(80);
        assertThat(period.get("activeSeconds").asLong()).isEqualTo(120);
        assertThat(period.get("perActiveHourCents").asLong()).isEqualTo(2400);
        long perDay = 0;
        for (JsonNode day : period.get("days")) {
            perDay += day.get("earnedCents").asLong();
        }
        assertThat(perDay).as("the days add up").isEqualTo(80);

        JsonNode before = me.get("/api/v1/me/pay-per-hour?from=" + today.minusDays(30) + "&to=" + today.minusDays(1)).json();
        assertThat(before.get("activeSeconds").asLong()).isZero();
        assertThat(before.get("perActiveHourCents").isNull()).isTrue();
        assertThat(me.get("/api/v1/me/pay-per-hour?from=" + today + "&to=" + today.minusDays(1)).status()).isEqualTo(400);
        assertThat(api().login(requester.username(), Fixtures.PASSWORD).get("/api/v1/me/pay-per-hour?from=" + today + "&to=" + today)
                .status()).isEqualTo(403);
        // Another worker sees only their own.
        assertThat(api().login(fixtures.worker().username(), Fixtures.PASSWORD)
                .get("/api/v1/me/pay-per-hour?from=" + today + "&to=" + today).json().get("earnedCents").asLong()).isZero();
    }
}
