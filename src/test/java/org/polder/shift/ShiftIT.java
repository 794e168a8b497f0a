package org.polder.shift;

import org.polder.shift.internal.ShiftJobs;
import org.polder.shift.internal.ShiftLimits;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.oversight.Appeal;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shifts end to end on the services: escrow at posting, selection (races for the last place, overlap,
 * working-time limits), cancellation money inside and outside the window, and hours from check-in to
 * exactly one payment, whichever way they are settled.
 */
class ShiftIT extends PolderIT {

    static final long RATE = 2000;                 // €20.00 an hour
    static final long PAY = 7000;                  // 4 h less a 30-minute break = 3.5 h
    static final long FEE = 1400;                  // 20%

    @Autowired Places places;
    @Autowired Shifts shifts;
    @Autowired Selection selection;
    @Autowired Hours hours;
    @Autowired ShiftJobs jobs;
    @Autowired Ledger ledger;
    @Autowired Decisions decisions;
    @Autowired Appeals appeals;
    @Autowired JdbcClient jdbc;
    @Autowired org.polder.work.WorkingTime workingTime;
    @Autowired Invoices invoices;
    @Autowired org.polder.account.Accounts accountsForInvoices;
    @Autowired NoShows noShows;
    @Autowired org.polder.export.AuthorityReport authorityReport;
    @Autowired WorkerRatings workerRatings;
    @Autowired org.polder.oversight.RequesterRatings requesterRatings;
    @Autowired org.polder.oversight.Suspensions suspensions;
    @Autowired org.polder.quality.Qualifications qualifications;

    /** A requester with money, a location and a role. */
    Fixtures.Client client() {
        return fixtures.client();
    }

    /** A day at noon, some days from now. */
    Instant day(int daysAhead) {
        return clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(daysAhead)).plus(Duration.ofHours(10));
    }

    Shift post(Fixtures.Client c, Instant start, int headcount, int cancellationHours) {
        return shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)),
                30, headcount, RATE, cancellationHours, null, null, null, null, null)).get(0);
    }

    long balance(CurrentUser requester) {
        return ledger.balance(LedgerAccount.organisation(requester.organisationId()));
    }

    long earned(CurrentUser worker) {
        return ledger.balance(LedgerAccount.worker(worker.id()));
    }

    @Test
    void postingTakesTheEscrowOfEveryPlaceAndBadInputChangesNothing() {
        Fixtures.Client c = client();
        long before = balance(c.requester());
        Shift s = post(c, day(5), 3, 48);
        assertThat(s.pay()).isEqualTo(PAY);
        assertThat(s.fee()).isEqualTo(FEE);
        assertThat(s.openSlots()).isEqualTo(3);
        assertThat(balance(c.requester())).isEqualTo(before - 3 * (PAY + FEE));
        assertThat(ledger.balance(LedgerAccount.shiftEscrow(s.id()))).isEqualTo(3 * (PAY + FEE));

        long shiftsBefore = jdbc.sql("SELECT COUNT(*) FROM shift").query(Long.class).single();
        Instant start = day(6);
        assertThatThrownBy(() -> shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start,
                start.plus(Duration.ofHours(4)), 0, 1, 900L, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.getMessage()).startsWith("hourlyRate: at least the hourly floor");
                    assertThat(e.code()).isEqualTo("problem.shift.belowFloor");
                });
        assertThatThrownBy(() -> shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start,
                start.plus(Duration.ofHours(4)), 0, 1, RATE, 36, null, null, null, null, null)))
                .hasMessageStartingWith("cancellationHours: one of 24, 48, 72 or 168");
        // A series that the balance cannot fund is refused whole: no shift, no escrow.
        CurrentUser poor = fixtures.requester();
        fixtures.fund(poor, PAY + FEE);
        Location l = places.addLocation(poor, new Places.LocationSpec("Shop", "Straat 2", 52.0, 5.0));
        ShiftRole r = places.addRole(poor, new Places.RoleSpec("Cashier", "", null, 0, "", "", ""));
        assertThatThrownBy(() -> shifts.post(poor, new Shifts.ShiftSpec(r.id(), l.id(), start, start.plus(Duration.ofHours(4)), 30, 1, RATE,
                null, null, null, null, null, 3))).isInstanceOf(DomainException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM shift").query(Long.class).single()).isEqualTo(shiftsBefore);
        assertThat(balance(poor)).isEqualTo(PAY + FEE);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aWeeklySeriesKeepsTheLocalTimeOfDay() {
        Fixtures.Client c = client();
        Instant start = day(3);
        List<Shift> series = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start,
                start.plus(Duration.ofHours(4)), 30, 1, RATE, null, null, null, null, null, 8));
        assertThat(series).hasSize(8).allSatisfy(s -> assertThat(s.seriesId()).isEqualTo(series.get(0).id()));
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        assertThat(series).extracting(s -> s.startsAt().atZone(zone).toLocalTime()).containsOnly(start.atZone(zone).toLocalTime());
        assertThat(series.get(7).startsAt().atZone(zone).toLocalDate()).isEqualTo(start.atZone(zone).toLocalDate().plusWeeks(7));
    }

    @Test
    void manyRequestersRacingForTheLastPlaceFillItOnce() throws Exception {
        Fixtures.Client c = client();
        Shift s = post(c, day(7), 1, 48);
        List<CurrentUser> workers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            CurrentUser w = fixtures.worker();
            selection.apply(w, s.id());
            workers.add(w);
        }
        CurrentUser colleague = fixtures.colleagueOf(c.requester());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            CurrentUser w = workers.get(i);
            CurrentUser who = i % 2 == 0 ? c.requester() : colleague;
            tries.add(pool.submit((Callable<Boolean>) () -> {
                go.await();
                try {
                    selection.select(who, s.id(), w.id());
                    return true;
                } catch (DomainException e) {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    return false;
                }
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> f : tries) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE task_id = ?").param(s.taskId()).query(Long.class).single()).isEqualTo(1);
        assertThat(shifts.get(s.id()).openSlots()).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void workersRacingForTheLastPlaceOfAPoolShiftGetItOnceBetweenThem() throws Exception {
        Fixtures.Client c = client();
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), day(9), day(9).plus(Duration.ofHours(4)),
                30, 1, RATE, null, null, null, Shift.AutoSelect.POOL, null, null)).get(0);
        List<CurrentUser> workers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CurrentUser w = fixtures.worker();
            selection.addToPool(c.requester(), w.id());
            workers.add(w);
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Application>> tries = new ArrayList<>();
        for (CurrentUser w : workers) {
            tries.add(pool.submit(() -> {
                go.await();
                return selection.apply(w, s.id());
            }));
        }
        go.countDown();
        int selected = 0;
        for (Future<Application> f : tries) {
            selected += f.get().state() == Application.State.SELECTED ? 1 : 0;
        }
        pool.shutdown();
        assertThat(selected).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE task_id = ?").param(s.taskId()).query(Long.class).single()).isEqualTo(1);
        assertThat(shifts.get(s.id()).openSlots()).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aWorkerIsNeverSelectedIntoTwoShiftsAtOnceEvenByTwoClientsRacing() throws Exception {
        for (int round = 0; round < 5; round++) {
            Fixtures.Client a = client();
            Fixtures.Client b = client();
            Instant start = day(8 + round);
            Shift sa = post(a, start, 1, 48);
            Shift sb = post(b, start.plus(Duration.ofHours(2)), 1, 48);
            CurrentUser w = fixtures.worker();
            selection.apply(w, sa.id());
            selection.apply(w, sb.id());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            Callable<Boolean> pickA = () -> {
                go.await();
                try {
                    selection.select(a.requester(), sa.id(), w.id());
                    return true;
                } catch (DomainException e) {
                    return false;
                }
            };
            Callable<Boolean> pickB = () -> {
                go.await();
                try {
                    selection.select(b.requester(), sb.id(), w.id());
                    return true;
                } catch (DomainException e) {
                    return false;
                }
            };
            Future<Boolean> fa = pool.submit(pickA);
            Future<Boolean> fb = pool.submit(pickB);
            go.countDown();
            assertThat(fa.get() ^ fb.get()).as("exactly one selection holds").isTrue();
            pool.shutdown();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment WHERE worker_id = ? AND state = 'ACCEPTED'").param(w.id())
                    .query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void selectionWithdrawsOverlappingApplicationsAndKeepsTheLimits() {
        Fixtures.Client c = client();
        Instant morning = day(20);
        Shift first = post(c, morning, 2, 48);
        Shift overlapping = post(c, morning.plus(Duration.ofHours(1)), 1, 48);
        Shift tooSoon = post(c, morning.plus(Duration.ofHours(10)), 1, 48);       // 6 h of rest
        CurrentUser w = fixtures.worker();
        selection.apply(w, first.id());
        selection.apply(w, overlapping.id());
        selection.apply(w, tooSoon.id());
        selection.select(c.requester(), first.id(), w.id());
        assertThat(selection.application(overlapping.id(), w.id()).orElseThrow().state()).isEqualTo(Application.State.OVERLAPPED);
        assertThatThrownBy(() -> selection.select(c.requester(), tooSoon.id(), w.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("problem.work.restUntil");
                    assertThat(e.getMessage()).contains("less than 11 hours of rest");
                });
        assertThat(shifts.get(tooSoon.id()).openSlots()).isEqualTo(1);

        // 6.5 and 6 hours on one local day, 11 hours apart: 12.5 hours is over the 12-hour day.
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.LocalDate date = day(30).atZone(zone).toLocalDate();
        Instant aStart = date.atTime(0, 15).atZone(zone).toInstant();
        Instant bStart = date.atTime(17, 45).atZone(zone).toInstant();
        Shift longA = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), aStart, aStart.plus(Duration.ofMinutes(390)),
                0, 1, RATE, null, null, null, null, null, null)).get(0);
        Shift longB = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), bStart, bStart.plus(Duration.ofHours(6)),
                0, 1, RATE, null, null, null, null, null, null)).get(0);
        CurrentUser v = fixtures.worker();
        selection.apply(v, longA.id());
        selection.apply(v, longB.id());
        selection.select(c.requester(), longA.id(), v.id());
        assertThatThrownBy(() -> selection.select(c.requester(), longB.id(), v.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("problem.work.dayLimit");
                    assertThat(e.getMessage()).contains("12.5 hours").contains("at most 12 a day");
                });
    }

    @Test
    void theYearlyCapPerClientCountsOnlyThatClientsHours() {
        Fixtures.Client c = client();
        Fixtures.Client other = client();
        CurrentUser w = fixtures.worker();
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.LocalDate monday = day(40).atZone(zone).toLocalDate().with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        Instant start = monday.atTime(10, 0).atZone(zone).toInstant();
        Shift one = post(c, start, 1, 48);
        selection.apply(w, one.id());
        selection.select(c.requester(), one.id(), w.id());
        // A cap of 5 hours a year with one client: a second 3.5-hour shift there is refused, one elsewhere is not.
        ShiftLimits capped = new ShiftLimits(jdbc, new ShiftSettings(Duration.ofDays(7), 5, 30, "Europe/Amsterdam"));
        Shift again = post(c, start.plus(Duration.ofDays(2)), 1, 48);
        Shift elsewhere = post(other, start.plus(Duration.ofDays(2)), 1, 48);
        assertThat(capped.problem(w.id(), again)).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("problem.shift.yearLimit"));
        assertThat(capped.problem(w.id(), elsewhere)).isEmpty();
        // A week of at most 6 hours: a second 3.5-hour shift that week is refused, whatever the client; one the next week is not.
        org.polder.work.WorkingTime.Limits sixHourWeek = new org.polder.work.WorkingTime.Limits(12 * 60, 6 * 60, 11 * 60);
        assertThat(workingTime.problem(w.id(), ShiftLimits.candidate(elsewhere), sixHourWeek))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("problem.work.weekLimit"));
        assertThat(workingTime.problem(w.id(), ShiftLimits.candidate(post(other, start.plus(Duration.ofDays(7)), 1, 48)), sixHourWeek)).isEmpty();
        // With the platform's settings none of these is a problem.
        assertThat(selection.apply(w, elsewhere.id()).state()).isEqualTo(Application.State.APPLIED);
        selection.select(other.requester(), elsewhere.id(), w.id());
    }

    @Test
    void cancellingOutsideTheWindowReturnsAllEscrowAndInsideItPaysCompensation() {
        Fixtures.Client c = client();
        long before = balance(c.requester());
        Shift early = post(c, day(10), 2, 48);          // cancelled 10 days ahead: outside a 48-hour window
        CurrentUser w1 = fixtures.worker();
        selection.apply(w1, early.id());
        selection.select(c.requester(), early.id(), w1.id());
        shifts.cancel(c.requester(), early.id(), "Closed for a private party");
        assertThat(earned(w1)).isZero();
        assertThat(balance(c.requester())).isEqualTo(before);
        assertThat(ledger.balance(LedgerAccount.shiftEscrow(early.id()))).isZero();
        assertThat(decisions.forWorker(w1.id(), 0, 10).items()).anySatisfy(d -> {
            assertThat(d.type()).isEqualTo("SHIFT_CANCELLED");
            assertThat(d.effect()).contains("no compensation");
        });

        Shift late = post(c, clock.instant().plus(Duration.ofHours(30)), 2, 48);   // inside the 48-hour window
        CurrentUser w2 = fixtures.worker();
        selection.apply(w2, late.id());
        selection.select(c.requester(), late.id(), w2.id());
        shifts.cancel(c.requester(), late.id(), "Storm warning");
        long compensation = PAY / 2;
        assertThat(earned(w2)).isEqualTo(compensation);
        assertThat(balance(c.requester())).isEqualTo(before - compensation);
        assertThat(ledger.balance(LedgerAccount.shiftEscrow(late.id()))).isZero();
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE worker_id = ?").param(w2.id()).query(String.class).single()).isEqualTo("RELEASED");
        assertThatThrownBy(() -> shifts.cancel(c.requester(), late.id(), "again")).isInstanceOf(DomainException.class);
        assertThat(earned(w2)).isEqualTo(compensation);
        assertThat(ledger.audit()).isEmpty();
        // Workers see the late cancellation in the client's record, not the early one.
        assertThat(shifts.record(c.requester().organisationId()).lateCancellations()).isEqualTo(1);
    }

    /** A worker selected and checked in on a shift that started a moment ago; the clock is then past its end. */
    record Worked(Fixtures.Client client, Shift shift, CurrentUser worker, long assignment) {
    }

    Worked worked() {
        Fixtures.Client c = client();
        Shift s = post(c, clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS), 1, 24);
        CurrentUser w = fixtures.worker();
        selection.apply(w, s.id());
        selection.select(c.requester(), s.id(), w.id());
        long assignment = selection.application(s.id(), w.id()).orElseThrow().assignmentId();
        hours.checkIn(w, assignment, null);
        clock.advance(Duration.ofHours(5));
        return new Worked(c, s, w, assignment);
    }

    @Test
    void acceptedHoursArePaidOnceFromEscrowAndTheRestGoesBack() {
        Worked x = worked();
        long before = balance(x.client().requester());
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 30));
        hours.accept(x.client().requester(), x.assignment());
        assertThat(earned(x.worker())).isEqualTo(PAY);
        assertThat(balance(x.client().requester())).isEqualTo(before);
        // Check-in to check-out is active time, in the worker's pay per active hour and in the report to authorities.
        org.polder.export.AuthorityReport.Report report = authorityReport.between(clock.instant(), clock.instant().plusSeconds(1));
        assertThat(report.activeHours()).isEqualTo(5.0);
        assertThat(report.incomeCents()).isEqualTo(PAY);
        assertThat(ledger.balance(LedgerAccount.shiftEscrow(x.shift().id()))).isZero();
        assertThatThrownBy(() -> hours.accept(x.client().requester(), x.assignment())).isInstanceOf(DomainException.class);
        jobs.runOnce();
        assertThat(earned(x.worker())).isEqualTo(PAY);
        assertThat(ledger.audit()).isEmpty();

        // The invoice of the shift: the worker's and the client's, the same; nobody else's; and in the period's invoice.
        // Issued in the worker's name, with both parties' details, numbered in the worker's own sequence, once.
        accountsForInvoices.setOwnDetails(x.worker(), "Dorpsstraat 1, 1234 AB Ergens", "1234 5678", "nl123456789b01");
        accountsForInvoices.setOrganisationDetails(x.client().requester(), "Kade 1, 1011 AA Amsterdam", "87654321", null);
        assertThatThrownBy(() -> accountsForInvoices.setOwnDetails(x.worker(), "Elders 2", "1234", null)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).startsWith("kvkNumber:"));
        Invoice mine = invoices.forShift(x.worker(), x.assignment());
        assertThat(mine.number()).isEqualTo("W" + x.worker().id() + "-00001");
        assertThat(mine.supplier()).isEqualTo(new org.polder.account.BusinessDetails(x.worker().displayName(), "Dorpsstraat 1, 1234 AB Ergens",
                "12345678", "NL123456789B01"));
        assertThat(mine.customer().address()).isEqualTo("Kade 1, 1011 AA Amsterdam");
        assertThat(mine.customer().kvkNumber()).isEqualTo("87654321");
        assertThat(mine.customer().vatNumber()).isNull();
        clock.advance(Duration.ofDays(1));
        assertThat(invoices.forShift(x.worker(), x.assignment()).issuedAt()).as("issued once").isEqualTo(mine.issuedAt());
        assertThat(invoices.forShift(x.client().requester(), x.assignment())).usingRecursiveComparison().ignoringFields("issuedAt").isEqualTo(mine);
        assertThat(mine.lines()).singleElement().satisfies(l -> {
            assertThat(l.paidMinutes()).isEqualTo(210);
            assertThat(l.pay()).isEqualTo(PAY);
            assertThat(l.fee()).isEqualTo(FEE);
            assertThat(l.start()).isEqualTo(x.shift().startsAt());
        });
        assertThat(mine.total()).isEqualTo(PAY + FEE);
        assertThat(mine.feeVat()).isEqualTo(Math.round(FEE * 21 / 121.0));
        assertThat(mine.workVat()).isZero();
        assertThatThrownBy(() -> invoices.forShift(fixtures.worker(), x.assignment())).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> invoices.forShift(fixtures.requester(), x.assignment())).isInstanceOf(org.polder.common.NotFoundException.class);
        java.time.LocalDate today = clock.instant().atZone(java.time.ZoneId.of("Europe/Amsterdam")).toLocalDate();
        Invoice period = invoices.collective(x.client().requester(), today.withDayOfMonth(1), today.plusDays(1));
        assertThat(period.lines()).extracting(Invoice.Line::assignmentId).containsExactly(x.assignment());
        // A period still going on is a statement so far: it gets its number when it has ended, and then keeps it.
        assertThat(period.number()).isNull();
        clock.advance(java.time.Duration.ofDays(1));
        Invoice ended = invoices.collective(x.client().requester(), today.withDayOfMonth(1), today.plusDays(1));
        assertThat(ended.number()).startsWith("P-");
        assertThat(invoices.collective(x.client().requester(), today.withDayOfMonth(1), today.plusDays(1)).number()).isEqualTo(ended.number());
        // Nothing settled in a period: nothing to number.
        assertThat(invoices.collective(x.client().requester(), today.minusYears(1), today.minusYears(1).plusDays(1)).number()).isNull();
        assertThat(invoices.collective(fixtures.requester(), today.withDayOfMonth(1), today.plusDays(1)).lines()).isEmpty();
        assertThatThrownBy(() -> invoices.collective(x.client().requester(), today, today)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("problem.invoice.period"));
    }

    @Test
    void ratingsGoBothWaysAfterPaymentAndAContestedRatingStopsCounting() {
        Worked x = worked();
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 30));
        assertThatThrownBy(() -> workerRatings.rate(x.client().requester(), x.assignment(), 5, "Great"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.rating.notSettled"));
        hours.accept(x.client().requester(), x.assignment());
        assertThatThrownBy(() -> workerRatings.rate(x.client().requester(), x.assignment(), 6, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> workerRatings.rate(fixtures.requester(), x.assignment(), 5, null)).isInstanceOf(org.polder.common.NotFoundException.class);
        workerRatings.rate(x.client().requester(), x.assignment(), 2, "Slow at the bar");
        assertThatThrownBy(() -> workerRatings.rate(x.client().requester(), x.assignment(), 5, "changed my mind"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.rating.done"));
        Applicant before = selection.applicants(x.client().requester(), x.shift().id()).get(0);
        assertThat(before.ratingStars()).isEqualTo(2.0);
        assertThat(before.ratings()).isEqualTo(1);
        assertThat(before.shiftsDone()).isEqualTo(1);
        assertThat(before.attendancePercent()).isEqualTo(100);

        // The worker contests it: an appeal on the rating's decision; upheld, it no longer counts.
        Decision rating = decisions.forWorker(x.worker().id(), 0, 10).items().stream().filter(d -> d.type().equals("SHIFT_RATING_RECEIVED"))
                .findFirst().orElseThrow();
        assertThat(rating.reason()).isEqualTo("Slow at the bar");
        assertThat(rating.decidedBy()).isEqualTo(x.client().requester().id());
        Appeal contest = appeals.appeal(x.worker(), rating.id(), "The bar had one tap working all evening");
        appeals.decide(fixtures.moderator(), contest.id(), true, "The café confirms the broken taps");
        assertThat(selection.applicants(x.client().requester(), x.shift().id()).get(0).ratingStars()).isNull();
        assertThat(workerRatings.received(x.worker())).singleElement().satisfies(r -> assertThat(r.removedAt()).isNotNull());

        // And the worker rates the client, as for any work.
        assertThat(requesterRatings.rate(x.worker(), x.assignment(), new org.polder.oversight.RequesterRatings.Scores(4, 5, 4, 3))
                .organisationId()).isEqualTo(x.client().requester().organisationId());
    }

    @Test
    void silenceForTheReviewWindowMeansTheWorkersHoursStand() {
        Worked x = worked();
        // Worked an hour longer than planned: the extra comes from the organisation's balance.
        checkOutAnHourLate(x);
        jobs.runOnce();
        assertThat(earned(x.worker())).isZero();
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        jobs.runOnce();
        long pay = PAY + RATE;
        assertThat(earned(x.worker())).isEqualTo(pay);
        assertThat(decisions.forWorker(x.worker().id(), 0, 10).items()).anySatisfy(d -> {
            assertThat(d.type()).isEqualTo("HOURS_SETTLED");
            assertThat(d.rule()).isEqualTo(Hours.SETTLEMENT);
            assertThat(d.reason()).contains("did not answer");
        });
        jobs.runOnce();
        assertThat(earned(x.worker())).isEqualTo(pay);
        assertThat(ledger.audit()).isEmpty();
    }

    /** Takes all of an organisation's balance out (back to the bank), so that only the shift's escrow is left. */
    void drain(CurrentUser requester) {
        fixtures.transactions().executeWithoutResult(t -> {
            long balance = ledger.lockBalance(LedgerAccount.organisation(requester.organisationId()));
            ledger.post("REFUND", "test: the balance goes back", null, null, List.of(
                    new org.polder.ledger.Leg(LedgerAccount.organisation(requester.organisationId()), -balance),
                    new org.polder.ledger.Leg(LedgerAccount.platform(LedgerAccount.Type.FUNDING), balance)));
        });
    }

    /** The worker stays an hour longer than planned and checks out with those hours. */
    void checkOutAnHourLate(Worked x) {
        clock.advance(Duration.ofHours(1));
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt().plus(Duration.ofHours(1)), 30));
    }

    long guaranteeFund() {
        return ledger.balance(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND));
    }

    @Test
    void hoursOutsideTheShiftAsWorkedAreRefusedAndChangeNothing() {
        Worked x = worked();
        long fund = guaranteeFund();
        Shift s = x.shift();
        // The probe: hours that start two hours before the shift and end before it began.
        assertThatThrownBy(() -> hours.checkOut(x.worker(), x.assignment(), new Hours.Times(s.startsAt().minus(Duration.ofHours(2)),
                s.startsAt().minus(Duration.ofMinutes(1)), 0)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.startBeforeCheckIn"));
        // Before check-in (which was 20 minutes before the start) is refused too, and so is an end in the future.
        assertThatThrownBy(() -> hours.checkOut(x.worker(), x.assignment(), new Hours.Times(s.startsAt().minus(Duration.ofMinutes(25)),
                s.endsAt(), 30))).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.startBeforeCheckIn"));
        assertThatThrownBy(() -> hours.checkOut(x.worker(), x.assignment(), new Hours.Times(s.startsAt(), clock.instant().plusSeconds(60), 30)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.hoursFuture"));
        assertThat(hours.ofWorker(x.worker(), x.assignment()).state()).isEqualTo(ShiftHours.State.WORKING);

        // Hours from check-in are fine; the requester's counter must lie within check-in and check-out as well.
        Instant checkIn = hours.ofWorker(x.worker(), x.assignment()).checkedInAt();
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(checkIn, s.endsAt(), 30));
        clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> hours.counter(x.client().requester(), x.assignment(), new Hours.Times(s.startsAt(), clock.instant().minusSeconds(1), 30),
                "later")).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.endAfterCheckOut"));
        assertThat(hours.ofWorker(x.worker(), x.assignment()).state()).isEqualTo(ShiftHours.State.PROPOSED);
        assertThat(earned(x.worker())).isZero();
        assertThat(guaranteeFund()).isEqualTo(fund);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void overtimeIsPaidOnlyWhenTheRequesterConfirmsItAndFromTheirOwnBalance() {
        Worked x = worked();
        long fund = guaranteeFund();
        checkOutAnHourLate(x);
        assertThatThrownBy(() -> hours.accept(x.client().requester(), x.assignment()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("problem.shift.overtimeUnconfirmed");
                    assertThat(e.getMessage()).contains("60 minutes longer than planned").contains("€24.00");
                });
        drain(x.client().requester());
        assertThatThrownBy(() -> hours.accept(x.client().requester(), x.assignment(), true))
                .isInstanceOf(org.polder.ledger.InsufficientFunds.class);
        assertThat(earned(x.worker())).isZero();
        assertThat(hours.ofWorker(x.worker(), x.assignment()).state()).isEqualTo(ShiftHours.State.PROPOSED);

        fixtures.fund(x.client().requester(), 10_000);
        hours.accept(x.client().requester(), x.assignment(), true);
        assertThat(earned(x.worker())).isEqualTo(PAY + RATE);
        assertThat(balance(x.client().requester())).isEqualTo(10_000 - (RATE + RATE / 5));
        assertThat(guaranteeFund()).isEqualTo(fund);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void unconfirmedOvertimeTheRequesterCannotFundIsLeftToAModeratorNotToTheGuaranteeFund() {
        Worked x = worked();
        long fund = guaranteeFund();
        drain(x.client().requester());
        checkOutAnHourLate(x);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        jobs.runOnce();
        // Silence: the planned hours are paid from escrow; the overtime nobody confirmed is not taken from the fund.
        assertThat(earned(x.worker())).isEqualTo(PAY);
        assertThat(guaranteeFund()).isEqualTo(fund);
        Decision settled = decisions.forWorker(x.worker().id(), 0, 10).items().stream().filter(d -> d.type().equals("HOURS_SETTLED"))
                .findFirst().orElseThrow();
        assertThat(settled.effect()).contains("60 minutes of overtime are not paid yet");
        assertThat(settled.reason()).contains("appeal");
        // An upheld appeal names the overtime: it is paid, from the guarantee fund since the balance is empty.
        Appeal appeal = appeals.appeal(x.worker(), settled.id(), "I stayed an hour to close up; Anna asked me to");
        appeals.decide(fixtures.moderator(), appeal.id(), true, "Anna confirms the extra hour");
        assertThat(earned(x.worker())).isEqualTo(PAY + RATE);
        assertThat(guaranteeFund()).isEqualTo(fund - (RATE + RATE / 5));
        assertThat(hours.ofWorker(x.worker(), x.assignment()).paidMinutes()).isEqualTo(270);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void theAuditReportsTheGuaranteeFundBelowZero() {
        fixtures.transactions().executeWithoutResult(t -> {
            long fund = ledger.lockBalance(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND));
            ledger.post("TEST", "test: more paid from the fund than it holds", null, null, List.of(
                    new org.polder.ledger.Leg(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), -(fund + 100)),
                    new org.polder.ledger.Leg(LedgerAccount.platform(LedgerAccount.Type.FUNDING), fund + 100)));
            assertThat(ledger.audit()).singleElement().asString().contains("GUARANTEE_FUND").contains("below its floor of zero: -100");
            t.setRollbackOnly();
        });
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void hoursCounteredAndAppealedEndWithOnePaymentOfTheWorkersHours() {
        Worked x = worked();
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 30));
        ShiftHours countered = hours.counter(x.client().requester(), x.assignment(),
                new Hours.Times(x.shift().startsAt().plus(Duration.ofHours(1)), x.shift().endsAt(), 30), "You came an hour late");
        assertThat(countered.state()).isEqualTo(ShiftHours.State.COUNTERED);
        Decision counter = decisions.forWorker(x.worker().id(), 0, 10).items().stream().filter(d -> d.type().equals("HOURS_COUNTERED")).findFirst().orElseThrow();
        assertThat(counter.decidedBy()).isEqualTo(x.client().requester().id());
        Appeal appeal = appeals.appeal(x.worker(), counter.id(), "I was there on time; ask Anna");
        clock.advance(Duration.ofDays(8));
        jobs.runOnce();                                   // an open appeal waits for the moderator
        assertThat(earned(x.worker())).isZero();
        assertThatThrownBy(() -> hours.acceptCounter(x.worker(), x.assignment())).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("problem.shift.appealOpen"));
        appeals.decide(fixtures.moderator(), appeal.id(), true, "Anna confirms you were on time");
        assertThat(earned(x.worker())).isEqualTo(PAY);
        jobs.runOnce();
        assertThatThrownBy(() -> hours.acceptCounter(x.worker(), x.assignment())).isInstanceOf(DomainException.class);
        assertThat(earned(x.worker())).isEqualTo(PAY);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM posting p JOIN ledger_account a ON a.id = p.account_id WHERE a.type = 'WORKER' AND a.owner_id = ?")
                .param(x.worker().id()).query(Long.class).single()).isEqualTo(1);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aCounterStandsWhenTheAppealIsDismissedOrTheWorkerAcceptsIt() {
        Worked x = worked();
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 30));
        hours.counter(x.client().requester(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 90), "Long break");
        Decision counter = decisions.forWorker(x.worker().id(), 0, 10).items().stream().filter(d -> d.type().equals("HOURS_COUNTERED")).findFirst().orElseThrow();
        Appeal appeal = appeals.appeal(x.worker(), counter.id(), "My break was 30 minutes");
        appeals.decide(fixtures.moderator(), appeal.id(), false, "The timesheet shows 90 minutes");
        jobs.runOnce();
        long counterPay = RATE * 150 / 60;    // 4 h less 90 minutes
        assertThat(earned(x.worker())).isEqualTo(counterPay);
        jobs.runOnce();
        assertThat(earned(x.worker())).isEqualTo(counterPay);

        Worked y = worked();
        hours.checkOut(y.worker(), y.assignment(), new Hours.Times(y.shift().startsAt(), y.shift().endsAt(), 30));
        hours.counter(y.client().requester(), y.assignment(), new Hours.Times(y.shift().startsAt(), y.shift().endsAt(), 60), "Long break");
        hours.acceptCounter(y.worker(), y.assignment());
        assertThat(earned(y.worker())).isEqualTo(RATE * 180 / 60);
        assertThat(shifts.record(y.client().requester().organisationId())).satisfies(r -> {
            assertThat(r.hoursSettled()).isEqualTo(1);
            assertThat(r.counteredPercent()).isEqualTo(100);
        });
        // The invoice shows the hours that were paid: the counter's.
        assertThat(invoices.forShift(y.worker(), y.assignment()).lines().get(0).breakMinutes()).isEqualTo(60);
        assertThat(ledger.audit()).isEmpty();
    }

    /** A worker selected for a shift that began 20 minutes ago, who did not check in. */
    record Absent(Fixtures.Client client, Shift shift, CurrentUser worker, long assignment) {
    }

    Absent absent() {
        Fixtures.Client c = client();
        Shift s = post(c, clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS), 1, 24);
        CurrentUser w = fixtures.worker();
        selection.apply(w, s.id());
        long assignment = selection.select(c.requester(), s.id(), w.id()).assignmentId();
        return new Absent(c, s, w, assignment);
    }

    void suspend(CurrentUser worker) {
        suspensions.suspend(fixtures.moderator(), worker.id(), "Threatened a colleague at the bar", null);
    }

    @Test
    void aSuspendedWorkerTakesNoShiftByAnyRoute() {
        Fixtures.Client c = client();
        // Applying.
        Shift open = post(c, day(9), 1, 48);
        CurrentUser suspended = fixtures.worker();
        suspend(suspended);
        assertThatThrownBy(() -> selection.apply(suspended, open.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.account.suspended"));
        assertThat(selection.application(open.id(), suspended.id())).isEmpty();

        // Selected by hand after applying: refused, and the place stays open.
        CurrentUser applied = fixtures.worker();
        selection.apply(applied, open.id());
        suspend(applied);
        assertThatThrownBy(() -> selection.select(c.requester(), open.id(), applied.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.workerUnavailable"));
        assertThat(shifts.get(open.id()).openSlots()).isEqualTo(1);

        // From the waitlist: the suspended worker is passed over for the next one.
        Shift full = post(c, day(10), 1, 48);
        CurrentUser holder = fixtures.worker();
        CurrentUser first = fixtures.worker();
        CurrentUser second = fixtures.worker();
        for (CurrentUser w : List.of(holder, first, second)) {
            selection.apply(w, full.id());
        }
        selection.select(c.requester(), full.id(), holder.id());
        selection.decide(c.requester(), full.id(), first.id(), Application.State.WAITLISTED);
        selection.decide(c.requester(), full.id(), second.id(), Application.State.WAITLISTED);
        suspend(first);
        selection.withdraw(holder, full.id());
        assertThat(selection.application(full.id(), first.id()).orElseThrow().state()).isEqualTo(Application.State.WAITLISTED);
        assertThat(selection.application(full.id(), second.id()).orElseThrow().state()).isEqualTo(Application.State.SELECTED);

        // A place handed over: the suspended colleague cannot take it; the place stays with the one who has it.
        CurrentUser colleague = fixtures.worker();
        selection.offerHandover(second, full.id(), colleague.username());
        suspend(colleague);
        assertThatThrownBy(() -> selection.acceptHandover(colleague, full.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.account.suspended"));
        assertThat(selection.application(full.id(), second.id()).orElseThrow().state()).isEqualTo(Application.State.SELECTED);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aRoleThatAsksForAQualificationGoesOnlyToWorkersWhoHoldItOnEveryPath() {
        CurrentUser requester = fixtures.requester();
        fixtures.fund(requester, 1_000_000);
        long barista = qualifications.create(requester, "Barista", "Makes espresso drinks").id();
        Location location = places.addLocation(requester, new Places.LocationSpec("Koffiebar", "Plein 3, Utrecht", 52.09, 5.12));
        ShiftRole role = places.addRole(requester, new Places.RoleSpec("Barista", "Espresso", barista, 0, "Apron", "Ask for Joost", "Joost, 06-1"));
        Fixtures.Client c = new Fixtures.Client(requester, location, role);
        Shift s = post(c, day(12), 1, 48);
        CurrentUser without = fixtures.worker();
        CurrentUser with = fixtures.worker();
        CurrentUser losing = fixtures.worker();
        qualifications.grant(requester, barista, with.id(), 100, "Worked our bar for a year");
        qualifications.grant(requester, barista, losing.id(), 100, "Trained with us");

        assertThatThrownBy(() -> selection.apply(without, s.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.qualification"));
        selection.apply(losing, s.id());
        selection.apply(with, s.id());
        // Revoked after applying: the requester's selection is refused by the same gate as the application.
        qualifications.revoke(requester, barista, losing.id(), "Failed the hygiene check");
        assertThatThrownBy(() -> selection.select(requester, s.id(), losing.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.qualification"));
        selection.select(requester, s.id(), with.id());
        // A hand-over only to someone who holds it.
        assertThatThrownBy(() -> selection.offerHandover(with, s.id(), without.username()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.qualification"));
    }

    @Test
    void aModeratorWhoWorksNeverDecidesTheirOwnNoShow() {
        Fixtures.Client c = client();
        Shift s = post(c, clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS), 1, 24);
        CurrentUser mw = fixtures.moderatingWorker();
        selection.apply(mw, s.id());
        long assignment = selection.select(c.requester(), s.id(), mw.id()).assignmentId();
        clock.advance(Duration.ofMinutes(30));
        noShows.report(c.requester(), assignment, "Did not come");
        assertThat(noShows.open(mw)).noneMatch(o -> o.report().assignmentId() == assignment);
        assertThatThrownBy(() -> noShows.decide(mw, assignment, NoShow.State.WORKED, "I was there, trust me"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.moderation.ownCase"));
        assertThat(noShows.get(assignment).state()).isEqualTo(NoShow.State.OPEN);
        assertThat(noShows.open(fixtures.moderator())).anyMatch(o -> o.report().assignmentId() == assignment);
    }

    @Test
    void aNoShowIsDecidedByAModeratorNeverByPolderAndCanBeAppealedAway() {
        Absent x = absent();
        long before = balance(x.client().requester());
        assertThatThrownBy(() -> noShows.report(x.client().requester(), x.assignment(), "Did not come"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.noShow.early"));
        clock.advance(Duration.ofMinutes(30));
        noShows.report(x.client().requester(), x.assignment(), "Did not come and did not call");
        noShows.respond(x.worker(), x.assignment(), "My bike broke down; I called at 17:50");
        assertThatThrownBy(() -> noShows.report(fixtures.requester(), x.assignment(), "not mine")).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> noShows.decide(x.client().requester(), x.assignment(), NoShow.State.CONFIRMED, "I say so"))
                .isInstanceOf(DomainException.class);
        // The clockwork never decides it, however long it waits.
        clock.advance(Duration.ofDays(30));
        jobs.runOnce();
        assertThat(noShows.get(x.assignment()).state()).isEqualTo(NoShow.State.OPEN);

        CurrentUser mo = fixtures.moderator();
        noShows.decide(mo, x.assignment(), NoShow.State.CONFIRMED, "No call was logged before the start");
        Decision noShow = decisions.forWorker(x.worker().id(), 0, 10).items().stream().filter(d -> d.type().equals("NO_SHOW_CONFIRMED"))
                .findFirst().orElseThrow();
        assertThat(noShow.decidedBy()).isEqualTo(mo.id());
        assertThat(noShow.reason()).isEqualTo("No call was logged before the start");
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(x.assignment()).query(String.class).single()).isEqualTo("EXPIRED");
        assertThat(balance(x.client().requester())).isEqualTo(before + PAY + FEE);      // the place's escrow came back
        assertThat(earned(x.worker())).isZero();
        assertThat(selection.applicants(x.client().requester(), x.shift().id()).get(0).attendancePercent()).isZero();

        Appeal appeal = appeals.appeal(x.worker(), noShow.id(), "The call log of the café shows my call at 17:50");
        appeals.decide(fixtures.moderator(), appeal.id(), true, "The café's phone log confirms the call");
        assertThat(noShows.get(x.assignment()).state()).isEqualTo(NoShow.State.EXCUSED);
        assertThat(selection.applicants(x.client().requester(), x.shift().id()).get(0).attendancePercent()).isNull();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aWorkerAModeratorFoundThereChecksOutAndIsPaid() {
        Absent x = absent();
        clock.advance(Duration.ofMinutes(30));
        noShows.report(x.client().requester(), x.assignment(), "Not checked in");
        noShows.decide(fixtures.moderator(), x.assignment(), NoShow.State.WORKED, "The manager's roster shows them working");
        clock.advance(Duration.ofHours(4));
        hours.checkOut(x.worker(), x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 30));
        hours.accept(x.client().requester(), x.assignment());
        assertThat(earned(x.worker())).isEqualTo(PAY);
        assertThatThrownBy(() -> noShows.decide(fixtures.moderator(), x.assignment(), NoShow.State.CONFIRMED, "again"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.noShow.notOpen"));
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void checkInNearTheLocationKeepsOnlyYesAndAFarCheckInChangesNothing() {
        Fixtures.Client c = client();
        Instant start = clock.instant().plus(Duration.ofMinutes(10));
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), start, start.plus(Duration.ofHours(4)),
                30, 1, RATE, 24, null, null, null, 200, null)).get(0);
        CurrentUser w = fixtures.worker();
        selection.apply(w, s.id());
        selection.select(c.requester(), s.id(), w.id());
        long assignment = selection.application(s.id(), w.id()).orElseThrow().assignmentId();
        assertThatThrownBy(() -> hours.checkIn(w, assignment, new Hours.Position(52.3800, 4.9000)))    // about 1.4 km away
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.tooFar"));
        assertThatThrownBy(() -> hours.checkIn(w, assignment, null)).isInstanceOf(DomainException.class);
        assertThat(hours.find(assignment).orElseThrow().state()).isEqualTo(ShiftHours.State.SELECTED);
        ShiftHours in = hours.checkIn(w, assignment, new Hours.Position(52.3677, 4.9042));
        assertThat(in.checkedInNearby()).isTrue();
        String trail = String.join(" ", jdbc.sql("SELECT payload FROM trail_event WHERE worker_id = ?").param(w.id()).query(String.class).list());
        assertThat(trail).contains("\"nearby\":true").doesNotContain("52.36").doesNotContain("4.904");
    }

    @Test
    void aPoolWorkerIsSelectedAtOnceAndAFreedPlaceGoesToTheWaitlist() {
        Fixtures.Client c = client();
        Shift s = shifts.post(c.requester(), new Shifts.ShiftSpec(c.role().id(), c.location().id(), day(12), day(12).plus(Duration.ofHours(4)),
                30, 1, RATE, null, null, null, Shift.AutoSelect.POOL, null, null)).get(0);
        CurrentUser trusted = fixtures.worker();
        CurrentUser stranger = fixtures.worker();
        selection.addToPool(c.requester(), trusted.id());
        selection.apply(stranger, s.id());
        assertThat(selection.application(s.id(), stranger.id()).orElseThrow().state()).isEqualTo(Application.State.APPLIED);
        assertThat(selection.apply(trusted, s.id()).state()).isEqualTo(Application.State.SELECTED);
        assertThat(decisions.forWorker(trusted.id(), 0, 10).items()).anySatisfy(d -> {
            assertThat(d.type()).isEqualTo("SHIFT_SELECTED");
            assertThat(d.rule()).isEqualTo(Selection.AUTO_SELECT);
            assertThat(d.reason()).contains("pool");
        });
        selection.decide(c.requester(), s.id(), stranger.id(), Application.State.WAITLISTED);
        selection.withdraw(trusted, s.id());
        assertThat(selection.application(s.id(), stranger.id()).orElseThrow().state()).isEqualTo(Application.State.SELECTED);
        assertThat(decisions.forWorker(stranger.id(), 0, 10).items()).anySatisfy(d -> assertThat(d.rule()).isEqualTo(Selection.WAITLIST));
        assertThat(shifts.get(s.id()).openSlots()).isZero();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aPlaceHandedOverMovesOnlyWhenTheColleagueAcceptsAndKeepsTheirLimits() {
        Fixtures.Client c = client();
        Shift s = post(c, day(14), 1, 48);
        CurrentUser first = fixtures.worker();
        CurrentUser busy = fixtures.worker();
        CurrentUser free = fixtures.worker();
        selection.apply(first, s.id());
        long firstAssignment = selection.select(c.requester(), s.id(), first.id()).assignmentId();
        // The busy colleague already works that evening elsewhere.
        Fixtures.Client other = client();
        Shift elsewhere = post(other, day(14).plus(Duration.ofHours(1)), 1, 48);
        selection.apply(busy, elsewhere.id());
        selection.select(other.requester(), elsewhere.id(), busy.id());

        assertThatThrownBy(() -> selection.offerHandover(first, s.id(), "nobody-" + first.username()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.handover.unknown"));
        selection.offerHandover(first, s.id(), busy.username());
        assertThatThrownBy(() -> selection.acceptHandover(busy, s.id()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("problem.shift.overlap"));
        assertThat(selection.application(s.id(), first.id()).orElseThrow().state()).isEqualTo(Application.State.SELECTED);
        assertThatThrownBy(() -> selection.acceptHandover(free, s.id())).isInstanceOf(org.polder.common.NotFoundException.class);

        selection.offerHandover(first, s.id(), free.username());
        Application taken = selection.acceptHandover(free, s.id());
        assertThat(taken.state()).isEqualTo(Application.State.SELECTED);
        assertThat(selection.application(s.id(), first.id()).orElseThrow().state()).isEqualTo(Application.State.WITHDRAWN);
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(firstAssignment).query(String.class).single()).isEqualTo("RELEASED");
        assertThat(shifts.get(s.id()).openSlots()).isZero();
        assertThat(ledger.balance(LedgerAccount.shiftEscrow(s.id()))).isEqualTo(PAY + FEE);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void nobodySeesOrTouchesAnotherOrganisationsShiftsOrAnotherWorkersHours() {
        Worked x = worked();
        CurrentUser otherRequester = fixtures.requester();
        CurrentUser otherWorker = fixtures.worker();
        assertThatThrownBy(() -> shifts.ofOrganisation(otherRequester, x.shift().id())).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> selection.applicants(otherRequester, x.shift().id())).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> shifts.cancel(otherRequester, x.shift().id(), "mine now")).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> hours.ofWorker(otherWorker, x.assignment())).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> hours.checkOut(otherWorker, x.assignment(), new Hours.Times(x.shift().startsAt(), x.shift().endsAt(), 0)))
                .isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> hours.accept(otherRequester, x.assignment())).isInstanceOf(org.polder.common.NotFoundException.class);
    }
}
