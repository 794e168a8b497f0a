package org.polder.work;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.polder.work.AssignmentState.*;

/** Tasks and assignments are written by {@link Assignments} only, and every move follows {@link AssignmentState}'s table. */
class AssignmentsTests {

    /** A statement that writes the task or assignment table, also across the lines of a text block. */
    private static final Pattern WRITES = Pattern.compile("(?i)\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+(task|assignment)\\b");

    @Test
    void noCodeOutsideWorkWritesTasksOrAssignments() throws IOException {
        Path main = Path.of("src/main/java/org/polder");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("work")))
                    .filter(f -> WRITES.matcher(read(f)).find())
                    .map(Path::toString).toList();
        }
        assertThat(offenders).as("files outside work that write task or assignment; call Assignments instead").isEmpty();
        assertThat(WRITES.matcher("jdbc.sql(\"\"\"\n    UPDATE assignment SET state = 'PAID'").find()).as("the scan sees text blocks").isTrue();
        assertThat(WRITES.matcher("SELECT * FROM assignment_view; UPDATE task_answer SET x = 1").find()).isFalse();
    }

    @Test
    void everyKindsPathIsInTheTable() {
        // Microtask: claimed (STARTED), submitted, approved and paid, or rejected and paid after an appeal.
        assertPath(STARTED, SUBMITTED, PAID);
        assertPath(STARTED, SUBMITTED, REJECTED, PAID);
        // Shift: selected (ACCEPTED), checked in, checked out with hours, hours settled and paid.
        assertPath(ACCEPTED, STARTED, SUBMITTED, PAID);
        // Errand: accepted, picked up, delivered with proof (submitted) and paid at once.
        assertPath(ACCEPTED, STARTED, SUBMITTED, PAID);
        // Ending early: given back, handed over, cancelled, no-show, out of time.
        assertThat(ACCEPTED.canMoveTo(RELEASED)).isTrue();
        assertThat(ACCEPTED.canMoveTo(EXPIRED)).isTrue();
        assertThat(STARTED.canMoveTo(RELEASED)).isTrue();
        assertThat(STARTED.canMoveTo(EXPIRED)).isTrue();
    }

    @Test
    void whatNoKindDoesIsRefused() {
        assertThat(STARTED.canMoveTo(PAID)).as("paid without submitting").isFalse();
        assertThat(ACCEPTED.canMoveTo(SUBMITTED)).as("submitted without starting").isFalse();
        assertThat(PAID.canMoveTo(REJECTED)).as("paid work taken back").isFalse();
        assertThat(REJECTED.canMoveTo(SUBMITTED)).isFalse();
        for (AssignmentState end : List.of(PAID, RELEASED, EXPIRED)) {
            assertThat(end.isFinal()).as(end + " is final").isTrue();
        }
        assertThat(List.of(values())).filteredOn(AssignmentState::isEntry).containsExactly(ACCEPTED, STARTED);
    }

    @Test
    void aMoveAgainstTheTableFailsBeforeTouchingTheDatabase() {
        Assignments assignments = new Assignments(null, null);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertThatThrownBy(() -> assignments.move(1).from(SUBMITTED, STARTED).to(PAID, now).apply())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from STARTED to PAID");
        assertThatThrownBy(() -> assignments.move(1).to(PAID, now).apply()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Assignments.Take(WorkKind.SHIFT, 1, null, 2, SUBMITTED, 100, 10, "EUR", now, now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertPath(AssignmentState... path) {
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i - 1].canMoveTo(path[i])).as(path[i - 1] + " -> " + path[i]).isTrue();
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
