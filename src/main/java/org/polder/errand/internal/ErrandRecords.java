package org.polder.errand.internal;

import org.polder.account.CurrentUser;
import org.polder.common.Sql;
import org.polder.export.ExportPart;
import org.polder.oversight.AssignmentOwners;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A courier's errand records for their data export (RIGHTS.md R1): duty sessions, the positions still
 * kept, every offer made to them with its answer, and the errands they accepted. Also tells oversight
 * whose errand an assignment was, so couriers can report unsafe situations about it.
 */
@Component
public class ErrandRecords implements ExportPart, AssignmentOwners {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ErrandRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<Long> organisationOf(long workerId, long assignmentId) {
        return jdbc.sql("SELECT e.organisation_id FROM assignment a JOIN errand e ON e.task_id = a.task_id WHERE a.id = ? AND a.worker_id = ?")
                .params(assignmentId, workerId).query(Long.class).optional();
    }

    @Override
    public boolean workedFor(long workerId, long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM errand WHERE worker_id = ? AND organisation_id = ?").params(workerId, organisationId)
                .query(Long.class).single() > 0;
    }

    @Override
    public List<File> filesFor(CurrentUser worker) {
        long id = worker.id();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("dutySessions", jdbc.sql("SELECT started_at, ended_at FROM courier_duty_session WHERE worker_id = ? ORDER BY id").param(id)
                .query((rs, n) -> row("startedAt", Sql.instant(rs, "started_at"), "endedAt", Sql.instant(rs, "ended_at"))).list());
        all.put("positions", jdbc.sql("SELECT latitude, longitude, recorded_at FROM courier_position WHERE worker_id = ? ORDER BY id").param(id)
                .query((rs, n) -> row("latitude", rs.getDouble(1), "longitude", rs.getDouble(2), "recordedAt", Sql.instant(rs, "recorded_at"))).list());
        all.put("offers", jdbc.sql("SELECT errand_id, state, distance_m, offered_at, expires_at, answered_at, decision_id FROM errand_offer WHERE worker_id = ? ORDER BY id")
                .param(id).query((rs, n) -> row("errandId", rs.getLong(1), "answer", rs.getString(2), "distanceToPickupM", rs.getInt(3),
                        "offeredAt", Sql.instant(rs, "offered_at"), "expiresAt", Sql.instant(rs, "expires_at"),
                        "answeredAt", Sql.instant(rs, "answered_at"), "decisionId", Sql.longOrNull(rs, "decision_id"))).list());
        all.put("errands", jdbc.sql("""
                        SELECT e.id, o.name, e.pickup_address, e.dropoff_address, e.distance_m, e.pay, e.state, e.courier_share, e.end_reason, e.created_at,
                               (SELECT MAX(a.id) FROM assignment a WHERE a.task_id = e.task_id AND a.worker_id = ?) AS assignment_id
                        FROM errand e JOIN organisation o ON o.id = e.organisation_id
                        WHERE e.id IN (SELECT errand_id FROM errand_offer WHERE worker_id = ? AND state = 'ACCEPTED') ORDER BY e.id""")
                .params(id, id).query((rs, n) -> {
                    Map<String, Object> m = row("errandId", rs.getLong(1), "organisation", rs.getString(2), "pickup", rs.getString(3),
                            "dropoff", rs.getString(4), "distanceM", rs.getInt(5), "pay", rs.getLong(6));
                    m.put("assignmentId", Sql.longOrNull(rs, "assignment_id"));
                    m.put("state", rs.getString(7));
                    m.put("paidToYou", Sql.longOrNull(rs, "courier_share"));
                    m.put("reason", rs.getString(9));
                    m.put("bookedAt", String.valueOf(Sql.instant(rs, "created_at")));
                    m.put("history", jdbc.sql("SELECT status, note, at FROM errand_status WHERE errand_id = ? ORDER BY id").param(rs.getLong(1))
                            .query((r, k) -> row("status", r.getString(1), "note", r.getString(2), "at", Sql.instant(r, "at"))).list());
                    return m;
                }).list());
        return List.of(new File("errands.json", json.writeValueAsBytes(all),
                "errands.json: your time on duty, the positions Polder still keeps, every errand offered to you and your answer, and the errands you took with their history and pay"));
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            m.put((String) keysAndValues[i], v instanceof java.time.Instant t ? t.toString() : v);
        }
        return m;
    }
}
