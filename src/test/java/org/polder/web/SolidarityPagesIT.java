package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.solidarity.Circles;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;
import org.polder.voice.Unions;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A sick-pay circle and a union, on the pages, in Dutch and English. */
class SolidarityPagesIT extends BrowserIT {

    @Autowired
    Circles circles;
    @Autowired
    Unions unions;

    @Test
    void aWorkerFoundsACircleAnotherAppliesAndTheMembersVote() {
        CurrentUser bram = fixtures.worker();
        fixtures.payable(bram, 20_000);
        CurrentUser dewi = fixtures.worker();
        String name = Fixtures.unique("Broodfonds");

        Page founder = loggedIn(bram.username(), "nl");
        founder.navigate(url("/work"));
        founder.click("nav >> text=Broodfonds");
        assertThat(founder.locator("[data-testid=circle-private]")).containsText("Opdrachtgevers");
        founder.fill("#name", name);
        founder.selectOption("#found-tier", "2");
        founder.click("#found-form button");
        assertThat(founder.locator(".flash.ok")).containsText("begonnen");
        assertThat(founder.locator("[data-testid=summary]")).containsText("1 lid ·");
        assertThat(founder.locator("[data-testid=due]")).containsText("Eén maand");
        founder.click("[data-testid=summary] button");
        assertThat(founder.locator("[data-testid=balance]")).containsText("50,00");
        assertThat(founder.locator("[data-testid=my-illness]")).containsText("20 leden");

        Page applicant = loggedIn(dewi.username(), "en");
        applicant.navigate(url("/circle"));
        var card = applicant.locator("[data-testid=circle]", new Page.LocatorOptions().setHasText(name));
        card.locator("select").selectOption("1");
        card.locator("button").click();
        assertThat(applicant.locator("[data-testid=applied]")).containsText("more than half");

        founder.navigate(url("/circle"));
        var motion = founder.locator("[data-testid=motion]");
        assertThat(motion).containsText(dewi.displayName());
        motion.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Ja")).click();
        assertThat(founder.locator(".flash.ok")).isVisible();
        assertThat(founder.locator("[data-testid=member]")).hasCount(2);

        applicant.navigate(url("/circle"));
        assertThat(applicant.locator("[data-testid=summary]")).containsText("2 members");
        assertThat(applicant.locator("[data-testid=member]").first()).containsText(bram.displayName());
    }

    @Test
    void aWorkerMandatesAUnionAndLetsItSeeTheirRecordThenWithdraws() {
        CurrentUser organiser = fixtures.worker();
        CurrentUser ada = fixtures.worker();
        Page admin = loggedIn(fixtures.admin().username(), "en");
        admin.navigate(url("/representatives"));
        String name = Fixtures.unique("Platformbond");
        admin.fill("#union-name", name);
        admin.fill("#union-description", "Couriers and cleaners of the region");
        admin.fill("#union-agent", organiser.username());
        admin.click("#union-form button");
        assertThat(admin.locator(".flash.ok")).isVisible();

        Page me = loggedIn(ada.username(), "nl");
        me.navigate(url("/representatives"));
        var union = me.locator("[data-testid=union]", new Page.LocatorOptions().setHasText(name));
        union.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("mandaat")).click();
        assertThat(me.locator(".flash.ok")).containsText("mandaat");
        union = me.locator("[data-testid=union]", new Page.LocatorOptions().setHasText(name));
        assertThat(union).containsText("Eén werkende");
        union.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("gegevens zien")).click();
        assertThat(me.locator(".flash.ok")).containsText("gegevens");

        Page agent = loggedIn(organiser.username(), "en");
        agent.navigate(url("/representatives"));
        agent.click("text=Open the page of " + name);
        assertThat(agent.locator("[data-testid=speaks-for]")).containsText("one worker");
        agent.click("[data-testid=consenting] a");
        assertThat(agent.locator("h1")).hasText(ada.displayName());

        me.navigate(url("/representatives"));
        me.locator("[data-testid=union]", new Page.LocatorOptions().setHasText(name))
                .locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("niet meer")).click();
        agent.navigate(url("/unions/" + unions.list(organiser).stream().filter(u -> u.name().equals(name)).findFirst().orElseThrow().id()));
        assertThat(agent.locator("[data-testid=consenting]")).hasCount(0);
        me.navigate(url("/me/trail"));
        assertThat(me.locator("body")).containsText("vakbond met je toestemming keek");
    }
}
