package org.polder.home;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.common.DomainException;
import org.polder.ledger.Fees;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.notify.NoticeKind;
import org.polder.notify.Notifications;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.oversight.SafetyReport;
import org.polder.oversight.SafetyReports;
import org.polder.testing.Api;
import org.polder.testing.AtOnce;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.trail.Trail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Help at home, end to end: a household books weekly cleaning, a worker whose offer fits takes it and reads the
 * address only then, checks in at the door, raises the alarm (it reaches their contact and a moderator, with the
 * address), checks out, is paid when the household confirms, and the household's statement follows the household
 * services rule. Then the rules around it: late cancellation, pause and notice, four days a week, missed visits,
 * who may see and do what, one worker per booking however many press at once, and bad input changing nothing.
 */
class HomeIT extends PolderIT {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final long RATE = 1600;

    @Autowired Bookings bookings;
    @Autowired Visits visits;
    @Autowired HomeProfiles profiles;
    @Autowired HouseholdStatements statements;
    @Autowired Ledger ledger;
    @Autowired Fees fees;
    @Autowired Notifications notifications;
    @Autowired SafetyReports safetyReports;
    @Autowired Decisions decisions;
    @Autowired Appeals appeals;
    @Autowired Trail trail;
    @Autowired JdbcClient jdbc;
    @Autowired org.polder.home.internal.HomeJobs jobs;

    /** A place in a patch of the world of its own, so that no other test's workers or bookings are near. */
    record Spot(double lat, double lng) {
        String address() {
            return "Keizersgracht " + ThreadLocalRandom.current().nextInt(1, 900) + ", 1015 CS Amsterdam";
        }
    }

    static Spot spot() {
        return new Spot(ThreadLocalRandom.current().nextDouble(-60, 60), ThreadLocalRandom.current().nextDouble(-170, 170));
    }

    /** A worker who cleans within 10 km of the spot at any time of the week, with another account as their contact. */
    CurrentUser cleaner(Spot s, CurrentUser contact) {
        CurrentUser w = fixtures.worker();
        List<HomeProfile.WeeklySlot> always = java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(d -> new HomeProfile.WeeklySlot(d, 0, 24 * 60)).toList();
        profiles.set(w, new HomeProfiles.HomeOffer(List.of("CLEANING"), "Home base", s.lat() + 0.01, s.lng(), 10, always, null, null, null,
                contact.username()), Locale.ENGLISH);
        return w;
    }

    /** A start some days ahead, on the hour. */
    Instant start(int days) {
        return clock.instant().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.HOURS);
    }

    Booking book(CurrentUser household, Spot s, Instant start, boolean weekly) {
        return bookings.book(household, new Bookings.BookingSpec("CLEANING", s.address(), s.lat(), s.lng(), start, 180, RATE,
                "Kitchen, bathroom and floors", "A friendly cat", true, true, weekly), Locale.ENGLISH);
    }

    /** A household's booking in a spot of its own, taken by a cleaner who works there. */
    record Taken(Spot spot, CurrentUser household, CurrentUser cleaner, Booking booking) {
    }

    Taken taken(int days, boolean weekly) {
        Spot s = spot();
        CurrentUser household = fixtures.household(100_000);
        CurrentUser cleaner = cleaner(s, fixtures.worker());
        Booking b = book(household, s, start(days), weekly);
        bookings.take(cleaner, b.id());
        return new Taken(s, household, cleaner, b);
    }

    long visitCost() {
        long wages = 4800 + 384;
        return wages + fees.feeFor(wages);
    }

    long balance(CurrentUser household) {
        return ledger.balance(LedgerAccount.organisation(household.organisationId()));
    }

    @Test
    void aHouseholdBooksWeeklyCleaningAndAWorkerDoesTheFirstVisitSafelyAndIsPaid() throws Exception {
        Spot s = spot();
        String username = Fixtures.unique("jansen");
        Api.Response registered = api().post("/api/v1/accounts", Map.of("username", username, "password", "a-long-household-password",
                "displayName", "Anna Jansen", "role", "REQUESTER", "household", true, "language", "en"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        CurrentUser household = fixtures.refreshed(accountsByName(username));
        fixtures.fund(household, 100_000);
        Api householdApi = api().login(username, "a-long-household-password");
        assertThat(householdApi.put("/api/v1/household/home", Map.of("address", s.address(), "latitude", s.lat(), "longitude", s.lng())).status())
                .isEqualTo(200);

        Instant first = start(2);
        Api.Response booked = householdApi.post("/api/v1/household/bookings", Map.of("service", "CLEANING", "startsAt", first.toString(),
                "minutes", 180, "hourlyRate", RATE, "tasks", "Kitchen, bathroom and floors", "pets", "A friendly cat", "stairs", true,
                "supplies", true, "weekly", true));
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        long bookingId = booked.id();
        // Four weeks ahead are planned and paid into escrow at once: each the pay, 8% holiday pay and the fee.
        assertThat(bookings.visits(bookingId)).hasSize(4).allSatisfy(v -> {
            assertThat(v.pay()).isEqualTo(4800);
            assertThat(v.holidayPay()).isEqualTo(384);
        });
        assertThat(balance(household)).isEqualTo(100_000 - 4 * visitCost());

        CurrentUser contact = fixtures.worker();
        CurrentUser cleaner = cleaner(s, contact);
        CurrentUser farAway = cleaner(spot(), contact);
        Api me = api().login(cleaner.username(), Fixtures.PASSWORD);
        // Before taking it: the area and the household's record, not the address.
        var openings = me.get("/api/v1/home/openings").json();
        assertThat(openings).hasSize(1);
        assertThat(openings.get(0).get("booking").get("address").isNull()).isTrue();
        assertThat(openings.get(0).get("booking").get("area").asString()).isEqualTo("1015 Amsterdam");
        assertThat(openings.get(0).get("household").has("visitsKept")).isTrue();
        assertThat(me.get("/api/v1/home/openings").body()).doesNotContain("Keizersgracht");
        assertThat(bookings.open(farAway)).isEmpty();

        assertThat(me.post("/api/v1/home/bookings/" + bookingId + "/take", Map.of()).status()).isEqualTo(200);
        var mine = me.get("/api/v1/me/visits").json();
        assertThat(mine).hasSize(4);
        assertThat(mine.get(0).get("booking").get("address").asString()).startsWith("Keizersgracht");
        long visitId = mine.get(0).get("visit").get("id").asLong();

        // Check-in: from 30 minutes before, at the door; far away is refused and changes nothing.
        clock.advance(Duration.between(clock.instant(), first.minus(Duration.ofMinutes(10))));
        Api.Response far = me.post("/api/v1/me/visits/" + visitId + "/check-in", Map.of("latitude", s.lat() + 0.05, "longitude", s.lng()));
        assertThat(far.status()).isEqualTo(409);
        assertThat(far.json().get("detail").asString()).contains("not within 250 m");
        assertThat(bookings.visit(visitId).state()).isEqualTo(Visit.State.PLANNED);
        assertThat(me.post("/api/v1/me/visits/" + visitId + "/check-in", Map.of("latitude", s.lat() + 0.0005, "longitude", s.lng())).status())
                .isEqualTo(200);
        Visit working = bookings.visit(visitId);
        assertThat(working.state()).isEqualTo(Visit.State.WORKING);
        assertThat(working.checkedInNearby()).isTrue();
        assertThat(jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(working.assignmentId()).query(String.class).single()).isEqualTo("STARTED");

        // The alarm reaches the contact and every moderator, with the address, and opens a report in the moderators' queue.
        CurrentUser moderator = fixtures.moderator();
        clock.advance(Duration.ofMinutes(40));
        Api.Response alarm = me.post("/api/v1/me/visits/" + visitId + "/alarm", Map.of());
        assertThat(alarm.status()).as(alarm.body()).isEqualTo(200);
        assertThat(alarm.json().get("reached").toString()).contains("@" + contact.username(), "moderators");
        String address = bookings.get(bookingId).address();
        assertThat(notifications.mine(contact, 0, 20).items()).anyMatch(n -> n.kind() == NoticeKind.ALARM && n.text().args().contains(address));
        assertThat(notifications.mine(moderator, 0, 20).items()).anyMatch(n -> n.kind() == NoticeKind.ALARM && n.text().args().contains(address));
        assertThat(safetyReports.queue(moderator)).anyMatch(r -> r.reporterId() == cleaner.id() && r.category() == SafetyReport.Category.SAFETY
                && r.message().contains(address));
        // The household reads nothing of it.
        assertThat(notifications.mine(household, 0, 50).items()).noneMatch(n -> n.kind() == NoticeKind.ALARM);

        // Check-out with the hours and "all well"; the household confirms and the worker is paid pay and holiday pay.
        clock.advance(Duration.ofMinutes(140));
        Api.Response out = me.post("/api/v1/me/visits/" + visitId + "/check-out", Map.of("minutes", 180, "feltSafe", true));
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        // The household's page puts its next action first: the hours to confirm.
        assertThat(new org.polder.testing.WebSession(port).login(username, "a-long-household-password").get("/household").body())
                .contains("Confirm the hours of 1 visit");
        long before = ledger.balance(LedgerAccount.worker(cleaner.id()));
        long householdBefore = balance(household);
        assertThat(householdApi.post("/api/v1/household/visits/" + visitId + "/confirm", Map.of()).status()).isEqualTo(200);
        assertThat(ledger.balance(LedgerAccount.worker(cleaner.id())) - before).isEqualTo(5184);
        assertThat(balance(household)).as("the escrow held exactly the visit").isEqualTo(householdBefore);
        assertThat(ledger.balance(LedgerAccount.visitEscrow(visitId))).isZero();
        assertThat(householdApi.post("/api/v1/household/visits/" + visitId + "/confirm", Map.of()).status()).as("once").isEqualTo(409);

        // The statement: hours, pay, holiday pay, no VAT; nothing else's.
        LocalDate day = first.atZone(ZONE).toLocalDate();
        HouseholdStatements.HouseholdStatement st = statements.of(household, day.getYear(), day.getMonthValue());
        assertThat(st.minutes()).isEqualTo(180);
        assertThat(st.pay()).isEqualTo(4800);
        assertThat(st.holidayPay()).isEqualTo(384);
        assertThat(st.wages()).isEqualTo(5184);
        assertThat(st.lines()).singleElement().satisfies(l -> assertThat(l.worker()).isEqualTo(cleaner.displayName()));
        assertThat(st.anyFourDayWeek()).isFalse();
        var page = new org.polder.testing.WebSession(port).login(username, "a-long-household-password").get("/household/statement?year=" + day.getYear() + "&month=" + day.getMonthValue());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("household services rule", "€48.00", "€3.84", "€51.84", "None (household services rule)");
        var pdf = new org.polder.testing.WebSession(port).login(username, "a-long-household-password")
                .download("/household/statement.pdf?year=" + day.getYear() + "&month=" + day.getMonthValue(), "nl");
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Anna Jansen", "Vakantiegeld", "3,84", "51,84",
                    "Geen (regeling dienstverlening aan huis)");
        }

        // The worker's trail holds every step, each about this kind of work; the ledger is balanced.
        assertThat(trail.forWorker(cleaner.id(), 0, 50).items()).extracting(e -> e.type())
                .contains("VISIT_TAKEN", "VISIT_CHECKED_IN", "VISIT_ALARM", "VISIT_CHECKED_OUT", "ASSIGNMENT_PAID");
        assertThat(ledger.audit()).isEmpty();
    }

    private CurrentUser accountsByName(String username) {
        return accounts.byUsername(username).orElseThrow();
    }

    @Autowired org.polder.account.Accounts accounts;

    @Test
    void aPrivatePersonRegistersAsAHouseholdOnThePage() throws Exception {
        String username = Fixtures.unique("noor");
        var page = new org.polder.testing.WebSession(port);
        var registered = page.post("/register", "/register", Map.of("role", "HOUSEHOLD", "displayName", "Noor de Vries", "username", username,
                "password", "a-long-household-password", "organisationName", "", "language", "nl"));
        assertThat(registered.statusCode()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location").orElse("")).endsWith("/login");
        CurrentUser noor = accounts.byUsername(username).orElseThrow();
        assertThat(accounts.isHousehold(noor.organisationId())).isTrue();
        assertThat(accounts.kindsOf(noor.organisationId())).containsExactly("HOME");
        var home = new org.polder.testing.WebSession(port).login(username, "a-long-household-password");
        assertThat(home.get("/start").headers().firstValue("Location").orElse("")).endsWith("/household");
        assertThat(home.get("/household").body()).contains("href=\"/household/statement\"").doesNotContain("href=\"/requester/batches\"");
    }

    @org.junit.jupiter.api.extension.RegisterExtension
    static com.icegreen.greenmail.junit5.GreenMailExtension smtp = new com.icegreen.greenmail.junit5.GreenMailExtension(
            com.icegreen.greenmail.util.ServerSetupTest.SMTP)
            .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @Test
    void theAlarmReachesAContactWithoutAnAccountByMail() throws Exception {
        Spot s = spot();
        CurrentUser household = fixtures.household(100_000);
        CurrentUser cleaner = fixtures.worker();
        String mail = Fixtures.unique("sam") + "@example.org";
        profiles.set(cleaner, new HomeProfiles.HomeOffer(List.of("CLEANING"), "Home base", s.lat(), s.lng(), 10,
                List.of(new HomeProfile.WeeklySlot(1, 0, 1440)), "Sam Jansen", "+31 6 1234 5678", mail, null), Locale.ENGLISH);
        Booking b = book(household, s, start(1), false);
        bookings.take(cleaner, b.id());
        Visit v = bookings.visits(b.id()).get(0);
        clock.advance(Duration.between(clock.instant(), v.startsAt()));
        visits.checkIn(cleaner, v.id(), new Visits.VisitPosition(s.lat(), s.lng()));
        Visits.Alarm alarm = visits.alarm(cleaner, v.id());
        assertThat(alarm.reached()).contains("Sam Jansen (" + mail + ")", "moderators");
        var received = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(mail);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).contains("ALARM", cleaner.displayName());
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m)).contains(b.address().split(",")[0]);
        });
        // The moderators read the contact's number, to call them.
        assertThat(safetyReports.queue(fixtures.moderator())).anyMatch(r -> r.reporterId() == cleaner.id() && r.message().contains("+31 6 1234 5678"));

        // The household is on the moderators' list; one of them closes help at home to it, with a reason it reads.
        var moderator = new org.polder.testing.WebSession(port).login(fixtures.moderator());
        String name = accounts.organisation(household.organisationId()).name();
        assertThat(moderator.get("/moderation/households").body()).contains(name, "1 alarm");
        assertThat(new org.polder.testing.WebSession(port).login(household).get("/moderation/households").statusCode()).isEqualTo(403);
        assertThat(moderator.post("/moderation/households/" + household.organisationId() + "/close", "/moderation/households",
                Map.of("reason", "Threatened the worker during a visit")).statusCode()).isEqualTo(302);
        assertThat(new org.polder.testing.WebSession(port).login(household).get("/household").body())
                .contains("Threatened the worker during a visit").doesNotContain("action=\"/household/bookings\"");
        assertThatThrownBy(() -> book(household, s, start(3), false)).isInstanceOf(DomainException.class);
    }

    @Test
    void aLateCancellationPaysTheWorkerAShareAnEarlyOneNothing() {
        Taken t = taken(3, true);
        CurrentUser household = t.household();
        CurrentUser cleaner = t.cleaner();
        Booking b = t.booking();
        List<Visit> vs = bookings.visits(b.id());
        long worker = ledger.balance(LedgerAccount.worker(cleaner.id()));
        long money = balance(household);

        Visit early = bookings.cancelVisit(household, vs.get(1).id(), "We are away that week");
        assertThat(early.state()).isEqualTo(Visit.State.CANCELLED);
        assertThat(ledger.balance(LedgerAccount.worker(cleaner.id()))).isEqualTo(worker);
        assertThat(balance(household)).isEqualTo(money + visitCost());

        clock.advance(Duration.between(clock.instant(), vs.get(0).startsAt().minus(Duration.ofHours(10))));
        bookings.cancelVisit(household, vs.get(0).id(), null);
        long share = (5184 * 50 + 50) / 100;
        assertThat(ledger.balance(LedgerAccount.worker(cleaner.id())) - worker).isEqualTo(share);
        assertThat(balance(household)).isEqualTo(money + 2 * visitCost() - share);
        Decision d = decisions.forWorker(cleaner.id(), 0, 20).items().stream().filter(x -> x.type().equals("VISIT_CANCELLED")
                && x.assignmentId().equals(vs.get(0).assignmentId())).findFirst().orElseThrow();
        assertThat(d.inputs()).contains("\"sharePercent\":50");
        assertThatThrownBy(() -> bookings.cancelVisit(household, vs.get(0).id(), null)).isInstanceOf(DomainException.class);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aPauseSkipsTheHolidayAndNoticeEndsTheSeriesAfterTwoWeeks() {
        Taken t = taken(2, true);
        CurrentUser household = t.household();
        CurrentUser cleaner = t.cleaner();
        Booking b = t.booking();
        List<Visit> vs = bookings.visits(b.id());
        LocalDate third = vs.get(2).startsAt().atZone(ZONE).toLocalDate();
        assertThat(bookings.pause(household, b.id(), third.minusDays(1), third.plusDays(1))).singleElement()
                .satisfies(v -> assertThat(v.state()).isEqualTo(Visit.State.PAUSED));
        // The worker ends it with notice: the visits of the next two weeks stay, the fourth goes.
        Booking ended = bookings.endBooking(cleaner, b.id(), "I am moving to another town");
        assertThat(ended.state()).isEqualTo(Booking.State.ENDING);
        assertThat(bookings.get(b.id()).lastVisitOn()).isEqualTo(clock.instant().atZone(ZONE).toLocalDate().plusWeeks(2));
        assertThat(bookings.visits(b.id())).extracting(Visit::state)
                .containsExactly(Visit.State.PLANNED, Visit.State.PLANNED, Visit.State.PAUSED, Visit.State.CANCELLED);
        assertThat(notifications.mine(household, 0, 20).items()).anyMatch(n -> n.text().key().equals("notice.home.endedByWorker"));
        assertThat(bookings.dueForPlanning(1000)).doesNotContain(b.id());
        assertThatThrownBy(() -> bookings.endBooking(household, b.id(), "Twice")).isInstanceOf(DomainException.class);
        clock.advance(Duration.ofDays(22));
        jobs.runOnce();
        assertThat(bookings.get(b.id()).state()).as("ended after its last visit day").isEqualTo(Booking.State.ENDED);
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void aWorkerWhoCannotComeOnceGivesTheVisitBackAtNoCostToAnyone() {
        Taken t = taken(2, true);
        List<Visit> vs = bookings.visits(t.booking().id());
        long money = balance(t.household());
        long worker = ledger.balance(LedgerAccount.worker(t.cleaner().id()));
        assertThatThrownBy(() -> bookings.giveBack(fixtures.worker(), vs.get(1).id(), "Not mine")).isInstanceOf(org.polder.common.NotFoundException.class);
        assertThatThrownBy(() -> bookings.giveBack(t.cleaner(), vs.get(1).id(), "")).isInstanceOf(DomainException.class);
        Visit back = bookings.giveBack(t.cleaner(), vs.get(1).id(), "I have the flu");
        assertThat(back.state()).isEqualTo(Visit.State.CANCELLED);
        assertThat(balance(t.household())).isEqualTo(money + visitCost());
        assertThat(ledger.balance(LedgerAccount.worker(t.cleaner().id()))).isEqualTo(worker);
        assertThat(notifications.mine(t.household(), 0, 20).items()).anyMatch(n -> n.text().key().equals("notice.home.givenBack")
                && n.text().args().contains("I have the flu"));
        // The booking and its other visits stay the worker's; no decision is taken about them.
        assertThat(bookings.get(t.booking().id()).workerId()).isEqualTo(t.cleaner().id());
        assertThat(bookings.visits(t.booking().id())).filteredOn(v -> v.state() == Visit.State.PLANNED).hasSize(3)
                .allSatisfy(v -> assertThat(v.workerId()).isEqualTo(t.cleaner().id()));
        assertThat(decisions.forWorker(t.cleaner().id(), 0, 20).items()).isEmpty();
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void fourDaysAWeekWithOneWorkerIsFlaggedToTheHousehold() {
        Spot s = spot();
        CurrentUser household = fixtures.household(300_000);
        CurrentUser cleaner = cleaner(s, fixtures.worker());
        Instant monday = clock.instant().atZone(ZONE).toLocalDate().plusWeeks(1).with(java.time.DayOfWeek.MONDAY).atTime(9, 0).atZone(ZONE).toInstant();
        for (int day = 0; day < 3; day++) {
            bookings.take(cleaner, book(household, s, monday.plus(Duration.ofDays(day)), true).id());
        }
        assertThat(bookings.fourDayWeeks(household.organisationId(), cleaner.id())).isEmpty();
        bookings.take(cleaner, book(household, s, monday.plus(Duration.ofDays(3)), true).id());
        assertThat(bookings.fourDayWeeks(household.organisationId(), cleaner.id())).hasSize(4);
        assertThat(notifications.mine(household, 0, 20).items()).anyMatch(n -> n.text().key().equals("notice.home.fourDays"));
    }

    @Test
    void aVisitNobodyCheckedInToIsMissedAndAnUpheldAppealPaysIt() {
        Taken t = taken(1, false);
        CurrentUser household = t.household();
        CurrentUser cleaner = t.cleaner();
        Booking b = t.booking();
        Visit v = bookings.visits(b.id()).get(0);
        long money = balance(household);
        clock.advance(Duration.between(clock.instant(), v.startsAt().plus(Duration.ofMinutes(31))));
        assertThat(visits.markMissed(v.id())).isTrue();
        assertThat(visits.markMissed(v.id())).as("once").isFalse();
        assertThat(balance(household)).isEqualTo(money + visitCost());
        Decision d = decisions.forWorker(cleaner.id(), 0, 20).items().stream().filter(x -> x.type().equals("VISIT_MISSED")).findFirst().orElseThrow();
        assertThat(d.automated()).isTrue();
        long worker = ledger.balance(LedgerAccount.worker(cleaner.id()));
        var appeal = appeals.appeal(cleaner, d.id(), "I was at the door; my phone had died");
        appeals.decide(fixtures.moderator(), appeal.id(), true, "The household confirms you came");
        assertThat(ledger.balance(LedgerAccount.worker(cleaner.id())) - worker).isEqualTo(5184);
        assertThat(bookings.visit(v.id()).state()).isEqualTo(Visit.State.SETTLED);
        assertThat(bookings.visit(v.id()).paidMinutes()).isEqualTo(180);
    }

    @Test
    void theClockworkPlansTheNextWeekForTheSameWorkerAndCancelsAVisitNobodyTook() {
        Taken t = taken(2, true);
        Booking untaken = book(t.household(), t.spot(), start(1), false);
        long money = balance(t.household());
        // Nobody takes the one-off visit: by its start it is cancelled, its money back, the household told.
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        jobs.runOnce();
        assertThat(bookings.visits(untaken.id())).singleElement().satisfies(v -> assertThat(v.state()).isEqualTo(Visit.State.CANCELLED));
        assertThat(bookings.get(untaken.id()).state()).isEqualTo(Booking.State.ENDED);
        assertThat(notifications.mine(t.household(), 0, 20).items()).anyMatch(n -> n.text().key().equals("notice.home.untaken"));
        assertThat(balance(t.household())).isEqualTo(money + visitCost());
        // A week on, the weekly booking's fifth visit is planned and paid into escrow, and it is the same worker's.
        clock.advance(Duration.ofDays(7));
        jobs.runOnce();
        List<Visit> weekly = bookings.visits(t.booking().id());
        assertThat(weekly).hasSizeGreaterThanOrEqualTo(5);
        assertThat(weekly.get(4).workerId()).isEqualTo(t.cleaner().id());
        assertThat(weekly.get(4).startsAt()).isEqualTo(weekly.get(0).startsAt().atZone(ZONE).plusWeeks(4).toInstant());
        assertThat(ledger.balance(LedgerAccount.visitEscrow(weekly.get(4).id()))).isEqualTo(visitCost());
        assertThat(ledger.audit()).isEmpty();
    }

    /** A visit worked for three hours, checked out: the hours wait for the household. */
    Taken worked() {
        Taken t = taken(1, false);
        Visit v = bookings.visits(t.booking().id()).get(0);
        clock.advance(Duration.between(clock.instant(), v.startsAt()));
        visits.checkIn(t.cleaner(), v.id(), new Visits.VisitPosition(t.spot().lat(), t.spot().lng()));
        clock.advance(Duration.ofHours(3));
        visits.checkOut(t.cleaner(), v.id(), 180, true, null);
        return t;
    }

    @Test
    void questionedHoursArePaidAsTheWorkerAcceptsThemOrAsAModeratorDecides() {
        // The worker accepts the household's two hours.
        Taken accepted = worked();
        Visit a = bookings.visits(accepted.booking().id()).get(0);
        assertThatThrownBy(() -> visits.question(accepted.household(), a.id(), 180, "Too long")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> visits.question(accepted.household(), a.id(), 120, "")).isInstanceOf(DomainException.class);
        assertThat(bookings.visit(a.id()).state()).isEqualTo(Visit.State.DONE);
        Visit q = visits.question(accepted.household(), a.id(), 120, "She left at eleven, not twelve");
        assertThat(q.state()).isEqualTo(Visit.State.QUESTIONED);
        Decision d = decisions.forWorker(accepted.cleaner().id(), 0, 20).items().stream().filter(x -> x.type().equals("VISIT_HOURS_QUESTIONED"))
                .findFirst().orElseThrow();
        assertThat(d.automated()).isFalse();
        assertThat(d.decidedBy()).isEqualTo(accepted.household().id());
        long before = ledger.balance(LedgerAccount.worker(accepted.cleaner().id()));
        assertThatThrownBy(() -> visits.confirm(accepted.household(), a.id())).isInstanceOf(DomainException.class);
        visits.acceptQuestion(accepted.cleaner(), a.id());
        assertThat(ledger.balance(LedgerAccount.worker(accepted.cleaner().id())) - before).isEqualTo(3200 + 256);
        // The household's statement counts the hours paid, the household's two, with their holiday pay.
        LocalDate day = a.startsAt().atZone(ZONE).toLocalDate();
        assertThat(statements.of(accepted.household(), day.getYear(), day.getMonthValue()).lines()).singleElement().satisfies(l -> {
            assertThat(l.minutes()).isEqualTo(120);
            assertThat(l.pay()).isEqualTo(3200);
            assertThat(l.holidayPay()).isEqualTo(256);
        });

        // Another worker appeals; the moderator finds for them: the three hours are paid from the escrow.
        Taken appealed = worked();
        Visit b = bookings.visits(appealed.booking().id()).get(0);
        visits.question(appealed.household(), b.id(), 60, "Only the kitchen was done");
        Decision questioned = decisions.forWorker(appealed.cleaner().id(), 0, 20).items().stream()
                .filter(x -> x.type().equals("VISIT_HOURS_QUESTIONED")).findFirst().orElseThrow();
        var appeal = appeals.appeal(appealed.cleaner(), questioned.id(), "Kitchen, bathroom and floors are done: see the photos");
        clock.advance(Duration.ofHours(49));
        assertThat(visits.settleIfDue(b.id())).as("an open appeal waits for the moderator").isFalse();
        long worker = ledger.balance(LedgerAccount.worker(appealed.cleaner().id()));
        appeals.decide(fixtures.moderator(), appeal.id(), true, "The photos show the whole house was cleaned");
        assertThat(ledger.balance(LedgerAccount.worker(appealed.cleaner().id())) - worker).isEqualTo(5184);
        assertThat(bookings.visit(b.id()).state()).isEqualTo(Visit.State.SETTLED);

        // A third says nothing: after the window the household's hours stand, an automated decision the worker reads.
        Taken silent = worked();
        Visit c = bookings.visits(silent.booking().id()).get(0);
        visits.question(silent.household(), c.id(), 150, "Started half an hour late");
        clock.advance(Duration.ofHours(49));
        assertThat(visits.settleIfDue(c.id())).isTrue();
        assertThat(bookings.visit(c.id()).paid()).isEqualTo(4000 + 320);
        assertThat(decisions.forWorker(silent.cleaner().id(), 0, 20).items()).anyMatch(x -> x.type().equals("VISIT_SETTLED") && x.automated()
                && x.reasonCode().equals("decision.reason.visitQuestionStands"));
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void unconfirmedHoursArePaidAfterTheReviewWindowWithADecision() {
        Taken t = taken(1, false);
        Spot s = t.spot();
        CurrentUser cleaner = t.cleaner();
        Booking b = t.booking();
        Visit v = bookings.visits(b.id()).get(0);
        clock.advance(Duration.between(clock.instant(), v.startsAt()));
        visits.checkIn(cleaner, v.id(), new Visits.VisitPosition(s.lat(), s.lng()));
        clock.advance(Duration.ofMinutes(150));
        visits.checkOut(cleaner, v.id(), 150, false, "The son of the house shouted at me");
        assertThat(safetyReports.queue(fixtures.moderator())).anyMatch(r -> r.reporterId() == cleaner.id()
                && r.message().contains("shouted at me"));
        clock.advance(Duration.ofHours(49));
        assertThat(visits.settleIfDue(v.id())).isTrue();
        assertThat(visits.settleIfDue(v.id())).isFalse();
        Visit paid = bookings.visit(v.id());
        assertThat(paid.paid()).isEqualTo(4000 + 320);
        assertThat(decisions.forWorker(cleaner.id(), 0, 20).items()).anyMatch(d -> d.type().equals("VISIT_SETTLED") && d.automated());
        assertThat(ledger.audit()).isEmpty();
    }

    @Test
    void oneWorkerTakesABookingHoweverManyPressAtOnce() throws Exception {
        Spot s = spot();
        CurrentUser household = fixtures.household(100_000);
        Booking b = book(household, s, start(2), true);
        CurrentUser contact = fixtures.worker();
        List<CurrentUser> workers = java.util.stream.IntStream.range(0, 8).mapToObj(i -> cleaner(s, contact)).toList();
        List<Object> results = AtOnce.run(workers.size(), i -> {
            try {
                return bookings.take(workers.get(i), b.id());
            } catch (DomainException e) {
                return e.code();
            }
        });
        assertThat(results.stream().filter(r -> r instanceof Booking)).hasSize(1);
        assertThat(results.stream().filter(r -> !(r instanceof Booking))).allMatch("problem.home.taken"::equals);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM assignment a JOIN home_visit v ON v.task_id = a.task_id WHERE v.booking_id = ?")
                .param(b.id()).query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT worker_id) FROM home_visit WHERE booking_id = ?").param(b.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void nobodyElseSeesOrTouchesAHouseholdsBookingsOrAWorkersVisits() throws Exception {
        Taken t = taken(2, false);
        Spot s = t.spot();
        CurrentUser household = t.household();
        Booking b = t.booking();
        long visitId = bookings.visits(b.id()).get(0).id();
        Api otherHousehold = api().login(fixtures.household(0).username(), Fixtures.PASSWORD);
        assertThat(otherHousehold.get("/api/v1/household/bookings/" + b.id()).status()).isEqualTo(404);
        assertThat(otherHousehold.post("/api/v1/household/visits/" + visitId + "/cancel", Map.of()).status()).isEqualTo(404);
        assertThat(otherHousehold.post("/api/v1/household/visits/" + visitId + "/confirm", Map.of()).status()).isEqualTo(404);
        Api otherWorker = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        assertThat(otherWorker.post("/api/v1/me/visits/" + visitId + "/check-in", Map.of("latitude", s.lat(), "longitude", s.lng())).status()).isEqualTo(404);
        assertThat(otherWorker.post("/api/v1/me/visits/" + visitId + "/alarm", Map.of()).status()).isEqualTo(404);
        assertThat(otherWorker.get("/api/v1/home/openings/" + b.id()).status()).as("taken: no longer open").isEqualTo(404);
        assertThat(otherWorker.get("/api/v1/household/bookings").status()).isEqualTo(403);
        Api requester = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        assertThat(requester.post("/api/v1/home/bookings/" + b.id() + "/take", Map.of()).status()).isEqualTo(403);
        Api.Response business = requester.post("/api/v1/household/bookings", Map.of("service", "CLEANING", "address", s.address(), "latitude", s.lat(),
                "longitude", s.lng(), "startsAt", start(2).toString(), "minutes", 180, "hourlyRate", RATE, "tasks", "Floors"));
        assertThat(business.status()).as("a business books no help at home").isEqualTo(403);
        assertThat(requester.get("/api/v1/me/visits").status()).isEqualTo(403);
        var web = new org.polder.testing.WebSession(port).login(fixtures.household(0));
        assertThat(web.get("/household/bookings/" + b.id()).statusCode()).isEqualTo(404);
        assertThat(new org.polder.testing.WebSession(port).login(fixtures.worker()).get("/household").statusCode()).isEqualTo(403);
    }

    @Test
    void badInputNamesTheFieldAndBooksNothing() throws Exception {
        Spot s = spot();
        CurrentUser household = fixtures.household(100_000);
        Api me = api().login(household.username(), Fixtures.PASSWORD);
        long balance = balance(household);
        Map<String, Object> base = Map.of("service", "CLEANING", "address", s.address(), "latitude", s.lat(), "longitude", s.lng(),
                "startsAt", start(2).toString(), "minutes", 180, "hourlyRate", RATE, "tasks", "Floors", "weekly", true);
        for (var bad : List.of(Map.entry("hourlyRate", (Object) 500), Map.entry("minutes", 20), Map.entry("service", "GARDENING"),
                Map.entry("tasks", ""), Map.entry("startsAt", clock.instant().toString()))) {
            Map<String, Object> body = new java.util.HashMap<>(base);
            body.put(bad.getKey(), bad.getValue());
            Api.Response r = me.post("/api/v1/household/bookings", body);
            assertThat(r.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).as(bad.getKey()).startsWith(bad.getKey());
        }
        // A home address that is not an address leaves the saved home as it was.
        bookings.saveHome(household, s.address(), s.lat(), s.lng(), Locale.ENGLISH);
        assertThat(me.put("/api/v1/household/home", Map.of("address", "")).status()).isEqualTo(400);
        assertThat(bookings.home(household)).hasValueSatisfying(h -> assertThat(h.latitude()).isEqualTo(s.lat()));

        // On the page: the problem in words, and the form as it was sent.
        var web = new org.polder.testing.WebSession(port).login(household);
        assertThat(web.post("/household/bookings", "/household", Map.of("service", "CARE", "address", s.address(), "latitude", String.valueOf(s.lat()),
                "longitude", String.valueOf(s.lng()), "day", start(2).atZone(ZONE).toLocalDate().toString(), "time", "10:15", "minutes", "120",
                "hourlyRate", "5.00", "tasks", "Help with the shopping and a walk")).statusCode()).isEqualTo(302);
        String page = web.get("/household").body();
        assertThat(page).contains("The hourly rate is at least €", "Help with the shopping and a walk", "value=\"10:15\"", "value=\"5.00\"");
        assertThat(page).containsPattern("<option value=\"CARE\" selected");
        assertThat(bookings.ofHousehold(household)).isEmpty();

        // Short of money: nothing of the four weeks is planned.
        CurrentUser poor = fixtures.household(10_000);
        Api.Response shortOfMoney = api().login(poor.username(), Fixtures.PASSWORD).post("/api/v1/household/bookings", base);
        assertThat(shortOfMoney.status()).isEqualTo(422);
        assertThat(bookings.ofHousehold(poor)).isEmpty();
        assertThat(bookings.ofHousehold(household)).isEmpty();
        assertThat(balance(household)).isEqualTo(balance);
        assertThat(balance(poor)).isEqualTo(10_000);
    }

    @Test
    void aModeratorClosesHomeServicesToAHouseholdWithAReason() {
        CurrentUser household = fixtures.household(100_000);
        Api requester = api().login(fixtures.requester().username(), Fixtures.PASSWORD);
        assertThat(requester.post("/api/v1/moderation/households/" + household.organisationId() + "/close", Map.of("reason", "Harassed two workers")).status())
                .isEqualTo(403);
        Api moderator = api().login(fixtures.moderator().username(), Fixtures.PASSWORD);
        assertThat(moderator.post("/api/v1/moderation/households/" + household.organisationId() + "/close", Map.of("reason", "")).status())
                .isEqualTo(400);
        assertThat(moderator.post("/api/v1/moderation/households/" + household.organisationId() + "/close",
                Map.of("reason", "Harassed two workers during visits")).status()).isEqualTo(204);
        Spot s = spot();
        assertThatThrownBy(() -> book(household, s, start(2), false)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).contains("Harassed two workers during visits"));
    }
}
