package org.polder.trail;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a worker's export offline: reads {@code trail.json} from the ZIP, verifies the hash chain
 * (naming the first broken link) and the platform's signature on it. Run it without Polder running:
 * {@code java -jar polder.jar verify-export my-export.zip [--key <the platform's public key>]}.
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

    /** At most this many files in an export (a real one has about twenty). */
    public static final int MAX_ENTRIES = 200;
    /** At most this many bytes in one file once unpacked. */
    public static final long MAX_ENTRY_BYTES = 256L << 20;
    /** At most this many bytes in all files together once unpacked. */
    public static final long MAX_TOTAL_BYTES = 512L << 20;
    /** Unpacked bytes per packed byte at most, once past the first megabyte: JSON packs about 5 to 20 times. */
    public static final int MAX_RATIO = 100;

    /** Checks an export against the key in it (the command line without {@code --key}); see {@link #verify(InputStream, PublicKey)}. */
    public static Result verify(InputStream zip) {
        return verify(zip, null);
    }

    /**
     * Checks an export as it streams in: the trail's hash chain, event by event, and the platform's
     * signature on its head. With a {@code trusted} key (the platform's, from {@value ExportSignature#KEY_PATH})
     * the export must be signed with exactly that key; without one, the key in the export is used and
     * named, for the reader to compare. The ZIP is unpacked within limits (entries, size per file, size
     * in all, packing ratio), so a small file that unpacks into gigabytes (a "zip bomb") is refused early
     * and never held in memory.
     */
    public static Result verify(InputStream zip, PublicKey trusted) {
        Limits limits = new Limits(zip);
        try (ZipInputStream in = new ZipInputStream(limits.packed)) {
            TrailCheck trail = null;
            JsonNode signature = null;
            int entries = 0;
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (++entries > MAX_ENTRIES) {
                    throw new TooLarge("more than " + MAX_ENTRIES + " files");
                }
                InputStream file = limits.entry(in);
                if (trail == null && entry.getName().equals(TRAIL_FILE)) {
                    trail = verifyTrail(file);
                } else if (signature == null && entry.getName().equals(ExportSignature.FILE)) {
                    signature = readSignature(file);
                }
                file.transferTo(OutputStream.nullOutputStream());   // through the limits, not skipped by the ZIP reader
            }
            if (trail == null) {
                return Result.problem("This is not a Polder export: it has no " + TRAIL_FILE, "verify.noTrail", TRAIL_FILE);
            }
            return trail.result().valid() ? checkSignature(trail, signature, trusted) : trail.result();
        } catch (TooLarge e) {
            return Result.problem("This file is too large to be a Polder export once unpacked (" + e.getMessage() + ")", "verify.tooLarge");
        } catch (IOException | RuntimeException e) {
            return Result.problem("This is not a readable Polder export (" + e.getClass().getSimpleName() + ")", "verify.unreadable");
        }
    }

    private static JsonNode readSignature(InputStream file) throws IOException {
        byte[] bytes = file.readNBytes(64 * 1024);
        try {
            return JsonMapper.builder().build().readTree(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An intact chain is genuine only with the platform's signature on its head. */
    private static Result checkSignature(TrailCheck trail, JsonNode signature, PublicKey trusted) {
        if (signature == null || !signature.path("publicKey").isString() || !signature.path("signature").isString()
                || !signature.path("exportedAt").isString()) {
            return Result.problem("The chain is intact, but " + ExportSignature.FILE + " is missing or damaged, so nothing shows that "
                    + "the platform made this export", "verify.unsigned", ExportSignature.FILE);
        }
        PublicKey key;
        Instant exportedAt;
        try {
            key = ExportSignature.publicKey(signature.path("publicKey").asString());
            exportedAt = Instant.parse(signature.path("exportedAt").asString());
        } catch (RuntimeException e) {
            return Result.problem("The chain is intact, but its signature file is damaged", "verify.unsigned", ExportSignature.FILE);
        }
        String keyId = ExportSignature.keyId(key);
        if (trusted != null && !java.util.Arrays.equals(trusted.getEncoded(), key.getEncoded())) {
            return Result.problem("The chain is intact, but it was signed with key " + keyId + ", not with this platform's key "
                    + ExportSignature.keyId(trusted), "verify.otherKey", keyId, ExportSignature.keyId(trusted));
        }
        String statement = ExportSignature.statement(trail.workerId() == null ? 0 : trail.workerId(), trail.result().events(), trail.head(),
                exportedAt);
        if (!ExportSignature.verify(key, statement, signature.path("signature").asString())) {
            return Result.problem("The chain is intact, but the platform's signature does not match it: the export was changed or "
                    + "made up", "verify.badSignature");
        }
        int events = trail.result().events();
        return new Result(true, events, "All " + events + " events are intact and in order, and signed by the platform's key " + keyId
                + (trusted == null ? " (compare it with the key published at " + ExportSignature.KEY_PATH + ")" : "")
                + "; the last hash is " + trail.head(), null, "verify.intact", List.of(events, trail.head(), keyId));
    }

    /** Whether the result says the upload was refused for its size (413) rather than unreadable (400). */
    public static boolean tooLarge(Result result) {
        return "verify.tooLarge".equals(result.code());
    }

    /** The outcome of the chain alone, with what the signature covers. */
    private record TrailCheck(Result result, Long workerId, String head) {
    }

    /** Reads {@code {"workerId": ..., "events": [...]}} one event at a time, checking the chain as it goes. */
    private static TrailCheck verifyTrail(InputStream json) {
        // One event at a time from the middle of the file: the rest of the array follows each one.
        JsonMapper mapper = JsonMapper.builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        HashChain.Checker checker = new HashChain.Checker();
        Long workerId = null;
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("workerId".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    workerId = parser.getLongValue();
                    continue;
                }
                if (!"events".equals(name) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    TrailEvent event = event(mapper.readTree(parser));
                    Optional<HashChain.BrokenLink> broken = checker.next(event);
                    if (broken.isPresent()) {
                        HashChain.BrokenLink b = broken.get();
                        return new TrailCheck(new Result(false, (int) checker.count(), "The chain breaks at event number " + b.seq() + " (id "
                                + b.eventId() + "): " + b.reason(), b, "verify.broken",
                                List.of(String.valueOf(b.seq()), String.valueOf(b.eventId()), b.reason())), workerId, null);
                    }
                }
            }
        } catch (TooLarge e) {
            throw e;
        } catch (RuntimeException e) {
            return new TrailCheck(Result.problem(TRAIL_FILE + " is not valid JSON: the file was changed or damaged", "verify.notJson",
                    TRAIL_FILE), workerId, null);
        }
        if (checker.count() == 0) {
            return new TrailCheck(Result.problem(TRAIL_FILE + " holds no events", "verify.empty", TRAIL_FILE), workerId, null);
        }
        int events = (int) checker.count();
        String last = checker.head();
        return new TrailCheck(new Result(true, events, "All " + events + " events are intact and in order; the last hash is " + last, null,
                "verify.intact", List.of(events, last, "")), workerId, last);
    }

    private static TrailEvent event(JsonNode e) {
        return new TrailEvent(e.path("id").asLong(), longOrNull(e, "workerId"), longOrNull(e, "seq"), longOrNull(e, "actorId"),
                longOrNull(e, "organisationId"), textOrNull(e, "kind"), longOrNull(e, "taskId"), longOrNull(e, "assignmentId"),
                e.path("type").asString(), e.path("payload").asString(), Instant.parse(e.path("occurredAt").asString()),
                textOrNull(e, "prevHash"), e.path("hash").asString());
    }

    /** The unpacking is over a limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** Counts packed bytes read from the upload and unpacked bytes read from its files, and stops at the limits. */
    private static final class Limits {

        final CountingStream packed;
        long unpacked;

        Limits(InputStream upload) {
            this.packed = new CountingStream(upload, null);
        }

        /** One file of the ZIP, counted against the limits as it is read. */
        InputStream entry(InputStream zip) {
            return new CountingStream(zip, this);
        }

        void unpacked(long entryBytes, long more) {
            unpacked += more;
            if (entryBytes > MAX_ENTRY_BYTES) {
                throw new TooLarge("one file holds more than " + (MAX_ENTRY_BYTES >> 20) + " MB");
            }
            if (unpacked > MAX_TOTAL_BYTES) {
                throw new TooLarge("all files hold more than " + (MAX_TOTAL_BYTES >> 20) + " MB");
            }
            if (unpacked > (1 << 20) && unpacked > MAX_RATIO * Math.max(1, packed.count)) {
                throw new TooLarge("it unpacks to more than " + MAX_RATIO + " times its size");
            }
        }
    }

    private static final class CountingStream extends java.io.FilterInputStream {

        private final Limits limits;
        long count;

        CountingStream(InputStream in, Limits limits) {
            super(in);
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public void close() {
            // The ZIP stream stays open for the next file; it is closed once, at the end.
        }

        private void counted(long n) {
            count += n;
            if (limits != null) {
                limits.unpacked(count, n);
            }
        }
    }

    private static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /**
     * {@code java -jar polder.jar verify-export <file.zip> [--key <key>]}: prints the outcome; exit code 0 when
     * intact and signed, 1 when not. The key (the platform's, from {@value ExportSignature#KEY_PATH}: its
     * base64 text or a PEM file) makes the check strict; without it the export's own key is named.
     */
    public static int run(String[] args) throws IOException {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--key"))) {
            System.err.println("Usage: java -jar polder.jar verify-export <export.zip> [--key <public key, base64 or a PEM file>]");
            return 2;
        }
        PublicKey trusted = null;
        if (args.length == 4) {
            try {
                Path file = Path.of(args[3]);
                trusted = ExportSignature.publicKey(Files.isRegularFile(file) ? Files.readString(file) : args[3]);
            } catch (IllegalArgumentException e) {
                System.err.println("--key: not an Ed25519 public key (give the base64 text or a PEM file from " + ExportSignature.KEY_PATH + ")");
                return 2;
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            Result result = verify(in, trusted);
            System.out.println((result.valid() ? "OK: " : "BROKEN: ") + result.message());
            return result.valid() ? 0 : 1;
        }
    }
}
