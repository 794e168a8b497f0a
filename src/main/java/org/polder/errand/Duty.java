package org.polder.errand;

import org.polder.account.AccountStanding;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.ledger.ActiveTime;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Couriers going on and off duty, and their position while on duty. A position sent while off duty is
 * refused and nothing of it is stored (RIGHTS.md R2). Positions are deleted after
 * {@code polder.errand.position-retention-days}. Time on duty, waiting for work included, is active
 * time (R7).
 */
@Service
public class Duty implements ActiveTime {

    public static final String RETENTION = "errand.position-retention";

    private final JdbcClient jdbc;
    private final GeoIndex index;
    private final Trail trail;
    private final Clock clock;
    private final Duration retention;
    private final Dispatch dispatch;
    private final AccountStanding standing;
    private final HourlyMinimum minimum;

    Duty(JdbcClient jdbc, GeoIndex index, Trail trail, Clock clock, Dispatch dispatch, AccountStanding standing, HourlyMinimum minimum, @Value("${polder.errand.position-retention-days:7}") int retentionDays) {
        if (retentionDays < 1 || retentionDays > 365) {
            throw new IllegalArgumentException("polder.errand.position-retention-days must be 1 to 365, was " + retentionDays);
        }
        this.jdbc = jdbc;
        this.index = index;
        this.trail = trail;
        this.clock = clock;
        this.retention = Duration.ofDays(retentionDays);
        this.dispatch = dispatch;
        this.standing = standing;
        this.minimum = minimum;
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
        standing.checkMayTakeWork(id);
        Instant now = clock.instant();
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
        Long underWay = jdbc.sql("SELECT id FROM errand WHERE worker_id = ? AND state IN ('ACCEPTED', 'AT_PICKUP', 'PICKED_UP', 'AT_DROPOFF')")
                .param(id).query(Long.class).optional().orElse(null);
        if (underWay != null) {
            throw DomainException.conflict("Errand " + underWay + " is under way: deliver it, or report it failed, before going off duty")
                    .code("problem.errand.underWay", underWay);
        }
        index.remove(id);
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
        jdbc.sql("INSERT INTO courier_position (worker_id, latitude, longitude, recorded_at) VALUES (?, ?, ?, ?)")
                .params(id, latitude, longitude, Sql.ts(clock.instant())).update();
        index.put(id, latitude, longitude);
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

    /** After a restart, the index holds the couriers on duty at their last position. */
    @EventListener(ApplicationReadyEvent.class)
    public void rebuildIndex() {
        jdbc.sql("""
                        SELECT p.worker_id, p.latitude, p.longitude FROM courier_position p JOIN courier_duty d ON d.worker_id = p.worker_id
                        WHERE d.on_duty = TRUE AND p.id = (SELECT MAX(q.id) FROM courier_position q WHERE q.worker_id = p.worker_id)""")
                .query(rs -> {
                    index.put(rs.getLong(1), rs.getDouble(2), rs.getDouble(3));
                });
    }

    @Override
    @Transactional(readOnly = true)
    public Map<LocalDate, Long> secondsPerDay(long workerId, Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, Long> days = new TreeMap<>();
        sessions(workerId, from, to).forEach(s -> days.merge(s.end().atZone(zone).toLocalDate(), s.seconds(), Long::sum));
        return days;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Long> secondsByWorker(Instant from, Instant to) {
        Map<Long, Long> seconds = new TreeMap<>();
        sessions(null, from, to).forEach(s -> seconds.merge(s.workerId(), s.seconds(), Long::sum));
        return seconds;
    }

    private record Session(long workerId, Instant end, long seconds) {
    }

    /** Duty sessions that ended in [from, to), the one still open counting up to now. */
    private java.util.List<Session> sessions(Long workerId, Instant from, Instant to) {
        Instant now = clock.instant();
        String sql = "SELECT worker_id, started_at, ended_at FROM courier_duty_session WHERE COALESCE(ended_at, ?) >= ? AND COALESCE(ended_at, ?) < ?";
        java.util.List<Object> params = new java.util.ArrayList<>(java.util.List.of(Sql.ts(now), Sql.ts(from), Sql.ts(now), Sql.ts(to)));
        if (workerId != null) {
            sql += " AND worker_id = ?";
            params.add(workerId);
        }
        return jdbc.sql(sql).params(params)
                .query((rs, n) -> {
                    Instant end = Sql.instant(rs, "ended_at") == null ? now : Sql.instant(rs, "ended_at");
                    return new Session(rs.getLong(1), end, Math.max(1, Duration.between(Sql.instant(rs, "started_at"), end).toSeconds()));
                }).list();
    }
}
