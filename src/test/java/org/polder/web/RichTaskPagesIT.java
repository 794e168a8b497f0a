package org.polder.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Boxes and comparisons walked in the browser, from template to aggregated result: a requester writes the template
 * in the editor and publishes a batch from a CSV; two workers draw boxes with the mouse and pick the clearer
 * picture; the requester sees the merged boxes on each picture and the pictures ranked.
 */
class RichTaskPagesIT extends BrowserIT {

    @Test
    void aRequesterGetsMergedBoxesAndARankingFromWhatWorkersDrewAndChose() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Page lab = loggedIn(requester.username(), "en");

        lab.navigate(url("/requester/templates/new"));
        lab.fill("[name=title]", "Shapes and clearer pictures");
        lab.selectOption("[name='display[0].type']", "IMAGE");
        lab.fill("[name='display[0].value']", "/demo/images/${image}");
        lab.fill("[name='fields[0].name']", "shapes");
        lab.selectOption("[name='fields[0].type']", "BOUNDING_BOXES");
        lab.fill("[name='fields[0].label']", "Draw a box around each shape");
        lab.fill("[name='fields[0].options']", "shape");
        lab.fill("[name='fields[1].name']", "clearer");
        lab.selectOption("[name='fields[1].type']", "PAIRWISE");
        lab.fill("[name='fields[1].label']", "Which picture is clearer?");
        lab.fill("[name='fields[1].options']", "${left}\n${right}");
        // The live preview shows the questions as a worker will get them: a picture to draw on, two items to pick from.
        assertThat(lab.locator("#preview .box-canvas")).hasCount(1);
        assertThat(lab.locator("#preview .pair-item")).hasCount(2);
        lab.click("#template-form button[type=submit]");
        assertThat(lab.locator(".flash.error")).hasCount(0);

        lab.navigate(url("/requester/batches/new"));
        lab.selectOption("[name=templateId]", new SelectOption().setLabel("Shapes and clearer pictures"));
        lab.fill("[name=name]", "Boxes and pairs");
        String csv = "image,left,right\nshape-01.svg,/demo/images/shape-01.svg,/demo/images/shape-02.svg\n"
                + "shape-02.svg,/demo/images/shape-02.svg,/demo/images/shape-03.svg\n";
        lab.setInputFiles("#file", new FilePayload("shapes.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        lab.fill("[name=reward]", "0.20");
        lab.fill("[name=expectedSeconds]", "30");
        lab.fill("[name=assignmentsPerTask]", "2");
        lab.click("#batch-form button[type=submit]");
        // Before paying: a task of the draft exactly as a worker will see it, with the row's pictures.
        lab.click("[data-testid=preview-task]");
        assertThat(lab.locator("[data-testid=preview-note]")).containsText("Row 1 of 2");
        assertThat(lab.locator(".box-canvas img")).hasAttribute("src", "/demo/images/shape-01.svg");
        assertThat(lab.locator(".pair-item img").nth(1)).hasAttribute("src", "/demo/images/shape-02.svg");
        lab.goBack();
        lab.locator("form[action$='/publish'] button").click();

        // Two workers each answer both tasks: a box dragged around the shape, and the first picture as the clearer.
        for (String[] choices : List.of(new String[]{"A", "A"}, new String[]{"A", "B"})) {
            Page worker = loggedIn(fixtures.worker().username(), "en");
            worker.navigate(url("/work"));
            worker.locator(".card", new Page.LocatorOptions().setHasText("Boxes and pairs")).locator("button").first().click();
            for (int t = 0; t < choices.length; t++) {
                String choice = choices[t];
                Locator canvas = worker.locator(".box-canvas img");
                assertThat(canvas).isVisible();
                canvas.scrollIntoViewIfNeeded();
                BoundingBox b = canvas.boundingBox();
                worker.mouse().move(b.x + b.width * 0.2, b.y + b.height * 0.15);
                worker.mouse().down();
                worker.mouse().move(b.x + b.width * 0.6, b.y + b.height * 0.7, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
                worker.mouse().up();
                assertThat(worker.locator(".box-list li")).hasCount(1);
                worker.locator(".pair-item input[value='" + choice + "']").check();
                worker.click("button[name=next][value=true]");
                // The next task comes in place of this one (nothing drawn on it yet); after the last, no task is left.
                assertThat(worker.locator(t + 1 < choices.length ? "[data-boxes][data-drawn='0']" : ".box-canvas")).hasCount(t + 1 < choices.length ? 1 : 0);
                assertThat(worker.locator(".flash.error")).hasCount(0);
            }
        }

        lab.navigate(url("/requester/batches"));
        lab.locator("a", new Page.LocatorOptions().setHasText("Boxes and pairs")).first().click();
        lab.click("[data-testid=aggregated-page]");
        assertThat(lab.locator("[data-testid=ranking] li")).hasCount(3);
        assertThat(lab.locator("[data-testid=ranking] li").first().locator("img")).hasAttribute("src", "/demo/images/shape-01.svg");
        assertThat(lab.locator("[data-testid=ranking]")).containsText("won 2 of 2 comparisons");
        // Each picture shows the one box both workers drew, drawn by the page's script on the picture.
        assertThat(lab.locator("[data-testid=aggregated-task]")).hasCount(2);
        assertThat(lab.locator(".box-show .box")).hasCount(2);
        assertThat(lab.locator("[data-testid=aggregated-task]").first()).containsText("1 box: shape");
        assertThat(lab.locator("[data-testid=aggregated-task]").first()).containsText("2 answers");
    }

    @Test
    void aWorkerGivesAPhotoAsTheAnswerFromTheTaskPage() {
        CurrentUser requester = fixtures.requester();
        var template = templates.create(requester, new org.polder.microtask.TemplateSpec("Photograph the shelf", "", "", List.of(),
                List.of(new org.polder.microtask.AnswerField("shelf", org.polder.microtask.AnswerField.Type.FILE, "A photo of the shelf",
                        List.of("photo"), true, null, null, null))));
        var draft = batches.create(requester, org.polder.testing.Fixtures.spec(template.id(), 30, 1), "shop\nAlbert\n".getBytes());
        fixtures.fund(requester, draft.cost().cents());
        var batch = batches.publish(requester, draft.id());

        Page worker = loggedIn(fixtures.worker().username(), "nl");
        worker.navigate(url("/work"));
        worker.locator(".card", new Page.LocatorOptions().setHasText(batch.name())).locator("button").first().click();
        assertThat(worker.locator("input[type=file]")).isVisible();
        // Not a picture: refused with the reason next to the question, in Dutch; nothing kept.
        worker.setInputFiles("input[type=file]", new FilePayload("plank.png", "image/png", "geen foto".getBytes(StandardCharsets.UTF_8)));
        worker.click("button[name=next][value=false]");
        assertThat(worker.locator(".field-error")).containsText("niet van een soort die de vraag aanneemt");
        String taskPage = worker.url();
        worker.setInputFiles("input[type=file]", new FilePayload("plank.png", "image/png", java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")));
        worker.click("button[name=next][value=false]");
        assertThat(worker.locator("input[type=file]")).hasCount(0);   // handed in: the form is gone
        assertThat(worker.locator(".flash.error")).hasCount(0);
        worker.navigate(taskPage);
        assertThat(worker.locator(".outcome")).containsText("plank.png");

        Page lab = loggedIn(requester.username(), "en");
        lab.navigate(url("/requester/batches/" + batch.id()));
        assertThat(lab.locator("dl.answers a")).hasText("plank.png");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Templates templates;
    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Batches batches;
}
