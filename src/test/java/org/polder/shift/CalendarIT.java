package org.polder.shift;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.Sql;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each person's shifts as an iCalendar feed, read back with a real iCalendar parser; it follows every change. */
class CalendarIT extends PolderIT {

    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired Calendars calendars;
    @Autowired JdbcClient jdbc;

    List<VEvent> events(String token) throws Exception {
        Api.Response r = api().get("/calendar/" + token + ".ics");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(r.body()));
        calendar.validate();
        return calendar.getComponents("VEVENT");
    }

    static Instant startOf(VEvent e) {
        return Instant.from(e.getStartDate().orElseThrow().getDate());
    }

    static String value(VEvent e, String property) {
        return e.getProperty(property).orElseThrow().getValue();
    }

    @Test
    void aWorkersPlacesFollowEveryChangeAndOnlyTheyCanReadThem() throws Exception {
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                30, 1, 2000L, null, null, null, null, null, null)).get(0);
        Shift other = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start.plus(Duration.ofDays(1)),
                start.plus(Duration.ofDays(1)).plus(Duration.ofHours(4)), 30, 1, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser worker = fixtures.worker();
        CurrentUser applicant = fixtures.worker();
        selection.apply(worker, s.id());
        selection.apply(applicant, other.id());   // applied only: not in their calendar
        selection.select(cafe.requester(), s.id(), worker.id());

        String token = calendars.token(worker);
        assertThat(calendars.token(worker)).as("the same address each time").isEqualTo(token);
        List<VEvent> mine = events(token);
        assertThat(mine).singleElement().satisfies(e -> {
            assertThat(value(e, "SUMMARY")).isEqualTo(cafe.role().name() + " at " + s.organisation());
            assertThat(startOf(e)).isEqualTo(start);
            assertThat(value(e, "LOCATION")).contains(s.address());
            assertThat(value(e, "STATUS")).isEqualTo("CONFIRMED");
        });
        String uid = value(mine.get(0), "UID");
        assertThat(events(calendars.token(applicant))).isEmpty();

        // The shift moves an hour later: the same event, at the new time, at the next refresh.
        jdbc.sql("UPDATE shift SET starts_at = ?, ends_at = ? WHERE id = ?")
                .params(Sql.ts(start.plus(Duration.ofHours(1))), Sql.ts(start.plus(Duration.ofHours(5))), s.id()).update();
        VEvent moved = events(token).get(0);
        assertThat(value(moved, "UID")).isEqualTo(uid);
        assertThat(startOf(moved)).isEqualTo(start.plus(Duration.ofHours(1)));

        // Cancelled: it stays in the feed marked cancelled, so the calendar drops it.
        shifts.cancel(cafe.requester(), s.id(), "The terrace stays closed: rain all day");
        assertThat(value(events(token).get(0), "STATUS")).isEqualTo("CANCELLED");

        // A new address: the old one stops working; a made-up one never worked.
        String renewed = calendars.renew(worker);
        assertThat(api().get("/calendar/" + token + ".ics").status()).isEqualTo(404);
        assertThat(events(renewed)).hasSize(1);
        assertThat(api().get("/calendar/" + "0".repeat(48) + ".ics").status()).isEqualTo(404);
        assertThat(api().get("/calendar/not-a-token.ics").status()).isEqualTo(404);
    }

    @Test
    void aRequesterSeesTheirOrganisationsShiftsWithPlacesFilledInTheirLanguage() throws Exception {
        Fixtures.Client cafe = fixtures.client();
        Fixtures.Client otherCafe = fixtures.client();
        jdbc.sql("UPDATE account SET language = 'nl' WHERE id = ?").param(cafe.requester().id()).update();
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 2, 2000L, null, null, null, null, null, null)).get(0);
        shifts.post(otherCafe.requester(), new Shifts.ShiftSpec(otherCafe.role().id(), otherCafe.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 1, 2000L, null, null, null, null, null, null));
        CurrentUser worker = fixtures.worker();
        selection.apply(worker, s.id());
        selection.select(cafe.requester(), s.id(), worker.id());

        List<VEvent> theirs = events(calendars.token(fixtures.refreshed(cafe.requester())));
        assertThat(theirs).singleElement().satisfies(e ->
                assertThat(value(e, "SUMMARY")).isEqualTo(cafe.role().name() + ": 1 van 2 plekken gevuld"));
    }
}
