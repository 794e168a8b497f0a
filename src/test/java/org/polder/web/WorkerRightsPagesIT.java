package org.polder.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Worker rights on the pages: export and check it, report a problem, appeal a decision. */
class WorkerRightsPagesIT extends BrowserIT {

    @Test
    void downloadAndCheckTheExport() {
        CurrentUser worker = fixtures.worker();
        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/me/export"));
        Download download = me.waitForDownload(() -> me.click("a[href='/me/export.zip']"));
        me.setInputFiles("#file", download.path());
        me.click("form[action='/me/export/verify'] button");
        assertThat(me.locator("[data-testid=verify-result]")).containsText("In orde.");
        assertThat(me.locator("[data-testid=verify-result]")).containsText("intact");

        // Something that is not an export is named as such, in the reader's language.
        me.setInputFiles("#file", new com.microsoft.playwright.options.FilePayload("notes.zip", "application/zip",
                "not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        me.click("form[action='/me/export/verify'] button");
        assertThat(me.locator("[data-testid=verify-result]")).containsText("Niet in orde.");
        assertThat(me.locator("[data-testid=verify-result]")).containsText("Dit is geen");
    }

    @Test
    void aReportFromTheTaskPageIsAnsweredOnTheModerationPage() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 1, 40, 1);
        CurrentUser worker = fixtures.worker();
        Page me = loggedIn(worker.username(), "en");
        me.navigate(url("/work"));
        me.locator(".card", new Page.LocatorOptions().setHasText(batch.name())).locator("button").click();
        me.click("details.report summary");
        me.selectOption("details.report select[name=category]", "SAFETY");
        me.fill("details.report textarea[name=message]", "The address in the task is a private home");
        me.click("details.report button");
        assertThat(me.locator(".flash.ok")).isVisible();

        Page mod = loggedIn(fixtures.moderator().username(), "en");
        mod.navigate(url("/moderation"));
        var report = mod.locator("li[data-state=OPEN]", new Page.LocatorOptions().setHasText("private home"));
        report.locator("input[name=response]").fill("Thanks, the task was removed");
        report.locator("button").click();
        assertThat(mod.locator(".flash.ok")).isVisible();

        me.navigate(url("/me/reports"));
        assertThat(me.locator("li[data-state=HANDLED]")).containsText("Thanks, the task was removed");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Claiming claiming;
    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Submissions submissions;
    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Reviews reviews;

    @Test
    void aWorkerAppealsARejectionAndAModeratorUpholdsIt() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 1, 40, 1);
        CurrentUser worker = fixtures.worker();
        long id = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, id, java.util.Map.of("label", "cat"));
        reviews.reject(requester, id, "Wrong animal");

        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/me/decisions"));
        var rejected = me.locator("li[data-type=WORK_REJECTED]");
        rejected.locator("details.appeal summary").click();
        rejected.locator("textarea[name=statement]").fill("Het is echt een kat");
        rejected.locator("details.appeal button").click();
        assertThat(me.locator("li[data-state=OPEN]")).containsText("antwoord uiterlijk");

        Page lab = loggedIn(requester.username(), "en");
        lab.navigate(url("/requester/appeals"));
        var ours = lab.locator("li.card", new Page.LocatorOptions().setHasText("Het is echt een kat"));
        ours.locator("input[name=body]").fill("Our guide says dog");
        ours.locator("button").click();
        assertThat(lab.locator(".flash.ok")).isVisible();

        Page mod = loggedIn(fixtures.moderator().username(), "en");
        mod.navigate(url("/moderation"));
        var appeal = mod.locator("li.card", new Page.LocatorOptions().setHasText("Het is echt een kat"));
        assertThat(appeal).containsText("Our guide says dog");
        // The moderator judges with the decision in view: who took it, what it did, the reason the worker read.
        assertThat(appeal.locator("[data-testid=appealed-by]")).containsText("Taken by a person");
        assertThat(appeal.locator("[data-testid=appealed-reason]")).containsText("Wrong animal");
        assertThat(appeal.locator("[data-testid=appealed-effect]")).containsText("Not paid");
        // A Dutch-reading moderator reads what it did in Dutch, as the worker reads it in the trail.
        Page modNl = loggedIn(fixtures.moderator().username(), "nl");
        modNl.navigate(url("/moderation"));
        assertThat(modNl.locator("li.card", new Page.LocatorOptions().setHasText("Het is echt een kat"))
                .locator("[data-testid=appealed-effect]")).containsText("Niet betaald: de opdrachtgever keurde het werk af");
        me.navigate(url("/me/trail"));
        // What the page shows (the raw record stays behind "Details").
        String shown = (String) me.evaluate("() => document.querySelector('main').innerText");
        org.assertj.core.api.Assertions.assertThat(shown).contains("Niet betaald: de opdrachtgever keurde het werk af").doesNotContain("Not paid");
        appeal.locator("input[name=answer]").fill("Agreed");
        appeal.locator("button[value=true]").click();
        assertThat(mod.locator(".flash.ok")).isVisible();

        me.navigate(url("/me/decisions"));
        assertThat(me.locator("li[data-state=UPHELD]")).containsText("Toegekend");
        // What the upheld appeal did, in the worker's language (the batch had ended, its escrow returned: the fund pays).
        assertThat(me.locator("li[data-type=APPEAL_UPHELD] [data-testid=decision-effect]"))
                .containsText("Wat het deed: De afkeuring is ingetrokken en het werk is betaald: € 0,40 uit het garantiefonds van het platform");
        me.navigate(url("/me/earnings"));
        assertThat(me.locator("[data-testid=balance]")).containsText("0,40");
    }
}
