package org.polder.demo;

import org.junit.jupiter.api.Test;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.ledger.Funding;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.Batch;
import org.polder.microtask.Batches;
import org.polder.microtask.Claiming;
import org.polder.microtask.Templates;
import org.polder.microtask.WorkerAssignment;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo the README's first command shows: created once, with logins that work and a batch to do. */
class DemoDataIT extends PolderIT {

    @Autowired
    Accounts accounts;
    @Autowired
    Funding funding;
    @Autowired
    Templates templates;
    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    AssignmentViews views;
    @Autowired
    org.polder.voice.Consultations consultations;
    @Autowired
    org.polder.voice.Representatives representatives;
    @Autowired
    org.polder.shift.Places places;
    @Autowired
    org.polder.shift.Shifts shifts;
    @Autowired
    org.polder.shift.Selection selection;
    @Autowired
    DemoErrands demoErrands;
    @Autowired
    org.polder.errand.Errands errands;
    @Autowired
    org.polder.errand.Duty duty;
    @Autowired
    org.polder.errand.Dispatch dispatch;
    @Autowired
    DemoHistory history;
    @Autowired
    org.polder.ledger.PayPerActiveHour payPerActiveHour;
    @Autowired
    org.polder.shift.Invoices invoices;
    @Autowired
    org.polder.shift.Hours hours;
    @Autowired
    org.polder.oversight.Appeals appeals;
    @Autowired
    org.polder.ledger.Ledger ledger;
    @Autowired
    org.polder.bank.BankAccounts bankAccounts;
    @Autowired
    org.polder.voice.Unions unions;
    @Autowired
    org.polder.solidarity.Circles circles;
    @Autowired
    DemoHome demoHome;
    @Autowired
    org.polder.home.Bookings bookings;

    @Test
    void theDemoIsCreatedOnceAndItsWorkCanBeDone() {
        DemoData demo = new DemoData(accounts, funding, templates, batches, consultations, representatives, places, shifts, demoErrands,
                history, clock, bankAccounts, unions, circles, demoHome);
        demo.run(null);
        demo.run(null);

        for (DemoLogin login : DemoData.LOGINS) {
            assertThat(accounts.checkPassword(login.username(), login.password(), "127.0.0.1")).as(login.username()).isPresent();
        }
        CurrentUser lena = accounts.byUsername("lena").orElseThrow();
        Batch batch = batches.list(lena).stream().filter(b -> b.name().equals("Shapes and colours")).findFirst().orElseThrow();
        assertThat(batch.state()).isEqualTo(Batch.State.PUBLISHED);
        assertThat(batch.taskCount()).isEqualTo(24);
        assertThat(batch.goldTasks()).isEqualTo(4);

        // Noor's household: weekly cleaning that Dewi takes, with its address hers to read; moving help still open to Dewi.
        CurrentUser noor = accounts.byUsername("noor").orElseThrow();
        CurrentUser dewi = accounts.byUsername("dewi").orElseThrow();
        assertThat(bookings.ofHousehold(noor)).anySatisfy(b -> {
            assertThat(b.weekly()).isTrue();
            assertThat(b.workerName()).isEqualTo("Dewi Santoso");
        });
        assertThat(bookings.open(dewi)).anySatisfy(o -> {
            assertThat(o.booking().service()).isEqualTo(org.polder.home.HomeService.MOVING);
            assertThat(o.booking().address()).isNull();
        });

        CurrentUser ada = accounts.byUsername("ada").orElseThrow();
        // A union Chen acts for and Ada mandates; Bram's sick-pay circle, with Dewi's application to vote on.
        assertThat(unions.list(ada)).anySatisfy(u -> {
            assertThat(u.name()).isEqualTo("Platformbond Utrecht");
            assertThat(u.mandated()).isTrue();
        });
        assertThat(unions.actsFor(accounts.byUsername("chen").orElseThrow().id())).hasSize(1);
        var circle = circles.mine(accounts.byUsername("bram").orElseThrow()).orElseThrow();
        assertThat(circle.motions()).singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo(accounts.byUsername("dewi").orElseThrow().displayName()));
        long id = claiming.claim(ada, batch.id()).orElseThrow();
        WorkerAssignment task = views.forWorker(ada, id);
        assertThat(task.task().display().get(0).value()).startsWith("/demo/images/shape-").endsWith(".svg");

        // Shifts at the café: four Friday evenings and a Saturday lunch, open to apply to.
        CurrentUser ruud = accounts.byUsername("ruud").orElseThrow();
        var coming = shifts.ofOrganisation(ruud).stream().filter(s -> s.startsAt().isAfter(clock.instant())).toList();
        assertThat(coming).hasSize(5).allSatisfy(s -> assertThat(s.openSlots()).isPositive());
        var friday = coming.stream().filter(s -> s.role().equals("Bartender")).findFirst().orElseThrow();
        assertThat(selection.apply(ada, friday.id()).state()).isEqualTo(org.polder.shift.Application.State.APPLIED);

        // Errands at the bakery: one delivered, one waiting, offered to the first worker on duty nearby.
        CurrentUser sara = accounts.byUsername("sara").orElseThrow();
        assertThat(errands.ofOrganisation(sara)).extracting(org.polder.errand.Errand::state).containsOnlyOnce(org.polder.errand.Errand.State.OFFERING)
                .filteredOn(s -> s == org.polder.errand.Errand.State.DELIVERED).hasSizeGreaterThan(4 + 3 * 4 * 2);
        duty.goOnDuty(ada);
        duty.position(ada, 52.372, 4.893);
        dispatch.round();
        assertThat(dispatch.current(ada)).hasValueSatisfying(o -> assertThat(o.errand().organisation()).isEqualTo(DemoErrands.BAKERY));
        dispatch.decline(ada, dispatch.current(ada).orElseThrow().id());
        duty.goOffDuty(ada);

        // A month of history: every worker earned on many days, at a pay per active hour near the floor.
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Amsterdam");
        java.time.LocalDate today = clock.instant().atZone(zone).toLocalDate();
        for (String worker : java.util.List.of("ada", "bram", "chen", "dewi")) {
            var month = payPerActiveHour.of(accounts.byUsername(worker).orElseThrow().id(), today.minusDays(DemoHistory.DAYS), today, zone);
            assertThat(month.days()).as(worker).filteredOn(d -> d.earnedCents() > 0).hasSizeGreaterThanOrEqualTo(8);
            assertThat(month.perActiveHourCents()).as(worker).isBetween(1300L, 2200L);
        }
        // The café's past Fridays were worked and paid: ada has invoices for them.
        var paid = hours.ofShift(ruud, shifts.ofOrganisation(ruud).stream().filter(s -> s.endsAt().isBefore(clock.instant()))
                .findFirst().orElseThrow().id());
        assertThat(paid).hasSize(2).allSatisfy(h -> assertThat(h.state()).isEqualTo(org.polder.shift.ShiftHours.State.SETTLED));
        // Chen's appeal of a rejection made by mistake waits for a moderator, with its deadline still ahead.
        long chen = accounts.byUsername("chen").orElseThrow().id();
        var appeal = appeals.queue(accounts.byUsername("mo").orElseThrow()).stream().filter(a -> a.workerId() == chen).toList();
        assertThat(appeal).hasSize(1).allSatisfy(a -> assertThat(a.dueAt()).isAfter(clock.instant()));
        assertThat(ledger.audit()).isEmpty();

        // Something to see on the workers' voice pages.
        assertThat(consultations.list()).anyMatch(c -> c.explanation().contains("minimum wage rises"));
        assertThat(representatives.list(ada)).anyMatch(e -> e.candidates().stream().anyMatch(c -> c.displayName().equals("Ada Jansen")));
    }
}
