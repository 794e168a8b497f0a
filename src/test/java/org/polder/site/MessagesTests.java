package org.polder.site;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text on the pages exists in English and in Dutch. */
class MessagesTests {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTests.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndDutchHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(load("messages_nl.properties").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(load("messages.properties").stringPropertyNames()));
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern use = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = use.matcher(Files.readString(file));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyProblemCodeTheCodeUsesExistsAndEveryMessageFormats() throws IOException {
        Properties en = load("messages.properties");
        Properties nl = load("messages_nl.properties");
        Set<String> missing = new TreeSet<>();
        Pattern code = Pattern.compile("\"(problem\\.[a-zA-Z.]+[a-zA-Z])\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = code.matcher(Files.readString(file));
                while (m.find()) {
                    String key = m.group(1);
                    if (key.endsWith(".")) {
                        continue;
                    }
                    if (!en.containsKey(key) && en.stringPropertyNames().stream().noneMatch(k -> k.startsWith(key + "."))) {
                        missing.add(file.getFileName() + ": " + key);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
        for (org.polder.ledger.LedgerAccount.Type type : org.polder.ledger.LedgerAccount.Type.values()) {
            if (!type.mayBeNegative()) {
                assertThat(en.containsKey("problem.funds." + type.name())).as("problem.funds." + type.name()).isTrue();
            }
        }
        for (Properties bundle : new Properties[]{en, nl}) {
            for (String key : bundle.stringPropertyNames()) {
                String value = bundle.getProperty(key);
                if (value.contains("{0}")) {
                    // A message that chooses its words by a count ({0,choice,...}) is given numbers.
                    Object[] args = value.contains(",choice,") ? new Object[]{2, 2, 2} : new Object[]{"a", "b", "c"};
                    assertThat(new java.text.MessageFormat(value).format(args))
                            .as(key).doesNotContain("{0}");
                }
            }
        }
    }

    /**
     * Every trail event and every ledger posting the code records is named in words in both languages: the
     * worker's trail and earnings never show a key such as {@code event.SHIFT_SELECTED}.
     */
    @Test
    void everyTrailEventAndPostingKindHasWords() throws IOException {
        Properties en = load("messages.properties");
        Properties nl = load("messages_nl.properties");
        Set<String> needed = new TreeSet<>();
        Pattern event = Pattern.compile("TrailEntry\\.of\\(\"([A-Z_]+)\"\\)");
        Pattern posting = Pattern.compile("(?:Entry|ledger\\.post|\\bpost)\\(\"([A-Z_]+)\"|\\? \"([A-Z_]+)\" : \"([A-Z_]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher e = event.matcher(source);
                while (e.find()) {
                    needed.add("event." + e.group(1));
                }
                Matcher p = posting.matcher(source);
                while (p.find()) {
                    for (int g = 1; g <= 3; g++) {
                        if (p.group(g) != null && (g == 1 || source.contains("Escrow.Entry(delivered ?"))) {
                            needed.add("posting." + p.group(g));
                        }
                    }
                }
            }
        }
        // Events named from a state: every errand state and every way a batch closes.
        for (var state : org.polder.errand.Errand.State.values()) {
            needed.add("event.ERRAND_" + state.name());
        }
        for (var state : org.polder.microtask.Batch.State.values()) {
            needed.add("event.BATCH_" + state.name());
        }
        assertThat(needed).contains("event.SHIFT_SELECTED", "posting.ERRAND_PAYMENT");
        Set<String> missing = new TreeSet<>();
        for (String key : needed) {
            if (!en.containsKey(key) || !nl.containsKey(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).isEmpty();
    }

    /** The Dutch texts follow GLOSSARY.md: "je" for everyone, "werkenden", "ondergrens". */
    @Test
    void dutchFollowsTheGlossary() throws IOException {
        Properties nl = load("messages_nl.properties");
        Pattern avoided = Pattern.compile("(?<![\\p{L}/])([Uu]|[Uu]w|[Ww]erkers?|[Bb]odem|loonbodem)(?![\\p{L}])");
        Set<String> found = new TreeSet<>();
        for (String key : nl.stringPropertyNames()) {
            Matcher m = avoided.matcher(nl.getProperty(key));
            if (m.find()) {
                found.add(key + ": " + m.group());
            }
        }
        assertThat(found).isEmpty();
    }
}
