package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, generated from a seed: malformed, wrongly encoded, huge, deeply nested and
 * injection-laden CSV files and JSON bodies. Every one gets an answer below 500 with a problem
 * document that says what is wrong, and a refused one stores nothing.
 */
class HostileInputIT extends PolderIT {

    static final long SEED = 20_261_122L;

    @Autowired
    JdbcClient jdbc;

    @Test
    void hostileCsvFilesAreRefusedWithAReasonAndStoreNothing() {
        CurrentUser requester = fixtures.requester();
        long templateId = fixtures.template(requester).id();
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        String spec = Api.json(Map.of("name", Fixtures.unique("Batch"), "templateId", templateId, "reward", 20, "assignmentsPerTask", 1,
                "allottedSeconds", 600, "expectedSeconds", 30));
        SplittableRandom random = new SplittableRandom(SEED);
        List<byte[]> files = new ArrayList<>(List.of(
                new byte[0],
                "image,item\n".getBytes(StandardCharsets.UTF_8),
                "image,item\n\"a.svg,one\n".getBytes(StandardCharsets.UTF_8),
                "image,item\na.svg\n".getBytes(StandardCharsets.UTF_8),
                "image,item\na.svg,one,extra\n".getBytes(StandardCharsets.UTF_8),
                "picture,caption\na.svg,one\n".getBytes(StandardCharsets.UTF_8),
                new byte[]{'i', 'm', 'a', 'g', 'e', ',', 'i', 't', 'e', 'm', '\n', (byte) 0xC3, (byte) 0x28, ',', 'x', '\n'},
                "image,item\na.svg,o\u0000ne\n".getBytes(StandardCharsets.UTF_8),
                ("image,item\n" + "a.svg," + "x".repeat(200_000) + "\n").getBytes(StandardCharsets.UTF_8),
                "image,item\r\na.svg,\"unterminated\r\n".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 25; i++) {
            byte[] noise = new byte[1 + random.nextInt(400)];
            random.nextBytes(noise);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes("image,item\n".getBytes(StandardCharsets.UTF_8));
            file.writeBytes(noise);
            files.add(file.toByteArray());
        }
        long before = batchesOf(requester);
        for (byte[] file : files) {
            Api.Response r = lab.multipart("/api/v1/batches", "spec", spec, "file", file);
            String what = "a file of " + file.length + " bytes";
            assertThat(r.status()).as(what + ": " + r.body()).isBetween(400, 499);
            assertThat(r.contentType()).as(what).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).as(what).isNotBlank();
            assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("at org.");
        }
        assertThat(batchesOf(requester)).as("nothing stored").isEqualTo(before);

        // Formula injection is data, not a reason to refuse: it is stored as text and neutralised in downloads.
        Api.Response formula = lab.multipart("/api/v1/batches", "spec", spec, "file",
                "image,item\n\"=HYPERLINK(\"\"http://evil\"\")\",+cmd|'/c calc'!A0\n".getBytes(StandardCharsets.UTF_8));
        assertThat(formula.status()).as(formula.body()).isEqualTo(201);
    }

    @Test
    void hostileJsonBodiesGetA4xxWithAReasonAndStoreNothing() {
        CurrentUser requester = fixtures.requester();
        Api lab = api().login(requester.username(), Fixtures.PASSWORD);
        Api worker = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> bodies = new ArrayList<>(List.of(
                "", "{", "}", "[]", "null", "\"text\"", "{\"title\": }", "{\"title\": \"x\"", "{\"title\": 1e999999}",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
                "{\"title\": \"" + "x".repeat(2_000_000) + "\"}", "{\"title\": \"\\ud800\"}",
                "{\"title\": \"<script>alert(1)</script>\", \"fields\": \"not a list\"}",
                "{\"title\": \"x'; DROP TABLE template; --\", \"fields\": [{\"name\": null}]}"));
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            bodies.add(new String(noise, StandardCharsets.ISO_8859_1));
        }
        long templates = jdbc.sql("SELECT COUNT(*) FROM template WHERE organisation_id = ?").param(requester.organisationId())
                .query(Long.class).single();
        String[][] targets = {{"lab", "/api/v1/templates"}, {"lab", "/api/v1/templates/preview"}, {"worker", "/api/v1/assignments/1/submit"},
                {"worker", "/api/v1/channels"}, {"lab", "/api/v1/organisation/appeals/1/comments"}};
        for (String[] target : targets) {
            Api api = target[0].equals("lab") ? lab : worker;
            for (String body : bodies) {
                Api.Response r = api.postRaw(target[1], "application/json", body.getBytes(StandardCharsets.UTF_8));
                String what = target[1] + " with " + (body.length() > 40 ? body.substring(0, 40) + "… (" + body.length() + ")" : body);
                assertThat(r.status()).as(what + ": " + r.body().substring(0, Math.min(300, r.body().length()))).isBetween(400, 499);
                assertThat(r.body()).as(what).doesNotContain("Exception").doesNotContain("at org.");
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM template WHERE organisation_id = ?").param(requester.organisationId())
                .query(Long.class).single()).as("nothing stored").isEqualTo(templates);
    }

    private long batchesOf(CurrentUser requester) {
        return jdbc.sql("SELECT COUNT(*) FROM batch WHERE organisation_id = ?").param(requester.organisationId()).query(Long.class).single();
    }
}
