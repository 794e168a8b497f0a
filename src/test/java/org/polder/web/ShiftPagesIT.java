package org.polder.web;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A shift on the pages: post, apply, select, check in, check out, counter, accept, paid. */
class ShiftPagesIT extends BrowserIT {

    @Autowired
    Ledger ledger;
    @Autowired
    org.polder.shift.Places places;
    @Autowired
    org.polder.shift.Shifts shifts;
    @Autowired
    org.polder.shift.Selection selection;
    @Autowired
    org.polder.shift.Hours hours;

    @Test
    void aRequesterConfirmsOvertimeOnAPhoneInDutch() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        CurrentUser worker = fixtures.worker();
        var location = places.addLocation(requester, new org.polder.shift.Places.LocationSpec("Café", "Kade 1, Amsterdam", 52.37, 4.9));
        var role = places.addRole(requester, new org.polder.shift.Places.RoleSpec("Bar", "", null, 0, "", "", ""));
        java.time.Instant start = clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        var shift = shifts.post(requester, new org.polder.shift.Shifts.ShiftSpec(role.id(), location.id(), start, start.plus(Duration.ofHours(4)),
                30, 1, 2000L, 24, null, null, null, null, null)).get(0);
        selection.apply(worker, shift.id());
        long assignment = selection.select(requester, shift.id(), worker.id()).assignmentId();
        hours.checkIn(worker, assignment, null);
        clock.advance(Duration.ofHours(5).plusMinutes(30));
        hours.checkOut(worker, assignment, new org.polder.shift.Hours.Times(start, start.plus(Duration.ofHours(5)), 30));

        Page client = loggedIn(requester.username(), "nl");
        client.setViewportSize(390, 844);
        client.navigate(url("/requester/shifts/" + shift.id()));
        assertThat(client.locator("[data-testid=applicant]")).containsText("Opgegeven");   // the hours show on a phone too
        Locator accept = client.locator("form[action$='/accept'] button");
        assertThat(accept).isInViewport();
        assertThat(accept).hasText("Uren accepteren met 60 minuten overwerk (betaald van je saldo)");
        accept.click();
        assertThat(client.locator(".flash.ok")).isVisible();
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(9000);   // 4.5 h at €20.00
        assertThat(ledger.audit()).isEmpty();
    }

    /** The café's walk on the desktop, with a worker, all in one language. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "nl"})
    void postApplySelectCheckInCheckOutCounterAcceptPaid(String lang) {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        CurrentUser worker = fixtures.worker();
        String roleName = Fixtures.unique("Barista");

        Page client = loggedIn(requester.username(), lang);
        client.navigate(url("/requester/shifts"));
        assertThat(client.locator("main")).containsText(text(lang, "shift.post.first"));
        Locator location = client.locator("form[action='/requester/shift-locations']");
        location.locator("input[name=name]").fill("Koffiebar Damrak");
        // The address is found by search: the café owner types and chooses; nobody types coordinates.
        location.locator("input[name=address]").pressSequentially("damrak 7", new Locator.PressSequentiallyOptions().setDelay(20));
        assertThat(location.locator("[role=option]")).hasCount(1);
        location.locator("[role=option]").first().click();
        assertThat(location.locator("[data-address-status]")).hasText(text(lang, "places.found", "Damrak 70, 1012LM Amsterdam"));
        location.locator("button[type=submit]").click();
        assertThat(client.locator(".flash.ok")).hasText(text(lang, "shift.locationAdded"));
        assertThat(client.locator("main")).containsText("Damrak 70, 1012LM Amsterdam");
        Locator role = client.locator("form[action='/requester/shift-roles']");
        role.locator("input[name=name]").fill(roleName);
        role.locator("input[name=skills]").fill("Espresso, milk foam");
        role.locator("button").click();
        assertThat(client.locator(".flash.ok")).hasText(text(lang, "shift.roleAdded"));

        // A shift starting in 20 minutes, 4 hours, 30 minutes' break, €20.00 an hour: the form takes local times.
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        LocalDateTime start = LocalDateTime.ofInstant(clock.instant().plus(Duration.ofMinutes(20)), zone).truncatedTo(ChronoUnit.MINUTES);
        Locator post = client.locator("#post-shift");
        post.locator("select[name=roleId]").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(roleName));
        post.locator("input[name=date]").fill(start.toLocalDate().toString());
        post.locator("input[name=startTime]").fill(start.toLocalTime().toString());
        post.locator("input[name=endTime]").fill(start.plusHours(4).toLocalTime().toString());
        post.locator("input[name=hourlyRate]").fill("20.00");
        post.locator("select[name=cancellationHours]").selectOption("24");
        post.locator("button[type=submit]").click();
        assertThat(client.locator(".flash.ok")).hasText(text(lang, "shift.posted", 1));
        String shiftPage = client.url();

        Page me = loggedIn(worker.username(), lang);
        me.navigate(url("/shifts?role=" + roleName));
        Locator card = me.locator("[data-testid=shift]", new Page.LocatorOptions().setHasText(roleName));
        assertThat(card).containsText(text(lang, "shift.pay", euros(lang, "20.00"), euros(lang, "70.00")));
        assertThat(card.locator("[data-testid=client-record]")).containsText(text(lang, "shift.client.new", 0));
        card.locator("button").click();
        assertThat(me.locator(".flash.ok")).hasText(text(lang, "shift.applied"));

        client.navigate(shiftPage);
        Locator applicant = client.locator("[data-testid=applicant]", new Page.LocatorOptions().setHasText(worker.displayName()));
        assertThat(applicant).containsText(text(lang, "shift.record.line", 0, "", "").split("·")[0].strip());
        applicant.locator("form[action$='/select'] button").click();
        assertThat(client.locator(".flash.ok")).hasText(text(lang, "shift.applicant.SELECTED"));

        me.navigate(url("/me/shifts"));
        assertThat(me.locator("[data-testid=application]")).hasText(text(lang, "shift.application.SELECTED"));
        me.locator("form[action$='/check-in'] button").click();
        assertThat(me.locator(".flash.ok")).hasText(text(lang, "shift.checkedIn"));

        clock.advance(Duration.ofHours(5));
        me.navigate(url("/me/shifts"));
        Locator out = me.locator("form[action$='/check-out']");
        out.locator("input[name=start]").fill(start.toString());
        out.locator("input[name=end]").fill(start.plusHours(4).toString());
        out.locator("input[name=breakMinutes]").fill("30");
        out.locator("button").click();
        assertThat(me.locator(".flash.ok")).hasText(text(lang, "shift.checkedOut"));

        client.navigate(shiftPage);
        Locator counter = client.locator("form[action$='/counter']");
        counter.locator("input[name=breakMinutes]").fill("90");
        counter.locator("input[name=reason]").fill("You took a long break");
        counter.locator("button").click();
        assertThat(client.locator(".flash.ok")).hasText(text(lang, "shift.countered"));

        me.navigate(url("/me/shifts"));
        assertThat(me.locator("[data-testid=counter]")).containsText("You took a long break");
        me.locator("form[action$='/accept-counter'] button").click();
        assertThat(me.locator(".flash.ok")).hasText(text(lang, "shift.counterAccepted"));
        assertThat(me.locator("[data-testid=hours-state]")).hasText(text(lang, "shift.hours.SETTLED"));
        assertThat(me.locator("[data-testid=paid]")).containsText(euros(lang, "50.00"));
        assertThat(ledger.balance(LedgerAccount.worker(worker.id()))).isEqualTo(5000);   // 2.5 h at €20.00
        assertThat(ledger.audit()).isEmpty();

        // The worker rates the client from their shifts page.
        String rating = "#rating-" + me.locator("[data-testid=invoice]").getAttribute("href").replaceAll("\\D", "");
        me.click(rating + " summary");
        for (String q : new String[]{"pay", "clarity", "communication", "fairness"}) {
            me.selectOption(rating + "-" + q, "4");
        }
        me.click(rating + " button");
        assertThat(me.locator(".flash.ok")).isVisible();
        assertThat(me.url()).endsWith("/me/shifts");

        // The invoice: the worker's, and the client's for the month, as a page and as a PDF.
        me.click("[data-testid=invoice]");
        assertThat(me.locator("h1")).containsText(text(lang, "invoice.title", "W" + worker.id() + "-"));
        assertThat(me.locator("[data-testid=invoice-line]")).containsText("2 h 30 min");
        assertThat(me.locator("[data-testid=invoice-total]")).containsText(euros(lang, "60.00"));        // €50.00 pay and €10.00 fee
        assertThat(me.locator("[data-testid=invoice-terms]")).hasText(text(lang, "invoice.terms"));
        com.microsoft.playwright.Download download = me.waitForDownload(() -> me.click("[data-testid=invoice-pdf]"));
        byte[] pdf = readAll(download);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(pdf.length).isGreaterThan(1000);

        client.navigate(url("/requester/shifts"));
        client.click("[data-testid=collective-invoice]");
        assertThat(client.locator("[data-testid=invoice-line]")).containsText(worker.displayName());
        assertThat(client.locator("[data-testid=invoice-work]")).containsText(euros(lang, "50.00"));
        // This month is still going on: a statement so far, numbered when the month has ended.
        assertThat(client.locator("h1")).hasText(text(lang, "invoice.statement"));
        assertThat(client.locator("[data-testid=invoice-number]")).hasText(text(lang, "invoice.numberLater"));
        // Another month, picked on the page: nothing was settled then.
        String earlier = java.time.YearMonth.from(clock.instant().atZone(ZoneId.of("Europe/Amsterdam"))).minusMonths(2).toString();
        client.locator("[data-testid=invoice-period] input[name=month]").fill(earlier);
        client.click("[data-testid=invoice-period] button");
        assertThat(client.locator("body")).containsText(text(lang, "invoice.empty"));
    }

    /** An amount as the page writes it in that language: "€20.00" or "€ 20,00". */
    private static String euros(String lang, String amount) {
        return lang.equals("nl") ? "€ " + amount.replace('.', ',') : "€" + amount;
    }

    private static byte[] readAll(com.microsoft.playwright.Download download) {
        try {
            return java.nio.file.Files.readAllBytes(download.path());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDomainProblemIsShownOnThePageInTheReadersLanguageAndNothingIsPosted() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 100_000);
        Page client = loggedIn(requester.username(), "nl");
        client.navigate(url("/requester/shifts"));
        Locator location = client.locator("form[action='/requester/shift-locations']");
        location.locator("input[name=name]").fill("Winkel");
        location.locator("input[name=address]").fill("Straat 1");
        location.locator("details.coordinates summary").click();
        location.locator("input[name=latitude]").fill("52.1");
        location.locator("input[name=longitude]").fill("5.1");
        location.locator("button[type=submit]").click();
        Locator role = client.locator("form[action='/requester/shift-roles']");
        role.locator("input[name=name]").fill("Kassa");
        role.locator("button").click();
        Locator post = client.locator("#post-shift");
        post.locator("input[name=date]").fill(LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Europe/Amsterdam")).toLocalDate().plusDays(3).toString());
        post.locator("input[name=hourlyRate]").fill("9.00");
        post.locator("button[type=submit]").click();
        assertThat(client.locator(".flash.error")).containsText("Het uurloon moet minstens de uurloonvloer");
        assertThat(client.locator("main")).containsText("Nog geen diensten.");
    }
}
