package org.polder.trail;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a worker's export offline: reads {@code trail.json} from the ZIP and verifies the hash chain,
 * naming the first broken link. Run it without Polder running:
 * {@code java -jar polder.jar verify-export my-export.zip}.
 */
public final class ExportVerifier {

    public static final String TRAIL_FILE = "trail.json";

    private ExportVerifier() {
    }

    /**
     * The outcome: how many events were checked and, if the chain is broken, where. {@code message} is
     * English (for the command line); pages show {@code code} with {@code args} in the reader's language.
     */
    public record Result(boolean valid, int events, String message, HashChain.BrokenLink broken, String code, List<Object> args) {

        static Result problem(String message, String code, Object... args) {
            return new Result(false, 0, message, null, code, List.of(args));
        }
    }

    public static Result verify(InputStream zip) {
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(TRAIL_FILE)) {
                    return verifyTrail(in.readAllBytes());
                }
            }
            return Result.problem("This is not a Polder export: it has no " + TRAIL_FILE, "verify.noTrail", TRAIL_FILE);
        } catch (IOException | RuntimeException e) {
            return Result.problem("This is not a readable Polder export (" + e.getClass().getSimpleName() + ")", "verify.unreadable");
        }
    }

    static Result verifyTrail(byte[] json) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (RuntimeException e) {
            return Result.problem(TRAIL_FILE + " is not valid JSON: the file was changed or damaged", "verify.notJson", TRAIL_FILE);
        }
        List<TrailEvent> events = new ArrayList<>();
        for (JsonNode e : root.path("events")) {
            events.add(new TrailEvent(e.path("id").asLong(), longOrNull(e, "workerId"), longOrNull(e, "seq"), longOrNull(e, "actorId"),
                    longOrNull(e, "organisationId"), textOrNull(e, "kind"), longOrNull(e, "taskId"), longOrNull(e, "assignmentId"),
                    e.path("type").asString(), e.path("payload").asString(), Instant.parse(e.path("occurredAt").asString()),
                    textOrNull(e, "prevHash"), e.path("hash").asString()));
        }
        if (events.isEmpty()) {
            return Result.problem(TRAIL_FILE + " holds no events", "verify.empty", TRAIL_FILE);
        }
        Optional<HashChain.BrokenLink> broken = HashChain.verify(events);
        String last = events.get(events.size() - 1).hash();
        return broken.map(b -> new Result(false, events.size(), "The chain breaks at event number " + b.seq() + " (id " + b.eventId()
                        + "): " + b.reason(), b, "verify.broken", List.<Object>of(String.valueOf(b.seq()), String.valueOf(b.eventId()), b.reason())))
                .orElseGet(() -> new Result(true, events.size(), "All " + events.size() + " events are intact and in order; the last hash is "
                        + last, null, "verify.intact", List.of(events.size(), last)));
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** {@code java -jar polder.jar verify-export <file.zip>}: prints the outcome; exit code 0 when intact, 1 when not. */
    public static int run(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: java -jar polder.jar verify-export <export.zip>");
            return 2;
        }
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            Result result = verify(in);
            System.out.println((result.valid() ? "OK: " : "BROKEN: ") + result.message());
            return result.valid() ? 0 : 1;
        }
    }
}
