package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.work.PayFloor;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule parameter changes only after a consultation's comment period; workers comment without their names. */
class ConsultationIT extends PolderIT {

    @Autowired
    PayFloor payFloor;

    @Autowired
    org.polder.ledger.Fees fees;

    @Autowired
    org.polder.work.WorkingTime workingTime;

    @Autowired
    org.polder.work.PlatformParameters parameters;

    /** Proposes a value, waits out the comment period and applies it; refused before the period ends. */
    void change(CurrentUser adminUser, String key, String value) {
        Api admin = api().login(adminUser.username(), Fixtures.PASSWORD);   // a fresh login: the clock runs on by weeks
        Api.Response proposed = admin.post("/api/v1/admin/consultations", Map.of("parameter", key, "value", value,
                "explanation", "A change of " + key + " that workers can comment on first"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        assertThat(admin.post("/api/v1/admin/consultations/" + proposed.id() + "/apply", Map.of()).status()).isEqualTo(409);
        clock.advance(Duration.ofDays(14));
        assertThat(admin.post("/api/v1/admin/consultations/" + proposed.id() + "/apply", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theFeeTheShiftCompensationAndTheWorkingTimeLimitsChangeOnlyThroughAConsultation() {
        CurrentUser adminUser = fixtures.admin();
        Api admin = api().login(adminUser.username(), Fixtures.PASSWORD);
        Map<String, String> before = Map.of("fees.percent", Long.toString(fees.percent()),
                "shift.compensation-percent", parameters.get(org.polder.work.Parameter.SHIFT_COMPENSATION_PERCENT),
                "work.max-hours-per-day", parameters.get(org.polder.work.Parameter.MAX_HOURS_PER_DAY));
        assertThat(admin.post("/api/v1/admin/consultations", Map.of("parameter", "fees.percent", "value", "101",
                "explanation", "More than the whole reward as a fee")).body()).contains("value");
        try {
            change(adminUser, "fees.percent", "25");
            assertThat(fees.feeFor(1000)).isEqualTo(250);
            change(adminUser, "shift.compensation-percent", "75");
            assertThat(parameters.number(org.polder.work.Parameter.SHIFT_COMPENSATION_PERCENT)).isEqualTo(75);
            change(adminUser, "work.max-hours-per-day", "10");
            assertThat(workingTime.limits().maxMinutesPerDay()).isEqualTo(600);
        } finally {
            // Back to where they were, the same way (other tests share this database).
            before.forEach((key, value) -> {
                if (!parameters.get(org.polder.work.Parameter.byKey(key).orElseThrow()).equals(value)) {
                    change(adminUser, key, value);
                }
            });
        }
        assertThat(fees.feeFor(1000)).isEqualTo(1000 * Long.parseLong(before.get("fees.percent")) / 100);
    }

    @Test
    void aRuleChangeBeforeTheCommentPeriodEndsIsRefused() {
        long before = payFloor.hourlyCents();
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        CurrentUser worker = fixtures.worker();
        Api me = api().login(worker.username(), Fixtures.PASSWORD);

        // Bad proposals name the problem and open nothing.
        int open = admin.get("/api/v1/consultations").json().size();
        assertThat(admin.post("/api/v1/admin/consultations", Map.of("parameter", "pay.secret-knob", "value", "1",
                "explanation", "Turning a knob nobody knows about")).body()).contains("parameter");
        assertThat(admin.post("/api/v1/admin/consultations", Map.of("parameter", "pay.low-pay-policy", "value", "IGNORE",
                "explanation", "Stop caring about pay below the floor")).body()).contains("value");
        assertThat(admin.post("/api/v1/admin/consultations", Map.of("parameter", "pay.hourly-floor-cents", "value", "1600",
                "explanation", "A higher floor from next month", "days", 3)).body()).contains("days");
        assertThat(admin.get("/api/v1/consultations").json().size()).isEqualTo(open);
        assertThat(me.post("/api/v1/admin/consultations", Map.of("parameter", "pay.hourly-floor-cents", "value", "1",
                "explanation", "Workers cannot change rules alone")).status()).isEqualTo(403);

        Api.Response proposed = admin.post("/api/v1/admin/consultations", Map.of("parameter", "pay.hourly-floor-cents",
                "value", Long.toString(before + 29), "explanation", "The statutory minimum wage rises on 1 January"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        long id = proposed.id();
        assertThat(proposed.json().get("oldValue").asString()).isEqualTo(Long.toString(before));
        assertThat(proposed.json().get("parameter").asString()).isEqualTo("pay.hourly-floor-cents");

        // Workers comment while it is open; requesters do not; nobody's name is shown.
        assertThat(me.post("/api/v1/consultations/" + id + "/comments", Map.of("body", "Good, but index it every year")).status()).isEqualTo(201);
        assertThat(api().login(fixtures.requester().username(), Fixtures.PASSWORD)
                .post("/api/v1/consultations/" + id + "/comments", Map.of("body", "Too expensive")).status()).isEqualTo(403);
        JsonNode comment = api().login(fixtures.worker().username(), Fixtures.PASSWORD).get("/api/v1/consultations/" + id).json()
                .get("comments").get(0);
        assertThat(comment.get("body").asString()).isEqualTo("Good, but index it every year");
        assertThat(comment.toString()).doesNotContain(worker.username()).doesNotContain("author");

        // Before the period ends the change is refused and nothing changes, also one second before the end.
        clock.advance(Duration.ofDays(14).minusSeconds(1));
        Api.Response early = admin.post("/api/v1/admin/consultations/" + id + "/apply", Map.of());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body()).contains("comment period");
        assertThat(payFloor.hourlyCents()).isEqualTo(before);

        clock.advance(Duration.ofSeconds(1));
        assertThat(me.post("/api/v1/consultations/" + id + "/comments", Map.of("body", "Too late?")).status()).isEqualTo(409);
        Api.Response applied = admin.post("/api/v1/admin/consultations/" + id + "/apply", Map.of("note", "From 1 January"));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(payFloor.hourlyCents()).isEqualTo(before + 29);
        assertThat(api().get("/api/v1/parameters").status()).isEqualTo(401);
        assertThat(me.get("/api/v1/parameters").json().get("pay.hourly-floor-cents").asString()).isEqualTo(Long.toString(before + 29));
        assertThat(admin.post("/api/v1/admin/consultations/" + id + "/apply", Map.of()).status()).as("applied once").isEqualTo(409);

        // Back to where it was, the same way (other tests share this database).
        long back = admin.post("/api/v1/admin/consultations", Map.of("parameter", "pay.hourly-floor-cents", "value", Long.toString(before),
                "explanation", "Back to the earlier floor after the test")).id();
        clock.advance(Duration.ofDays(14));
        assertThat(admin.post("/api/v1/admin/consultations/" + back + "/apply", Map.of()).status()).isEqualTo(200);
        assertThat(payFloor.hourlyCents()).isEqualTo(before);
    }
}
