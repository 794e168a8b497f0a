package org.polder.export;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.Csv;
import org.polder.common.Page;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Payouts;
import org.polder.ledger.Posting;
import org.polder.oversight.Decision;
import org.polder.oversight.Appeal;
import org.polder.oversight.Appeals;
import org.polder.oversight.Decisions;
import org.polder.oversight.RequesterRatings;
import org.polder.oversight.SafetyReports;
import org.polder.quality.Qualifications;
import org.polder.trail.ExportSignature;
import org.polder.trail.ExportVerifier;
import org.polder.trail.Trail;
import org.polder.trail.TrailEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds a worker's export: profile, trail, assignments and answers, money, decisions, qualifications. */
@Service
public class Exports {

    private final Accounts accounts;
    private final Trail trail;
    private final Ledger ledger;
    private final Payouts payouts;
    private final Decisions decisions;
    private final Qualifications qualifications;
    private final Appeals appeals;
    private final RequesterRatings ratings;
    private final SafetyReports reports;
    private final Clock clock;
    private final JsonMapper json;
    private final List<ExportPart> parts;
    private final ExportKeys keys;
    private final org.polder.notify.Notifications notifications;
    private final org.polder.talk.Threads threads;

    Exports(Accounts accounts, Trail trail, Ledger ledger, Payouts payouts,
            Decisions decisions, Qualifications qualifications, Appeals appeals, RequesterRatings ratings, SafetyReports reports,
            Clock clock, JsonMapper json, List<ExportPart> parts, ExportKeys keys, org.polder.notify.Notifications notifications,
            org.polder.talk.Threads threads) {
        this.threads = threads;
        this.notifications = notifications;
        this.parts = parts;
        this.keys = keys;
        this.appeals = appeals;
        this.ratings = ratings;
        this.reports = reports;
        this.accounts = accounts;
        this.trail = trail;
        this.ledger = ledger;
        this.payouts = payouts;
        this.decisions = decisions;
        this.qualifications = qualifications;
        this.clock = clock;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    @Transactional(readOnly = true)
    public byte[] zip(CurrentUser user) {
        long id = user.id();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            List<ExportPart.File> more = parts.stream().flatMap(p -> p.filesFor(user).stream()).toList();
            put(zip, "README.txt", readme(user, more).getBytes(StandardCharsets.UTF_8));
            put(zip, "profile.json", json.writeValueAsBytes(accounts.view(id)));

            List<TrailEvent> chain = trail.chainOf(id);
            List<Map<String, Object>> events = new ArrayList<>();
            StringWriter trailCsv = new StringWriter();
            Csv.line(trailCsv, List.of("seq", "occurredAt", "type", "actorId", "organisationId", "kind", "taskId", "assignmentId",
                    "payload", "prevHash", "hash"));
            for (TrailEvent e : chain) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", e.id());
                m.put("workerId", e.workerId());
                m.put("seq", e.seq());
                m.put("actorId", e.actorId());
                m.put("organisationId", e.organisationId());
                m.put("kind", e.kind());
                m.put("taskId", e.taskId());
                m.put("assignmentId", e.assignmentId());
                m.put("type", e.type());
                m.put("payload", e.payload());
                m.put("occurredAt", e.occurredAt().toString());
                m.put("prevHash", e.prevHash());
                m.put("hash", e.hash());
                events.add(m);
                Csv.line(trailCsv, List.of(String.valueOf(e.seq()), e.occurredAt().toString(), e.type(), text(e.actorId()),
                        text(e.organisationId()), text(e.kind()), text(e.taskId()), text(e.assignmentId()), e.payload(),
                        text(e.prevHash()), e.hash()));
            }
            Map<String, Object> trailFile = new LinkedHashMap<>();
            trailFile.put("workerId", id);
            trailFile.put("about", "Events oldest first. Each event's hash covers its fields and the previous event's hash; "
                    + "payload is the exact text that was hashed.");
            trailFile.put("events", events);
            put(zip, ExportVerifier.TRAIL_FILE, json.writeValueAsBytes(trailFile));
            put(zip, ExportSignature.FILE, json.writeValueAsBytes(signature(id, chain)));
            put(zip, "trail.csv", trailCsv.toString().getBytes(StandardCharsets.UTF_8));

            List<Posting> postings = all(page -> ledger.postings(LedgerAccount.worker(id), page, Page.MAX_SIZE));
            Map<String, Object> earnings = new LinkedHashMap<>();
            earnings.put("currency", "EUR");
            earnings.put("balanceCents", ledger.balance(LedgerAccount.worker(id)));
            earnings.put("payouts", payouts.ofWorker(id));
            earnings.put("postings", postings);
            put(zip, "earnings.json", json.writeValueAsBytes(earnings));
            StringWriter postingsCsv = new StringWriter();
            Csv.line(postingsCsv, List.of("postingId", "transactionId", "kind", "description", "amountCents", "currency", "createdAt"));
            for (Posting p : postings) {
                Csv.line(postingsCsv, List.of(Long.toString(p.id()), Long.toString(p.transactionId()), p.kind(), p.description(),
                        Long.toString(p.amount()), p.currency(), p.createdAt().toString()));
            }
            put(zip, "postings.csv", postingsCsv.toString().getBytes(StandardCharsets.UTF_8));
            List<Decision> mineDecisions = all(page -> decisions.forWorker(id, page, Page.MAX_SIZE));
            put(zip, "decisions.json", json.writeValueAsBytes(mineDecisions));
            put(zip, "qualifications.json", json.writeValueAsBytes(qualifications.heldBy(id)));
            List<Map<String, Object>> myAppeals = new ArrayList<>();
            for (Appeal appeal : appeals.mine(user)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("appeal", appeal);
                a.put("comments", appeals.comments(appeal.id()));
                myAppeals.add(a);
            }
            put(zip, "appeals.json", json.writeValueAsBytes(myAppeals));
            put(zip, "ratings.json", json.writeValueAsBytes(Map.of(
                    "given", ratings.givenBy(id),
                    "received", List.of(),
                    "about", "The ratings you gave requesters. Polder keeps no ratings of workers for microtasks.")));
            put(zip, "reports.json", json.writeValueAsBytes(reports.mine(user)));
            put(zip, "messages.json", json.writeValueAsBytes(threads.ofWorker(id)));
            put(zip, "notifications.json", json.writeValueAsBytes(all(page -> notifications.mine(user, page, Page.MAX_SIZE))));
            for (ExportPart.File file : more) {
                put(zip, file.name(), file.content());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The platform's signature on the chain's head: who, how many events, the last hash, when. */
    private Map<String, Object> signature(long workerId, List<TrailEvent> chain) {
        java.time.Instant now = clock.instant();
        String head = chain.isEmpty() ? org.polder.trail.HashChain.GENESIS : chain.get(chain.size() - 1).hash();
        String statement = ExportSignature.statement(workerId, chain.size(), head, now);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("algorithm", ExportSignature.ALGORITHM);
        file.put("keyId", ExportSignature.keyId(keys.publicKey()));
        file.put("publicKey", ExportSignature.base64(keys.publicKey()));
        file.put("workerId", workerId);
        file.put("events", chain.size());
        file.put("head", head);
        file.put("exportedAt", now.toString());
        file.put("statement", statement);
        file.put("signature", keys.sign(statement));
        file.put("about", "Ed25519 signature (base64) over the UTF-8 bytes of statement; see README.txt");
        return file;
    }

    private String readme(CurrentUser user, List<ExportPart.File> more) {
        StringBuilder moreLines = new StringBuilder();
        for (ExportPart.File file : more) {
            moreLines.append("%-22s%s%n".formatted(file.name(), file.description()));
        }
        return """
                Polder export for %s, made %s.

                profile.json          your account
                trail.json/.csv       every event about you, oldest first, hash-chained
                earnings.json         balance, payouts and every posting on your account (cents)
                postings.csv          the same postings as a table
                decisions.json        every decision that affected you, with rule, inputs and reason
                qualifications.json   the qualifications you hold and why
                appeals.json          your appeals, the answers and the requesters' comments on them
                ratings.json          the ratings you gave requesters (and any you received)
                reports.json          your safety reports and the moderators' answers
                messages.json         the messages about your work, between you and the requesters
                notifications.json    what Polder told you (each notice's words as a message key and its values)
                trail-signature.json  the platform's signature on your trail
                %s
                Check that your trail was not changed, without Polder running:
                    java -jar polder.jar verify-export <this file>.zip --key <the platform's key>
                (the key is published at %s on the platform's address), or upload this file on
                the page "My data" in Polder.

                Or check it with your own code:
                1. The trail. trail.json lists your events oldest first. For each event, take these
                   fields as text, joined with "|": prevHash, seq, workerId, actorId, organisationId,
                   kind, taskId, assignmentId, type, payload, occurredAt. A missing (null) value is the
                   empty text; numbers are written in decimal; payload is the exact text in the file;
                   occurredAt is as written (ISO-8601 in UTC). The event's hash is the SHA-256 of the
                   UTF-8 bytes of that text, in lower-case hex. The first event's prevHash is 64 zeros
                   ("0" x 64); every later event's prevHash is the hash of the event before it, and seq
                   counts 1, 2, 3 ... without gaps.
                2. The signature. In trail-signature.json, statement is the text
                       polder-export-v1\\n<workerId>\\n<number of events>\\n<last hash>\\n<exportedAt>\\n
                   and signature is its Ed25519 signature (base64) by publicKey (base64 X.509). Check
                   that publicKey is the platform's key (published at the address above), that the
                   statement's numbers match what you computed in step 1, and the signature, e.g.
                       openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in statement.txt -sigfile signature.bin
                """.formatted(user.username(), clock.instant(), moreLines, ExportSignature.KEY_PATH);
    }

    private static <T> List<T> all(IntFunction<Page<T>> pages) {
        List<T> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<T> p = pages.apply(page);
            all.addAll(p.items());
            if ((long) (page + 1) * p.size() >= p.total()) {
                return all;
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
