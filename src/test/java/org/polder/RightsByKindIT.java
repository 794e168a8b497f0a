package org.polder;

import org.polder.microtask.MicrotaskDecision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.errand.Delivery;
import org.polder.errand.Dispatch;
import org.polder.errand.Duty;
import org.polder.errand.Errand;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.export.AuthorityReport;
import org.polder.export.Exports;
import org.polder.ledger.PayPerActiveHour;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.oversight.Appeal;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.oversight.RequesterRatings;
import org.polder.oversight.SafetyReport;
import org.polder.oversight.SafetyReports;
import org.polder.oversight.Suspensions;
import org.polder.shift.Application;
import org.polder.shift.Hours;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.polder.testing.Zips;
import org.polder.work.PayFloor;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every right of RIGHTS.md for every kind of work, through what a worker of that kind uses: each test runs
 * once for microtasks, shifts, errands and visits to homes. The README's table of rights by kind names
 * these tests.
 */
class RightsByKindIT extends PolderIT {

    @Autowired org.polder.errand.internal.DutyTime dutyTime;

    /** Seconds on duty per worker in [from, to), as pay per active hour and the authority report count them. */
    java.util.Map<Long, Long> dutySeconds(java.time.Instant from, java.time.Instant to) {
        return dutyTime.secondsByWorker(from, to);
    }

    @Autowired Claiming claiming;
    @Autowired org.polder.ledger.Statements statements;
    @Autowired org.polder.oversight.Blocks blocks;
    @Autowired org.polder.ledger.Ledger ledger;
    @Autowired org.polder.account.Accounts accounts;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;
    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired Hours hours;
    @Autowired Errands errands;
    @Autowired Dispatch dispatch;
    @Autowired Delivery delivery;
    @Autowired Duty duty;
    @Autowired Suspensions suspensions;
    @Autowired Decisions decisions;
    @Autowired Appeals appeals;
    @Autowired org.springframework.context.MessageSource messages;
    @Autowired SafetyReports safetyReports;
    @Autowired RequesterRatings ratings;
    @Autowired Exports exports;
    @Autowired AuthorityReport authorityReport;
    @Autowired PayPerActiveHour payPerActiveHour;
    @Autowired PayFloor floor;
    @Autowired JdbcClient jdbc;
    @Autowired java.util.List<org.polder.ledger.ActiveTime> activeTimes;

    /** Paid work of one kind: who did it, for whom, and its assignment. */
    record Work(WorkKind kind, CurrentUser worker, CurrentUser requester, long organisationId, long assignmentId, Instant started) {
    }

    // ---- work of each kind, from taking it to being paid

    Work done(WorkKind kind) {
        CurrentUser worker = fixtures.worker();
        Instant started = clock.instant();
        return switch (kind) {
            case MICROTASK -> {
                CurrentUser requester = fixtures.requester();
                Batch batch = fixtures.published(requester, 3, 20, 1);
                long a = claiming.claim(worker, batch.id()).orElseThrow();
                clock.advance(Duration.ofSeconds(25));   // the batch expects 30 seconds a task
                submissions.submit(worker, a, Map.of("label", "cat"));
                reviews.approve(requester, a);
                yield new Work(kind, worker, requester, requester.organisationId(), a, started);
            }
            case SHIFT -> {
                Fixtures.Client c = client();
                long a = workedShift(c, worker);
                hours.accept(c.requester(), a);
                yield new Work(kind, worker, c.requester(), c.requester().organisationId(), a, started);
            }
            case ERRAND -> {
                City city = city();
                onDuty(worker, city);
                Errand e = errands.book(city.shop(), errand(city));
                dispatch.accept(worker, dispatch.current(worker).orElseThrow().id());
                delivery.advance(worker, e.id(), Errand.State.AT_PICKUP);
                delivery.advance(worker, e.id(), Errand.State.PICKED_UP);
                clock.advance(Duration.ofMinutes(12));
                delivery.deliver(worker, e.id(), new Delivery.Proof(e.pin(), null, null));
                duty.goOffDuty(worker);
                yield new Work(kind, worker, city.shop(), city.shop().organisationId(), delivery.mine(worker, e.id()).assignmentId(), started);
            }
            case HOME -> {
                Home home = home();
                org.polder.home.Visit v = takenVisit(home, worker, clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES));
                clock.advance(Duration.between(clock.instant(), v.startsAt()));
                visits.checkIn(worker, v.id(), new org.polder.home.Visits.VisitPosition(home.lat(), home.lng()));
                clock.advance(Duration.ofHours(3));
                visits.checkOut(worker, v.id(), 180, true, null);
                visits.confirm(home.household(), v.id());
                yield new Work(kind, worker, home.household(), home.household().organisationId(), v.assignmentId(), started);
            }
        };
    }

    @Autowired org.polder.home.Bookings bookings;
    @Autowired org.polder.home.Visits visits;

    /** A household in a patch of the world of its own, with money for its visits. */
    record Home(CurrentUser household, double lat, double lng) {
    }

    Home home() {
        return new Home(fixtures.household(100_000), ThreadLocalRandom.current().nextDouble(-50, 50), ThreadLocalRandom.current().nextDouble(-150, 150));
    }

    /** A three-hour cleaning visit the household books and the worker takes. */
    org.polder.home.Visit takenVisit(Home home, CurrentUser worker, Instant start) {
        org.polder.home.Booking b = bookings.book(home.household(), new org.polder.home.Bookings.BookingSpec("CLEANING", "Kerkstraat 5, 3511 AB Utrecht",
                home.lat(), home.lng(), start, 180, 1600L, "Kitchen, bathroom and floors", null, false, true, false), java.util.Locale.ENGLISH);
        bookings.take(worker, b.id());
        return bookings.visits(b.id()).get(0);
    }

    /** A two-hour shift starting in ten minutes: the worker is selected, checks in and out; returns the assignment. */
    long workedShift(Fixtures.Client c, CurrentUser worker) {
        Instant start = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        Shift s = shift(c, start, start.plus(Duration.ofHours(2)));
        selection.apply(worker, s.id());
        long a = selection.select(c.requester(), s.id(), worker.id()).assignmentId();
        clock.advance(Duration.between(clock.instant(), start));
        hours.checkIn(worker, a, null);
        clock.advance(Duration.ofHours(2));
        hours.checkOut(worker, a, new Hours.Times(start, start.plus(Duration.ofHours(2)), 0));
        return a;
    }

    /** Tries to take new work of the kind, the way a worker of that kind does. */
    void take(WorkKind kind, CurrentUser worker) {
        switch (kind) {
            case MICROTASK -> claiming.claim(worker, fixtures.published(fixtures.requester(), 2, 20, 1).id());
            case SHIFT -> {
                Fixtures.Client c = client();
                Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
                selection.apply(worker, shift(c, start, start.plus(Duration.ofHours(3))).id());
            }
            case ERRAND -> duty.goOnDuty(worker);
            case HOME -> takenVisit(home(), worker, clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS));
        }
    }

    Fixtures.Client client() {
        return fixtures.client();
    }

    Shift shift(Fixtures.Client c, Instant start, Instant end) {
        return shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, end, 0, 1, 2000L,
                null, null, null, null, null, null)).get(0);
    }

    /** A shop in a patch of the world of its own, so that no courier of another test is near. */
    record City(CurrentUser shop, double lat, double lng) {
    }

    City city() {
        CurrentUser shop = fixtures.requester();
        fixtures.fund(shop, 100_000);
        return new City(shop, ThreadLocalRandom.current().nextDouble(-50, 50), ThreadLocalRandom.current().nextDouble(-150, 150));
    }

    void onDuty(CurrentUser courier, City city) {
        duty.goOnDuty(courier);
        duty.position(courier, city.lat() + 0.003, city.lng());
    }

    Errands.ErrandSpec errand(City city) {
        return new Errands.ErrandSpec(new Place("Bakery, Main Street 1", city.lat(), city.lng()),
                new Place("Flat 3, Canal 20", city.lat() - 0.02, city.lng() + 0.01), "Sam", null, null, "Two boxes", Errand.Proof.PIN, null);
    }

    // ---- the rights

    /** R3: a suspended worker takes no new work of any kind, and reads why. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void suspensionStopsTakingWork(WorkKind kind) {
        CurrentUser worker = fixtures.worker();
        suspensions.suspend(fixtures.moderator(), worker.id(), "Threatened a requester's staff; we are looking into it", null);
        assertThatThrownBy(() -> take(kind, worker))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.account.suspended"));
        if (kind == WorkKind.ERRAND) {
            assertThat(duty.status(worker).onDuty()).isFalse();
        }
    }

    /** An automated decision about the worker, of the kind's own rules, with an effect an override reverses. */
    Decision automatedDecision(WorkKind kind, CurrentUser worker) {
        String type = switch (kind) {
            case MICROTASK -> {
                // The quality rule's stop, as the rule records it: a decision and the block it explains.
                Batch batch = fixtures.published(fixtures.requester(), 2, 20, 1);
                fixtures.transactions().executeWithoutResult(t -> {
                    long id = decisions.record(Decisions.Draft.about(worker.id(), MicrotaskDecision.BATCH_ACCESS_STOPPED)
                            .rule("quality.gold-accuracy", 1)
                            .work(WorkKind.MICROTASK, batch.id(), null, null)
                            .inputs(Map.of("goldAnswered", 5, "goldCorrect", 1))
                            .effect("No more tasks of this batch")
                            .reason("You answered 1 of 5 control questions right"));
                    jdbc.sql("INSERT INTO batch_block (batch_id, worker_id, decision_id, created_at) VALUES (?, ?, ?, ?)")
                            .params(batch.id(), worker.id(), id, java.sql.Timestamp.from(clock.instant())).update();
                });
                assertThat(claiming.claim(worker, batch.id())).as("stopped").isEmpty();
                yield "BATCH_ACCESS_STOPPED";
            }
            case SHIFT -> {
                Fixtures.Client c = client();
                Instant start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
                Shift s = shift(c, start, start.plus(Duration.ofHours(4)));
                CurrentUser holder = fixtures.worker();
                selection.apply(holder, s.id());
                selection.apply(worker, s.id());
                selection.select(c.requester(), s.id(), holder.id());
                selection.decide(c.requester(), s.id(), worker.id(), Application.State.WAITLISTED);
                selection.withdraw(holder, s.id());
                yield "SHIFT_SELECTED";
            }
            case ERRAND -> {
                duty.goOnDuty(worker);
                clock.advance(Duration.ofMinutes(10));
                duty.position(worker, -20.5, 57.5);
                clock.advance(Duration.ofMinutes(40));
                duty.endSilentDuty();
                yield "DUTY_ENDED_SILENT";
            }
            case HOME -> {
                org.polder.home.Visit v = takenVisit(home(), worker, clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES));
                clock.advance(Duration.between(clock.instant(), v.startsAt().plus(Duration.ofMinutes(31))));
                assertThat(visits.markMissed(v.id())).isTrue();
                yield "VISIT_MISSED";
            }
        };
        return decisions.forWorker(worker.id(), 0, 50).items().stream().filter(d -> d.type().equals(type)).findFirst().orElseThrow();
    }

    /** R4: the decision is recorded with its rule, inputs and reason, the worker reads it and can appeal to a person. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void automatedDecisionsAreRecordedExplainedAndAppealable(WorkKind kind) {
        CurrentUser worker = fixtures.worker();
        Decision d = automatedDecision(kind, worker);
        assertThat(d.automated()).isTrue();
        assertThat(d.rule()).isNotBlank();
        assertThat(d.kind()).isEqualTo(kind);
        assertThat(d.reason()).isNotBlank();
        assertThat(d.inputs()).startsWith("{");
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(me.get("/api/v1/me/decisions").body()).contains("\"id\":" + d.id());
        Appeal appeal = appeals.appeal(worker, d.id(), "I think this rule got my case wrong");
        assertThat(appeal.state()).isEqualTo(Appeal.State.OPEN);
        Appeal answered = appeals.decide(fixtures.moderator(), appeal.id(), true, "You are right; it is undone");
        assertThat(answered.state()).isEqualTo(Appeal.State.UPHELD);
        assertThat(decisions.ofWorker(worker.id(), answered.outcomeDecisionId()).effect()).doesNotContain("withdrawn");
    }

    /** R4: the moderator judges an appeal with the work in view: the task and answer, the shift, the errand. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void theModeratorSeesTheWorkBehindTheAppealedDecision(WorkKind kind) throws Exception {
        // A decision about a piece of work of the kind: a rejected answer, countered hours, an errand offered.
        CurrentUser worker = fixtures.worker();
        CurrentUser requester;
        switch (kind) {
            case MICROTASK -> {
                requester = fixtures.requester();
                long a = claiming.claim(worker, fixtures.published(requester, 3, 20, 1).id()).orElseThrow();
                clock.advance(Duration.ofSeconds(25));
                submissions.submit(worker, a, Map.of("label", "cat"));
                reviews.reject(requester, a, "The picture shows a dog");
            }
            case SHIFT -> {
                Fixtures.Client c = client();
                requester = c.requester();
                long a = workedShift(c, worker);
                Instant start = clock.instant().minus(Duration.ofHours(2));
                hours.counter(c.requester(), a, new Hours.Times(start.plus(Duration.ofMinutes(30)), clock.instant(), 0),
                        "Came in half an hour late");
            }
            case ERRAND -> {
                City city = city();
                requester = city.shop();
                onDuty(worker, city);
                errands.book(city.shop(), errand(city));
            }
            case HOME -> {
                Home home = home();
                requester = home.household();
                org.polder.home.Visit v = takenVisit(home, worker, clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES));
                clock.advance(Duration.between(clock.instant(), v.startsAt().plus(Duration.ofMinutes(31))));
                visits.markMissed(v.id());
            }
            default -> throw new IllegalStateException();
        }
        Decision d = decisions.forWorker(worker.id(), 0, 50).items().stream()
                .filter(x -> x.kind() == kind && (x.taskId() != null || x.assignmentId() != null)).findFirst().orElseThrow();
        Appeal appeal = appeals.appeal(worker, d.id(), "Please look at what I actually did");
        Work w = new Work(kind, worker, requester, requester.organisationId(), 0, clock.instant());
        String expected = switch (kind) {
            case MICROTASK -> "The picture shows a dog";
            case SHIFT -> "Came in half an hour late";
            case ERRAND -> "Bakery, Main Street 1";
            case HOME -> "Kitchen, bathroom and floors";
        };
        var page = new org.polder.testing.WebSession(port).login(fixtures.moderator()).get("/moderation/appeals/" + appeal.id());
        assertThat(page.statusCode()).isEqualTo(200);
        String work = page.body().substring(page.body().indexOf("data-testid=\"case-work\""));
        assertThat(work.substring(0, work.indexOf("</section>"))).contains(expected);
        // The state of the work in words, not its code.
        String state = switch (kind) {
            case MICROTASK -> "<dd>Rejected</dd>";
            case SHIFT -> "<dd>Open</dd>";
            case ERRAND -> "<dd>" + org.springframework.web.util.HtmlUtils.htmlEscape(messages.getMessage("errand.state.OFFERING", null, java.util.Locale.ENGLISH)) + "</dd>";
            case HOME -> "<dd>Missed</dd>";
        };
        assertThat(work.substring(0, work.indexOf("</section>"))).contains(state).doesNotContain("OFFERING", "REJECTED", "MISSED");
        assertThat(page.body()).contains("Please look at what I actually did");
        // Nobody but a moderator opens it.
        assertThat(new org.polder.testing.WebSession(port).login(w.requester()).get("/moderation/appeals/" + appeal.id()).statusCode())
                .isEqualTo(403);
    }

    /** R5: a moderator's override reverses the effect once, and says what it did. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void anOverrideReversesTheEffect(WorkKind kind) {
        CurrentUser worker = fixtures.worker();
        Decision d = automatedDecision(kind, worker);
        Decision override = appeals.override(fixtures.moderator(), d.id(), "The rule was wrong here; undoing it");
        switch (kind) {
            case MICROTASK -> {
                assertThat(override.effect()).contains("gives tasks again");
                assertThat(claiming.claim(worker, d.batchId())).isPresent();
            }
            case SHIFT -> {
                assertThat(override.effect()).contains("given back");
                assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(d.assignmentId()).query(String.class).single())
                        .isEqualTo("RELEASED");
            }
            case ERRAND -> {
                assertThat(override.effect()).contains("counts until");
                assertThat(dutySeconds(clock.instant().minus(Duration.ofHours(2)), clock.instant().plusSeconds(1)))
                        .containsEntry(worker.id(), 3000L);
            }
            case HOME -> {
                assertThat(override.effect()).contains("paid as booked");
                assertThat(jdbc.sql("SELECT state FROM home_visit WHERE assignment_id = ?").param(d.assignmentId()).query(String.class).single())
                        .isEqualTo("SETTLED");
            }
        }
        assertThatThrownBy(() -> appeals.override(fixtures.moderator(), d.id(), "Once more")).isInstanceOf(DomainException.class);
    }

    /** R6: the worker's export holds the kind's records. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void theExportHoldsTheKindsRecords(WorkKind kind) {
        Work w = done(kind);
        Map<String, byte[]> files = Zips.unzip(exports.zip(w.worker()));
        String file = switch (kind) {
            case MICROTASK -> "assignments.json";
            case SHIFT -> "shifts.json";
            case ERRAND -> "errands.json";
            case HOME -> "visits.json";
        };
        assertThat(files).containsKey(file);
        assertThat(new String(files.get(file), StandardCharsets.UTF_8)).containsPattern("\"(id|assignmentId)\"\\s*:\\s*" + w.assignmentId() + "\\b");
        assertThat(new String(files.get("trail.json"), StandardCharsets.UTF_8)).containsPattern("\"kind\"\\s*:\\s*\"" + kind.name() + "\"");
    }

    /** R7: active time is measured for the kind and paid at least the floor per active hour. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void payPerActiveHourIsMeasuredAndHeldToTheFloor(WorkKind kind) {
        Work w = done(kind);
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        PayPerActiveHour.Period p = payPerActiveHour.of(w.worker().id(), w.started().atZone(zone).toLocalDate().minusDays(1),
                clock.instant().atZone(zone).toLocalDate().plusDays(1), zone);
        assertThat(p.activeSeconds()).as("active time of the %s", kind).isPositive();
        assertThat(p.perActiveHourCents()).as("pay per active hour of the %s", kind).isGreaterThanOrEqualTo(floor.hourlyCents());
        if (kind == WorkKind.ERRAND) {
            // Waiting on duty is paid too: an hour on duty without an errand earns the floor.
            CurrentUser waiting = fixtures.worker();
            duty.goOnDuty(waiting);
            clock.advance(Duration.ofHours(1));
            duty.goOffDuty(waiting);
            assertThat(payPerActiveHour.of(waiting.id(), clock.instant().atZone(zone).toLocalDate().minusDays(1),
                    clock.instant().atZone(zone).toLocalDate().plusDays(1), zone).earnedCents()).isEqualTo(floor.hourlyCents());
        }
    }

    /**
     * A requester's block: the worker takes none of that organisation's work of the kind (the gate says why), still
     * takes another organisation's, reads the requester's reason as a decision, and an upheld appeal lifts it.
     */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void aRequestersBlockStopsOnlyItsOwnWorkAndAnUpheldAppealLiftsIt(WorkKind kind) {
        CurrentUser worker = fixtures.worker();
        Object blocking = owner(kind);
        Object other = owner(kind);
        CurrentUser requester = requesterOf(blocking);
        assertThat(blocks.block(requester, worker.id(), "Left three shifts early without a word.").workerId()).isEqualTo(worker.id());
        assertThatThrownBy(() -> blocks.block(requester, worker.id(), "Again, the same story.")).hasMessageContaining("already");

        if (kind == WorkKind.ERRAND) {
            onDuty(worker, (City) blocking);
        }
        // Claiming and applying are refused with the reason; a blocked courier is simply not offered the errand.
        assertThat(tryTake(kind, worker, blocking)).as("the blocking requester's %s", kind)
                .isEqualTo(kind == WorkKind.ERRAND ? "not offered" : "problem.blocked");
        if (kind == WorkKind.ERRAND) {
            duty.position(worker, ((City) other).lat() + 0.003, ((City) other).lng());
        }
        assertThat(tryTake(kind, worker, other)).as("another requester's %s", kind).isEqualTo("taken");
        assertThat(ratings.of(requester.organisationId()).blocked()).isEqualTo(1);
        assertThat(ratings.of(requesterOf(other).organisationId()).blocked()).isZero();

        Decision d = decisions.forWorker(worker.id(), 0, 50).items().stream().filter(x -> x.type().equals("BLOCKED_BY_REQUESTER")).findFirst().orElseThrow();
        assertThat(d.reason()).isEqualTo("Left three shifts early without a word.");
        assertThat(d.decidedBy()).isEqualTo(requester.id());
        Appeal appeal = appeals.appeal(worker, d.id(), "I was sent home early by the manager; I have the message.");
        appeals.decide(fixtures.moderator(), appeal.id(), true, "The messages show you were sent home.");
        if (kind == WorkKind.ERRAND) {
            duty.position(worker, ((City) blocking).lat() + 0.003, ((City) blocking).lng());
        }
        assertThat(blocks.blocked(requester.organisationId(), worker.id())).isFalse();
        assertThat(tryTake(kind, worker, blocking)).as("the %s after the appeal", kind).isEqualTo("taken");
    }

    /** Someone who posts work of the kind: a requester, a client with a place, or a shop in a city of its own. */
    Object owner(WorkKind kind) {
        return switch (kind) {
            case MICROTASK -> fixtures.requester();
            case SHIFT -> client();
            case ERRAND -> city();
            case HOME -> home();
        };
    }

    CurrentUser requesterOf(Object owner) {
        return owner instanceof Fixtures.Client c ? c.requester() : owner instanceof City c ? c.shop() : owner instanceof Home h ? h.household()
                : (CurrentUser) owner;
    }

    /** The worker tries to take the owner's new work of the kind: "taken", or the refusal's code. */
    String tryTake(WorkKind kind, CurrentUser worker, Object owner) {
        try {
            switch (kind) {
                case MICROTASK -> claiming.claim(worker, fixtures.published((CurrentUser) owner, 2, 20, 1).id()).orElseThrow();
                case SHIFT -> {
                    Instant start = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
                    selection.apply(worker, shift((Fixtures.Client) owner, start, start.plus(Duration.ofHours(3))).id());
                }
                case ERRAND -> {
                    errands.book(((City) owner).shop(), errand((City) owner));
                    var offer = dispatch.current(worker);
                    if (offer.isEmpty()) {
                        return "not offered";
                    }
                    dispatch.decline(worker, offer.get().id());
                }
                case HOME -> takenVisit((Home) owner, worker, clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS));
            }
            return "taken";
        } catch (DomainException e) {
            return e.code();
        }
    }

    /** The worker's statement of the month names the kind's pay under its requester, on the page, in the PDF and in the CSV. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void theMonthlyStatementShowsTheKindsPayUnderItsRequester(WorkKind kind) throws Exception {
        Work w = done(kind);
        java.time.ZonedDateTime now = clock.instant().atZone(ZoneId.of("Europe/Amsterdam"));
        org.polder.ledger.EarningsStatement s = statements.earnings(w.worker(), now.getYear(), now.getMonthValue());
        String requester = accounts.organisation(w.organisationId()).name();
        assertThat(s.perRequester()).singleElement().satisfies(l -> {
            assertThat(l.organisation()).isEqualTo(requester);
            assertThat(l.kind()).isEqualTo(kind.name());
            assertThat(l.cents()).isPositive();
        });
        assertThat(s.perKind()).extracting(org.polder.ledger.EarningsStatement.Line::what).containsExactly(kind.name());
        assertThat(s.closingBalance()).isEqualTo(ledger.balance(org.polder.ledger.LedgerAccount.worker(w.worker().id())));
        assertThat(s.activeSeconds()).isPositive();

        WebSession session = new WebSession(port).login(w.worker());
        String query = "?year=" + now.getYear() + "&month=" + now.getMonthValue();
        var pdf = session.download("/me/statements.pdf" + query, "nl");
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains(requester).contains(messages.getMessage("statement.kind." + kind.name(), null, java.util.Locale.forLanguageTag("nl")))
                    .contains("Brutobetaling");
        }
        String csv = new String(session.download("/me/statements.csv" + query, "en").body(), StandardCharsets.UTF_8);
        assertThat(csv).contains(requester).contains(messages.getMessage("statement.kind." + kind.name(), null, java.util.Locale.ENGLISH))
                .contains(java.math.BigDecimal.valueOf(s.perRequester().get(0).cents(), 2).toPlainString());
    }

    /** R9: before taking work the worker sees the requester's record; afterwards they rate the requester, anonymously. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void workersSeeTheRequestersRecordAndRateThem(WorkKind kind) {
        Work w = done(kind);
        Api me = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        switch (kind) {
            case MICROTASK -> assertThat(me.get("/api/v1/requesters/" + w.organisationId() + "/record").json().get("reviewed").asLong()).isEqualTo(1);
            case SHIFT -> assertThat(shifts.record(w.organisationId()).hoursSettled()).isPositive();
            case HOME -> assertThat(bookings.record(w.organisationId()).visitsKept()).isPositive();
            case ERRAND -> {
                CurrentUser next = fixtures.worker();
                City city = new City(w.requester(), 0, 0);
                double lat = ThreadLocalRandom.current().nextDouble(-50, 50);
                double lng = ThreadLocalRandom.current().nextDouble(-150, 150);
                duty.goOnDuty(next);
                duty.position(next, lat + 0.003, lng);
                errands.book(city.shop(), errand(new City(w.requester(), lat, lng)));
                Dispatch.Offer offer = dispatch.current(next).orElseThrow();
                assertThat(offer.client().delivered()).isEqualTo(1);
                assertThat(offer.cancelPercent()).isBetween(0, 100);
                dispatch.decline(next, offer.id());
                duty.goOffDuty(next);
            }
        }
        RequesterRatings.Rating rating = ratings.rate(w.worker(), w.assignmentId(), new RequesterRatings.Scores(4, 5, 3, 4));
        assertThat(rating.organisationId()).isEqualTo(w.organisationId());
        assertThat(ratings.of(w.organisationId()).fairness()).as("shown from five raters on").isNull();
        assertThatThrownBy(() -> ratings.rate(fixtures.worker(), w.assignmentId(), new RequesterRatings.Scores(1, 1, 1, 1)))
                .as("only the worker who did it").isInstanceOf(DomainException.class);
    }

    /** R10: a safety report from the kind's own page reaches a moderator, never the requester. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void aSafetyReportFromTheKindsOwnPage(WorkKind kind) throws Exception {
        Work w = done(kind);
        WebSession web = new WebSession(port).login(w.worker());
        String page = switch (kind) {
            case MICROTASK -> "/work/assignments/" + w.assignmentId();
            case SHIFT -> "/me/shifts";
            case ERRAND -> "/courier";
            case HOME -> "/me/visits";
        };
        String action = "/work/assignments/" + w.assignmentId() + "/report";
        assertThat(web.get(page).body()).as("the report form on " + page).contains("action=\"" + action + "\"");
        assertThat(web.post(action, page, Map.of("category", "HARASSMENT", "message", "Shouted at me")).statusCode()).isEqualTo(302);
        assertThat(safetyReports.queue(fixtures.moderator())).anyMatch(r -> r.reporterId() == w.worker().id()
                && r.category() == SafetyReport.Category.HARASSMENT);
        Api requester = api().login(w.requester().username(), Fixtures.PASSWORD);
        assertThat(requester.get("/api/v1/moderation/reports").status()).isEqualTo(403);
    }

    @Autowired org.polder.talk.Threads threads;
    @Autowired org.polder.talk.RequesterNotes requesterNotes;
    @Autowired org.polder.notify.Notifications notifications;

    /**
     * Messages about the work: a thread works both ways from the kind's own pages, the other side is told, nobody
     * else reads it, the worker can report a message to the moderators, and it is in the worker's export.
     */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void aThreadAboutTheWorkWorksBothWays(WorkKind kind) throws Exception {
        Work w = done(kind);
        WebSession worker = new WebSession(port).login(w.worker());
        WebSession requester = new WebSession(port).login(w.requester());
        String thread = "/threads/" + w.assignmentId();
        String workerPage = switch (kind) {
            case MICROTASK -> "/me/work";
            case SHIFT -> "/me/shifts";
            case ERRAND -> "/courier";
            case HOME -> "/me/visits";
        };
        assertThat(worker.get(workerPage).body()).as("a link to the thread on " + workerPage).contains("href=\"" + thread + "\"");
        assertThat(worker.post(thread, thread, Map.of("body", "Was the last picture a cat or a fox?")).statusCode()).isEqualTo(302);
        assertThat(requester.get(thread).body()).contains("Was the last picture a cat or a fox?");
        assertThat(worker.get(thread).body()).as("the thread names the kind of work and leads back to it")
                .contains(switch (kind) { case MICROTASK -> "About a task."; case SHIFT -> "About a place on a shift."; case ERRAND -> "About an errand."; case HOME -> "About a visit to a home."; })
                .contains("href=\"" + workerPage + "\"");
        assertThat(requester.post(thread, thread, Map.of("body", "A fox. Thanks for asking!")).statusCode()).isEqualTo(302);
        assertThat(worker.get(thread).body()).contains("A fox. Thanks for asking!");
        assertThat(notifications.mine(w.worker(), 0, 50).items()).anyMatch(n -> n.kind() == org.polder.notify.NoticeKind.MESSAGE
                && n.link().equals(thread));
        assertThat(notifications.mine(w.requester(), 0, 50).items()).anyMatch(n -> n.kind() == org.polder.notify.NoticeKind.MESSAGE);
        // Nobody else: not another worker, not another organisation, not a moderator before anything is reported.
        for (CurrentUser stranger : List.of(fixtures.worker(), fixtures.requester(), fixtures.moderator())) {
            assertThat(new WebSession(port).login(stranger).get(thread).statusCode()).as(stranger.username()).isEqualTo(404);
            assertThat(api().login(stranger.username(), Fixtures.PASSWORD).get("/api/v1" + thread).status()).isEqualTo(404);
        }
        long theirs = threads.read(w.worker(), w.assignmentId()).stream().filter(m -> !m.fromWorker()).findFirst().orElseThrow().id();
        Api me = api().login(w.worker().username(), Fixtures.PASSWORD);
        assertThat(me.post("/api/v1/threads/messages/" + theirs + "/report", Map.of("reason", "")).status()).isEqualTo(400);
        assertThat(me.post("/api/v1/threads/messages/" + theirs + "/report", Map.of("reason", "Mocking my question")).status()).isEqualTo(200);
        CurrentUser moderator = fixtures.moderator();
        assertThat(threads.reported(moderator)).anyMatch(m -> m.id() == theirs);
        assertThat(new WebSession(port).login(moderator).get(thread).body()).contains("A fox.");
        String exported = new String(Zips.unzip(exports.zip(w.worker())).get("messages.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exported).contains("Was the last picture a cat or a fox?", "A fox. Thanks for asking!");
        // A requester's note reaches a worker who did this kind of work for them, and nobody who did not.
        CurrentUser stranger = fixtures.worker();
        org.polder.talk.RequesterNotes.Result noted = fixtures.transactions().execute(tx ->
                requesterNotes.send(w.requester(), List.of(w.worker().id(), stranger.id()), "Thank you for your work this week"));
        assertThat(noted.told()).containsExactly(w.worker().id());
        assertThat(noted.skipped()).containsEntry(stranger.id(), "NOT_YOUR_WORKER");
    }

    /** R12: the report to authorities counts the kind's active time. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void theAuthorityReportCountsTheKindsActiveTime(WorkKind kind) {
        Instant from = clock.instant();
        Work w = done(kind);
        Instant to = clock.instant().plusSeconds(1);
        AuthorityReport.Report report = authorityReport.between(from, to);
        long expectedSeconds = switch (kind) {
            case MICROTASK -> 25;
            case SHIFT -> 2 * 3600;
            case ERRAND -> 12 * 60;
            case HOME -> 3 * 3600;
        };
        assertThat(report.peopleWorking()).isPositive();
        // Hours are reported to two decimals (36 seconds).
        assertThat(report.activeHours() * 3600).as("the %s's active time is in the report", kind).isGreaterThanOrEqualTo(expectedSeconds - 36);
        assertThat(report.incomeCents()).isPositive();
        // The report adds up what every kind measures; this worker's time is in it, from their kind only.
        long own = activeTimes.stream().mapToLong(t -> t.secondsByWorker(from, to).getOrDefault(w.worker().id(), 0L)).sum();
        assertThat(own).isBetween(expectedSeconds - 1, expectedSeconds + 1);
    }

    /** R11: the rule parameters the kind depends on change only after a consultation's comment period. */
    @ParameterizedTest
    @EnumSource(WorkKind.class)
    void itsRuleParametersChangeOnlyAfterAConsultation(WorkKind kind) {
        String parameter = switch (kind) {
            case MICROTASK -> "pay.low-pay-policy";
            case SHIFT -> "shift.compensation-percent";
            case ERRAND -> "pay.hourly-floor-cents";
            case HOME -> "home.cancellation-percent";
        };
        String value = switch (kind) {
            case MICROTASK -> "PAUSE";
            case SHIFT -> "60";
            case ERRAND -> Long.toString(floor.hourlyCents() + 1);
            case HOME -> "60";
        };
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        String before = admin.get("/api/v1/parameters").json().get(parameter).asString();
        Api.Response proposed = admin.post("/api/v1/admin/consultations", Map.of("parameter", parameter, "value", value,
                "explanation", "A change that the workers of this kind comment on first"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        assertThat(admin.post("/api/v1/admin/consultations/" + proposed.id() + "/apply", Map.of()).status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/parameters").json().get(parameter).asString()).isEqualTo(before);
        assertThat(admin.post("/api/v1/admin/consultations/" + proposed.id() + "/withdraw", Map.of("note", "Only a test")).status())
                .isEqualTo(200);
    }
}
