package org.polder.microtask.internal;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.Csv;
import org.polder.common.Page;
import org.polder.export.ExportPart;
import org.polder.microtask.AssignmentViews;
import org.polder.microtask.WorkerAssignment;
import org.polder.microtask.WorkerQuality;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Microtasks' share of a worker's export: every assignment with its task, answers and outcome, and their quality. */
@Component
class MicrotaskExport implements ExportPart {

    private final AssignmentViews assignments;
    private final WorkerQuality quality;
    private final JsonMapper json;

    MicrotaskExport(AssignmentViews assignments, WorkerQuality quality, JsonMapper json) {
        this.assignments = assignments;
        this.quality = quality;
        this.json = json;
    }

    @Override
    public List<File> filesFor(CurrentUser worker) {
        if (!worker.has(Role.WORKER)) {
            return List.of();
        }
        List<WorkerAssignment> mine = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<WorkerAssignment> p = assignments.mine(worker, null, page, Page.MAX_SIZE);
            mine.addAll(p.items());
            if ((long) (page + 1) * p.size() >= p.total()) {
                break;
            }
        }
        StringWriter csv = new StringWriter();
        try {
            table(csv, mine);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringWriter does not fail
        }
        return List.of(
                new File("assignments.json", json.writeValueAsBytes(mine), "your online tasks with the task, your answers and the outcome"),
                new File("assignments.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "the same as a table"),
                new File("quality.json", json.writeValueAsBytes(quality.of(worker)), "your control-question accuracy and agreement, per batch"));
    }

    private void table(StringWriter csv, List<WorkerAssignment> mine) throws java.io.IOException {
        Csv.line(csv, List.of("assignmentId", "batch", "task", "state", "reward", "acceptedAt", "submittedAt", "reviewedAt",
                "rejectReason", "answers"));
        JsonMapper oneLine = json.rebuild().disable(SerializationFeature.INDENT_OUTPUT).build();
        for (WorkerAssignment a : mine) {
            Csv.line(csv, List.of(Long.toString(a.id()), a.batchName(), a.task().title(), a.state().name(), a.reward().decimal(),
                    text(a.acceptedAt()), text(a.submittedAt()), text(a.reviewedAt()), a.rejectReason() == null ? "" : a.rejectReason(),
                    a.answers() == null ? "" : oneLine.writeValueAsString(a.answers())));
        }
    }

    private static String text(Instant t) {
        return t == null ? "" : t.toString();
    }
}
