package org.polder.microtask;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.microtask.internal.AssignmentRecord;
import org.polder.microtask.internal.AssignmentStore;
import org.polder.microtask.internal.BatchRecord;
import org.polder.microtask.internal.BatchStore;
import org.polder.work.AssignmentState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Photos and documents given as answers. A worker uploads one per file question of a task in progress (a new upload
 * replaces the last); the answer then names it, and it is kept with the assignment. What a file is, is read from its
 * first bytes, never from its name or the browser's word: a JPEG, PNG or WebP picture, or a PDF. Only the worker who
 * gave it and the organisation whose task it answers can download it.
 */
@Service
public class AnswerFiles {

    private final JdbcClient jdbc;
    private final AssignmentStore assignments;
    private final BatchStore batches;
    private final Clock clock;

    AnswerFiles(JdbcClient jdbc, AssignmentStore assignments, BatchStore batches, Clock clock) {
        this.jdbc = jdbc;
        this.assignments = assignments;
        this.batches = batches;
        this.clock = clock;
    }

    /** A file as the answer names it: its id, name, type, size and where to download it. */
    public record Attached(long id, String name, String type, long size) {

        public Map<String, Object> asAnswer() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", id);
            answer.put("name", name);
            answer.put("type", type);
            answer.put("size", size);
            answer.put("url", "/answer-files/" + id);
            return answer;
        }
    }

    /** A file to send: its name, type and bytes. */
    public record Download(String name, String type, byte[] content) {
    }

    /** The worker uploads a file for one file question of their task in progress; checked whole before anything is kept. */
    @Transactional
    public Attached attach(CurrentUser user, long assignmentId, String fieldName, String fileName, byte[] content) {
        long worker = user.require(Role.WORKER).id();
        AssignmentRecord a = assignments.ofWorker(assignmentId, worker);
        if (a.state() != AssignmentState.STARTED) {
            throw DomainException.conflict("Assignment " + assignmentId + " is " + a.state() + "; files go with work in progress")
                    .code("problem.assignment.notInProgress");
        }
        BatchRecord batch = batches.find(a.batchId()).orElseThrow();
        AnswerField field = batch.template().fields().stream().filter(f -> f.name().equals(fieldName) && f.type() == AnswerField.Type.FILE)
                .findFirst().orElseThrow(() -> DomainException.invalid("field: the task has no file question called '" + fieldName + "'")
                        .code("problem.file.noField"));
        if (content == null || content.length == 0) {
            throw problem(field, "empty", "the file is empty");
        }
        if (content.length > field.maxMegabytes() * 1024L * 1024L) {
            throw problem(field, "tooLarge", "at most " + field.maxMegabytes() + " MB, this file has "
                    + String.format(java.util.Locale.ROOT, "%.1f", content.length / 1024.0 / 1024.0) + " MB", field.maxMegabytes());
        }
        String type = sniff(content);
        if (type == null || !field.fileTypes().contains(type)) {
            throw problem(field, "type", "a " + String.join(" or ", kinds(field)) + " file, and this is not one", String.join(", ", kinds(field)));
        }
        String name = cleanName(fileName, type);
        jdbc.sql("DELETE FROM answer_file WHERE assignment_id = ? AND field = ?").params(assignmentId, fieldName).update();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO answer_file (assignment_id, field, file_name, content_type, size_bytes, sha256, content, uploaded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(assignmentId, fieldName, name, type, content.length, sha256(content), content, Sql.ts(clock.instant()))
                .update(key, "id");
        return new Attached(key.getKey().longValue(), name, type, content.length);
    }

    /** The file uploaded for a question of an assignment, if any. */
    @Transactional(readOnly = true)
    public Optional<Attached> uploaded(long assignmentId, String fieldName) {
        return jdbc.sql("SELECT id, file_name, content_type, size_bytes FROM answer_file WHERE assignment_id = ? AND field = ?")
                .params(assignmentId, fieldName)
                .query((rs, n) -> new Attached(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).optional();
    }

    /**
     * The answers with each file question's value (a file id, or {"file": id}) replaced by the file it names; a file
     * not uploaded for that question of that assignment is refused, naming the question.
     */
    Map<String, Object> resolve(long assignmentId, List<AnswerField> fields, Map<String, Object> answers) {
        if (answers == null || fields.stream().noneMatch(f -> f.type() == AnswerField.Type.FILE)) {
            return answers;
        }
        Map<String, Object> resolved = new LinkedHashMap<>(answers);
        for (AnswerField f : fields) {
            Object value = answers.get(f.name());
            if (f.type() != AnswerField.Type.FILE || value == null || value instanceof String s && s.isBlank()) {
                continue;
            }
            Object ref = value instanceof Map<?, ?> m ? m.get("file") : value;
            long id;
            try {
                id = Long.parseLong(String.valueOf(ref).strip());
            } catch (NumberFormatException e) {
                throw problem(f, "unknown", "'" + ref + "' is not the id of an uploaded file");
            }
            Attached file = jdbc.sql("SELECT id, file_name, content_type, size_bytes FROM answer_file WHERE id = ? AND assignment_id = ? AND field = ?")
                    .params(id, assignmentId, f.name())
                    .query((rs, n) -> new Attached(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).optional()
                    .orElseThrow(() -> problem(f, "unknown", "no file " + id + " was uploaded for this question of this task"));
            resolved.put(f.name(), file.asAnswer());
        }
        return resolved;
    }

    /** A file for the worker who gave it or for the organisation whose task it answers; 404 for anyone else. */
    @Transactional(readOnly = true)
    public Download download(CurrentUser user, long id) {
        record Row(long worker, long organisation, String name, String type, byte[] content) {
        }
        Row row = jdbc.sql("""
                        SELECT a.worker_id, b.organisation_id, f.file_name, f.content_type, f.content
                        FROM answer_file f JOIN assignment a ON a.id = f.assignment_id JOIN task t ON t.id = a.task_id
                        JOIN batch b ON b.id = t.batch_id WHERE f.id = ?""")
                .param(id)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5))).optional()
                .orElseThrow(() -> new NotFoundException("File", id));
        boolean own = row.worker() == user.id();
        boolean organisation = user.has(Role.REQUESTER) && user.organisationId() != null && user.organisationId() == row.organisation();
        if (!own && !organisation) {
            throw new NotFoundException("File", id);
        }
        return new Download(row.name(), row.type(), row.content());
    }

    /** The content type read from a file's first bytes, or null for anything but the kinds taken. */
    static String sniff(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (starts(b, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A name safe to show and to offer as a download: no path, no control characters, the right extension. */
    static String cleanName(String name, String type) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "").strip();
        String extension = switch (type) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            default -> ".pdf";
        };
        if (base.isEmpty()) {
            base = "answer";
        }
        if (!base.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(jpe?g|png|webp|pdf)")) {
            base = base + extension;
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    private static List<String> kinds(AnswerField f) {
        return f.options().isEmpty() ? List.of("photo", "pdf") : f.options();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainException problem(AnswerField f, String code, String message, Object... args) {
        return DomainException.invalid("answers." + f.name() + ": " + message, Map.of("field", f.name())).code("problem.file." + code, args);
    }
}
