package org.polder.home;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.address.Addresses;
import org.polder.address.Found;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Money;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.oversight.Decisions;
import org.polder.oversight.RequesterRatings;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.work.Parameter;
import org.polder.work.PayFloor;
import org.polder.work.PlatformParameters;
import org.polder.work.TakingWork;
import org.polder.work.WorkKind;
import org.polder.work.WorkingTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bookings of home services, from the household's side and the worker's: a household books a visit or a weekly
 * series (each visit paid into escrow as it is planned), workers whose offer fits see it with the household's record
 * but not the address, one of them takes it (every visit at once, through the gate every kind of work passes), and
 * either side can cancel a visit, pause for a holiday or end the series with notice.
 */
@Service
public class Bookings {

    /** The rule that pays a worker a share of a visit the household cancels late. */
    public static final String CANCELLATION = "home.cancellation";

    private static final Pattern POSTCODE = Pattern.compile("\\b(\\d{4})\\s?[A-Za-z]{2}\\b\\s*,?\\s*(.*)$");
    static final int MIN_MINUTES = 60;
    static final int MAX_MINUTES = 8 * 60;

    private final JdbcClient jdbc;
    private final Assignments work;
    private final Escrow escrow;
    private final Fees fees;
    private final PayFloor floor;
    private final TakingWork gate;
    private final Addresses addresses;
    private final Accounts accounts;
    private final HomeProfiles profiles;
    private final HomeSettings settings;
    private final RequesterRatings ratings;
    private final org.polder.oversight.Blocks blocks;
    private final Decisions decisions;
    private final Trail trail;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PlatformParameters parameters;

    Bookings(JdbcClient jdbc, PlatformParameters parameters, Assignments work, Escrow escrow, Fees fees, PayFloor floor, TakingWork gate, Addresses addresses, Accounts accounts,
             HomeProfiles profiles, HomeSettings settings, RequesterRatings ratings, org.polder.oversight.Blocks blocks, Decisions decisions, Trail trail,
             ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.parameters = parameters;
        this.work = work;
        this.escrow = escrow;
        this.fees = fees;
        this.floor = floor;
        this.gate = gate;
        this.addresses = addresses;
        this.accounts = accounts;
        this.profiles = profiles;
        this.settings = settings;
        this.ratings = ratings;
        this.blocks = blocks;
        this.decisions = decisions;
        this.trail = trail;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a household books. Without an address the household's saved home is used; coordinates given with an
     * address win over the search. {@code hourlyRate} is in cents; holiday pay comes on top.
     */
    public record BookingSpec(String service, String address, Double latitude, Double longitude, Instant startsAt, Integer minutes, Long hourlyRate,
                       String tasks, String pets, Boolean stairs, Boolean supplies, Boolean weekly) {
    }

    // ---- the household's side

    /** The name of the household's saved place that bookings without an address start from. */
    public static final String HOME = "Home";

    /** The household's home, where bookings without an address go; empty until it saves one. */
    @Transactional(readOnly = true)
    public Optional<Addresses.Saved> home(CurrentUser household) {
        return addresses.saved(household.require(Role.REQUESTER).organisation()).stream().filter(s -> s.name().equals(HOME)).findFirst();
    }

    /** Saves the household's home, in place of the one before; an address that is not found changes nothing. */
    @Transactional
    public Addresses.Saved saveHome(CurrentUser household, String address, Double latitude, Double longitude, Locale locale) {
        home(household).ifPresent(s -> addresses.remove(household, s.id()));
        return addresses.save(household, HOME, address, latitude, longitude, locale);
    }

    @Transactional
    public Booking book(CurrentUser household, BookingSpec spec, Locale locale) {
        long org = household.require(Role.REQUESTER).organisation();
        closedReason(org).ifPresent(reason -> {
            throw DomainException.forbidden("A moderator closed home services to this household: " + reason).code("problem.home.closed", reason);
        });
        if (!accounts.kindsOf(org).contains("HOME")) {
            throw DomainException.forbidden("Help at home is booked by households: register as one (a private person, no company)")
                    .code("problem.home.notHousehold");
        }
        HomeService service = HomeService.parse("service", spec.service());
        Found place = spec.address() == null || spec.address().isBlank()
                ? home(household).map(Addresses.Saved::found).orElseThrow(() ->
                        DomainException.invalid("address: give the address of the home").code("problem.places.address", "address"))
                : addresses.locate("address", spec.address(), spec.latitude(), spec.longitude(), org, locale);
        Instant now = clock.instant();
        if (spec.startsAt() == null || spec.startsAt().isBefore(now.plus(Duration.ofHours(1))) || spec.startsAt().isAfter(now.plus(Duration.ofDays(180)))) {
            throw DomainException.invalid("startsAt: a time from an hour from now to 180 days ahead").code("problem.home.start");
        }
        int minutes = spec.minutes() == null ? 0 : spec.minutes();
        if (minutes < MIN_MINUTES || minutes > MAX_MINUTES || minutes % 15 != 0) {
            throw DomainException.invalid("minutes: from 60 to 480, in steps of 15").code("problem.home.minutes");
        }
        PayFloor.Minimum least = floor.minimumFor(WorkKind.HOME, null);
        if (spec.hourlyRate() == null || spec.hourlyRate() < least.hourlyCents() || spec.hourlyRate() > 100_000) {
            String euros = "€" + Money.euros(least.hourlyCents()).decimal();
            throw DomainException.invalid("hourlyRate: at least " + euros + " an hour, the " + (least.agreement() == null ? "platform's floor" : "collective agreement's minimum"))
                    .code("problem.home.rate", Words.money(least.hourlyCents()));
        }
        String tasks = text("tasks", spec.tasks(), 1, 2000);
        String pets = spec.pets() == null || spec.pets().isBlank() ? null : text("pets", spec.pets(), 1, 200);
        boolean weekly = Boolean.TRUE.equals(spec.weekly());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO home_booking (organisation_id, booked_by, service, address, area, latitude, longitude, first_start, minutes,
                                                  hourly_rate, holiday_percent, tasks, pets, stairs, supplies, weekly, state, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(org, household.id(), service.name(), place.address(), area(place.address()), place.latitude(), place.longitude(),
                        Sql.ts(spec.startsAt()), minutes, spec.hourlyRate(), settings.holidayPercent(), tasks, pets,
                        Boolean.TRUE.equals(spec.stairs()), Boolean.TRUE.equals(spec.supplies()), weekly, Sql.ts(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        Booking b = get(id);
        int visits = weekly ? settings.weeksAhead() : 1;
        for (int week = 0; week < visits; week++) {
            plan(b, weekStart(b, week), household.id());
        }
        trail.record(TrailEntry.of("HOME_BOOKED").by(household.id()).organisation(org).with("bookingId", id).with("service", service.name())
                .with("weekly", weekly).with("minutes", minutes).with("hourlyRate", spec.hourlyRate()));
        return b;
    }

    /** The start of the visit {@code week} weeks after the first, at the same local time (summer time or not). */
    private Instant weekStart(Booking b, int week) {
        return b.firstStart().atZone(settings.zone()).plusWeeks(week).toInstant();
    }

    /** Plans one visit: its task, its escrow (from the household's balance, or refused when short). */
    private Visit plan(Booking b, Instant start, Long actor) {
        long pay = Booking.payFor(b.hourlyRate(), b.minutes());
        long holiday = Booking.holidayPayOn(pay, b.holidayPercent());
        long fee = fees.feeFor(pay + holiday);
        long task = work.openTask(WorkKind.HOME, 1);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO home_visit (booking_id, task_id, starts_at, minutes, pay, holiday_pay, fee, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'PLANNED')""")
                .params(b.id(), task, Sql.ts(start), b.minutes(), pay, holiday, fee).update(key, "id");
        long id = key.getKey().longValue();
        escrow.fund(new Escrow.Of(WorkKind.HOME, id, b.organisationId()), pay + holiday + fee,
                new Escrow.Entry("VISIT_FUNDED", "Visit " + id + " of booking " + b.id(), actor, "visit:" + id));
        return visit(id);
    }

    @Transactional(readOnly = true)
    public List<Booking> ofHousehold(CurrentUser household) {
        return jdbc.sql(SELECT + " WHERE b.organisation_id = ? ORDER BY b.first_start DESC, b.id DESC LIMIT 200")
                .param(household.require(Role.REQUESTER).organisation()).query(Bookings::map).list();
    }

    @Transactional(readOnly = true)
    public Booking ofHousehold(CurrentUser household, long id) {
        Booking b = find(id).orElseThrow(() -> new NotFoundException("Booking", id));
        if (!household.has(Role.REQUESTER) || household.organisationId() == null || b.organisationId() != household.organisationId()) {
            throw new NotFoundException("Booking", id);
        }
        return b;
    }

    /** How many visits of each of the household's bookings wait for it to confirm the hours: the household's next action. */
    @Transactional(readOnly = true)
    public Map<Long, Long> hoursToConfirm(CurrentUser household) {
        Map<Long, Long> waiting = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT v.booking_id, COUNT(*) FROM home_visit v JOIN home_booking b ON b.id = v.booking_id
                        WHERE b.organisation_id = ? AND v.state = 'DONE' GROUP BY v.booking_id""")
                .param(household.require(Role.REQUESTER).organisation())
                .query(rs -> {
                    waiting.put(rs.getLong(1), rs.getLong(2));
                });
        return waiting;
    }

    /** The visits of a booking, first first. */
    @Transactional(readOnly = true)
    public List<Visit> visits(long bookingId) {
        return jdbc.sql("SELECT * FROM home_visit WHERE booking_id = ? ORDER BY starts_at").param(bookingId).query(Bookings::mapVisit).list();
    }

    /**
     * The household cancels one visit. More than the free-cancellation time ahead it costs nothing; later, the
     * worker who took it is paid the platform's share of the visit's pay (a decision they read), and the rest goes back.
     */
    @Transactional
    @org.polder.common.Automated(CANCELLATION)
    public Visit cancelVisit(CurrentUser household, long visitId, String reason) {
        Visit v = visit(visitId);
        Booking b = ofHousehold(household, v.bookingId());
        String why = reason == null || reason.isBlank() ? null : text("reason", reason, 1, 1000);
        return end(b, v, Visit.State.CANCELLED, household.id(), why, true);
    }

    /** The household pauses the visits from one day to another (a holiday): each is skipped as if cancelled. */
    @Transactional
    @org.polder.common.Automated(CANCELLATION)
    public List<Visit> pause(CurrentUser household, long bookingId, LocalDate from, LocalDate until) {
        Booking b = ofHousehold(household, bookingId);
        if (!b.weekly() || from == null || until == null || until.isBefore(from) || until.isAfter(from.plusDays(92))) {
            throw DomainException.invalid("from, until: the days of a pause of a weekly booking, at most three months").code("problem.home.pause");
        }
        List<Visit> paused = new ArrayList<>();
        for (Visit v : visits(bookingId)) {
            LocalDate day = v.startsAt().atZone(settings.zone()).toLocalDate();
            if (v.state() == Visit.State.PLANNED && !day.isBefore(from) && !day.isAfter(until)) {
                paused.add(end(b, v, Visit.State.PAUSED, household.id(), null, true));
            }
        }
        trail.record(TrailEntry.of("HOME_PAUSED").by(household.id()).organisation(b.organisationId()).with("bookingId", bookingId)
                .with("from", from.toString()).with("until", until.toString()).with("visits", paused.size()));
        return paused;
    }

    /**
     * Either side ends a weekly booking with notice: the visits of the notice weeks still take place, later ones are
     * cancelled and their escrow goes back, and no more are planned. A booking nobody took ends at once.
     */
    @Transactional
    public Booking endBooking(CurrentUser who, long bookingId, String reason) {
        Booking b = find(bookingId).orElseThrow(() -> new NotFoundException("Booking", bookingId));
        boolean household = who.has(Role.REQUESTER) && who.organisationId() != null && who.organisationId() == b.organisationId();
        boolean worker = b.workerId() != null && b.workerId() == who.id();
        if (!household && !worker) {
            throw new NotFoundException("Booking", bookingId);
        }
        String why = text("reason", reason, 1, 1000);
        if (b.state() == Booking.State.ENDING || b.state() == Booking.State.ENDED) {
            throw DomainException.conflict("This booking is already ended" + (b.lastVisitOn() == null ? "" : "; its last visit is on " + b.lastVisitOn()))
                    .code("problem.home.ended");
        }
        Instant now = clock.instant();
        LocalDate last = b.state() == Booking.State.OPEN ? now.atZone(settings.zone()).toLocalDate().minusDays(1)
                : now.atZone(settings.zone()).toLocalDate().plusWeeks(settings.noticeWeeks());
        if (jdbc.sql("UPDATE home_booking SET state = ?, last_visit_on = ?, ended_by = ?, end_reason = ? WHERE id = ? AND state IN ('OPEN', 'TAKEN')")
                .params(b.state() == Booking.State.OPEN ? "ENDED" : "ENDING", last, who.id(), why, bookingId).update() == 0) {
            throw DomainException.conflict("This booking is already ended").code("problem.home.ended");
        }
        for (Visit v : visits(bookingId)) {
            if (v.state() == Visit.State.PLANNED && v.startsAt().isAfter(now) && v.startsAt().atZone(settings.zone()).toLocalDate().isAfter(last)) {
                end(b, v, Visit.State.CANCELLED, who.id(), why, false);
            }
        }
        trail.record(TrailEntry.of("HOME_BOOKING_ENDED").aboutWorker(b.workerId()).by(who.id()).organisation(b.organisationId())
                .with("bookingId", bookingId).with("lastVisitOn", last.toString()).with("reason", why).with("by", household ? "household" : "worker"));
        if (household && b.workerId() != null) {
            decisions.record(Decisions.Draft.about(b.workerId(), HomeDecision.BOOKING_ENDED).by(who.id())
                    .work(WorkKind.HOME, null, null, null)
                    .inputs(Map.of("bookingId", bookingId, "lastVisitOn", last.toString()))
                    .effect(Words.of("decision.effect.homeBookingEnded", b.household(), Words.day(last)))
                    .reason(why).forOrganisation(b.organisationId()));
        } else if (worker) {
            events.publishEvent(Notice.toRequestersOf(b.organisationId(), NoticeKind.HOME,
                    Words.of("notice.home.endedByWorker", who.displayName(), Words.day(last), why), "/household/bookings/" + bookingId));
        }
        return get(bookingId);
    }

    /**
     * The worker cannot come to one visit (ill, a clash): it is cancelled at no cost to the household, its money goes
     * back, and the household is told why. Nothing is held against the worker; the booking's other visits stay theirs.
     */
    @Transactional
    public Visit giveBack(CurrentUser worker, long visitId, String reason) {
        Visit v = visit(visitId);
        if (v.workerId() == null || v.workerId() != worker.id()) {
            throw new NotFoundException("Visit", visitId);
        }
        String why = text("reason", reason, 1, 1000);
        Instant now = clock.instant();
        if (v.state() != Visit.State.PLANNED || !now.isBefore(v.startsAt())
                || jdbc.sql("UPDATE home_visit SET state = 'CANCELLED', cancelled_at = ?, cancelled_by = ? WHERE id = ? AND state = 'PLANNED'")
                .params(Sql.ts(now), worker.id(), visitId).update() == 0) {
            throw DomainException.conflict("This visit can no longer be given back").code("problem.home.notCancellable");
        }
        Booking b = get(v.bookingId());
        work.move(v.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.RELEASED, now).apply();
        work.closeTask(v.taskId());
        Escrow.Of money = new Escrow.Of(WorkKind.HOME, v.id(), b.organisationId());
        escrow.giveBack(money, escrow.held(money), "Escrow of visit " + v.id() + " given back by its worker", worker.id(), "visit:" + v.id());
        trail.record(TrailEntry.of("VISIT_GIVEN_BACK").aboutWorker(worker.id()).by(worker.id()).organisation(b.organisationId())
                .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", v.id()).with("reason", why));
        events.publishEvent(Notice.toRequestersOf(b.organisationId(), NoticeKind.HOME,
                Words.of("notice.home.givenBack", worker.displayName(), Words.at(v.startsAt()), why), "/household/bookings/" + b.id()));
        return visit(visitId);
    }

    /**
     * Ends one planned visit without its work: its escrow goes back to the household, less the worker's share when
     * the household cancels less than the free-cancellation time ahead ({@code lateShare}).
     */
    private Visit end(Booking b, Visit v, Visit.State state, long actor, String reason, boolean lateShare) {
        Instant now = clock.instant();
        if (v.state() != Visit.State.PLANNED || !now.isBefore(v.startsAt())) {
            throw DomainException.conflict("This visit can no longer be cancelled: it is " + v.state().name().toLowerCase(Locale.ROOT)
                    + (now.isBefore(v.startsAt()) ? "" : " and has begun")).code("problem.home.notCancellable");
        }
        if (jdbc.sql("UPDATE home_visit SET state = ?, cancelled_at = ?, cancelled_by = ? WHERE id = ? AND state = 'PLANNED'")
                .params(state.name(), Sql.ts(now), actor, v.id()).update() == 0) {
            throw DomainException.conflict("This visit can no longer be cancelled").code("problem.home.notCancellable");
        }
        work.closeTask(v.taskId());
        Escrow.Of money = new Escrow.Of(WorkKind.HOME, v.id(), b.organisationId());
        boolean late = lateShare && now.isAfter(v.startsAt().minus(settings.freeCancellation()));
        long share = 0;
        if (v.assignmentId() != null) {
            work.move(v.assignmentId()).from(AssignmentState.ACCEPTED).to(AssignmentState.RELEASED, now).apply();
            int percent = (int) parametersPercent();
            share = late ? (v.reward() * percent + 50) / 100 : 0;
            if (share > 0) {
                escrow.pay(money, v.workerId(), share, 0, new Escrow.Entry("VISIT_COMPENSATION", "Share of cancelled visit " + v.id(), actor,
                        "visit:" + v.id() + ":assignment:" + v.assignmentId()));
                jdbc.sql("UPDATE home_visit SET compensation = ? WHERE id = ?").params(share, v.id()).update();
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("cancelledAt", now.toString());
            inputs.put("startsAt", v.startsAt().toString());
            inputs.put("freeCancellationHours", settings.freeCancellation().toHours());
            inputs.put("sharePercent", parametersPercent());
            inputs.put("visitPay", v.reward());
            decisions.record(Decisions.Draft.about(v.workerId(), HomeDecision.VISIT_CANCELLED).by(actor)
                    .work(WorkKind.HOME, null, v.taskId(), v.assignmentId())
                    .inputs(inputs)
                    .effect(share > 0 ? Words.of("decision.effect.visitCancelledLate", Words.at(v.startsAt()), Words.money(share))
                            : Words.of("decision.effect.visitCancelled", Words.at(v.startsAt())))
                    .reason(reason != null ? Words.of("decision.reason.homeGiven", reason)
                            : Words.of(state == Visit.State.PAUSED ? "decision.reason.homePaused" : "decision.reason.homeCancelled"))
                    .forOrganisation(b.organisationId()));
            trail.record(TrailEntry.of("VISIT_CANCELLED").aboutWorker(v.workerId()).by(actor).organisation(b.organisationId())
                    .work(WorkKind.HOME, v.taskId(), v.assignmentId()).with("visitId", v.id()).with("share", share).with("state", state.name()));
        }
        escrow.giveBack(money, escrow.held(money), "Escrow of visit " + v.id() + " returned", actor, "visit:" + v.id());
        return visit(v.id());
    }

    private long parametersPercent() {
        return parameters.number(Parameter.HOME_CANCELLATION_PERCENT);
    }

    // ---- the worker's side

    /** What an open booking shows a worker: the booking without its address, how far it is, and the household's record. */
    public record Opening(Booking booking, double distanceKm, HouseholdRecord household, long visitPay) {
    }

    /**
     * The household's record, for the worker deciding (RIGHTS.md R9): visits kept (paid) and visits it cancelled
     * late, and how workers rated it.
     */
    public record HouseholdRecord(long visitsKept, long lateCancellations, RequesterRatings.Summary ratings) {
    }

    @Transactional(readOnly = true)
    public HouseholdRecord record(long organisationId) {
        long kept = jdbc.sql("SELECT COUNT(*) FROM home_visit v JOIN home_booking b ON b.id = v.booking_id WHERE b.organisation_id = ? AND v.state = 'SETTLED'")
                .param(organisationId).query(Long.class).single();
        long late = jdbc.sql("""
                        SELECT COUNT(*) FROM home_visit v JOIN home_booking b ON b.id = v.booking_id
                        WHERE b.organisation_id = ? AND v.state IN ('CANCELLED', 'PAUSED') AND v.compensation > 0""")
                .param(organisationId).query(Long.class).single();
        return new HouseholdRecord(kept, late, ratings.of(organisationId));
    }

    /**
     * Open bookings that fit the worker's offer: one of their services, within their distance, at a time they are
     * available (every visit's local day and hours); nearest first. Without an offer, none.
     */
    @Transactional(readOnly = true)
    public List<Opening> open(CurrentUser worker) {
        worker.require(Role.WORKER);
        Optional<HomeProfile> profile = profiles.find(worker.id());
        if (profile.isEmpty()) {
            return List.of();
        }
        HomeProfile p = profile.get();
        List<Opening> openings = new ArrayList<>();
        // Real workers see real households' bookings; a sandbox's test worker sees its sandbox's only.
        List<Booking> open = jdbc.sql(SELECT + "\n" + """
                         WHERE b.state = 'OPEN' AND EXISTS (SELECT 1 FROM home_visit v WHERE v.booking_id = b.id AND v.state = 'PLANNED' AND v.starts_at > ?)
                           AND ? = CASE WHEN o.sandbox_of IS NULL THEN 0 ELSE o.id END ORDER BY b.first_start LIMIT 500""")
                .params(Sql.ts(clock.instant()), worker.playsIn() == null ? 0L : worker.playsIn()).query(Bookings::map).list();
        Set<Long> blocking = blocks.organisationsBlocking(worker.id());
        for (Booking b : open) {
            double km = Geo.km(p.areaLatitude(), p.areaLongitude(), b.latitude(), b.longitude());
            if (!p.services().contains(b.service()) || km > p.areaKm() || blocking.contains(b.organisationId()) || !available(p, b)) {
                continue;
            }
            openings.add(new Opening(b.withoutAddress(), Math.round(km * 10) / 10.0, record(b.organisationId()),
                    Booking.payFor(b.hourlyRate(), b.minutes()) + Booking.holidayPayOn(Booking.payFor(b.hourlyRate(), b.minutes()), b.holidayPercent())));
        }
        openings.sort(java.util.Comparator.comparingDouble(Opening::distanceKm));
        return openings;
    }

    /** Whether the household is on the worker's side: a real one for a real worker, its own sandbox's for a test worker. */
    private boolean onWorkersSide(CurrentUser worker, long organisationId) {
        long side = jdbc.sql("SELECT CASE WHEN sandbox_of IS NULL THEN 0 ELSE id END FROM organisation WHERE id = ?").param(organisationId)
                .query(Long.class).single();
        return side == (worker.playsIn() == null ? 0L : worker.playsIn());
    }

    /** Whether the worker is available at the booking's local day and hours. */
    boolean available(HomeProfile p, Booking b) {
        ZonedDateTime start = b.firstStart().atZone(settings.zone());
        int from = start.getHour() * 60 + start.getMinute();
        return p.availability().stream().anyMatch(s -> s.covers(start.getDayOfWeek().getValue(), from, from + b.minutes()));
    }

    /** An open booking as the worker may read it before taking it; 404 when it is not open. */
    @Transactional(readOnly = true)
    public Opening opening(CurrentUser worker, long bookingId) {
        worker.require(Role.WORKER);
        Booking b = find(bookingId).filter(x -> (x.state() == Booking.State.OPEN && onWorkersSide(worker, x.organisationId()))
                        || java.util.Objects.equals(x.workerId(), worker.id()))
                .orElseThrow(() -> new NotFoundException("Booking", bookingId));
        double km = profiles.find(worker.id()).map(p -> Geo.km(p.areaLatitude(), p.areaLongitude(), b.latitude(), b.longitude())).orElse(0.0);
        long pay = Booking.payFor(b.hourlyRate(), b.minutes());
        Booking shown = java.util.Objects.equals(b.workerId(), worker.id()) ? b : b.withoutAddress();
        return new Opening(shown, Math.round(km * 10) / 10.0, record(b.organisationId()), pay + Booking.holidayPayOn(pay, b.holidayPercent()));
    }

    /**
     * The worker takes an open booking: every planned visit becomes theirs (each through the gate every kind of work
     * passes: suspension, the household's block, working time), and from now on they read the address. Of two
     * workers taking it at once, one does.
     */
    @Transactional
    public Booking take(CurrentUser worker, long bookingId) {
        worker.require(Role.WORKER);
        Booking b = find(bookingId).orElseThrow(() -> new NotFoundException("Booking", bookingId));
        if (b.state() != Booking.State.OPEN) {
            throw DomainException.conflict("Another worker took this booking, or it ended").code("problem.home.taken");
        }
        List<Visit> planned = visits(bookingId).stream().filter(v -> v.state() == Visit.State.PLANNED && v.workerId() == null).toList();
        if (planned.isEmpty()) {
            throw DomainException.conflict("Another worker took this booking, or it ended").code("problem.home.taken");
        }
        if (!planned.get(0).startsAt().isAfter(clock.instant())) {
            throw DomainException.conflict("This booking's next visit has begun; it can no longer be taken").code("problem.home.begun");
        }
        for (Visit v : planned) {
            gate.check(worker.id(), candidate(b, v));
        }
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE home_booking SET state = 'TAKEN', worker_id = ?, taken_at = ? WHERE id = ? AND state = 'OPEN'")
                .params(worker.id(), Sql.ts(now), bookingId).update() == 0) {
            throw DomainException.conflict("Another worker took this booking, or it ended").code("problem.home.taken");
        }
        for (Visit v : planned) {
            assign(b, v, worker.id(), now);
        }
        events.publishEvent(Notice.toRequestersOf(b.organisationId(), NoticeKind.HOME,
                Words.of("notice.home.taken", worker.displayName(), Words.text("home.service." + b.service().name()), Words.at(b.firstStart())),
                "/household/bookings/" + bookingId));
        if (!fourDayWeeks(b.organisationId(), worker.id()).isEmpty()) {
            events.publishEvent(Notice.toRequestersOf(b.organisationId(), NoticeKind.HOME,
                    Words.of("notice.home.fourDays", worker.displayName()), "/household/statement"));
        }
        return get(bookingId);
    }

    private void assign(Booking b, Visit v, long workerId, Instant now) {
        if (!work.takeSlot(v.taskId())) {
            throw DomainException.conflict("Another worker took this visit").code("problem.home.taken");
        }
        long a = work.take(new Assignments.Take(WorkKind.HOME, v.taskId(), null, workerId, AssignmentState.ACCEPTED, v.reward(), v.fee(),
                Money.EUR, now, v.endsAt()));
        jdbc.sql("UPDATE home_visit SET worker_id = ?, assignment_id = ? WHERE id = ?").params(workerId, a, v.id()).update();
        trail.record(TrailEntry.of("VISIT_TAKEN").aboutWorker(workerId).by(workerId).organisation(b.organisationId())
                .work(WorkKind.HOME, v.taskId(), a).with("visitId", v.id()).with("bookingId", b.id()).with("startsAt", v.startsAt().toString())
                .with("pay", v.pay()).with("holidayPay", v.holidayPay()));
    }

    /** A visit as work about to be taken, for the gate every kind passes. */
    static WorkingTime.Candidate candidate(Booking b, Visit v) {
        return new WorkingTime.Candidate(WorkKind.HOME, v.startsAt(), v.endsAt(), v.minutes() * 60L).forOrganisation(b.organisationId());
    }

    /**
     * The weeks (ISO week, as "2027-W03") in which the worker has visits for this household on four days or more:
     * under the household services rule the household then employs them in the ordinary way.
     */
    @Transactional(readOnly = true)
    public List<String> fourDayWeeks(long organisationId, long workerId) {
        Map<String, Set<LocalDate>> days = new TreeMap<>();
        jdbc.sql("""
                        SELECT v.starts_at FROM home_visit v JOIN home_booking b ON b.id = v.booking_id
                        WHERE b.organisation_id = ? AND v.worker_id = ? AND v.state IN ('PLANNED', 'WORKING', 'DONE', 'QUESTIONED', 'SETTLED')""")
                .params(organisationId, workerId)
                .query(rs -> {
                    LocalDate day = Sql.instant(rs, "starts_at").atZone(settings.zone()).toLocalDate();
                    String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    days.computeIfAbsent(week, k -> new java.util.HashSet<>()).add(day);
                });
        return days.entrySet().stream().filter(e -> e.getValue().size() >= 4).map(Map.Entry::getKey).toList();
    }

    // ---- the clockwork

    /** Weekly bookings whose planned visits reach less far ahead than they should. */
    @Transactional(readOnly = true)
    public List<Long> dueForPlanning(int limit) {
        return jdbc.sql("""
                        SELECT b.id FROM home_booking b WHERE b.weekly = TRUE AND b.state IN ('OPEN', 'TAKEN')
                          AND (SELECT MAX(v.starts_at) FROM home_visit v WHERE v.booking_id = b.id) < ? ORDER BY b.id LIMIT ?""")
                .params(Sql.ts(clock.instant().plus(Duration.ofDays(7L * (settings.weeksAhead() - 1)))), limit).query(Long.class).list();
    }

    /**
     * Plans the next visit of a weekly booking, paid into escrow from the household's balance and, when a worker has
     * the booking, theirs. When the balance is short, the household is told once and nothing is planned. True when it planned.
     */
    @Transactional
    public boolean planNext(long bookingId) {
        // One node plans a booking's week: the booking's row is locked until this transaction ends.
        jdbc.sql("SELECT id FROM home_booking WHERE id = ? FOR UPDATE").param(bookingId).query(Long.class).single();
        Booking b = get(bookingId);
        if (b.state() != Booking.State.OPEN && b.state() != Booking.State.TAKEN) {
            return false;
        }
        List<Visit> all = visits(bookingId);
        Instant lastStart = all.get(all.size() - 1).startsAt();
        int week = (int) ChronoUnit.WEEKS.between(b.firstStart().atZone(settings.zone()), lastStart.atZone(settings.zone())) + 1;
        Instant next = weekStart(b, week);
        if (!next.isBefore(clock.instant().plus(Duration.ofDays(7L * settings.weeksAhead())))) {
            return false;
        }
        Visit v = plan(b, next, null);   // a short balance rolls this back; the job then tells the household

        if (b.workerId() != null) {
            assign(b, v, b.workerId(), clock.instant());
        }
        return true;
    }

    /** Weekly bookings ended with notice whose last visit day has passed are ended; returns how many. */
    @Transactional
    public int finishEnded() {
        return jdbc.sql("UPDATE home_booking SET state = 'ENDED' WHERE state = 'ENDING' AND last_visit_on < ?")
                .param(clock.instant().atZone(settings.zone()).toLocalDate()).update();
    }

    /** Visits of bookings nobody took whose time came. */
    @Transactional(readOnly = true)
    public List<Long> untakenAndDue(int limit) {
        return jdbc.sql("SELECT id FROM home_visit WHERE state = 'PLANNED' AND worker_id IS NULL AND starts_at <= ? ORDER BY id LIMIT ?")
                .params(Sql.ts(clock.instant()), limit).query(Long.class).list();
    }

    /**
     * Nobody took the visit before its time: it is cancelled, its money goes back, and the household is told. A weekly
     * booking stays open for its next visits. True when it acted.
     */
    @Transactional
    public boolean cancelUntaken(long visitId) {
        Visit v = visit(visitId);
        Instant now = clock.instant();
        if (v.state() != Visit.State.PLANNED || v.workerId() != null || v.startsAt().isAfter(now)
                || jdbc.sql("UPDATE home_visit SET state = 'CANCELLED', cancelled_at = ? WHERE id = ? AND state = 'PLANNED' AND worker_id IS NULL")
                .params(Sql.ts(now), visitId).update() == 0) {
            return false;
        }
        Booking b = get(v.bookingId());
        work.closeTask(v.taskId());
        Escrow.Of money = new Escrow.Of(WorkKind.HOME, v.id(), b.organisationId());
        escrow.giveBack(money, escrow.held(money), "Escrow of visit " + v.id() + " nobody took returned", null, "visit:" + v.id());
        if (!b.weekly()) {
            jdbc.sql("UPDATE home_booking SET state = 'ENDED', last_visit_on = ? WHERE id = ? AND state = 'OPEN'")
                    .params(v.startsAt().atZone(settings.zone()).toLocalDate(), b.id()).update();
        }
        events.publishEvent(Notice.toRequestersOf(b.organisationId(), NoticeKind.HOME,
                Words.of("notice.home.untaken", Words.text("home.service." + b.service().name()), Words.at(v.startsAt())), "/household/bookings/" + b.id()));
        return true;
    }

    /** The household's balance could not fund the next visit of a weekly booking: it is told, once a day at most. */
    @Transactional
    public void tellShort(long bookingId) {
        Booking b = get(bookingId);
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE home_booking SET short_told_at = ? WHERE id = ? AND (short_told_at IS NULL OR short_told_at < ?)")
                .params(Sql.ts(now), bookingId, Sql.ts(now.minus(Duration.ofDays(1)))).update() == 1) {
            events.publishEvent(Notice.toRequestersOf(b.organisationId(), NoticeKind.BALANCE,
                    Words.of("notice.home.short", Words.text("home.service." + b.service().name())), "/requester/balance"));
        }
    }

    // ---- households closed by a moderator

    /** Why a moderator closed home services to this household; empty when they are open to it. */
    @Transactional(readOnly = true)
    public Optional<String> closedReason(long organisationId) {
        return jdbc.sql("SELECT reason FROM home_closed_household WHERE organisation_id = ?").param(organisationId).query(String.class).optional();
    }

    /**
     * A moderator closes home services to a household that harassed workers: it books no more, and its open bookings
     * end. Only a moderator, with a reason the household reads.
     */
    @Transactional
    public void closeHousehold(CurrentUser moderator, long organisationId, String reason) {
        moderator.require(Role.MODERATOR);
        String why = text("reason", reason, 10, 1000);
        accounts.organisation(organisationId);
        if (closedReason(organisationId).isPresent()) {
            throw DomainException.conflict("Home services are already closed to this household").code("problem.home.alreadyClosed");
        }
        jdbc.sql("INSERT INTO home_closed_household (organisation_id, closed_by, reason, closed_at) VALUES (?, ?, ?, ?)")
                .params(organisationId, moderator.id(), why, Sql.ts(clock.instant())).update();
        trail.record(TrailEntry.of("HOME_HOUSEHOLD_CLOSED").by(moderator.id()).organisation(organisationId).with("reason", why));
        events.publishEvent(Notice.toRequestersOf(organisationId, NoticeKind.HOME, Words.of("notice.home.closed", why), "/household"));
    }

    /** A household the moderators should know of: alarms raised and visits that were not well there, and whether it is closed. */
    public record Concern(long organisationId, String household, long alarms, long notWell, Instant last, String closedReason) {
    }

    /** Households with an alarm or a visit that was not well, most recent first (moderators only). */
    @Transactional(readOnly = true)
    public List<Concern> concerns(CurrentUser moderator) {
        moderator.require(Role.MODERATOR);
        return jdbc.sql("""
                        SELECT b.organisation_id, o.name,
                               (SELECT COUNT(*) FROM home_alarm a JOIN home_visit av ON av.id = a.visit_id JOIN home_booking ab ON ab.id = av.booking_id
                                 WHERE ab.organisation_id = b.organisation_id) AS alarms,
                               SUM(CASE WHEN v.felt_safe = FALSE THEN 1 ELSE 0 END) AS not_well,
                               MAX(COALESCE(v.checked_out_at, v.checked_in_at)) AS last, c.reason
                        FROM home_booking b JOIN organisation o ON o.id = b.organisation_id JOIN home_visit v ON v.booking_id = b.id
                        LEFT JOIN home_closed_household c ON c.organisation_id = b.organisation_id
                        WHERE v.felt_safe = FALSE OR EXISTS (SELECT 1 FROM home_alarm a WHERE a.visit_id = v.id)
                        GROUP BY b.organisation_id, o.name, c.reason ORDER BY last DESC LIMIT 200""")
                .query((rs, n) -> new Concern(rs.getLong(1), rs.getString(2), rs.getLong("alarms"), rs.getLong("not_well"), Sql.instant(rs, "last"),
                        rs.getString("reason"))).list();
    }

    // ---- reading

    static final String SELECT = """
            SELECT b.*, o.name AS household, w.display_name AS worker_name FROM home_booking b JOIN organisation o ON o.id = b.organisation_id
            LEFT JOIN account w ON w.id = b.worker_id""";

    Optional<Booking> find(long id) {
        return jdbc.sql(SELECT + " WHERE b.id = ?").param(id).query(Bookings::map).optional();
    }

    Booking get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Booking", id));
    }

    Visit visit(long id) {
        return jdbc.sql("SELECT * FROM home_visit WHERE id = ?").param(id).query(Bookings::mapVisit).optional()
                .orElseThrow(() -> new NotFoundException("Visit", id));
    }

    static Booking map(ResultSet rs, int n) throws SQLException {
        java.sql.Date last = rs.getDate("last_visit_on");
        return new Booking(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("household"), HomeService.valueOf(rs.getString("service")),
                rs.getString("address"), rs.getString("area"), rs.getDouble("latitude"), rs.getDouble("longitude"), Sql.instant(rs, "first_start"),
                rs.getInt("minutes"), rs.getLong("hourly_rate"), rs.getInt("holiday_percent"), rs.getString("tasks"), rs.getString("pets"),
                rs.getBoolean("stairs"), rs.getBoolean("supplies"), rs.getBoolean("weekly"), Sql.longOrNull(rs, "worker_id"),
                rs.getString("worker_name"), Booking.State.valueOf(rs.getString("state")), last == null ? null : last.toLocalDate(),
                rs.getString("end_reason"), Sql.instant(rs, "created_at"));
    }

    static Visit mapVisit(ResultSet rs, int n) throws SQLException {
        return new Visit(rs.getLong("id"), rs.getLong("booking_id"), rs.getLong("task_id"), Sql.instant(rs, "starts_at"), rs.getInt("minutes"),
                rs.getLong("pay"), rs.getLong("holiday_pay"), rs.getLong("fee"), Visit.State.valueOf(rs.getString("state")),
                Sql.longOrNull(rs, "worker_id"), Sql.longOrNull(rs, "assignment_id"), Sql.instant(rs, "checked_in_at"),
                (Boolean) rs.getObject("checked_in_nearby", Boolean.class), Sql.instant(rs, "checked_out_at"),
                (Integer) rs.getObject("worked_minutes", Integer.class), (Integer) rs.getObject("questioned_minutes", Integer.class),
                rs.getString("question_reason"), Sql.longOrNull(rs, "question_decision"), (Boolean) rs.getObject("felt_safe", Boolean.class),
                Sql.instant(rs, "review_due_at"), Sql.longOrNull(rs, "paid"),
                (Integer) rs.getObject("paid_minutes", Integer.class), Sql.instant(rs, "settled_at"), Sql.instant(rs, "cancelled_at"),
                Sql.longOrNull(rs, "compensation"));
    }

    /**
     * The part of an address every worker may read: the postcode's digits and the town ("3511 Utrecht"), or, for
     * an address without a Dutch postcode, its last part without house numbers.
     */
    static String area(String address) {
        Matcher m = POSTCODE.matcher(address);
        if (m.find()) {
            String town = m.group(2).strip();
            return (m.group(1) + " " + town).strip();
        }
        String[] parts = address.split(",");
        String last = parts[parts.length - 1].replaceAll("\\S*\\d\\S*", "").replaceAll("\\s+", " ").strip();
        return last.isEmpty() ? "—" : last;
    }

    static String text(String field, String value, int min, int max) {
        if (value == null || value.strip().length() < min || value.strip().length() > max) {
            throw DomainException.invalid(field + ": " + min + " to " + max + " characters").code("problem.home.text", field, min, max);
        }
        return value.strip();
    }
}
