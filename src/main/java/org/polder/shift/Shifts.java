package org.polder.shift;

import org.polder.common.Words;
import org.polder.shift.internal.ShiftRules;
import org.polder.common.Automated;
import org.polder.work.Parameter;
import org.polder.work.PlatformParameters;
import org.polder.work.AssignmentState;
import org.polder.work.Assignments;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.account.WorkerProfile;
import org.polder.account.WorkerProfiles;
import org.polder.common.DomainException;
import org.polder.common.Geo;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.Escrow;
import org.polder.ledger.Fees;
import org.polder.ledger.Money;
import org.polder.oversight.Decisions;
import org.polder.oversight.Blocks;
import org.polder.oversight.RequesterRatings;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.PayFloor;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Posting shifts (one, or a weekly series) with their escrow, reading them, the worker's feed, and
 * cancellation by the requester: inside the cancellation window every selected worker is paid the
 * compensation from escrow, with a decision record; the rest of the escrow goes back.
 */
@Service
public class Shifts {

    static final Set<Integer> CANCELLATION_WINDOWS = Set.of(24, 48, 72, 168);

    static final String SELECT = """
            SELECT s.*, t.open_slots, o.name AS organisation, r.name AS role, l.name AS location, l.address, l.latitude, l.longitude
            FROM shift s JOIN task t ON t.id = s.task_id JOIN organisation o ON o.id = s.organisation_id
            JOIN shift_role r ON r.id = s.role_id JOIN shift_location l ON l.id = s.location_id""";

    private final Blocks blocks;
    private final WorkerProfiles profiles;
    private final org.polder.account.PlayAccounts play;
    private final JdbcClient jdbc;
    private final Places places;
    private final PayFloor floor;
    private final Fees fees;
    private final Escrow escrow;
    private final Trail trail;
    private final Decisions decisions;
    private final ShiftSettings settings;
    private final RequesterRatings requesterRatings;
    private final Clock clock;
    private final Assignments work;
    private final PlatformParameters parameters;

    Shifts(PlatformParameters parameters, Assignments work, JdbcClient jdbc, Places places, PayFloor floor, Fees fees, Escrow escrow, Trail trail, Decisions decisions,
           ShiftSettings settings, RequesterRatings requesterRatings, Clock clock, Blocks blocks, WorkerProfiles profiles,
           org.polder.account.PlayAccounts play) {
        this.parameters = parameters;
        this.play = play;
        this.profiles = profiles;
        this.blocks = blocks;
        this.work = work;
        this.requesterRatings = requesterRatings;
        this.jdbc = jdbc;
        this.places = places;
        this.floor = floor;
        this.fees = fees;
        this.escrow = escrow;
        this.trail = trail;
        this.decisions = decisions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What a requester posts. Times are instants; {@code repeatWeeks} posts the same shift that many
     * weeks in a row (1 = once). Unset conditions take the platform's defaults.
     */
    public record ShiftSpec(Long roleId, Long locationId, Instant startsAt, Instant endsAt, Integer breakMinutes, Integer headcount,
                            Long hourlyRate, Integer cancellationHours, Integer compensationPercent, Long reviewWindowHours,
                            Shift.AutoSelect autoSelect, Integer checkinRadiusM, Integer repeatWeeks, Long rateCeiling,
                            List<String> languages, List<String> regions) {

        /** A shift open to every worker's profile. */
        public ShiftSpec(Long roleId, Long locationId, Instant startsAt, Instant endsAt, Integer breakMinutes, Integer headcount,
                         Long hourlyRate, Integer cancellationHours, Integer compensationPercent, Long reviewWindowHours,
                         Shift.AutoSelect autoSelect, Integer checkinRadiusM, Integer repeatWeeks, Long rateCeiling) {
            this(roleId, locationId, startsAt, endsAt, breakMinutes, headcount, hourlyRate, cancellationHours, compensationPercent,
                    reviewWindowHours, autoSelect, checkinRadiusM, repeatWeeks, rateCeiling, List.of(), List.of());
        }

        /** A shift whose rate stays as posted. */
        public ShiftSpec(Long roleId, Long locationId, Instant startsAt, Instant endsAt, Integer breakMinutes, Integer headcount,
                         Long hourlyRate, Integer cancellationHours, Integer compensationPercent, Long reviewWindowHours,
                         Shift.AutoSelect autoSelect, Integer checkinRadiusM, Integer repeatWeeks) {
            this(roleId, locationId, startsAt, endsAt, breakMinutes, headcount, hourlyRate, cancellationHours, compensationPercent,
                    reviewWindowHours, autoSelect, checkinRadiusM, repeatWeeks, null);
        }
    }

    /** Posts the shift (or series) and takes its escrow from the organisation's balance; all or nothing. */
    @Transactional
    public List<Shift> post(CurrentUser user, ShiftSpec spec) {
        long org = user.require(Role.REQUESTER).organisation();
        if (spec.roleId() == null) {
            throw DomainException.invalid("roleId: choose the role this shift is for").code("problem.shift.roleRequired");
        }
        if (spec.locationId() == null) {
            throw DomainException.invalid("locationId: choose where the shift is worked").code("problem.shift.locationRequired");
        }
        ShiftRole role = places.role(org, spec.roleId());
        Location location = places.location(org, spec.locationId());
        Instant now = clock.instant();
        if (spec.startsAt() == null || spec.endsAt() == null) {
            throw DomainException.invalid("startsAt, endsAt: give the start and end of the shift").code("problem.shift.times");
        }
        if (!spec.startsAt().isAfter(now)) {
            throw DomainException.invalid("startsAt: the shift must start in the future").code("problem.shift.past");
        }
        long length = Duration.between(spec.startsAt(), spec.endsAt()).toMinutes();
        if (length < 60 || length > 16 * 60) {
            throw DomainException.invalid("endsAt: a shift lasts from 1 to 16 hours, this one " + length + " minutes")
                    .code("problem.shift.length", length);
        }
        int breakMinutes = spec.breakMinutes() == null ? 0 : spec.breakMinutes();
        if (breakMinutes < 0 || breakMinutes > length / 2) {
            throw DomainException.invalid("breakMinutes: from 0 to half the shift (" + length / 2 + " minutes), was " + breakMinutes)
                    .code("problem.shift.break", length / 2);
        }
        int headcount = spec.headcount() == null ? 1 : spec.headcount();
        if (headcount < 1 || headcount > 100) {
            throw DomainException.invalid("headcount: from 1 to 100 workers, was " + headcount).code("problem.shift.headcount");
        }
        if (spec.hourlyRate() == null || spec.hourlyRate() < floor.hourlyCents()) {
            throw DomainException.invalid("hourlyRate: at least the hourly floor of " + Money.euros(floor.hourlyCents())
                            + ", was " + (spec.hourlyRate() == null ? "none" : Money.euros(spec.hourlyRate())),
                    Map.of("minimumHourlyRate", floor.hourlyCents())).code("problem.shift.belowFloor", Money.euros(floor.hourlyCents()).decimal());
        }
        PayFloor.Minimum agreed = floor.minimumFor(WorkKind.SHIFT, role.name());
        if (agreed.agreement() != null && spec.hourlyRate() < agreed.hourlyCents()) {
            throw DomainException.invalid("hourlyRate: at least " + Money.euros(agreed.hourlyCents()) + " an hour for " + role.name()
                            + " under the collective agreement '" + agreed.agreement().name() + "', was " + Money.euros(spec.hourlyRate()),
                    Map.of("minimumHourlyRate", agreed.hourlyCents(), "agreement", agreed.agreement().name()))
                    .code("problem.shift.belowAgreement", Money.euros(agreed.hourlyCents()).decimal(), role.name(), agreed.agreement().name());
        }
        if (spec.hourlyRate() > 100_000) {
            throw DomainException.invalid("hourlyRate: at most €1,000.00 an hour").code("problem.shift.rateTooHigh");
        }
        int window = spec.cancellationHours() == null ? 48 : spec.cancellationHours();
        if (!CANCELLATION_WINDOWS.contains(window)) {
            throw DomainException.invalid("cancellationHours: one of 24, 48, 72 or 168 (7 days), was " + window)
                    .code("problem.shift.cancellationWindow");
        }
        int least = (int) parameters.number(Parameter.SHIFT_COMPENSATION_PERCENT);
        int compensation = spec.compensationPercent() == null ? least : spec.compensationPercent();
        if (compensation < least || compensation > 100) {
            throw DomainException.invalid("compensationPercent: from the platform's " + least + "% to 100%, was "
                    + compensation).code("problem.shift.compensation", least);
        }
        long maxReviewHours = settings.reviewWindow.toHours();
        long reviewHours = spec.reviewWindowHours() == null ? maxReviewHours : spec.reviewWindowHours();
        if (reviewHours < 1 || reviewHours > maxReviewHours) {
            throw DomainException.invalid("reviewWindowHours: from 1 to " + maxReviewHours + " hours, was " + reviewHours)
                    .code("problem.shift.reviewWindow", maxReviewHours);
        }
        Integer radius = spec.checkinRadiusM();
        if (radius != null && (radius < 50 || radius > 5000)) {
            throw DomainException.invalid("checkinRadiusM: from 50 to 5000 metres, or none, was " + radius).code("problem.shift.radius");
        }
        int weeks = spec.repeatWeeks() == null ? 1 : spec.repeatWeeks();
        if (weeks < 1 || weeks > 26) {
            throw DomainException.invalid("repeatWeeks: from 1 to 26, was " + weeks).code("problem.shift.repeat");
        }
        Shift.AutoSelect auto = spec.autoSelect() == null ? Shift.AutoSelect.NONE : spec.autoSelect();
        if (spec.rateCeiling() != null && (spec.rateCeiling() <= spec.hourlyRate() || spec.rateCeiling() > 100_000)) {
            throw DomainException.invalid("rateCeiling: more than the hourly rate (" + spec.hourlyRate() + " cents), at most 100000 cents")
                    .code("problem.shift.rateCeiling", Money.euros(spec.hourlyRate()).decimal());
        }
        List<String> languages = WorkerProfiles.languages(spec.languages(), "languages");
        List<String> regions = WorkerProfiles.regions(spec.regions(), "regions");
        int paidMinutes = (int) length - breakMinutes;
        long pay = Shift.payFor(spec.hourlyRate(), paidMinutes);
        long fee = fees.feeFor(pay);

        List<Shift> posted = new ArrayList<>();
        Long series = null;
        for (int w = 0; w < weeks; w++) {
            // Local weeks: the same wall-clock time every week, also across a change to or from summer time.
            Instant start = spec.startsAt().atZone(settings.zone).plusWeeks(w).toInstant();
            Instant end = start.plus(Duration.ofMinutes(length));
            long taskId = work.openTask(WorkKind.SHIFT, headcount);
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO shift (task_id, organisation_id, role_id, location_id, series_id, starts_at, ends_at, break_minutes,
                                               headcount, hourly_rate, pay, fee, currency, cancellation_hours, compensation_percent,
                                               review_window_seconds, auto_select, checkin_radius_m, state, created_by, created_at,
                                               rate_ceiling, base_rate, languages, regions)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?)""")
                    .params(taskId, org, role.id(), location.id(), series, Sql.ts(start), Sql.ts(end), breakMinutes, headcount,
                            spec.hourlyRate(), pay, fee, Money.EUR, window, compensation, reviewHours * 3600, auto.name(), radius,
                            user.id(), Sql.ts(now), spec.rateCeiling(), spec.hourlyRate(),
                            languages.isEmpty() ? null : String.join(",", languages), regions.isEmpty() ? null : String.join(",", regions))
                    .update(key, "id");
            long id = key.getKey().longValue();
            if (weeks > 1 && series == null) {
                series = id;
                jdbc.sql("UPDATE shift SET series_id = ? WHERE id = ?").params(id, id).update();
            }
            Money escrow = Money.euros(Math.multiplyExact(pay + fee, (long) headcount));
            this.escrow.fund(new Escrow.Of(WorkKind.SHIFT, id, org), escrow.cents(), new Escrow.Entry("SHIFT_ESCROW",
                    "Escrow for shift " + id + " (" + headcount + " x " + Money.euros(pay + fee) + ")", user.id(), "shift:" + id));
            trail.record(TrailEntry.of("SHIFT_POSTED").by(user.id()).organisation(org).work(WorkKind.SHIFT, taskId, null)
                    .with("shiftId", id).with("startsAt", start.toString()).with("endsAt", end.toString()).with("headcount", headcount)
                    .with("hourlyRate", spec.hourlyRate()).with("escrow", escrow.cents()));
            posted.add(get(id));
        }
        return posted;
    }

    /** A shift of the requester's organisation; 404 for another organisation's. */
    @Transactional(readOnly = true)
    public Shift ofOrganisation(CurrentUser user, long id) {
        Shift s = find(id).orElseThrow(() -> new NotFoundException("Shift", id));
        if (s.organisationId() != user.require(Role.REQUESTER).organisation()) {
            throw new NotFoundException("Shift", id);
        }
        return s;
    }

    /** Whether the shift is the requester's organisation's. */
    @Transactional(readOnly = true)
    public boolean ownedBy(CurrentUser user, long id) {
        return user.organisationId() != null && find(id).map(s -> s.organisationId() == user.organisationId()).orElse(false);
    }

    @Transactional(readOnly = true)
    public List<Shift> ofOrganisation(CurrentUser user) {
        return jdbc.sql(SELECT + " WHERE s.organisation_id = ? ORDER BY s.starts_at DESC, s.id DESC LIMIT 500")
                .param(user.require(Role.REQUESTER).organisation()).query((rs, n) -> map(rs)).list();
    }

    /** A shift as any logged-in worker may see it: open shifts, and shifts they applied to or worked. */
    @Transactional(readOnly = true)
    public Shift forWorker(CurrentUser worker, long id) {
        worker.require(Role.WORKER);
        Shift s = find(id).orElseThrow(() -> new NotFoundException("Shift", id));
        boolean involved = jdbc.sql("SELECT COUNT(*) FROM shift_application WHERE shift_id = ? AND worker_id = ?")
                .params(id, worker.id()).query(Long.class).single() > 0;
        if (!involved && s.state() != Shift.State.OPEN) {
            throw new NotFoundException("Shift", id);
        }
        return s;
    }

    /** The feed's filters; all optional. A place (latitude, longitude) and a distance in km go together. */
    public record FeedFilter(Double latitude, Double longitude, Double withinKm, Long roleId, String role, Instant from, Instant to,
                             Long minHourlyRate) {
    }

    /** An open shift in a worker's feed, with its distance from the place they chose (null without one) and the client's record. */
    public record FeedItem(Shift shift, ShiftRole role, Double distanceKm, String myApplication, ClientRecord client) {
    }

    /**
     * What workers should know about a client before applying (RIGHTS.md R9): how often it countered
     * workers' hours, how many shifts it cancelled inside the window, and workers' ratings of it (shown
     * only once enough workers rated, so that nobody's rating can be traced).
     */
    public record ClientRecord(long hoursSettled, Integer counteredPercent, long lateCancellations, RequesterRatings.Summary ratings) {
    }

    /** The client's record, as workers see it. */
    @Transactional(readOnly = true)
    public ClientRecord record(long organisationId) {
        long late = jdbc.sql("SELECT starts_at, cancelled_at, cancellation_hours FROM shift WHERE organisation_id = ? AND state = 'CANCELLED'")
                .param(organisationId)
                .query((rs, n) -> !Sql.instant(rs, "cancelled_at").isBefore(Sql.instant(rs, "starts_at").minusSeconds(rs.getInt(3) * 3600L)))
                .list().stream().filter(Boolean::booleanValue).count();
        return jdbc.sql("""
                        SELECT COUNT(CASE WHEN h.state = 'SETTLED' THEN 1 END) AS settled,
                               COUNT(CASE WHEN h.counter_decision IS NOT NULL THEN 1 END) AS countered
                        FROM shift_hours h JOIN shift s ON s.id = h.shift_id WHERE s.organisation_id = ?""")
                .param(organisationId)
                .query((rs, n) -> {
                    long settled = rs.getLong("settled");
                    return new ClientRecord(settled, settled == 0 ? null : (int) (100 * rs.getLong("countered") / settled), late,
                            requesterRatings.of(organisationId));
                }).single();
    }

    /**
     * Open shifts that still want people and have not started, soonest first. Distance is measured from
     * a place the worker types in, never from tracking; nothing about the place is stored.
     */
    @Transactional(readOnly = true)
    public List<FeedItem> feed(CurrentUser worker, FeedFilter f) {
        worker.require(Role.WORKER);
        boolean near = f.latitude() != null || f.longitude() != null;
        if (near && (f.latitude() == null || f.longitude() == null || Math.abs(f.latitude()) > 90 || Math.abs(f.longitude()) > 180)) {
            throw DomainException.invalid("latitude, longitude: give both, as degrees (-90 to 90, -180 to 180)").code("problem.shift.place");
        }
        if (f.withinKm() != null && (f.withinKm() <= 0 || f.withinKm() > 500 || !near)) {
            throw DomainException.invalid("withinKm: from 0 to 500 km, with a place (latitude and longitude)").code("problem.shift.within");
        }
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder(SELECT + " WHERE s.state = 'OPEN' AND s.starts_at > ? AND t.open_slots > 0 AND "
                + play.workFor(worker.id(), "s.organisation_id"));
        List<Object> params = new ArrayList<>(List.of(Sql.ts(now)));
        if (f.roleId() != null) {
            sql.append(" AND s.role_id = ?");
            params.add(f.roleId());
        }
        if (f.role() != null && !f.role().isBlank()) {
            sql.append(" AND LOWER(r.name) LIKE ?");
            params.add("%" + f.role().strip().toLowerCase(java.util.Locale.ROOT).replace("%", "").replace("_", "") + "%");
        }
        if (f.from() != null) {
            sql.append(" AND s.starts_at >= ?");
            params.add(Sql.ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND s.starts_at < ?");
            params.add(Sql.ts(f.to()));
        }
        if (f.minHourlyRate() != null) {
            sql.append(" AND s.hourly_rate >= ?");
            params.add(f.minHourlyRate());
        }
        sql.append(" ORDER BY s.starts_at, s.id LIMIT 1000");
        List<Shift> shifts = jdbc.sql(sql.toString()).params(params).query((rs, n) -> map(rs)).list();
        Map<Long, String> mine = new LinkedHashMap<>();
        jdbc.sql("SELECT shift_id, state FROM shift_application WHERE worker_id = ?").param(worker.id())
                .query(rs -> {
                    mine.put(rs.getLong(1), rs.getString(2));
                });
        List<FeedItem> items = new ArrayList<>();
        java.util.Set<Long> blocking = blocks.organisationsBlocking(worker.id());
        WorkerProfile profile = profiles.of(worker.id());
        Map<Long, ShiftRole> roles = new java.util.HashMap<>();
        Map<Long, ClientRecord> clients = new java.util.HashMap<>();
        for (Shift s : shifts) {
            Double km = near ? Geo.km(f.latitude(), f.longitude(), s.latitude(), s.longitude()) : null;
            if (f.withinKm() != null && km > f.withinKm() || blocking.contains(s.organisationId()) || !profile.meets(s.languages(), s.regions())) {
                continue;   // too far, a requester who blocked this worker, or asking for what their profile does not say
            }
            items.add(new FeedItem(s, roles.computeIfAbsent(s.roleId(), places::role), km == null ? null : Math.round(km * 10) / 10.0,
                    mine.get(s.id()), clients.computeIfAbsent(s.organisationId(), this::record)));
        }
        if (near) {
            items.sort(java.util.Comparator.comparing((FeedItem i) -> i.shift().startsAt().atZone(settings.zone).toLocalDate())
                    .thenComparing(FeedItem::distanceKm));
        }
        return items;
    }

    /** How many open shifts this worker does not see because they ask for a language or region their profile does not say. */
    @Transactional(readOnly = true)
    public long hiddenByProfile(CurrentUser worker) {
        WorkerProfile profile = profiles.of(worker.require(Role.WORKER).id());
        return jdbc.sql("""
                        SELECT s.languages, s.regions FROM shift s JOIN task t ON t.id = s.task_id
                        WHERE s.state = 'OPEN' AND s.starts_at > ? AND t.open_slots > 0 AND (s.languages IS NOT NULL OR s.regions IS NOT NULL)"""
                        + " AND " + play.workFor(worker.id(), "s.organisation_id"))
                .param(Sql.ts(clock.instant()))
                .query((rs, n) -> profile.meets(WorkerProfiles.split(rs.getString(1)), WorkerProfiles.split(rs.getString(2))))
                .list().stream().filter(met -> !met).count();
    }

    /**
     * The requester cancels a shift that has not begun. Inside the cancellation window each selected worker
     * is paid the shift's compensation share of their planned pay from escrow; outside it nobody is. The
     * rest of the escrow goes back to the organisation. Nobody's application stays open.
     */
    @Transactional
    @Automated(ShiftRules.COMPENSATION)
    public Shift cancel(CurrentUser user, long id, String reason) {
        Shift s = ofOrganisation(user, id);
        String why = Places.text("reason", reason, 1, 1000);
        Instant now = clock.instant();
        if (s.state() != Shift.State.OPEN) {
            throw DomainException.conflict("Shift " + id + " is already cancelled").code("problem.shift.cancelled");
        }
        if (!now.isBefore(s.startsAt())) {
            throw DomainException.conflict("Shift " + id + " has begun; it can no longer be cancelled").code("problem.shift.begun");
        }
        if (jdbc.sql("SELECT COUNT(*) FROM assignment WHERE task_id = ? AND state NOT IN ('ACCEPTED', 'RELEASED')")
                .param(s.taskId()).query(Long.class).single() > 0) {
            throw DomainException.conflict("Shift " + id + " has a worker checked in; it can no longer be cancelled").code("problem.shift.begun");
        }
        if (jdbc.sql("UPDATE shift SET state = 'CANCELLED', cancelled_at = ?, cancel_reason = ? WHERE id = ? AND state = 'OPEN'")
                .params(Sql.ts(now), why, id).update() == 0) {
            throw DomainException.conflict("Shift " + id + " is already cancelled").code("problem.shift.cancelled");
        }
        work.closeTask(s.taskId());
        boolean late = !now.isBefore(s.freeCancellationUntil());
        long compensation = late ? (s.pay() * s.compensationPercent() + 50) / 100 : 0;
        List<Selected> selected = jdbc.sql("SELECT id, worker_id FROM assignment WHERE task_id = ? AND state = 'ACCEPTED' ORDER BY id")
                .param(s.taskId()).query((rs, n) -> new Selected(rs.getLong(1), rs.getLong(2))).list();
        Escrow.Of money = new Escrow.Of(WorkKind.SHIFT, id, s.organisationId());
        for (Selected a : selected) {
            work.move(a.id()).from(AssignmentState.ACCEPTED).to(AssignmentState.RELEASED, now).apply();
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("cancelledAt", now.toString());
            inputs.put("freeCancellationUntil", s.freeCancellationUntil().toString());
            inputs.put("cancellationHours", s.cancellationHours());
            inputs.put("compensationPercent", s.compensationPercent());
            inputs.put("plannedPay", s.pay());
            Words effect;
            if (compensation > 0) {
                escrow.pay(money, a.workerId(), compensation, 0, new Escrow.Entry("SHIFT_COMPENSATION", "Compensation for cancelled shift " + id,
                        user.id(), "shift:" + id + ":assignment:" + a.id()));
                effect = Words.of("decision.effect.shiftCancelledLate", s.cancellationHours(), Words.money(compensation));
            } else {
                effect = Words.of("decision.effect.shiftCancelledEarly", s.cancellationHours());
            }
            decisions.record(Decisions.Draft.about(a.workerId(), ShiftDecision.SHIFT_CANCELLED)
                    .by(user.id())
                    .work(WorkKind.SHIFT, null, s.taskId(), a.id())
                    .inputs(inputs)
                    .effect(effect)
                    .reason(why)
                    .forOrganisation(s.organisationId()));
            trail.record(TrailEntry.of("SHIFT_CANCELLED").aboutWorker(a.workerId()).by(user.id()).organisation(s.organisationId())
                    .work(WorkKind.SHIFT, s.taskId(), a.id()).with("shiftId", id).with("compensation", compensation).with("reason", why));
        }
        jdbc.sql("UPDATE shift_application SET state = 'CANCELLED', decided_at = ? WHERE shift_id = ? AND state IN ('APPLIED', 'WAITLISTED', 'SELECTED')")
                .params(Sql.ts(now), id).update();
        escrow.giveBack(money, escrow.held(money), "Escrow of cancelled shift " + id + " returned", user.id(), "shift:" + id);
        trail.record(TrailEntry.of("SHIFT_CANCELLED").by(user.id()).organisation(s.organisationId()).work(WorkKind.SHIFT, s.taskId(), null)
                .with("shiftId", id).with("late", late).with("workersCompensated", compensation > 0 ? selected.size() : 0).with("reason", why));
        return get(id);
    }

    private record Selected(long id, long workerId) {
    }

    java.util.Optional<Shift> find(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    Shift get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Shift", id));
    }

    Shift ofTask(long taskId) {
        return jdbc.sql(SELECT + " WHERE s.task_id = ?").param(taskId).query((rs, n) -> map(rs)).single();
    }

    static Shift map(ResultSet rs) throws SQLException {
        Integer radius = (Integer) rs.getObject("checkin_radius_m", Integer.class);
        return new Shift(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("organisation_id"), rs.getString("organisation"),
                rs.getLong("role_id"), rs.getString("role"), rs.getLong("location_id"), rs.getString("location"), rs.getString("address"),
                rs.getDouble("latitude"), rs.getDouble("longitude"), Sql.longOrNull(rs, "series_id"), Sql.instant(rs, "starts_at"),
                Sql.instant(rs, "ends_at"), rs.getInt("break_minutes"), rs.getInt("headcount"), rs.getInt("open_slots"),
                rs.getLong("hourly_rate"), rs.getLong("pay"), rs.getLong("fee"), rs.getString("currency").strip(),
                rs.getInt("cancellation_hours"), rs.getInt("compensation_percent"), rs.getLong("review_window_seconds"),
                Shift.AutoSelect.valueOf(rs.getString("auto_select")), radius, Shift.State.valueOf(rs.getString("state")),
                Sql.longOrNull(rs, "rate_ceiling"), WorkerProfiles.split(rs.getString("languages")), WorkerProfiles.split(rs.getString("regions")));
    }
}
