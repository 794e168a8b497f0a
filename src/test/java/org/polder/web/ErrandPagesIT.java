package org.polder.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.polder.account.CurrentUser;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.OutsideServices;
import org.polder.testing.BrowserIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** An errand on the pages: a courier goes on duty, a shop prices and books, the courier accepts and delivers, the receiver follows. */
class ErrandPagesIT extends BrowserIT {

    @Autowired
    Ledger ledger;

    @Autowired
    Errands errands;

    /** The bakery on the desktop, the courier on a 390 px phone and the receiver, all in one language. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "nl"})
    void priceBookAcceptDeliverWithPinAndTrack(String lang) {
        // A made-up town of this test's own, far from every other test's couriers.
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 50_000);
        CurrentUser worker = fixtures.worker();

        // The courier, on a phone-sized page, goes on duty and, the phone giving no location, says where they are: 500 m from the shop.
        Page courier = loggedIn(worker.username(), lang);
        courier.setViewportSize(390, 844);
        courier.navigate(url("/courier"));
        assertThat(courier.locator("[data-testid=duty]")).containsText(text(lang, "courier.offDuty"));
        courier.locator("[data-testid=duty-toggle]").click();
        assertThat(courier.locator("[data-testid=duty]")).containsText(text(lang, "courier.onDuty"));
        courier.locator("details summary").first().click();
        courier.locator("#position-address").fill(OutsideServices.madeUp("Molenweg", 6, town));
        courier.locator("form[action='/courier/position'] button[type=submit]").click();
        assertThat(courier.locator(".flash.ok")).hasText(text(lang, "courier.positionFlash"));

        // The shop sees the price, line by line, before booking.
        Page client = loggedIn(shop.username(), lang);
        client.navigate(url("/requester/errands"));
        Locator form = client.locator("#errand-form");
        // The pickup is chosen from the suggestions; the drop-off address alone is looked up when pricing.
        form.locator("input[name=pickupAddress]").pressSequentially(OutsideServices.madeUp("Molenweg", 1, town),
                new Locator.PressSequentiallyOptions().setDelay(5));
        form.locator("#pickup-address-suggestions [role=option]").first().click();
        assertThat(form.locator("input[name=pickupLatitude]")).not().hasValue("");
        form.locator("input[name=dropoffAddress]").fill(OutsideServices.madeUp("Molenweg", 21, town));
        form.locator("input[name=receiver]").fill("Sam");
        form.locator("input[name=notes]").fill("Keep upright");
        form.locator("button[type=submit]").click();
        assertThat(client.locator("[data-testid=quote]")).containsText(text(lang, "errand.line.distance", lang.equals("nl") ? "2,0 km" : "2.0 km"));
        assertThat(form.locator("input[name=dropoffAddress]")).hasValue("Molenweg 21, 9999ZZ Testdorp-" + town);
        String total = client.locator("[data-testid=quote-total]").textContent();
        client.locator("[data-testid=book]").click();
        assertThat(client.locator(".flash.ok")).hasText(textPattern(lang, "errand.booked"));
        assertThat(client.locator("[data-testid=state]")).hasText(text(lang, "errand.state.OFFERING"));
        assertThat(client.locator("main")).containsText(total);
        // The street map shows with its tiles, and the drawn map gives way to it.
        assertThat(client.locator("[data-testid=street-map] img.leaflet-tile-loaded").first()).isVisible();
        assertThat(client.locator("[data-testid=street-map] .leaflet-tooltip").first()).hasText(text(lang, "errand.map.a") + ": " + text(lang, "errand.pickup"));
        assertThat(client.locator("[data-testid=map]")).isHidden();
        String pin = client.locator("[data-testid=pin]").textContent().strip();
        String tracking = client.locator("[data-testid=tracking]").getAttribute("href");

        // The receiver's page needs no login and shows the PIN.
        Page receiver = browserFor(lang);
        receiver.navigate(url(tracking));
        assertThat(receiver.locator("[data-testid=pin]")).containsText(pin);
        assertThat(receiver.locator("[data-testid=courier-dot]")).hasCount(0);

        // The offer reaches the courier's page by itself; they accept and go step by step.
        // It arrives pushed, well before the page's own 10-second refresh, with Accept on the phone's first screen.
        assertThat(courier.locator("[data-testid=offer]")).containsText(textBefore(lang, "courier.offer"),
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(3_000));
        assertThat(courier.locator("[data-testid=accept]")).isInViewport();
        courier.evaluate("window.samePage = true");
        courier.locator("[data-testid=accept]").click();
        assertThat(courier.locator(".flash.ok")).hasText(text(lang, "courier.acceptedFlash"));
        // The phone's map app takes the courier to the pickup.
        assertThat(courier.locator("[data-testid=navigate-geo]")).hasAttribute("href",
                java.util.regex.Pattern.compile("^geo:-?\\d+\\.\\d{6},-?\\d+\\.\\d{6}\\?q="));
        // Each step updates the errand in place, without reloading the page.
        courier.locator("[data-testid=next-step]").click();
        assertThat(courier.locator("[data-testid=current] h2")).containsText(text(lang, "errand.state.AT_PICKUP"));
        courier.locator("[data-testid=next-step]").click();
        assertThat(courier.locator("[data-testid=current]")).containsText(text(lang, "errand.state.PICKED_UP"));
        assertThat(courier.evaluate("window.samePage")).as("no reload since the offer").isEqualTo(true);
        receiver.reload();
        assertThat(receiver.locator("[data-testid=state]")).hasText(text(lang, "track.state.PICKED_UP"));
        assertThat(receiver.locator("[data-testid=courier-dot]")).hasCount(1);

        courier.locator("input[name=pin]").fill(pin.equals("0000") ? "1111" : "0000");
        courier.locator("[data-testid=deliver]").click();
        assertThat(courier.locator(".flash.error")).hasText(textPattern(lang, "problem.errand.wrongPin"));
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isZero();
        courier.locator("input[name=pin]").fill(pin);
        courier.locator("[data-testid=deliver]").click();
        assertThat(courier.locator(".flash.ok")).hasText(text(lang, "courier.deliveredFlash"));
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isPositive();

        receiver.reload();
        assertThat(receiver.locator("[data-testid=state]")).hasText(text(lang, "track.state.DELIVERED"));
        assertThat(receiver.locator("[data-testid=pin]")).hasCount(0);
        assertThat(receiver.locator("[data-testid=courier-dot]")).hasCount(0);
        client.reload();
        assertThat(client.locator("[data-testid=state]")).hasText(text(lang, "errand.state.DELIVERED"));
        // Offered, accepted, at the pickup, picked up, delivered (straight from picked up: at the drop-off is optional).
        assertThat(client.locator("[data-testid=history] li")).hasCount(5);

        // Another shop cannot open it.
        Page other = loggedIn(fixtures.requester().username(), lang);
        assertThat(other.navigate(client.url()).status()).isEqualTo(404);
    }

    @Test
    void whenNoTileLoadsTheDrawnMapShows() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 50_000);
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        var errand = errands.book(shop, errands.located(shop, new Errands.ErrandSpec(new Place(OutsideServices.madeUp("Molenweg", 1, town), null, null),
                new Place(OutsideServices.madeUp("Molenweg", 9, town), null, null), "Sam", null, null, "", null, null), Locale.ENGLISH));
        OutsideServices.tilesDown = true;
        try {
            Page client = loggedIn(shop.username(), "en");
            client.navigate(url("/requester/errands/" + errand.id()));
            assertThat(client.locator("[data-testid=map]")).isVisible();
            assertThat(client.locator("[data-testid=street-map]")).not().isVisible();
        } finally {
            OutsideServices.tilesDown = false;
        }
    }
}
