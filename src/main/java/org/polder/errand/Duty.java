package org.polder.errand;

import org.polder.common.Words;
import org.polder.errand.internal.HourlyMinimum;
import tools.jackson.databind.json.JsonMapper;
import org.polder.work.WorkingTime;
import org.polder.work.TakingWork;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Couriers going on and off duty, and their position while on duty. A position sent while off duty is
 * refused and nothing of it is stored (RIGHTS.md R2). Positions are deleted after
 * {@code polder.errand.position-retention-days}. Time on duty, waiting for work included, is active
 * time (R7), as {@code internal/DutyTime} reports it.
 */
@Service
public class Duty {

    public static final String RETENTION = "errand.position-retention";
    public static final String SILENT = "errand.silent-duty";

    private final JdbcClient jdbc;
    private final GeoIndex index;
    private final Trail trail;
    private final Clock clock;
    private final Duration retention;
    private final Dispatch dispatch;
    private final HourlyMinimum minimum;
    private final Decisions decisions;
    private final TransactionTemplate tx;
    private final Duration silence;
    private final TakingWork takingWork;
    private final JsonMapper json;

    private final Demand demand;

    Duty(Demand demand, JsonMapper json, TakingWork takingWork, JdbcClient jdbc, GeoIndex index, Trail trail, Clock clock, Dispatch dispatch, HourlyMinimum minimum,
         Decisions decisions, PlatformTransactionManager transactions, @Value("${polder.errand.position-retention-days:7}") int retentionDays,
         @Value("${polder.errand.silent-minutes:30}") int silentMinutes) {
        this.json = json;
        this.takingWork = takingWork;
        if (silentMinutes < 5 || silentMinutes > 24 * 60) {
            throw new IllegalArgumentException("polder.errand.silent-minutes must be 5 to 1440, was " + silentMinutes);
        }
        if (retentionDays < 1 || retentionDays > 365) {
            throw new IllegalArgumentException("polder.errand.position-retention-days must be 1 to 365, was " + retentionDays);
        }
        this.jdbc = jdbc;
        this.index = index;
        this.trail = trail;
        this.clock = clock;
        this.demand = demand;
        this.retention = Duration.ofDays(retentionDays);
        this.dispatch = dispatch;
        this.minimum = minimum;
        this.decisions = decisions;
        this.tx = new TransactionTemplate(transactions);
        this.silence = Duration.ofMinutes(silentMinutes);
    }

    /** Whether the courier is on duty, and since when. */
    public record Status(boolean onDuty, Instant since) {
    }

    @Transactional(readOnly = true)
    public Status status(CurrentUser worker) {
        return jdbc.sql("SELECT on_duty, since FROM courier_duty WHERE worker_id = ?").param(worker.require(Role.WORKER).id())
                .query((rs, n) -> new Status(rs.getBoolean(1), Sql.instant(rs, "since"))).optional().orElse(new Status(false, null));
    }

    @Transactional
    public Status goOnDuty(CurrentUser worker) {
        long id = worker.require(Role.WORKER).id();
        Instant now = clock.instant();
        takingWork.check(id, WorkingTime.Candidate.startingAt(WorkKind.ERRAND, now));
        // Lock (or create) the courier's row so that two requests cannot open two sessions.
        if (jdbc.sql("UPDATE courier_duty SET on_duty = TRUE, since = ? WHERE worker_id = ? AND on_duty = FALSE").params(Sql.ts(now), id).update() == 0) {
            if (jdbc.sql("INSERT INTO courier_duty (worker_id, on_duty, since) VALUES (?, TRUE, ?) ON CONFLICT DO NOTHING")
                    .params(id, Sql.ts(now)).update() == 0) {
                return status(worker);   // already on duty
            }
        }
        jdbc.sql("INSERT INTO courier_duty_session (worker_id, started_at) VALUES (?, ?)").params(id, Sql.ts(now)).update();
        trail.record(TrailEntry.of("DUTY_STARTED").aboutWorker(id).by(id).work(WorkKind.ERRAND, null, null));
        return status(worker);
    }

    /** Off duty: out of the index, and a running offer passes to the next courier. Not while carrying an errand. */
    @Transactional
    public Status goOffDuty(CurrentUser worker) {
        long id = worker.require(Role.WORKER).id();
        Long underWay = jdbc.sql("SELECT id FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF') ORDER BY id LIMIT 1")
                .param(id).query(Long.class).optional().orElse(null);
        if (underWay != null) {
            throw DomainException.conflict("Errand " + underWay + " is under way: deliver it, or report it failed, before going off duty")
                    .code("problem.errand.underWay", underWay);
        }
        index.remove(id);
        previousSpot(id).ifPresent(last -> demand.tally(last, null));
        // Offers first, then the duty row: the same order of locks as dispatching.
        dispatch.declineRunningOffers(id);
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE courier_duty SET on_duty = FALSE, since = ? WHERE worker_id = ? AND on_duty = TRUE").params(Sql.ts(now), id).update() > 0) {
            List<Long> ended = jdbc.sql("SELECT id FROM courier_duty_session WHERE worker_id = ? AND ended_at IS NULL").param(id).query(Long.class).list();
            jdbc.sql("UPDATE courier_duty_session SET ended_at = ? WHERE worker_id = ? AND ended_at IS NULL").params(Sql.ts(now), id).update();
            ended.forEach(minimum::settle);
            trail.record(TrailEntry.of("DUTY_ENDED").aboutWorker(id).by(id).work(WorkKind.ERRAND, null, null));
        }
        return status(worker);
    }

    /** A position from the courier's app: stored and indexed while on duty, refused (and not stored) otherwise. */
    @Transactional
    public void position(CurrentUser worker, Double latitude, Double longitude) {
        long id = worker.require(Role.WORKER).id();
        if (latitude == null || longitude == null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
            throw DomainException.invalid("latitude, longitude: both, in degrees (-90 to 90, -180 to 180)").code("problem.errand.position");
        }
        boolean onDuty = jdbc.sql("SELECT on_duty FROM courier_duty WHERE worker_id = ?").param(id).query(Boolean.class).optional().orElse(false);
        if (!onDuty) {
            throw DomainException.conflict("You are off duty: Polder takes no position from you now").code("problem.errand.offDuty");
        }
        Instant now = clock.instant();
        demand.tally(previousSpot(id).orElse(null), new Demand.Spot(latitude, longitude, now));
        jdbc.sql("INSERT INTO courier_position (worker_id, latitude, longitude, recorded_at) VALUES (?, ?, ?, ?)")
                .params(id, latitude, longitude, Sql.ts(now)).update();
        index.put(id, latitude, longitude);
    }

    /** The courier's latest position since they went on duty, if any. */
    private java.util.Optional<Demand.Spot> previousSpot(long workerId) {
        return jdbc.sql("""
                        SELECT p.latitude, p.longitude, p.recorded_at FROM courier_position p JOIN courier_duty d ON d.worker_id = p.worker_id
                        WHERE p.worker_id = ? AND p.recorded_at >= d.since ORDER BY p.id DESC LIMIT 1""")
                .param(workerId).query((rs, n) -> new Demand.Spot(rs.getDouble(1), rs.getDouble(2), Sql.instant(rs, "recorded_at"))).optional();
    }

    /** The courier's latest position while on duty, for their own map. */
    @Transactional(readOnly = true)
    public java.util.Optional<Position> lastPosition(CurrentUser worker) {
        return jdbc.sql("SELECT latitude, longitude FROM courier_position WHERE worker_id = ? ORDER BY id DESC LIMIT 1")
                .param(worker.require(Role.WORKER).id()).query((rs, n) -> new Position(rs.getDouble(1), rs.getDouble(2))).optional();
    }

    /** Deletes positions older than the retention period; returns how many. */
    @Automated(RETENTION)
    @Transactional
    public int deleteOldPositions() {
        return jdbc.sql("DELETE FROM courier_position WHERE recorded_at < ?").param(Sql.ts(clock.instant().minus(retention))).update();
    }

    /**
     * After a restart, the index holds the couriers on duty at their last position. In one transaction: an index in the
     * database then commits once, not once per courier.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void rebuildIndex() {
        if (index.persistent()) {
            return;
        }
        // Each courier's latest position found once by grouping, not by a subquery per position: a week of positions
        // for a city's couriers is millions of rows.
        jdbc.sql("""
                        SELECT p.worker_id, p.latitude, p.longitude FROM courier_position p
                        JOIN (SELECT q.worker_id, MAX(q.id) AS last FROM courier_position q JOIN courier_duty d ON d.worker_id = q.worker_id
                              WHERE d.on_duty = TRUE GROUP BY q.worker_id) latest ON latest.last = p.id""")
                .query(rs -> {
                    index.put(rs.getLong(1), rs.getDouble(2), rs.getDouble(3));
                });
    }

    /**
     * Ends the duty of couriers whose app has gone silent: on duty and no position for
     * {@code polder.errand.silent-minutes}. Their time on duty ends at their last sign of life (their last
     * position, or going on duty), so that a phone left on duty does not count as hours worked, and a
     * decision record tells them. An errand they carry stays theirs: they can still deliver it, and go
     * on duty again. Returns how many.
     */
    @Automated(SILENT)
    public int endSilentDuty() {
        Instant now = clock.instant();
        Instant quietSince = now.minus(silence);
        List<Long> silent = jdbc.sql("""
                        SELECT d.worker_id FROM courier_duty d WHERE d.on_duty = TRUE AND d.since < ?
                        AND NOT EXISTS (SELECT 1 FROM courier_position p WHERE p.worker_id = d.worker_id AND p.recorded_at >= ?)""")
                .params(Sql.ts(quietSince), Sql.ts(quietSince)).query(Long.class).list();
        int ended = 0;
        for (long id : silent) {
            Boolean done = tx.execute(t -> endSilent(id, quietSince));
            ended += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return ended;
    }

    /**
     * Undoes a silent-duty decision that a moderator overrode or an upheld appeal found wrong: the spell on
     * duty counts until the rule took the courier off, and that time is paid at least the floor.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Words restoreSilentTime(org.polder.oversight.Decision decision, long moderatorId) {
        tools.jackson.databind.JsonNode inputs = json.readTree(decision.inputs());
        if (!inputs.has("sessions") || !inputs.has("takenOffAt")) {
            return Words.of("decision.effect.dutyNothingToRestore");
        }
        Instant takenOff = Instant.parse(inputs.get("takenOffAt").asString());
        long restored = 0;
        for (tools.jackson.databind.JsonNode session : inputs.get("sessions")) {
            restored += minimum.restore(session.asLong(), takenOff, moderatorId);
        }
        trail.record(TrailEntry.of("DUTY_RESTORED").aboutWorker(decision.workerId()).by(moderatorId).work(WorkKind.ERRAND, null, null)
                .with("until", takenOff.toString()).with("seconds", restored));
        return restored == 0 ? Words.of("decision.effect.dutyCountedAlready", Words.at(takenOff))
                : Words.of("decision.effect.dutyRestored", Words.at(takenOff), Math.round(restored / 60.0));
    }

    private boolean endSilent(long id, Instant quietSince) {
        index.remove(id);
        dispatch.declineRunningOffers(id);
        Instant since = jdbc.sql("SELECT since FROM courier_duty WHERE worker_id = ? AND on_duty = TRUE FOR UPDATE").param(id)
                .query((rs, n) -> Sql.instant(rs, "since")).optional().orElse(null);
        Instant lastPosition = jdbc.sql("SELECT MAX(recorded_at) AS last FROM courier_position WHERE worker_id = ?").param(id)
                .query((rs, n) -> Sql.instant(rs, "last")).optional().orElse(null);
        if (since == null || !since.isBefore(quietSince) || (lastPosition != null && !lastPosition.isBefore(quietSince))) {
            return false;   // off duty meanwhile, or a position came in
        }
        Instant lastSign = lastPosition != null && lastPosition.isAfter(since) ? lastPosition : since;
        jdbc.sql("UPDATE courier_duty SET on_duty = FALSE, since = ? WHERE worker_id = ?").params(Sql.ts(lastSign), id).update();
        List<Long> open = jdbc.sql("SELECT id FROM courier_duty_session WHERE worker_id = ? AND ended_at IS NULL").param(id).query(Long.class).list();
        jdbc.sql("UPDATE courier_duty_session SET ended_at = ? WHERE worker_id = ? AND ended_at IS NULL").params(Sql.ts(lastSign), id).update();
        open.forEach(minimum::settle);
        Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        inputs.put("onDutySince", since.toString());
        inputs.put("lastPosition", lastPosition == null ? null : lastPosition.toString());
        inputs.put("silentMinutes", silence.toMinutes());
        inputs.put("sessions", open);
        inputs.put("takenOffAt", clock.instant().toString());
        decisions.record(Decisions.Draft.about(id, ErrandDecision.DUTY_ENDED_SILENT)
                .rule(SILENT, 1)
                .work(WorkKind.ERRAND, null, null, null)
                .inputs(inputs)
                .effect(Words.of("decision.effect.dutyEndedSilent", Words.at(lastSign)))
                .reason(Words.of("decision.dutyEndedSilent", silence.toMinutes())));
        trail.record(TrailEntry.of("DUTY_ENDED").aboutWorker(id).work(WorkKind.ERRAND, null, null).with("silent", true)
                .with("endedAt", lastSign.toString()));
        return true;
    }
}
