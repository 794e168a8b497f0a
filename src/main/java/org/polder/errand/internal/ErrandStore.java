package org.polder.errand.internal;

import org.polder.errand.Errand;
import org.polder.errand.Place;
import org.polder.errand.Pricing;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads errands, and locks one for a change: every change to an errand starts by locking its row, so changes to it take turns. */
@Component
public class ErrandStore {

    public static final String SELECT = "SELECT e.*, o.name AS organisation FROM errand e JOIN organisation o ON o.id = e.organisation_id";

    private final JdbcClient jdbc;
    private final Pricing pricing;

    public ErrandStore(JdbcClient jdbc, Pricing pricing) {
        this.jdbc = jdbc;
        this.pricing = pricing;
    }

    public Optional<Errand> find(long id) {
        return jdbc.sql(SELECT + " WHERE e.id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    public Errand get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Errand", id));
    }

    public Optional<Long> byToken(String token) {
        return jdbc.sql("SELECT id FROM errand WHERE tracking_token = ?").param(token).query(Long.class).optional();
    }

    /** The errands of a ride, in the order of its route. */
    public java.util.List<Errand> ride(long rideId) {
        return jdbc.sql(SELECT + " WHERE e.ride_id = ? ORDER BY e.stop_number, e.id").param(rideId).query((rs, n) -> map(rs)).list();
    }

    /** The errand, its row locked until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Errand lock(long id) {
        if (jdbc.sql("SELECT id FROM errand WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional().isEmpty()) {
            throw new NotFoundException("Errand", id);
        }
        return get(id);
    }

    public Errand map(ResultSet rs) throws SQLException {
        return new Errand(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("organisation_id"), rs.getString("organisation"),
                new Place(rs.getString("pickup_address"), rs.getDouble("pickup_lat"), rs.getDouble("pickup_lng")),
                new Place(rs.getString("dropoff_address"), rs.getDouble("dropoff_lat"), rs.getDouble("dropoff_lng")),
                rs.getString("receiver"), Sql.instant(rs, "window_start"), Sql.instant(rs, "window_end"), rs.getString("notes"),
                Errand.Proof.valueOf(rs.getString("proof")), rs.getString("pin"), rs.getInt("distance_m") / 1000.0, rs.getInt("minutes"),
                rs.getLong("pay"), rs.getLong("fee"), rs.getLong("pricing_version"), pricing.lines(rs.getString("price_lines")),
                Errand.State.valueOf(rs.getString("state")), Sql.longOrNull(rs, "worker_id"), Sql.longOrNull(rs, "assignment_id"),
                rs.getString("tracking_token"), rs.getString("end_reason"), Sql.longOrNull(rs, "courier_share"), rs.getString("proof_data") != null,
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), rs.getBoolean("leave_at_door"), rs.getString("door_note"),
                Sql.longOrNull(rs, "ride_id"), (Integer) rs.getObject("stop_number", Integer.class));
    }
}
