package org.polder.demo;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.Rewindable;
import org.polder.errand.Place;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.Batch;
import org.polder.microtask.BatchSpec;
import org.polder.microtask.Batches;
import org.polder.microtask.Claiming;
import org.polder.microtask.MicrotaskDecision;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.oversight.RequesterRatings;
import org.polder.shift.Application;
import org.polder.shift.Hours;
import org.polder.shift.Selection;
import org.polder.shift.Shift;
import org.polder.shift.Shifts;
import org.polder.shift.WorkerRatings;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's last four weeks, each step taken at the time it happened (the platform's clock walks through
 * them): a batch of pictures every Monday, labelled by ada, chen and dewi in sessions of a quarter to half an
 * hour and reviewed by lena the same afternoon (one answer rejected by mistake, which chen appeals); a Friday
 * evening at the café for ada and dewi each week, checked in, checked out and paid, both sides rating the
 * other; bram's morning rounds for the bakery five days a week. So every demo worker has a month of earnings
 * per day, with pay per active hour near the floor and around it.
 */
@Component
class DemoHistory {

    /** How many days of history the demo has, ending yesterday. */
    static final int DAYS = 28;

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final String[] SHAPES = {"circle", "square", "triangle", "star"};
    private static final String[] COLOURS = {"red", "blue", "green", "orange", "purple", "teal"};
    private static final Pattern PICTURE = Pattern.compile("shape-(\\d+)\\.svg");

    /** Who labels pictures on which days (13:00 local time). */
    private static final Map<String, Set<DayOfWeek>> LABELLERS = Map.of(
            "ada", EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY),
            "chen", EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY),
            "dewi", EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY));
    private static final Set<DayOfWeek> ROUNDS = EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);

    private final Accounts accounts;
    private final Batches batches;
    private final Claiming claiming;
    private final AssignmentViews views;
    private final Submissions submissions;
    private final Reviews reviews;
    private final Decisions decisions;
    private final Appeals appeals;
    private final Shifts shifts;
    private final Selection selection;
    private final Hours hours;
    private final WorkerRatings workerRatings;
    private final RequesterRatings requesterRatings;
    private final DemoErrands errands;
    private final Clock clock;
    private final org.polder.notify.Notifications notifications;
    private final org.polder.talk.Threads threads;
    /** The first Friday, ada asks the café about parking (a thread about the work in the demo). */
    private boolean asked;

    DemoHistory(Accounts accounts, Batches batches, Claiming claiming, AssignmentViews views, Submissions submissions,
                Reviews reviews, Decisions decisions, Appeals appeals, Shifts shifts, Selection selection, Hours hours,
                WorkerRatings workerRatings, RequesterRatings requesterRatings, DemoErrands errands, Clock clock,
                org.polder.notify.Notifications notifications, org.polder.talk.Threads threads) {
        this.notifications = notifications;
        this.threads = threads;
        this.accounts = accounts;
        this.batches = batches;
        this.claiming = claiming;
        this.views = views;
        this.submissions = submissions;
        this.reviews = reviews;
        this.decisions = decisions;
        this.appeals = appeals;
        this.shifts = shifts;
        this.selection = selection;
        this.hours = hours;
        this.workerRatings = workerRatings;
        this.requesterRatings = requesterRatings;
        this.errands = errands;
        this.clock = clock;
    }

    /** The first day of the history: {@link #DAYS} days before today, in the platform's time zone. */
    static LocalDate firstDay(Instant now) {
        return now.atZone(ZONE).toLocalDate().minusDays(DAYS);
    }

    /**
     * Walks the clock from the first day's morning to yesterday evening, doing each day's work. The clock must
     * stand before the first day's 07:00 when called (the demo sets it back {@code DAYS + 1} days).
     */
    void seed(Rewindable time, long templateId, long cafeRoleId, long cafeLocationId, Place bakery) {
        LocalDate first = firstDay(clock.instant().plus(Duration.ofDays(DAYS + 1)));
        CurrentUser lena = user("lena");
        CurrentUser ruud = user("ruud");
        Random random = new Random(2026);

        // The café's Friday evenings of the month, posted ahead; ada and dewi apply and ruud selects them.
        passTo(time, first, LocalTime.of(7, 0));
        LocalDate friday = first.with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        if (!friday.atTime(18, 0).atZone(ZONE).toInstant().isAfter(clock.instant())) {
            friday = friday.plusWeeks(1);
        }
        int fridays = (int) ((DAYS - java.time.temporal.ChronoUnit.DAYS.between(first, friday) + 6) / 7);
        Instant evening = friday.atTime(18, 0).atZone(ZONE).toInstant();
        List<Shift> evenings = shifts.post(ruud, new Shifts.ShiftSpec(cafeRoleId, cafeLocationId, evening,
                evening.plus(Duration.ofHours(6)), 30, 2, 1650L, 48, null, 24L, Shift.AutoSelect.NONE, null, fridays));
        for (Shift s : evenings) {
            for (String worker : List.of("ada", "dewi")) {
                selection.apply(user(worker), s.id());
                selection.select(ruud, s.id(), user(worker).id());
            }
        }

        Batch batch = null;
        boolean appealed = false;
        for (int day = 0; day < DAYS; day++) {
            LocalDate date = first.plusDays(day);
            DayOfWeek weekday = date.getDayOfWeek();
            if (ROUNDS.contains(weekday)) {
                passTo(time, date, LocalTime.of(7, 15 + random.nextInt(30)));
                errands.round(bakery, 2 + random.nextInt(3), day + 100L);
            }
            if (batch == null || weekday == DayOfWeek.MONDAY) {
                passTo(time, date, LocalTime.of(11, 0));
                batch = weeklyBatch(lena, templateId, date);
            }
            Map<Long, String> submitted = new java.util.LinkedHashMap<>();
            passTo(time, date, LocalTime.of(13, 0));
            for (String worker : List.of("ada", "chen", "dewi")) {
                if (LABELLERS.get(worker).contains(weekday)) {
                    for (long id : label(time, user(worker), batch.id(), 6 + random.nextInt(5), random)) {
                        submitted.put(id, worker);
                    }
                    time.pass(Duration.ofMinutes(10));
                }
            }
            if (!submitted.isEmpty()) {
                passTo(time, date, LocalTime.of(17, 30));
                appealed = review(lena, submitted, !appealed && day >= DAYS - 5) || appealed;
            }
            if (weekday == DayOfWeek.FRIDAY) {
                for (Shift s : evenings) {
                    if (s.startsAt().atZone(ZONE).toLocalDate().equals(date)) {
                        workEvening(time, ruud, s, date);
                    }
                }
            }
        }
        // The month's notices were read as they came; what arrives from now on is new.
        for (String name : List.of("lena", "ruud", "sara", "ada", "bram", "chen", "dewi")) {
            notifications.markAllRead(user(name));
        }
    }

    /** Each Monday a new batch of the same pictures, at 13 cents an answer, three answers a picture. */
    private Batch weeklyBatch(CurrentUser lena, long templateId, LocalDate monday) {
        int week = monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        Batch b = batches.create(lena, new BatchSpec("Shapes and colours, week " + week, templateId, 13L, 3, 300, 30,
                null, 72), DemoData.shapes(false));
        batches.publish(lena, b.id());
        return b;
    }

    /** A session of labelling: each picture answered as it is, in 20 to 40 seconds. */
    private List<Long> label(Rewindable time, CurrentUser worker, long batchId, int count, Random random) {
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var claimed = claiming.claim(worker, batchId);
            if (claimed.isEmpty()) {
                break;
            }
            long id = claimed.get();
            time.pass(Duration.ofSeconds(20 + random.nextInt(21)));
            submissions.submit(worker, id, answer(views.forWorker(worker, id).task().display().get(0).value()));
            done.add(id);
            time.pass(Duration.ofSeconds(3));
        }
        return done;
    }

    /** The right answer for one of the demo's pictures: six colours of each shape, in order. */
    static Map<String, Object> answer(String picture) {
        Matcher m = PICTURE.matcher(picture);
        if (!m.find()) {
            throw new IllegalArgumentException("not a demo picture: " + picture);
        }
        int n = Integer.parseInt(m.group(1)) - 1;
        return Map.of("shape", SHAPES[n / COLOURS.length], "colour", COLOURS[n % COLOURS.length]);
    }

    /**
     * Lena approves the afternoon's answers; when {@code mistake}, she first rejects one of chen's correct answers
     * by mistake, and chen appeals it. Returns whether that happened.
     */
    private boolean review(CurrentUser lena, Map<Long, String> submitted, boolean mistake) {
        List<Long> approve = new ArrayList<>(submitted.keySet());
        boolean appealed = false;
        if (mistake) {
            CurrentUser chen = user("chen");
            Long wrong = submitted.entrySet().stream().filter(e -> e.getValue().equals("chen")).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (wrong != null) {
                approve.remove(wrong);
                reviews.reject(lena, wrong, "Wrong colour: the shape in this picture is not the colour given.");
                Decision rejected = decisions.forWorker(chen.id(), 0, 20).items().stream()
                        .filter(d -> d.type().equals(MicrotaskDecision.WORK_REJECTED.name()) && wrong.equals(d.assignmentId()))
                        .findFirst().orElseThrow();
                appeals.appeal(chen, rejected.id(), "I looked again: the picture shows exactly the colour I chose. "
                        + "Please look at the picture itself.");
                appealed = true;
            }
        }
        if (!approve.isEmpty()) {
            reviews.review(lena, approve, Reviews.Decision.APPROVE, null);
        }
        return appealed;
    }

    /** A Friday evening at the café: both check in, work until half past eleven with a break, and are paid. */
    private void workEvening(Rewindable time, CurrentUser ruud, Shift s, LocalDate date) {
        if (!asked) {
            asked = true;
            passTo(time, date, LocalTime.of(12, 10));
            long place = selection.mine(user("ada")).stream().filter(x -> x.shiftId() == s.id()).findFirst().orElseThrow().assignmentId();
            threads.write(user("ada"), place, "Hi Ruud, can I park my bike behind the café tonight?");
            time.pass(Duration.ofMinutes(25));
            threads.write(ruud, place, "Yes, by the back door next to the kitchen. See you at six!");
        }
        passTo(time, date, LocalTime.of(17, 50));
        List<Long> assignments = new ArrayList<>();
        for (String worker : List.of("ada", "dewi")) {
            Application a = selection.mine(user(worker)).stream().filter(x -> x.shiftId() == s.id()).findFirst().orElseThrow();
            hours.checkIn(user(worker), a.assignmentId(), null);
            assignments.add(a.assignmentId());
        }
        passTo(time, date, LocalTime.of(23, 35));
        Instant start = s.startsAt();
        Instant end = date.atTime(23, 30).atZone(ZONE).toInstant();
        for (int i = 0; i < assignments.size(); i++) {
            hours.checkOut(user(i == 0 ? "ada" : "dewi"), assignments.get(i), new Hours.Times(start, end, 30));
        }
        time.pass(Duration.ofMinutes(10));
        for (int i = 0; i < assignments.size(); i++) {
            long assignment = assignments.get(i);
            CurrentUser worker = user(i == 0 ? "ada" : "dewi");
            hours.accept(ruud, assignment);
            workerRatings.rate(ruud, assignment, 5, i == 0 ? "Calm at the bar on a full night." : "Quick and friendly.");
            requesterRatings.rate(worker, assignment, new RequesterRatings.Scores(4, 5, 4, 5));
        }
    }

    private void passTo(Rewindable time, LocalDate date, LocalTime at) {
        Duration wait = Duration.between(clock.instant(), date.atTime(at).atZone(ZONE).toInstant());
        if (!wait.isNegative()) {
            time.pass(wait);
        }
    }

    private CurrentUser user(String username) {
        return accounts.byUsername(username).orElseThrow();
    }
}
