package org.polder.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The microtask flow in a real browser, in English and in Dutch: a requester makes a template,
 * uploads a CSV and publishes; a worker does two tasks with "submit and next"; the requester
 * approves one and rejects one; the worker sees the pay, the reason and the trail.
 */
class MicrotaskPagesIT extends BrowserIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"en", "nl"})
    void requesterPublishesWorkerWorksRequesterReviews(String language) throws Exception {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 5_000);
        CurrentUser worker = fixtures.worker();

        // The requester makes a template with a live preview.
        Page lab = loggedIn(requester.username(), language);
        lab.navigate(url("/requester/templates/new"));
        lab.fill("#title", "Which animal is ${animal}?");
        lab.fill("#instructions", "Pick the animal you see.");
        lab.selectOption("#display0\\.type", "TEXT");
        lab.fill("#display0\\.value", "A photo of ${animal}");
        lab.fill("#fields0\\.name", "label");
        lab.fill("#fields0\\.label", "Animal");
        lab.fill("#fields0\\.options", "cat\ndog\nbird");
        assertThat(lab.locator("#preview")).containsText("A photo of [animal]");
        lab.click("#template-form button[type=submit]");
        assertThat(lab.locator(".flash.ok")).isVisible();

        // ... uploads a CSV (with an HTML value that must reach the worker escaped) and publishes.
        Path csv = Files.createTempFile("tasks", ".csv");
        Files.writeString(csv, "animal\nnumber one\n<b>number two</b>\nnumber three\n", StandardCharsets.UTF_8);
        lab.navigate(url("/requester/batches/new"));
        lab.fill("#name", "Animals " + language);
        lab.setInputFiles("#file", csv);
        lab.fill("#reward", "0.20");
        lab.fill("#assignmentsPerTask", "1");
        lab.click("#batch-form button[type=submit]");
        lab.waitForURL(u -> u.matches(".*/requester/batches/\\d+$"));
        String batchUrl = lab.url();
        assertThat(lab.locator(".badge.s-draft")).isVisible();
        lab.click("form[action$='/publish'] button");
        assertThat(lab.locator(".badge.s-published")).isVisible();

        // The worker finds the batch and does two tasks with "submit and next", without leaving the page.
        Page me = loggedIn(worker.username(), language);
        me.navigate(url("/work"));
        me.locator(".card", new Page.LocatorOptions().setHasText("Animals " + language)).locator("button").click();
        assertThat(me.locator("h1")).containsText("Which animal is number one?");
        // The page claimed the next two tasks ahead (submit and next does not wait for a claim), and says so.
        assertThat(me.locator("[data-testid=ahead]")).containsText(language.equals("nl") ? "Nog 2 taken" : "2 more tasks");
        me.locator("input[name='answer.label'][value='cat']").check();
        me.click("button[name=next][value=true]");
        assertThat(me.locator("h1")).containsText("Which animal is <b>number two</b>?");
        assertThat(me.locator("h1 b")).hasCount(0);
        me.locator("input[name='answer.label'][value='dog']").check();
        me.click("button[name=next][value=true]");
        assertThat(me.locator("h1")).containsText("Which animal is number three?");
        // Without an answer (the browser's own check taken away) the server names the missing field in the reader's language.
        me.evaluate("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        me.click("button[name=next][value=true]");
        assertThat(me.locator(".field-error")).containsText(language.equals("nl") ? "Een antwoord is verplicht:" : "An answer is required:");
        assertThat(me.locator(".field-error")).not().containsText("{0}");
        me.click("form[action$='/release'] button");

        // The requester sees both submissions, approves one and rejects one with a reason.
        lab.navigate(batchUrl);
        assertThat(lab.locator("[data-count=submitted]")).hasText("2");
        lab.locator(".review .card").first().locator("form[action*='/approve'] button").click();
        assertThat(lab.locator(".flash.ok")).isVisible();
        lab.locator(".review .card").first().locator("input[name=reason]").fill("That is a dog, not a cat");
        lab.locator(".review .card").first().locator("form[action*='/reject'] button").click();
        assertThat(lab.locator("[data-count=approved]")).hasText("1");
        assertThat(lab.locator("[data-count=rejected]")).hasText("1");

        // The worker sees the earning, the rejection reason and the trail.
        me.navigate(url("/me/earnings"));
        assertThat(me.locator("[data-testid=balance]")).containsText(language.equals("nl") ? "0,20" : "0.20");
        me.navigate(url("/me/work"));
        assertThat(me.locator(".reason")).containsText(new String[]{"That is a dog, not a cat"});
        me.navigate(url("/me/trail"));
        assertThat(me.locator(".trail li[data-type=ASSIGNMENT_REJECTED]")).hasCount(1);
        assertThat(me.locator(".trail li[data-type=ASSIGNMENT_PAID]")).hasCount(1);
        // In words: the amount in euros, the reason as given; the raw JSON only behind "Details".
        assertThat(me.locator(".trail li[data-type=ASSIGNMENT_PAID] [data-testid=event-facts]"))
                .containsText(language.equals("nl") ? "€ 0,20" : "€0.20");
        assertThat(me.locator(".trail li[data-type=ASSIGNMENT_REJECTED] [data-testid=event-facts]")).containsText("That is a dog, not a cat");
        assertThat(me.locator(".trail li[data-type=ASSIGNMENT_PAID] code.payload")).not().isVisible();
        assertThat(me.locator("h1")).hasText(language.equals("nl") ? "Mijn logboek" : "My trail");
    }

    @Test
    void aWorkerWhoStopsGivesBackTheTaskShownAndTheOnesKeptAhead() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 5, 40, 1);
        CurrentUser worker = fixtures.worker();
        Page me = loggedIn(worker.username(), "nl");
        me.navigate(url("/work"));
        me.locator(".card", new Page.LocatorOptions().setHasText(batch.name())).locator("button").click();
        assertThat(me.locator("[data-testid=ahead]")).containsText("Nog 2 taken van deze batch");
        me.click("form[action$='/batches/" + batch.id() + "/release'] button");
        assertThat(me.locator(".flash.ok")).containsText("3 taken zijn teruggegeven");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND state = 'STARTED'").param(worker.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT SUM(open_slots) FROM task WHERE batch_id = ?").param(batch.id()).query(Long.class).single())
                .as("all five back on offer").isEqualTo(5);
    }

    @Test
    void aWorkerCannotOpenRequesterPagesOrSomeoneElsesAssignment() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser owner = fixtures.worker();
        Page ownerPage = loggedIn(owner.username(), "en");
        ownerPage.navigate(url("/work"));
        ownerPage.locator(".card", new Page.LocatorOptions().setHasText("Label")).first().locator("button").click();
        String assignmentUrl = ownerPage.url();
        assertThat(assignmentUrl).matches(".*/work/assignments/\\d+$");

        Page other = loggedIn(fixtures.worker().username(), "en");
        Response requesterPage = other.navigate(url("/requester/batches/" + batch.id()));
        assertThat(requesterPage.status()).isEqualTo(403);
        assertThat(other.navigate(url("/requester/templates")).status()).isEqualTo(403);
        Response foreign = other.navigate(assignmentUrl);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(other.content()).doesNotContain("Label item");
        assertThat(other.navigate(url("/admin")).status()).isEqualTo(403);
    }

    @Test
    void registeringShowsErrorsNextToTheFieldsAndThenLogsIn() {
        Page page = browserFor("en");
        page.navigate(url("/register"));
        page.fill("#displayName", "New Person");
        page.fill("#username", "x");
        page.fill("#password", "short");
        page.click("form[action='/register'] button[type=submit]");
        assertThat(page.locator("#username-error")).isVisible();
        assertThat(page.locator("#password-error")).isVisible();
        String name = Fixtures.unique("newbie");
        page.fill("#username", name);
        page.fill("#password", "a-long-enough-password");
        page.click("form[action='/register'] button[type=submit]");
        page.waitForURL(u -> u.endsWith("/login"));
        page.fill("#username", name);
        page.fill("#password", "a-long-enough-password");
        page.click("form[action='/login'] button[type=submit]");
        page.waitForURL(u -> u.endsWith("/work"));
        assertThat(page.locator("h1")).hasText("Find work");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "nl"})
    void aBrokenCsvIsRefusedWithItsRowAndColumnNextToTheFileField(String language) throws Exception {
        CurrentUser requester = fixtures.requester();
        fixtures.template(requester);
        Path csv = Files.createTempFile("broken", ".csv");
        Files.writeString(csv, "image,item\na.svg,one\nb.svg,\"two\n", StandardCharsets.UTF_8);
        Page lab = loggedIn(requester.username(), language);
        lab.navigate(url("/requester/batches/new"));
        lab.fill("#name", "Broken");
        lab.setInputFiles("#file", csv);
        lab.click("#batch-form button[type=submit]");
        assertThat(lab.locator("#file-error")).containsText(language.equals("nl") ? "Rij 3, kolom 2" : "Row 3, column 2");
        lab.navigate(url("/requester/batches"));
        assertThat(lab.locator(".cards .card")).hasCount(0);
    }
}
