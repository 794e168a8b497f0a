package org.polder.work;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.errand.Duty;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The working-time limits count shifts, courier duty and online tasks together, and every kind of work
 * asks them through the one gate: a long shift stops online tasks and duty too soon after it, and online
 * tasks done early in the day stop a shift that would leave no rest.
 */
class WorkingTimeIT extends PolderIT {

    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired Claiming claiming;
    @Autowired Submissions submissions;
    @Autowired Duty duty;
    @Autowired WorkingTime workingTime;

    Fixtures.Client client() {
        return fixtures.client();
    }

    /** A shift of the given hours without a break, from {@code start}, and the worker selected for it. */
    Shift selectedFor(Fixtures.Client c, CurrentUser worker, Instant start, int hours) {
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(hours)),
                0, 1, 2000L, null, null, null, null, null, null)).get(0);
        selection.apply(worker, s.id());
        selection.select(c.requester(), s.id(), worker.id());
        return s;
    }

    Instant nextMinute() {
        return clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    }

    @Test
    void aLongShiftLeavesRestBeforeOnlineTasksAndCourierDuty() {
        Fixtures.Client c = client();
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 5, 20, 1);
        CurrentUser clicker = fixtures.worker();
        CurrentUser courier = fixtures.worker();
        Instant start = nextMinute().plus(Duration.ofHours(1));
        selectedFor(c, clicker, start, 10);
        selectedFor(c, courier, start, 10);

        // Three hours after a ten-hour shift the working day would span more than 24 - 11 = 13 hours.
        clock.advance(Duration.between(clock.instant(), start.plus(Duration.ofHours(13))));
        assertThatThrownBy(() -> claiming.claim(clicker, batch.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("problem.work.restUntil");
                    assertThat(e.getMessage()).contains("less than 11 hours of rest");
                });
        assertThatThrownBy(() -> duty.goOnDuty(courier))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.work.restUntil"));
        assertThat(duty.status(courier).onDuty()).isFalse();

        // Eleven hours after the shift ended, both may work again.
        clock.advance(Duration.ofHours(8).plusMinutes(1));
        assertThat(claiming.claim(clicker, batch.id())).isPresent();
        assertThat(duty.goOnDuty(courier).onDuty()).isTrue();
        duty.goOffDuty(courier);
    }

    @Test
    void onlineTasksEarlyInTheDayStopAShiftThatWouldLeaveNoRest() {
        Fixtures.Client c = client();
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 5, 20, 1);
        CurrentUser worker = fixtures.worker();
        Instant now = clock.instant();
        // Two shifts from ten to eighteen hours from now: one applied for before the worker does online tasks, one after.
        Shift appliedBefore = post(c, now.plus(Duration.ofHours(10)), now.plus(Duration.ofHours(18)));
        Shift appliedAfter = post(c, now.plus(Duration.ofHours(10)), now.plus(Duration.ofHours(18)));
        selection.apply(worker, appliedBefore.id());
        long assignment = claiming.claim(worker, batch.id()).orElseThrow();
        clock.advance(Duration.ofMinutes(9));
        submissions.submit(worker, assignment, Map.of("label", "cat"));

        // Less than 11 hours after the task: with it, one working day of 18 hours. Refused on applying and on selection.
        assertThatThrownBy(() -> selection.apply(worker, appliedAfter.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.work.restUntil"));
        assertThatThrownBy(() -> selection.select(c.requester(), appliedBefore.id(), worker.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.work.restUntil"));
        // The same shift a day later is fine: the task's few minutes are far from it.
        Shift later = post(c, now.plus(Duration.ofHours(30)), now.plus(Duration.ofHours(38)));
        selection.apply(worker, later.id());
        selection.select(c.requester(), later.id(), worker.id());
    }

    Shift post(Fixtures.Client c, Instant start, Instant end) {
        return shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, end, 0, 1, 2000L,
                null, null, null, null, null, null)).get(0);
    }

    @Test
    void hoursOfEveryKindAddUpToTheDayAndWeekLimits() {
        Fixtures.Client c = client();
        CurrentUser worker = fixtures.worker();
        // Tomorrow from 08:00 local time, so that the shift and the work after it fall on one day.
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        Instant start = clock.instant().atZone(zone).toLocalDate().plusDays(1).atTime(8, 0).atZone(zone).toInstant();
        Shift shift = selectedFor(c, worker, start, 8);
        WorkingTime.Limits nineHourDay = new WorkingTime.Limits(9 * 60, 60 * 60, 11 * 60);
        // Online tasks right after the shift: within the day's nine hours, then past them.
        Instant after = shift.endsAt();
        assertThat(workingTime.problem(worker.id(), new WorkingTime.Candidate(WorkKind.MICROTASK, after, after.plus(Duration.ofMinutes(50)), 50 * 60),
                nineHourDay)).isEmpty();
        assertThat(workingTime.problem(worker.id(), new WorkingTime.Candidate(WorkKind.ERRAND, after, after.plus(Duration.ofMinutes(70)), 70 * 60),
                nineHourDay)).hasValueSatisfying(e -> {
                    assertThat(e.code()).isEqualTo("problem.work.dayLimit");
                    assertThat(e.getMessage()).contains("9.2 hours").contains("at most 9 a day");
                });
        // A week of at most 8 hours: the shift alone fills it, so not even a minute more that week; the next week is free.
        WorkingTime.Limits eightHourWeek = new WorkingTime.Limits(12 * 60, 8 * 60, 11 * 60);
        assertThat(workingTime.problem(worker.id(), WorkingTime.Candidate.startingAt(WorkKind.ERRAND, shift.endsAt()), eightHourWeek))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("problem.work.weekLimit"));
        assertThat(workingTime.problem(worker.id(), WorkingTime.Candidate.startingAt(WorkKind.ERRAND, shift.endsAt().plus(Duration.ofDays(7))),
                eightHourWeek)).isEmpty();
        // The limits in force are the platform's parameters.
        assertThat(workingTime.limits()).isEqualTo(new WorkingTime.Limits(12 * 60, 60 * 60, 11 * 60));
    }
}
