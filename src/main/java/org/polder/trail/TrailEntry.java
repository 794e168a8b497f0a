package org.polder.trail;

import org.polder.work.WorkKind;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event to append to the trail. {@code workerId} is the worker the event is about (null for
 * events that concern no worker, such as a batch being published); {@code actorId} is who caused
 * it (null for the system itself).
 */
public record TrailEntry(String type, Long workerId, Long actorId, Long organisationId, WorkKind kind,
                         Long taskId, Long assignmentId, Map<String, Object> payload) {

    public TrailEntry {
        Objects.requireNonNull(type, "type");
        payload = payload == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    public static TrailEntry of(String type) {
        return new TrailEntry(type, null, null, null, null, null, null, Map.of());
    }

    public TrailEntry aboutWorker(Long id) {
        return new TrailEntry(type, id, actorId, organisationId, kind, taskId, assignmentId, payload);
    }

    public TrailEntry by(Long id) {
        return new TrailEntry(type, workerId, id, organisationId, kind, taskId, assignmentId, payload);
    }

    public TrailEntry organisation(Long id) {
        return new TrailEntry(type, workerId, actorId, id, kind, taskId, assignmentId, payload);
    }

    public TrailEntry work(WorkKind workKind, Long task, Long assignment) {
        return new TrailEntry(type, workerId, actorId, organisationId, workKind, task, assignment, payload);
    }

    public TrailEntry with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(payload);
        copy.put(key, value);
        return new TrailEntry(type, workerId, actorId, organisationId, kind, taskId, assignmentId, copy);
    }
}
