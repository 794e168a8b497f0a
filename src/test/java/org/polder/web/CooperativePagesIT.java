package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.BrowserIT;
import org.polder.testing.Cooperative;
import org.polder.voice.Consultations;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** On a cooperative's pages a member votes on a rule change and reads the result with its turnout. */
@Cooperative
class CooperativePagesIT extends BrowserIT {

    @Autowired
    Consultations consultations;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    @Test
    void aMemberVotesOnTheConsultationPageAndReadsTheResult() {
        clock.advance(Duration.ofDays(365L * 200));
        CurrentUser requester = fixtures.requester();
        Batch work = fixtures.published(requester, 1, 100, 1);
        CurrentUser member = fixtures.worker();
        long assignment = claiming.claim(member, work.id()).orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        submissions.submit(member, assignment, Map.of("label", "cat"));
        long id = consultations.propose(fixtures.admin(), "pay.low-pay-min-assignments", "25",
                "Fewer assignments before a batch's pay per hour counts", null).id();

        Page me = loggedIn(member.username(), "nl");
        me.navigate(url("/rules"));
        assertThat(me.locator("[data-testid=governance]")).containsText("coöperatie");
        me.navigate(url("/consultations"));
        var card = me.locator("li[data-consultation='" + id + "']");
        assertThat(card.locator("[data-testid=ballot]")).containsText("Stem vóór");
        card.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Nee")).click();
        assertThat(me.locator(".flash.ok")).containsText("Niemand ziet");
        assertThat(me.locator("li[data-consultation='" + id + "'] [data-testid=voted]")).isVisible();

        clock.advance(Duration.ofDays(14));
        consultations.closeVotes();
        me = loggedIn(member.username(), "en");
        me.navigate(url("/consultations"));
        // Whoever else is entitled to vote (couriers other tests left on duty count as working), one "no" carries nothing.
        var eligible = consultations.get(id).vote().eligible();
        assertThat(me.locator("li[data-consultation='" + id + "'] [data-testid=vote-result]"))
                .containsText("0 for, 1 against; turnout " + Math.round(100f / eligible) + "% of " + eligible);
        assertThat(me.locator("li[data-consultation='" + id + "'] [data-testid=vote-result]")).containsText("Not carried");
    }
}
