package org.polder.web;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.errand.Errand;
import org.polder.errand.Errands;
import org.polder.errand.Place;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.testing.BrowserIT;
import org.polder.testing.Fixtures;
import org.polder.testing.OutsideServices;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page as a phone shows it (390 x 844), for each kind of user, in English and Dutch: nothing scrolls
 * sideways, no message key, raw JSON or amount in cents shows instead of words, and axe-core finds no serious or
 * critical accessibility problem in either language. All problems are gathered, so that one run names them all.
 */
class PhonePagesIT extends BrowserIT {

    @Autowired org.polder.sandbox.Sandboxes sandboxes;
    @Autowired org.polder.errand.CourierTeams courierTeams;
    @Autowired org.polder.errand.Duty duty;
    @Autowired
    Shifts shifts;
    @Autowired
    Selection selection;
    @Autowired
    Errands errands;
    @Autowired
    org.polder.microtask.Claiming claiming;
    @Autowired
    org.polder.microtask.Submissions submissions;
    @Autowired
    org.polder.microtask.Reviews reviews;
    @Autowired
    org.polder.oversight.Decisions decisions;
    @Autowired
    org.polder.oversight.Appeals appeals;
    @Autowired
    org.polder.shift.Hours hours;
    @Autowired
    org.polder.bank.BankAccounts bankAccounts;
    @Autowired
    org.polder.solidarity.Circles circles;
    @Autowired
    org.polder.solidarity.CircleFunds circleFunds;
    @Autowired
    org.polder.voice.Unions unions;
    @Autowired
    org.polder.voice.Agreements agreements;
    @Autowired
    org.polder.home.Bookings homeBookings;
    @Autowired
    org.polder.home.HomeProfiles homeProfiles;
    @Autowired
    org.polder.home.Visits homeVisits;

    @Test
    void everyPageFitsAPhoneInBothLanguagesAndPassesAxe() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 4, 20, 1);
        Fixtures.Client cafe = fixtures.client();
        Instant start = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(3)).plus(Duration.ofHours(10));
        Shift shift = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), start, start.plus(Duration.ofHours(4)),
                30, 2, 1600L, 24, null, null, null, null, null)).get(0);
        CurrentUser worker = fixtures.worker();
        selection.apply(worker, shift.id());
        fixtures.fund(requester, 50_000);
        sandboxes.open(requester);   // the sandbox page at its fullest
        // The dispatcher's board at its fullest: a team with the worker on duty, an errand waiting on the board; the courier's
        // page with a team, an invitation and the board.
        courierTeams.invite(requester, worker.username());
        courierTeams.join(worker, requester.organisationId());
        courierTeams.invite(cafe.requester(), worker.username());
        courierTeams.setSelfDispatch(requester, true);
        duty.goOnDuty(worker);
        long town = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        Errand errand = errands.book(requester, errands.located(requester, new Errands.ErrandSpec(
                new Place(OutsideServices.madeUp("Molenweg", 1, town), null, null), new Place(OutsideServices.madeUp("Molenweg", 9, town), null, null),
                "Sam", null, null, "", null, null), Locale.ENGLISH));
        // A rejected answer the worker appeals (the moderator's case page), and a task under way (the task page).
        long rejected = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, rejected, Map.of("label", "cat"));
        reviews.reject(requester, rejected, "The picture shows a dog.");
        long decision = decisions.forWorker(worker.id(), 0, 10).items().stream().filter(d -> Long.valueOf(rejected).equals(d.assignmentId()))
                .findFirst().orElseThrow().id();
        long appeal = appeals.appeal(worker, decision, "It is a cat.").id();
        long task = claiming.claim(worker, batch.id()).orElseThrow();
        // A shift worked and paid today: its invoice.
        Instant soon = clock.instant().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);
        Shift worked = shifts.post(cafe.requester(), new Shifts.ShiftSpec(cafe.role().id(), cafe.location().id(), soon, soon.plus(Duration.ofHours(4)),
                30, 1, 1600L, 24, null, null, null, null, null)).get(0);
        selection.apply(worker, worked.id());
        long paid = selection.select(cafe.requester(), worked.id(), worker.id()).assignmentId();
        hours.checkIn(worker, paid, null);
        clock.advance(Duration.ofHours(5));
        hours.checkOut(worker, paid, new org.polder.shift.Hours.Times(soon, soon.plus(Duration.ofHours(4)), 30));
        hours.accept(cafe.requester(), paid);

        // A bank account given and waiting for its verification transfer (the bank pages' fullest state).
        bankAccounts.setOwn(worker, "NL20 INGB 0001 2345 67", worker.displayName(), Fixtures.PASSWORD, "test");

        // A sick-pay circle the worker founded, an applicant to vote on and a contribution paid; a union the worker
        // mandates and lets see their record, an agreement it proposed.
        fixtures.payable(worker, 10_000);
        circles.found(worker, Fixtures.unique("Kring"), 2, true);
        circles.apply(fixtures.worker(), circles.mine(worker).orElseThrow().id(), 1, false);
        circleFunds.contribute(worker);
        CurrentUser organiser = fixtures.worker();
        long union = unions.register(fixtures.admin(), Fixtures.unique("Platformbond"), "Platform workers of every kind", organiser.username()).id();
        unions.mandate(worker, union, true);
        unions.consent(worker, union, true);
        agreements.propose(organiser, union, "CAO Platformwerk", "SHIFT", "Kok", 2_000L, java.time.LocalDate.now().plusYears(50), null);

        // Help at home: a household's weekly cleaning that a cleaner took, and an opening nobody took yet.
        CurrentUser household = fixtures.household(100_000);
        CurrentUser cleaner = fixtures.worker();
        double homeLat = ThreadLocalRandom.current().nextDouble(-50, 50), homeLng = ThreadLocalRandom.current().nextDouble(-150, 150);
        homeProfiles.set(cleaner, new org.polder.home.HomeProfiles.HomeOffer(List.of("CLEANING", "MOVING"), "Stationsplein 1, 3511 CE Utrecht",
                homeLat, homeLng, 10, List.of(new org.polder.home.HomeProfile.WeeklySlot(1, 0, 1440), new org.polder.home.HomeProfile.WeeklySlot(2, 0, 1440),
                new org.polder.home.HomeProfile.WeeklySlot(3, 0, 1440), new org.polder.home.HomeProfile.WeeklySlot(4, 0, 1440),
                new org.polder.home.HomeProfile.WeeklySlot(5, 0, 1440), new org.polder.home.HomeProfile.WeeklySlot(6, 0, 1440),
                new org.polder.home.HomeProfile.WeeklySlot(7, 0, 1440)), null, null, null, worker.username()), Locale.ENGLISH);
        var weekly = homeBookings.book(household, new org.polder.home.Bookings.BookingSpec("CLEANING", "Oudegracht 200, 3511 NR Utrecht", homeLat, homeLng,
                clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS), 180, 1650L, "Kitchen, bathroom and the floors downstairs",
                "A shy cat", true, true, true), Locale.ENGLISH);
        homeBookings.take(cleaner, weekly.id());
        homeBookings.book(household, new org.polder.home.Bookings.BookingSpec("MOVING", "Oudegracht 200, 3511 NR Utrecht", homeLat, homeLng,
                clock.instant().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS), 240, 1800L, "Carry boxes to a van", null, true, false, false),
                Locale.ENGLISH);
        long visitThread = homeBookings.visits(weekly.id()).get(0).assignmentId();
        // A visit under way: the alarm and the check-out with its safety question.
        var now = homeBookings.book(household, new org.polder.home.Bookings.BookingSpec("CLEANING", "Oudegracht 200, 3511 NR Utrecht", homeLat, homeLng,
                clock.instant().plus(Duration.ofMinutes(70)).truncatedTo(ChronoUnit.MINUTES), 120, 1650L, "Windows", null, false, true, false), Locale.ENGLISH);
        homeBookings.take(cleaner, now.id());
        clock.advance(Duration.ofMinutes(50));
        homeVisits.checkIn(cleaner, homeBookings.visits(now.id()).get(0).id(), new org.polder.home.Visits.VisitPosition(homeLat, homeLng));
        homeVisits.alarm(cleaner, homeBookings.visits(now.id()).get(0).id());   // the moderators' list of households
        // A visit done whose hours the household questions, and one whose hours wait for the household.
        var done = homeBookings.book(household, new org.polder.home.Bookings.BookingSpec("CLEANING", "Oudegracht 200, 3511 NR Utrecht", homeLat, homeLng,
                clock.instant().plus(Duration.ofMinutes(61)).truncatedTo(ChronoUnit.MINUTES), 60, 1650L, "Windows", null, false, true, false), Locale.ENGLISH);
        homeBookings.take(cleaner, done.id());
        clock.advance(Duration.ofMinutes(62));
        long doneVisit = homeBookings.visits(done.id()).get(0).id();
        homeVisits.checkIn(cleaner, doneVisit, new org.polder.home.Visits.VisitPosition(homeLat, homeLng));
        clock.advance(Duration.ofMinutes(60));
        homeVisits.checkOut(cleaner, doneVisit, 60, true, null);
        homeVisits.question(household, doneVisit, 45, "Started a quarter of an hour late");

        Map<String, List<String>> pagesOf = new LinkedHashMap<>();
        pagesOf.put(household.username(), List.of("/household", "/household/bookings/" + weekly.id(), "/household/bookings/" + now.id(),
                "/household/bookings/" + done.id(), "/household/statement", "/threads/" + visitThread));
        pagesOf.put(cleaner.username(), List.of("/me/visits", "/home/openings", "/me/home-offer"));
        pagesOf.put("", List.of("/", "/login", "/register", "/rules", "/track/" + errand.trackingToken()));
        pagesOf.put(worker.username(), List.of("/work", "/shifts", "/me/work", "/me/shifts", "/courier", "/courier/demand", "/me/earnings", "/me/quality",
                "/me/decisions", "/me/trail", "/me/export", "/me/reports", "/me/bank", "/me/statements", "/me/profile", "/consultations", "/channels", "/representatives", "/circle", "/account/password", "/account/business",
                "/work/assignments/" + task, "/invoices/shifts/" + paid, "/notifications", "/notifications/settings", "/threads/" + task));
        pagesOf.put(requester.username(), List.of("/requester/batches", "/requester/batches/new", "/requester/batches/" + batch.id(),
                "/requester/templates", "/requester/templates/new", "/requester/templates/" + batch.templateId(), "/requester/errands", "/requester/errands/" + errand.id(), "/requester/places", "/requester/qualifications",
                "/requester/appeals", "/requester/balance", "/requester/bank", "/requester/statements", "/requester/blocks", "/requester/invoices", "/requester/organisation",
                "/requester/team", "/requester/sandbox", "/requester/dispatch", "/requester/batches/" + batch.id() + "/preview", "/requester/batches/" + batch.id() + "/aggregated"));
        pagesOf.put(organiser.username(), List.of("/circle", "/representatives", "/unions/" + union, "/unions/" + union + "/workers/" + worker.id()));
        pagesOf.put(cafe.requester().username(), List.of("/requester/shifts", "/requester/shifts/" + shift.id(), "/notifications"));
        pagesOf.put(fixtures.moderator().username(), List.of("/moderation", "/moderation/no-shows", "/moderation/appeals/" + appeal, "/moderation/threads",
                "/moderation/households"));
        pagesOf.put(fixtures.admin().username(), List.of("/admin", "/admin/accounts", "/admin/errand-pricing", "/admin/reports/authority", "/admin/bank"));

        List<String> problems = new ArrayList<>();
        for (String language : List.of("en", "nl")) {
            for (var entry : pagesOf.entrySet()) {
                Page page = entry.getKey().isEmpty() ? browserFor(language) : loggedIn(entry.getKey(), language);
                page.setViewportSize(390, 844);
                for (String path : entry.getValue()) {
                    String where = language + " " + path;
                    Response response = page.navigate(url(path));
                    if (response == null || response.status() >= 400) {
                        problems.add(where + ": answered " + (response == null ? "nothing" : response.status()));
                        continue;
                    }
                    Object wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                    if (((Number) wide).intValue() > 0) {
                        problems.add(where + ": scrolls sideways by " + wide + " px (" + page.evaluate(WIDEST) + ")");
                    }
                    // What a reader sees as words: identifiers shown on purpose (code) and closed details left out.
                    String text = (String) page.evaluate(WORDS);
                    java.util.regex.Matcher key = KEY.matcher(text);
                    if (key.find()) {
                        problems.add(where + ": shows a message key: " + key.group());
                    }
                    if (text.contains("{\"")) {
                        problems.add(where + ": shows raw JSON: " + text.substring(text.indexOf("{\""), Math.min(text.length(), text.indexOf("{\"") + 60)));
                    }
                    if (text.contains("??")) {
                        problems.add(where + ": shows a message key: " + text.substring(text.indexOf("??"), Math.min(text.length(), text.indexOf("??") + 60)));
                    }
                    java.util.regex.Matcher cents = CENTS.matcher(text);
                    if (cents.find()) {
                        problems.add(where + ": shows an amount in cents or as a currency code: " + cents.group());
                    }
                    // Axe looks at the page's structure, which is the same in both languages: once, in English.
                    for (Rule v : language.equals("en") ? new AxeBuilder(page).analyze().getViolations() : List.<Rule>of()) {
                        if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                            problems.add(where + ": " + v.getImpact() + " " + v.getId() + ": " + v.getHelp() + " at "
                                    + v.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
                        }
                    }
                }
            }
        }
        duty.goOffDuty(worker);   // no duty left open for the tests that count couriers on duty
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    /**
     * A message key shown instead of its words, such as event.SHIFT_SELECTED, posting.ERRAND_PAYMENT or
     * errand.state.DELIVERED. (Rule names such as errand.dispatch are names, shown on purpose.)
     */
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile(
            "(?<![\\w.-])((event|posting|problem|fact|parameter|nav|trail|decision)\\.[A-Za-z_]+[A-Za-z_.]*|[a-z]+\\.[a-zA-Z]+\\.[A-Z][A-Z_]+)\\b");

    /** An amount as a program writes it, not as people read it: "1471 cents", "EUR 12.50", "12.50 EUR". */
    private static final java.util.regex.Pattern CENTS = java.util.regex.Pattern.compile("\\d+ ?(cents?|ct)\\b|\\bEUR\\b");

    private static final String WORDS = """
            () => { const b = document.body.cloneNode(true);
              b.querySelectorAll('code, pre, script, style, details:not([open]) > :not(summary)').forEach(e => e.remove());
              return b.textContent.replace(/\\s+/g, ' '); }""";

    /** The element that sticks out furthest to the right, to name in the report. */
    private static final String WIDEST = """
            () => { let w = null, r = 0;
              for (const e of document.querySelectorAll('body *')) { const b = e.getBoundingClientRect().right;
                if (b > r) { r = b; w = e; } }
              return w ? w.tagName.toLowerCase() + (w.id ? '#' + w.id : '') + (w.className && w.className.baseVal === undefined ? '.' + w.className : '') + ' ' + Math.round(r) : ''; }""";
}
