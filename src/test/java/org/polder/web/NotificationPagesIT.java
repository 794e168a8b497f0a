package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A notice reaches a page that is already open, in the reader's language, and the notification centre lists it. */
class NotificationPagesIT extends BrowserIT {

    @Autowired Shifts shifts;
    @Autowired Selection selection;

    @Test
    void aPlaceOnAShiftArrivesLiveOnAnOpenPageAndInTheCentre() {
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 1, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser worker = fixtures.worker();
        selection.apply(worker, s.id());

        // The worker has another page open, at phone width, in Dutch; nothing is unread yet.
        Page open = loggedIn(worker.username(), "nl");
        open.setViewportSize(390, 844);
        open.navigate(url("/me/earnings"));
        assertThat(open.locator("a[data-notices] [data-unread]")).isHidden();
        // The café's requester, on their own page, is told of the applicant.
        Page requester = loggedIn(cafe.requester().username(), "en");
        requester.navigate(url("/notifications"));
        assertThat(requester.locator("li[data-kind=APPLICANT]")).containsText(worker.displayName() + " applied for " + cafe.role().name() + " on ");

        selection.select(cafe.requester(), s.id(), worker.id());
        // Without reloading: the count goes up and the notice shows at the foot of the screen, in Dutch.
        assertThat(open.locator("a[data-notices] [data-unread]")).hasText("1");
        assertThat(open.locator("#notice-toast")).containsText("Je hebt een plek in dienst " + s.id());
        assertThat(open.locator("#notice-toast")).isInViewport();

        open.navigate(url("/notifications"));
        var notice = open.locator("li[data-kind=SHIFT]");
        assertThat(notice).containsText("Dienst");
        assertThat(notice).containsText("nieuw");
        notice.locator("button").click();
        open.waitForURL("**/me/shifts");
        assertThat(open.locator("a[data-notices] [data-unread]")).isHidden();

        // How they are told: the service worker installs from this site, and choices per kind are kept.
        open.navigate(url("/notifications/settings"));
        Object registered = open.evaluate("() => navigator.serviceWorker.register('/sw.js').then(r => r.active !== undefined, e => String(e))");
        org.assertj.core.api.Assertions.assertThat(registered).isEqualTo(true);
        assertThat(open.locator("[data-push-subscribe]")).isVisible();
        open.locator("input[name=byPush][value=WORK_REVIEWED]").check();
        open.locator("input[name=byPush][value=SHIFT]").uncheck();
        open.locator("button:has-text('Keuzes opslaan')").click();
        assertThat(open.locator(".flash.ok")).containsText("opgeslagen");
        assertThat(open.locator("input[name=byPush][value=WORK_REVIEWED]")).isChecked();
        assertThat(open.locator("input[name=byPush][value=SHIFT]")).not().isChecked();
    }
}
