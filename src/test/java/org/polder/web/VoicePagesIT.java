package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.BrowserIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Suspension by a moderator, rating a requester, and consultations, on the pages. */
class VoicePagesIT extends BrowserIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    @Test
    void aModeratorSuspendsFromTheModerationPageAndTheWorkerSeesWhy() {
        CurrentUser worker = fixtures.worker();
        Page mod = loggedIn(fixtures.moderator().username(), "en");
        mod.navigate(url("/moderation"));
        mod.fill("#suspend-username", "nobody-" + worker.username());
        mod.fill("#suspend-reason", "Abusive messages to a requester");
        mod.click("#suspend-form button");
        assertThat(mod.locator(".flash.error")).containsText("No account is called");
        mod.fill("#suspend-username", worker.username());
        mod.fill("#suspend-reason", "Abusive messages to a requester");
        mod.click("#suspend-form button");
        assertThat(mod.locator(".flash.ok")).isVisible();
        assertThat(mod.locator("li[data-suspended='" + worker.username() + "']")).containsText("Abusive messages");

        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/work"));
        assertThat(me.locator("#suspended")).containsText("geschorst");
        me.click("#suspended a");
        assertThat(me.locator("li[data-type=ACCOUNT_SUSPENDED]")).containsText("Abusive messages to a requester");

        mod.locator("li[data-suspended='" + worker.username() + "'] input[name=reason]").fill("Apologised and agreed to the rules");
        mod.locator("li[data-suspended='" + worker.username() + "'] button").click();
        assertThat(mod.locator(".flash.ok")).isVisible();
        me.navigate(url("/work"));
        assertThat(me.locator("#suspended")).hasCount(0);
    }

    @Test
    void aWorkerRatesTheRequesterFromTheTaskPage() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 1, 40, 1);
        CurrentUser worker = fixtures.worker();
        long id = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, id, Map.of("label", "cat"));
        Page me = loggedIn(worker.username(), "en");
        me.navigate(url("/work/assignments/" + id));
        me.click("#rating summary");
        me.selectOption("#rating-pay", "2");
        me.selectOption("#rating-clarity", "5");
        me.selectOption("#rating-communication", "4");
        me.selectOption("#rating-fairness", "5");
        me.click("#rating button");
        assertThat(me.locator(".flash.ok")).containsText("anonymously");
    }

    @Test
    void anAdminOpensAConsultationAndAWorkerCommentsWithoutTheirName() {
        CurrentUser worker = fixtures.worker();
        Page admin = loggedIn(fixtures.admin().username(), "en");
        admin.navigate(url("/consultations"));
        admin.selectOption("#parameter", "pay.low-pay-min-assignments");
        admin.fill("#value", "30");
        admin.fill("#explanation", "Thirty assignments give a steadier median for big batches");
        admin.click("#propose-form button");
        assertThat(admin.locator(".flash.ok")).isVisible();
        var notice = admin.locator("li[data-state=OPEN]", new Page.LocatorOptions().setHasText("steadier median"));
        notice.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Make the change")).click();
        assertThat(admin.locator(".flash.error")).containsText("comment period runs until");

        Page me = loggedIn(worker.username(), "en");
        me.navigate(url("/consultations"));
        var open = me.locator("li[data-state=OPEN]", new Page.LocatorOptions().setHasText("steadier median"));
        open.locator("textarea").fill("Fine by me, but say so in the batch list");
        open.locator("button").click();
        assertThat(me.locator(".flash.ok")).isVisible();
        assertThat(me.locator("li[data-state=OPEN]", new Page.LocatorOptions().setHasText("steadier median")))
                .containsText("A worker: Fine by me");
        assertThat(me.locator("main")).not().containsText(worker.displayName());

        notice = admin.locator("li[data-state=OPEN]", new Page.LocatorOptions().setHasText("steadier median"));
        admin.navigate(url("/consultations"));
        admin.locator("li[data-state=OPEN]", new Page.LocatorOptions().setHasText("steadier median"))
                .locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Withdraw")).click();
        assertThat(admin.locator("li[data-state=WITHDRAWN]", new Page.LocatorOptions().setHasText("steadier median"))).isVisible();

        me.navigate(url("/representatives"));
        assertThat(me.locator("h1")).containsText("Representatives");
        assertThat(me.locator("#figures")).hasCount(0);
    }
}
