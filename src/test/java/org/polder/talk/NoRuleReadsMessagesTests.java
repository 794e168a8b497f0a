package org.polder.talk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What /rules promises: no automated rule reads the messages of threads or whether notifications were read. Code
 * that takes automated decisions (marked {@code @Automated}) never touches them, and only the modules that own
 * them (and the worker's export) name their tables.
 */
class NoRuleReadsMessagesTests {

    static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void automatedCodeNeverTouchesThreadsOrNotifications() throws IOException {
        for (Path file : sources()) {
            String code = Files.readString(file);
            if (code.contains("@Automated(")) {
                assertThat(code).as(file.toString())
                        .doesNotContain("org.polder.talk", "thread_message", "requester_note", "Threads", "RequesterNotes", "org.polder.notify.Notifications", "FROM notification", "read_at");
            }
        }
    }

    @Test
    void onlyTheirOwnModulesNameTheirTables() throws IOException {
        for (Path file : sources()) {
            String code = Files.readString(file);
            String path = file.toString().replace('\\', '/');
            if (code.contains("thread_message") || code.contains("requester_note")) {
                assertThat(path).as("messages' tables outside talk").contains("/org/polder/talk/");
            }
            if (code.contains("FROM notification ") || code.contains("UPDATE notification ")) {
                assertThat(path).as("notification outside notify").contains("/org/polder/notify/");
            }
        }
    }
}
