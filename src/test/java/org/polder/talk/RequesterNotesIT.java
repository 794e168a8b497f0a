package org.polder.talk;

import org.junit.jupiter.api.Test;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.notify.NoticeKind;
import org.polder.notify.Notifications;
import org.polder.oversight.AssignmentOwners;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A requester's notes reach only workers who worked for them, within a daily number, and never one who stopped them. */
class RequesterNotesIT extends PolderIT {

    @Autowired RequesterNotes notes;
    @Autowired Notifications notifications;
    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired JdbcClient jdbc;
    @Autowired List<AssignmentOwners> owners;
    @Autowired Accounts accounts;
    @Autowired ApplicationEventPublisher events;

    @Test
    void notesGoOnlyToWorkersWhoWorkedForTheRequesterAndStopWhenTheyAskItTo() throws Exception {
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 1, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser worker = fixtures.worker();
        CurrentUser stranger = fixtures.worker();
        selection.apply(worker, s.id());
        selection.select(cafe.requester(), s.id(), worker.id());

        // From the shift's page: the note reaches the selected worker, leading to where they can stop such notes.
        WebSession ruud = new WebSession(port).login(cafe.requester());
        assertThat(ruud.post("/requester/shifts/" + s.id() + "/note", "/requester/shifts/" + s.id(),
                Map.of("message", "Black shoes, please; come in through the kitchen.")).statusCode()).isEqualTo(302);
        String link = "/notifications/requesters/" + cafe.requester().organisationId();
        assertThat(notifications.mine(worker, 0, 20).items()).filteredOn(n -> n.kind() == NoticeKind.REQUESTER_NOTE).singleElement()
                .satisfies(n -> {
                    assertThat(n.link()).isEqualTo(link);
                    assertThat(n.text().args()).contains("Black shoes, please; come in through the kitchen.");
                });

        // Through the API: a worker who never worked for the café is not told, and the answer says so.
        Api api = api().login(cafe.requester().username(), Fixtures.PASSWORD);
        Api.Response sent = api.post("/api/v1/requester/notes", Map.of("workerIds", List.of(worker.id(), stranger.id()), "message", "Busy Friday ahead"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("told").get(0).asLong()).isEqualTo(worker.id());
        assertThat(sent.json().get("skipped").get(String.valueOf(stranger.id())).asString()).isEqualTo("NOT_YOUR_WORKER");
        assertThat(notifications.mine(stranger, 0, 20).total()).isZero();
        // Bad notes change nothing and say what is wrong.
        assertThat(api.post("/api/v1/requester/notes", Map.of("workerIds", List.of(worker.id()), "message", " ")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/requester/notes", Map.of("workerIds", LongStream.range(0, 101).boxed().toList(), "message", "x")).body())
                .contains("workerIds");
        assertThat(api().login(worker.username(), Fixtures.PASSWORD).post("/api/v1/requester/notes",
                Map.of("workerIds", List.of(stranger.id()), "message", "hi")).status()).isEqualTo(403);

        // The worker stops the café's notes from the page the note led to; the next one does not reach them.
        WebSession me = new WebSession(port).login(worker);
        assertThat(me.get(link).body()).contains("Stop notes from");
        assertThat(me.post(link, link, Map.of("stop", "true")).statusCode()).isEqualTo(302);
        Api.Response after = api.post("/api/v1/requester/notes", Map.of("workerIds", List.of(worker.id()), "message", "Another note"));
        assertThat(after.json().get("skipped").get(String.valueOf(worker.id())).asString()).isEqualTo("STOPPED_NOTES");
        assertThat(notifications.mine(worker, 0, 20).items()).filteredOn(n -> n.kind() == NoticeKind.REQUESTER_NOTE).hasSize(2);
        // Nobody else's page: an organisation that never wrote to the stranger is not found.
        assertThat(new WebSession(port).login(stranger).get(link).statusCode()).isEqualTo(404);
    }

    @Test
    void anOrganisationsDailyNumberOfNotesIsKeptAndANoteOverItChangesNothing() {
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Shift s = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                0, 2, 2000L, null, null, null, null, null, null)).get(0);
        CurrentUser first = fixtures.worker();
        CurrentUser second = fixtures.worker();
        for (CurrentUser w : List.of(first, second)) {
            selection.apply(w, s.id());
            selection.select(cafe.requester(), s.id(), w.id());
        }
        RequesterNotes twoADay = new RequesterNotes(jdbc, owners, accounts, events, clock, 2);
        fixtures.transactions().executeWithoutResult(tx -> twoADay.send(cafe.requester(), List.of(first.id()), "One"));
        assertThatThrownBy(() -> fixtures.transactions().executeWithoutResult(tx -> twoADay.send(cafe.requester(), List.of(first.id(), second.id()), "Two")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.note.limit"));
        assertThat(notifications.mine(second, 0, 20).items()).noneMatch(n -> n.kind() == NoticeKind.REQUESTER_NOTE);
        clock.advance(Duration.ofHours(25));
        fixtures.transactions().executeWithoutResult(tx -> twoADay.send(cafe.requester(), List.of(first.id(), second.id()), "Two"));
        assertThat(notifications.mine(second, 0, 20).items()).anyMatch(n -> n.kind() == NoticeKind.REQUESTER_NOTE);
    }
}
