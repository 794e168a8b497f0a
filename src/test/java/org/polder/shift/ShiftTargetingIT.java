package org.polder.shift;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.account.WorkerProfiles;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Targeting for shifts, through the same gate as batches: a shift asking for Dutch speakers in Utrecht is in the feed
 * and open to applications only for workers whose own profile says so; others see how many shifts they miss and why.
 */
class ShiftTargetingIT extends PolderIT {

    @Autowired
    Shifts shifts;
    @Autowired
    Selection selection;
    @Autowired
    WorkerProfiles profiles;

    @Test
    void aShiftAskingForDutchInUtrechtReachesOnlyWorkersWhoSaySo() throws Exception {
        Fixtures.Client c = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)), 0,
                2, 2000L, null, null, null, null, null, null, null, List.of("NL"), List.of("nl-ut"))).get(0);
        assertThat(s.languages()).containsExactly("nl");
        assertThat(s.regions()).containsExactly("NL-UT");

        CurrentUser dutch = fixtures.worker();
        profiles.set(dutch, List.of("nl"), "NL-UT");
        CurrentUser elsewhere = fixtures.worker();
        profiles.set(elsewhere, List.of("nl"), "NL-GR");
        CurrentUser silent = fixtures.worker();

        Shifts.FeedFilter all = new Shifts.FeedFilter(null, null, null, null, null, null, null, null);
        assertThat(shifts.feed(dutch, all)).extracting(i -> i.shift().id()).contains(s.id());
        assertThat(shifts.feed(silent, all)).extracting(i -> i.shift().id()).doesNotContain(s.id());
        assertThat(shifts.hiddenByProfile(silent)).isPositive();
        assertThat(shifts.hiddenByProfile(dutch)).isZero();
        assertThatThrownBy(() -> selection.apply(silent, s.id())).hasMessageContaining("speak nl");
        assertThatThrownBy(() -> selection.apply(elsewhere, s.id())).hasMessageContaining("living in Utrecht");
        assertThat(selection.apply(dutch, s.id()).state()).isEqualTo(Application.State.APPLIED);

        // A requester cannot select someone the shift does not reach; the reason is not told (it is the worker's profile).
        assertThatThrownBy(() -> selection.select(c.requester(), s.id(), elsewhere.id())).isInstanceOf(RuntimeException.class);

        // The feed page says how many shifts the profile leaves out, with the way to the profile.
        String page = new WebSession(port).login(silent).get("/shifts").body();
        assertThat(page).contains("data-testid=\"hidden-by-profile\"").contains("/me/profile");

        // Bad input names the field and posts nothing.
        int before = shifts.ofOrganisation(c.requester()).size();
        assertThatThrownBy(() -> shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 1, 2000L, null, null, null, null, null, null, null, List.of(), List.of("Mordor")))).hasMessageContaining("regions: Mordor");
        assertThatThrownBy(() -> shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 1, 2000L, null, null, null, null, null, null, null, List.of("xx"), List.of()))).hasMessageContaining("languages: xx");
        assertThat(shifts.ofOrganisation(c.requester())).hasSize(before);

        // Through the API: the requester posts a targeted shift; the worker states the language and can apply.
        Api requester = api().login(c.requester().username(), Fixtures.PASSWORD);
        var posted = requester.post("/api/v1/shifts", Map.of("roleId", c.role().id(), "locationId", c.location().id(),
                "startsAt", start.plus(Duration.ofDays(1)).toString(), "endsAt", start.plus(Duration.ofDays(1)).plus(Duration.ofHours(4)).toString(),
                "hourlyRate", 2000, "languages", List.of("de")));
        assertThat(posted.status()).isEqualTo(201);
        long german = posted.json().path("shifts").path(0).path("id").asLong();
        Api worker = api().login(silent.username(), Fixtures.PASSWORD);
        assertThat(worker.post("/api/v1/shifts/" + german + "/apply", Map.of()).status()).isEqualTo(403);
        assertThat(worker.put("/api/v1/me/profile", Map.of("languages", List.of("de"))).status()).isEqualTo(200);
        assertThat(worker.post("/api/v1/shifts/" + german + "/apply", Map.of()).status()).isEqualTo(201);
    }
}
