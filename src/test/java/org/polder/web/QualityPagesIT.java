package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A worker reads, in Dutch, their control-question result, their quality and the decision a rule took. */
class QualityPagesIT extends BrowserIT {

    @Test
    void theWorkerSeesGoldFeedbackTheirQualityAndTheDecisionInTheirLanguage() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        StringBuilder csv = new StringBuilder("image,item,GOLDEN:label,HINT\n");
        for (int i = 1; i <= 20; i++) {
            csv.append("img-").append(i).append(".svg,item ").append(i).append(",,\n");
        }
        for (int i = 1; i <= 6; i++) {
            csv.append("gold-").append(i).append(".svg,gold ").append(i).append(",cat,Kijk naar de snorharen\n");
        }
        Map<String, Object> spec = new HashMap<>(Map.of("name", "Dieren", "templateId", fixtures.template(requester).id(), "reward", 20,
                "assignmentsPerTask", 1, "allottedSeconds", 600, "expectedSeconds", 30, "goldPercent", 50, "goldAssignmentsPerTask", 5));
        spec.put("qualityRule", Map.of("minGoldAccuracyPercent", 80, "minGoldAnswers", 5));
        long batchId = lab.multipart("/api/v1/batches", "spec", Api.json(spec), "file", csv.toString().getBytes(StandardCharsets.UTF_8)).id();
        lab.post("/api/v1/batches/" + batchId + "/publish", null);

        CurrentUser worker = fixtures.worker();
        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/work"));
        me.locator(".card", new Page.LocatorOptions().setHasText("Dieren")).locator("button").click();
        // The first task is a control question; a wrong answer shows the known answer and the hint afterwards.
        me.locator("input[name='answer.label'][value='dog']").check();
        me.click("button[name=next][value=true]");
        assertThat(me.locator("[data-testid=gold]")).containsText("Controlevraag: je antwoord was niet het bekende antwoord.");
        assertThat(me.locator("[data-testid=gold]")).containsText("Kijk naar de snorharen");

        // Keep answering control questions wrong (through the API, same worker) until the rule stops the batch.
        Api api = api().login(worker.username(), Fixtures.PASSWORD);
        for (int i = 0; i < 30; i++) {
            Api.Response claimed = api.post("/api/v1/assignments", Map.of("batchId", batchId));
            if (claimed.status() == 204) {
                break;
            }
            api.post("/api/v1/assignments/" + claimed.id() + "/submit", Map.of("answers", Map.of("label", "dog")));
        }
        me.navigate(url("/me/decisions"));
        assertThat(me.locator("[data-type=BATCH_ACCESS_STOPPED] .reason-text")).containsText("Je beantwoordde 0 van de 5 controlevragen");
        me.navigate(url("/me/quality"));
        assertThat(me.locator("[data-testid=gold-accuracy]")).containsText("0 / 5");

        // The requester's dashboard shows the control questions and the rule.
        Page labPage = loggedIn(requester.username(), "nl");
        labPage.navigate(url("/requester/batches/" + batchId));
        assertThat(labPage.locator(".facts")).containsText("Onder 80% goed na 5 controleantwoorden");
        assertThat(labPage.locator(".facts")).containsText("6, 50% van de taken van elke werkende");
    }
}
