package org.polder.account;

import org.junit.jupiter.api.Test;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation says which kinds of work it posts; its start page and menu follow. A café's shift list
 * counts applicants, selected workers and open places.
 */
class OrganisationKindsIT extends PolderIT {

    @Autowired
    Accounts accounts;
    @Autowired
    Shifts shifts;
    @Autowired
    Selection selection;

    private String register(String username, List<String> kinds) {
        Api.Response r = api().post("/api/v1/accounts", Map.of("username", username, "password", Fixtures.PASSWORD, "displayName", "Anna Bakker",
                "role", "REQUESTER", "organisationName", Fixtures.unique("Bakkerij"), "kinds", kinds));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return username;
    }

    @Test
    void aBakeryThatPostsErrandsStartsAtItsErrandsAndItsMenuShowsThemFirst() throws Exception {
        String baker = register(Fixtures.unique("baker"), List.of("ERRAND", "SHIFT"));
        WebSession web = new WebSession(port).login(baker, Fixtures.PASSWORD);

        assertThat(web.get("/start").headers().firstValue("Location").orElse("")).endsWith("/requester/errands");
        String menu = web.get("/requester/errands").body();
        assertThat(menu).contains("href=\"/requester/errands\"").contains("href=\"/requester/shifts\"").doesNotContain("href=\"/requester/batches\"");
        assertThat(menu.indexOf("href=\"/requester/errands\"")).isLessThan(menu.indexOf("href=\"/requester/shifts\""));
    }

    @Test
    void theKindsChangeOnTheOrganisationPageAndAWrongChoiceChangesNothing() throws Exception {
        String owner = register(Fixtures.unique("cafe"), List.of("SHIFT"));
        WebSession web = new WebSession(port).login(owner, Fixtures.PASSWORD);
        long org = accounts.byUsername(owner).orElseThrow().organisationId();

        HttpResponse<String> none = web.post("/requester/organisation/kinds", "/requester/organisation", Map.of());
        assertThat(none.headers().firstValue("Location").orElse("")).endsWith("/requester/organisation");
        assertThat(web.get("/requester/organisation").body()).contains("Choose at least one kind of work.");
        web.post("/requester/organisation/kinds", "/requester/organisation", Map.of("kinds", "PIZZA"));
        assertThat(accounts.kindsOf(org)).containsExactly("SHIFT");

        web.post("/requester/organisation/kinds", "/requester/organisation", Map.of("kinds", "MICROTASK"));
        assertThat(accounts.kindsOf(org)).containsExactly("MICROTASK");
        assertThat(web.get("/requester/organisation").body()).contains("Saved: your menu shows this work now.")
                .contains("href=\"/requester/batches\"").doesNotContain("href=\"/requester/shifts\"");
        assertThat(web.get("/start").headers().firstValue("Location").orElse("")).endsWith("/requester/batches");

        // A worker has no organisation to change.
        WebSession worker = new WebSession(port).login(fixtures.worker());
        assertThat(worker.get("/requester/organisation").statusCode()).isEqualTo(403);
    }

    @Test
    void registeringWithAKindThatDoesNotExistIsRefusedWhole() {
        String username = Fixtures.unique("odd");
        Api.Response r = api().post("/api/v1/accounts", Map.of("username", username, "password", Fixtures.PASSWORD, "displayName", "Odd",
                "role", "REQUESTER", "organisationName", Fixtures.unique("Odd"), "kinds", List.of("SHIFT", "PIZZA")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).startsWith("kinds: one or more of [MICROTASK, SHIFT, ERRAND]");
        assertThat(accounts.byUsername(username)).isEmpty();
        // Help at home is booked by households, not posted by a business.
        Api.Response home = api().post("/api/v1/accounts", Map.of("username", username, "password", Fixtures.PASSWORD, "displayName", "Odd",
                "role", "REQUESTER", "organisationName", Fixtures.unique("Odd"), "kinds", List.of("HOME")));
        assertThat(home.status()).isEqualTo(400);
        assertThat(accounts.byUsername(username)).isEmpty();
    }

    @Test
    void theShiftListCountsApplicantsSelectedAndOpenPlaces() throws Exception {
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(4)).plus(Duration.ofHours(10));
        Shift shift = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                30, 3, 1600L, 24, null, null, null, null, null)).get(0);
        var first = fixtures.worker();
        selection.apply(first, shift.id());
        selection.apply(fixtures.worker(), shift.id());
        selection.apply(fixtures.worker(), shift.id());
        selection.select(cafe.requester(), shift.id(), first.id());

        String page = new WebSession(port).login(cafe.requester()).get("/requester/shifts").body();
        assertThat(page).contains("2 applicants waiting · 1 selected · 2 places open");
    }
}
