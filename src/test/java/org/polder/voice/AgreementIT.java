package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.errand.Place;
import org.polder.errand.Pricing;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.work.PayFloor;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A collective agreement, proposed by a union its workers mandate and signed by the platform, sets minimum hourly rates
 * that posting enforces beside the floor, for every kind of work, naming the agreement when it refuses.
 */
class AgreementIT extends AtACooperativeIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    @Autowired
    Shifts shifts;
    @Autowired
    Pricing pricing;
    @Autowired
    PayFloor floor;

    @Test
    void postingEnforcesTheAgreedMinimumForEveryKindOfWork() {
        // A century ahead, and each agreement valid for two days: nothing here binds another test's posting.
        clock.advance(Duration.ofDays(365L * 100));
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        CurrentUser organiser = fixtures.worker();
        CurrentUser member = fixtures.worker();
        long union = admin.post("/api/v1/admin/unions", Map.of("name", Fixtures.unique("FNV Platformwerk"), "description",
                "Platform workers of every kind", "agent", organiser.username())).id();
        Api agent = api().login(organiser.username(), Fixtures.PASSWORD);
        LocalDate from = today().plusDays(1);
        Map<String, Object> terms = new java.util.HashMap<>(Map.of("unionId", union, "name", "CAO Platformwerk", "kind", "MICROTASK",
                "hourlyMinimumCents", 2000, "validFrom", from.toString(), "validUntil", from.plusDays(1).toString()));

        // Only a union that workers mandate proposes, and only through its agent.
        assertThat(agent.post("/api/v1/agreements", terms).status()).as("nobody mandates it yet").isEqualTo(403);
        api().login(member.username(), Fixtures.PASSWORD).post("/api/v1/me/unions/" + union + "/mandate", Map.of());
        assertThat(api().login(member.username(), Fixtures.PASSWORD).post("/api/v1/agreements", terms).status()).isEqualTo(403);
        // Bad terms name the problem and propose nothing.
        int before = agent.get("/api/v1/agreements").json().size();
        assertThat(agent.post("/api/v1/agreements", with(terms, "hourlyMinimumCents", floor.hourlyCents())).body()).contains("hourlyMinimumCents");
        assertThat(agent.post("/api/v1/agreements", with(terms, "kind", "CLEANING")).body()).contains("kind");
        assertThat(agent.post("/api/v1/agreements", with(terms, "role", "Kok")).body()).as("a role is for shifts").contains("role");
        assertThat(agent.post("/api/v1/agreements", with(terms, "validFrom", today().minusDays(1).toString())).body()).contains("validFrom");
        assertThat(agent.get("/api/v1/agreements").json().size()).isEqualTo(before);

        long microtasks = agent.post("/api/v1/agreements", terms).id();
        long cooks = agent.post("/api/v1/agreements", with(with(terms, "kind", "SHIFT"), "role", "Kok")).id();
        Map<String, Object> errandTerms = with(with(terms, "kind", "ERRAND"), "hourlyMinimumCents", 3000);
        long errands = agent.post("/api/v1/agreements", errandTerms).id();
        assertThat(agent.post("/api/v1/admin/agreements/" + microtasks + "/sign", Map.of()).status()).as("the platform signs").isEqualTo(403);
        for (long id : new long[]{microtasks, cooks, errands}) {
            assertThat(admin.post("/api/v1/admin/agreements/" + id + "/sign", Map.of()).json().get("state").asString()).isEqualTo("IN_FORCE");
        }

        // Before its first day, only the floor binds.
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 1_000_000);
        assertThat(fixtures.draft(requester, 2, 13, 1).reward().cents()).isEqualTo(13);
        clock.advance(Duration.ofDays(1));

        // Microtasks: 13 cents for 30 seconds clears the floor (€14.71) but not the agreement's €20.00.
        assertThatThrownBy(() -> fixtures.draft(requester, 2, 13, 1)).isInstanceOf(DomainException.class)
                .hasMessageContaining("CAO Platformwerk").hasMessageContaining("0.17");
        assertThat(fixtures.draft(requester, 2, 17, 1).reward().cents()).isEqualTo(17);

        // Shifts: the cook's minimum holds for a role called Kok, not for the bar.
        Fixtures.Client client = fixtures.client();
        var kok = places().addRole(client.requester(), new org.polder.shift.Places.RoleSpec("kok", "Cooking", null, 0, "White", "Ask Anna", "Anna"));
        Instant start = clock.instant().plus(Duration.ofHours(30));
        assertThatThrownBy(() -> shifts.post(client.requester(), shift(kok.id(), client.location().id(), start, 1_900)))
                .isInstanceOf(DomainException.class).hasMessageContaining("CAO Platformwerk").hasMessageContaining("20.00");
        assertThat(shifts.post(client.requester(), shift(kok.id(), client.location().id(), start, 2_000))).hasSize(1);
        assertThat(shifts.post(client.requester(), shift(client.role().id(), client.location().id(), start, 1_500))).as("the bar").hasSize(1);

        // Errands: the price is raised to the agreement's rate for the errand's time, the line names it.
        Pricing.Quote quote = pricing.quote(new Place("Oudegracht 1, Utrecht", 52.0907, 5.1214), new Place("Biltstraat 100, Utrecht", 52.0940, 5.1340),
                clock.instant());
        assertThat(quote.lines()).anySatisfy(l -> assertThat(l.kind() + " " + l.detail()).isEqualTo("agreement CAO Platformwerk"));
        assertThat(quote.pay()).isEqualTo(PayFloor.lowestReward(3_000, quote.minutes() * 60L));

        // After its last day, only the floor binds again.
        clock.advance(Duration.ofDays(2));
        assertThat(fixtures.draft(requester, 2, 13, 1).reward().cents()).isEqualTo(13);
        assertThat(floor.minimumFor(org.polder.work.WorkKind.SHIFT, "Kok").agreement()).isNull();
    }

    @Autowired
    org.polder.shift.Places shiftPlaces;

    private org.polder.shift.Places places() {
        return shiftPlaces;
    }

    private static Shifts.ShiftSpec shift(long role, long location, Instant start, long rate) {
        return new Shifts.ShiftSpec(role, location, start, start.plus(Duration.ofHours(4)), 30, 1, rate, 24, null, null, null, null, null);
    }

    private static Map<String, Object> with(Map<String, Object> terms, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(terms);
        copy.put(key, value);
        return copy;
    }

    private LocalDate today() {
        return clock.instant().atZone(ZONE).toLocalDate();
    }
}
