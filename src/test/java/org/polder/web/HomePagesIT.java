package org.polder.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Geolocation;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.home.Bookings;
import org.polder.notify.NoticeKind;
import org.polder.notify.Notifications;
import org.polder.testing.BrowserIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Help at home on the pages: a household books weekly cleaning (in Dutch), a cleaner says what she offers and takes it
 * (in English), checks in at the door with her phone's position, raises the alarm, checks out, and the household
 * confirms the hours and reads its statement.
 */
class HomePagesIT extends BrowserIT {

    @Autowired Bookings bookings;
    @Autowired Notifications notifications;

    @Test
    void aHouseholdBooksACleanerTakesItWorksItSafelyAndIsPaid() {
        CurrentUser household = fixtures.household(100_000);
        CurrentUser cleaner = fixtures.worker();
        CurrentUser contact = fixtures.worker();
        double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
        double lng = ThreadLocalRandom.current().nextDouble(-150, 150);

        // The household books: cleaning, every week, tomorrow at nine, three hours, with its address and what to do.
        Page home = loggedIn(household.username(), "nl");
        home.navigate(url("/start"));
        home.click("nav >> text=Hulp in huis");
        home.selectOption("#service", "CLEANING");
        home.fill("#book-address", "Oudegracht 200, 3511 NR Utrecht");
        home.click("#book-form details.coordinates summary");
        home.fill("#book-form [name=latitude]", Double.toString(lat));
        home.fill("#book-form [name=longitude]", Double.toString(lng));
        home.fill("#book-form [name=time]", "09:00");
        home.fill("#tasks", "Keuken, badkamer en de vloeren");
        home.check("#book-form [name=weekly]");
        home.click("#book-form button[type=submit]");
        assertThat(home.locator(".flash.ok")).containsText("Geboekt");
        assertThat(home.locator("[data-testid=visit]")).hasCount(4);
        long bookingId = Long.parseLong(home.url().replaceAll(".*/household/bookings/(\\d+).*", "$1"));

        // The cleaner says what she offers, sees the booking without its address, and takes it.
        Page work = loggedIn(cleaner.username(), "en");
        work.context().grantPermissions(List.of("geolocation"));
        work.context().setGeolocation(new Geolocation(lat + 0.0004, lng));
        work.navigate(url("/work"));
        work.click("nav >> text=Help at home");
        assertThat(work.locator("[data-testid=no-offer]")).isVisible();
        work.click("[data-testid=no-offer] a");
        work.check("input[name=services][value=CLEANING]");
        work.fill("#offer-area", "Where I live");
        work.click("details.coordinates summary");
        work.fill("[name=latitude]", Double.toString(lat + 0.01));
        work.fill("[name=longitude]", Double.toString(lng));
        for (int day = 1; day <= 7; day++) {
            work.fill("[name=from" + day + "]", "08:00");
            work.fill("[name=until" + day + "]", "18:00");
        }
        work.fill("#contactUsername", contact.username());
        work.click("main form button[type=submit]");
        assertThat(work.locator(".flash.ok")).containsText("Saved");
        work.navigate(url("/me/visits"));
        work.click("[data-testid=openings-link]");
        var opening = work.locator("[data-testid=opening]");
        assertThat(opening).containsText("3511 Utrecht");
        assertThat(opening).not().containsText("Oudegracht");
        assertThat(opening.locator("[data-testid=household-record]")).containsText("0 visits kept");
        opening.locator("button").click();
        assertThat(work.locator(".flash.ok")).containsText("The booking is yours");
        assertThat(work.locator("[data-testid=visit-address]").first()).containsText("Oudegracht 200");

        // At the door, ten minutes early: her phone's position is asked once, and she is in.
        var first = bookings.visits(bookingId).get(0);
        clock.advance(Duration.between(clock.instant(), first.startsAt().minus(Duration.ofMinutes(10))));
        work.navigate(url("/me/visits"));
        work.locator("#visit-" + first.id() + " form[data-locate] button").click();
        assertThat(work.locator(".flash.ok")).containsText("Checked in");

        // Something is wrong: the alarm reaches her contact and the moderators.
        work.locator("#visit-" + first.id() + " [data-testid=alarm]").click();
        assertThat(work.locator(".flash.ok")).containsText("Alarm sent to @" + contact.username() + ", the moderators");
        assertThat(notifications.mine(contact, 0, 10).items()).anyMatch(n -> n.kind() == NoticeKind.ALARM);

        // All right in the end: she checks out after three hours and says so.
        clock.advance(Duration.ofHours(3));
        work.navigate(url("/me/visits"));
        var visit = work.locator("#visit-" + first.id());
        visit.locator("input[name=feltSafe][value=true]").check();
        visit.locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Check out")).click();
        assertThat(work.locator(".flash.ok")).containsText("Checked out");

        // The household confirms the hours; the cleaner is paid; the statement says what the rule asks.
        home.navigate(url("/household/bookings/" + bookingId));
        home.locator("#visit-" + first.id() + " button", new Page.LocatorOptions().setHasText("Bevestig de uren")).click();
        assertThat(home.locator(".flash.ok")).containsText("betaald");
        LocalDate day = first.startsAt().atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate();
        home.navigate(url("/household/statement?year=" + day.getYear() + "&month=" + day.getMonthValue()));
        assertThat(home.locator("[data-testid=statement-wages]")).containsText("51,84");
        assertThat(home.locator("[data-testid=statement-holiday]")).containsText("3,84");
        assertThat(home.locator("[data-testid=statement-rule]")).containsText("geen btw");
        work.navigate(url("/me/visits"));
        assertThat(work.locator("#visit-" + first.id())).containsText("Paid: €51.84");
    }
}
