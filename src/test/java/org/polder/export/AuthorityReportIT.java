package org.polder.export;

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
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report to authorities counts people, hours and income of a period, without naming anyone. */
class AuthorityReportIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    org.polder.errand.Duty duty;

    @Test
    void peopleHoursAndIncomeOfAPeriod() {
        clock.advance(Duration.ofDays(1000));   // a day nobody else's test data is on
        duty.endSilentDuty();                    // couriers other tests left on duty went silent long ago
        LocalDate day = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        clock.advance(Duration.between(clock.instant(), day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600)));
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 3, 40, 1);
        CurrentUser a = fixtures.worker();
        CurrentUser b = fixtures.worker();
        for (int i = 0; i < 2; i++) {
            long id = claiming.claim(a, batch.id()).orElseThrow();
            clock.advance(Duration.ofSeconds(60));
            submissions.submit(a, id, Map.of("label", "cat"));
            reviews.approve(requester, id);
        }
        long id = claiming.claim(b, batch.id()).orElseThrow();
        clock.advance(Duration.ofSeconds(120));
        submissions.submit(b, id, Map.of("label", "cat"));
        reviews.reject(requester, id, "no");

        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        JsonNode report = admin.get("/api/v1/admin/reports/authority?from=" + day + "&to=" + day.plusDays(1)).json();
        assertThat(report.get("peopleWorking").asInt()).isEqualTo(2);
        assertThat(report.get("incomeCents").asLong()).isEqualTo(80);
        assertThat(report.get("averageIncome").asLong()).isEqualTo(40);
        assertThat(report.get("activeHours").asDouble()).isEqualTo(0.07);
        assertThat(report.get("minutesPerPerson").get("median").asLong()).isEqualTo(2);
        assertThat(report.get("incomePerPerson").get("max").asLong()).isEqualTo(80);
        assertThat(report.toString()).doesNotContain(a.username()).doesNotContain("\"workerId\"");
        assertThat(admin.get("/api/v1/admin/reports/authority?from=" + day + "&to=" + day).status()).isEqualTo(400);

        // The same as CSV, one row per calendar month of the period.
        Api.Response csv = admin.get("/api/v1/admin/reports/authority.csv?from=" + day + "&to=" + day.plusDays(1));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r?\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("from,to,worker_status,people_working,active_hours");
        assertThat(lines[1]).contains(",2,0.07,").contains(",0.80,0.40,");
        assertThat(csv.body()).doesNotContain(a.username());
        assertThat(admin.get("/api/v1/admin/reports/authority.csv?from=" + day.withDayOfMonth(1) + "&to=" + day.withDayOfMonth(1).plusMonths(3))
                .body().split("\r?\n")).as("a header and three months").hasSize(4);
        assertThat(admin.get("/api/v1/admin/reports/authority.csv?from=" + day + "&to=" + day).status()).isEqualTo(400);
        assertThat(api().login(a.username(), Fixtures.PASSWORD).get("/api/v1/admin/reports/authority.csv?from=" + day + "&to=" + day.plusDays(1))
                .status()).isEqualTo(403);
        assertThat(api().login(a.username(), Fixtures.PASSWORD).get("/api/v1/admin/reports/authority?from=" + day + "&to=" + day.plusDays(1))
                .status()).isEqualTo(403);
    }
}
