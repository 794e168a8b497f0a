package org.polder.errand;

import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every status an errand reaches, in one place: its history (for the requester, the courier and the
 * receiver), a trail event, and a webhook delivery, all in the transaction that makes the change.
 */
@Component
public class Timeline {

    /** One step of an errand's history. */
    public record Step(Errand.State status, String note, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Trail trail;
    private final Webhooks webhooks;
    private final Clock clock;

    Timeline(JdbcClient jdbc, Trail trail, Webhooks webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.trail = trail;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Errand e, Errand.State status, String note, Long actorId, Long workerId, Map<String, Object> extra) {
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO errand_status (errand_id, status, note, at) VALUES (?, ?, ?, ?)").params(e.id(), status.name(), note, Sql.ts(now)).update();
        TrailEntry entry = TrailEntry.of("ERRAND_" + status.name()).aboutWorker(workerId).by(actorId).organisation(e.organisationId())
                .work(WorkKind.ERRAND, e.taskId(), e.assignmentId()).with("errandId", e.id());
        if (note != null) {
            entry = entry.with("note", note);
        }
        for (Map.Entry<String, Object> x : extra.entrySet()) {
            entry = entry.with(x.getKey(), x.getValue());
        }
        trail.record(entry);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", status.name());
        if (note != null) {
            data.put("note", note);
        }
        data.putAll(extra);
        webhooks.enqueue(e.organisationId(), e.id(), "errand." + status.name().toLowerCase(Locale.ROOT), data);
    }

    /**
     * The receiver chose how to receive the errand: left at the door (where, in their words) or handed over. In the
     * trail (the record of the work) and to the requester's webhook.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void handover(Errand e, boolean leaveAtDoor, String doorNote) {
        TrailEntry entry = TrailEntry.of("ERRAND_HANDOVER").aboutWorker(e.workerId()).organisation(e.organisationId())
                .work(WorkKind.ERRAND, e.taskId(), e.assignmentId()).with("errandId", e.id()).with("leaveAtDoor", leaveAtDoor);
        trail.record(doorNote == null ? entry : entry.with("doorNote", doorNote));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("leaveAtDoor", leaveAtDoor);
        if (doorNote != null) {
            data.put("doorNote", doorNote);
        }
        webhooks.enqueue(e.organisationId(), e.id(), "errand.handover", data);
    }

    List<Step> of(long errandId) {
        return jdbc.sql("SELECT status, note, at FROM errand_status WHERE errand_id = ? ORDER BY id").param(errandId)
                .query((rs, n) -> new Step(Errand.State.valueOf(rs.getString(1)), rs.getString(2), Sql.instant(rs, "at"))).list();
    }
}
