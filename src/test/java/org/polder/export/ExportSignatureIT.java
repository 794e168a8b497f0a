package org.polder.export;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.trail.ExportSignature;
import org.polder.trail.ExportVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polder.testing.Zips.unzip;
import static org.polder.testing.Zips.zip;

/**
 * Exports are signed: anyone can recompute a hash chain, so a forged export with a fresh chain is caught
 * by the platform's signature; the hash recipe in the export's README reproduces every hash with plain
 * JDK code, and the signature checks with the key published at the well-known address.
 */
class ExportSignatureIT extends PolderIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Claiming claiming;
    @Autowired Submissions submissions;
    @Autowired Reviews reviews;

    /** A worker with a rejected task (so the trail holds the requester's reason), and their export. */
    record Exported(CurrentUser worker, Map<String, byte[]> files) {
    }

    Exported rejectedWorkExported() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser worker = fixtures.worker();
        long a = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, a, Map.of("label", "dog"));
        reviews.reject(requester, a, "Not a dog");
        return new Exported(worker, export(worker));
    }

    Map<String, byte[]> export(CurrentUser worker) throws Exception {
        String token = api().login(worker.username(), Fixtures.PASSWORD).post("/api/v1/auth/token",
                Map.of("username", worker.username(), "password", Fixtures.PASSWORD)).json().get("token").asString();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me/export"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        return new LinkedHashMap<>(unzip(r.body()));
    }

    /** The README's recipe, written independently of Polder's code. */
    static String recipeHash(JsonNode e) throws Exception {
        String text = String.join("|", e.get("prevHash").asString(), e.get("seq").asString(), e.get("workerId").asString(),
                value(e, "actorId"), value(e, "organisationId"), value(e, "kind"), value(e, "taskId"), value(e, "assignmentId"),
                e.get("type").asString(), e.get("payload").asString(), e.get("occurredAt").asString());
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String value(JsonNode e, String field) {
        return e.get(field) == null || e.get(field).isNull() ? "" : e.get(field).asString();
    }

    /** Rewrites every event's hash by the recipe after a change: a chain anyone can make. */
    static byte[] rechain(byte[] trailJson) throws Exception {
        ObjectNode trail = (ObjectNode) JSON.readTree(trailJson);
        String prev = "0".repeat(64);
        for (JsonNode n : trail.get("events")) {
            ObjectNode e = (ObjectNode) n;
            e.put("prevHash", prev);
            prev = recipeHash(e);
            e.put("hash", prev);
        }
        return JSON.writeValueAsBytes(trail);
    }

    @Test
    void theRecipeReproducesTheHashesAndTheSignatureChecksWithThePublishedKey() throws Exception {
        Exported exported = rejectedWorkExported();
        CurrentUser worker = exported.worker();
        Map<String, byte[]> files = exported.files();

        JsonNode trail = JSON.readTree(files.get(ExportVerifier.TRAIL_FILE));
        String prev = "0".repeat(64);
        for (JsonNode e : trail.get("events")) {
            assertThat(e.get("prevHash").asString()).isEqualTo(prev);
            assertThat(recipeHash(e)).isEqualTo(e.get("hash").asString());
            prev = e.get("hash").asString();
        }

        // The key at the well-known address, without logging in; the signature checks with the JDK alone.
        Api.Response published = api().get(ExportSignature.KEY_PATH);
        assertThat(published.status()).isEqualTo(200);
        PublicKey key = java.security.KeyFactory.getInstance("Ed25519").generatePublic(
                new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(published.json().get("publicKey").asString())));
        JsonNode signature = JSON.readTree(files.get(ExportSignature.FILE));
        assertThat(signature.get("publicKey").asString()).isEqualTo(published.json().get("publicKey").asString());
        String statement = "polder-export-v1\n" + worker.id() + "\n" + trail.get("events").size() + "\n" + prev + "\n"
                + signature.get("exportedAt").asString() + "\n";
        assertThat(signature.get("statement").asString()).isEqualTo(statement);
        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(key);
        check.update(statement.getBytes(StandardCharsets.UTF_8));
        assertThat(check.verify(Base64.getDecoder().decode(signature.get("signature").asString()))).isTrue();
        assertThat(new String(files.get("README.txt"), StandardCharsets.UTF_8)).contains("SHA-256").contains(ExportSignature.KEY_PATH);

        ExportVerifier.Result ok = ExportVerifier.verify(new ByteArrayInputStream(zip(files)), key);
        assertThat(ok.valid()).as(ok.message()).isTrue();
        assertThat(ok.message()).contains("signed by the platform's key " + published.json().get("keyId").asString());
    }

    @Test
    void aForgedExportWithARecomputedChainIsCaught() throws Exception {
        Exported exported = rejectedWorkExported();
        CurrentUser worker = exported.worker();
        Map<String, byte[]> files = exported.files();
        PublicKey platform = ExportSignature.publicKey(api().get(ExportSignature.KEY_PATH).json().get("publicKey").asString());

        // The rejection reason changed and the whole chain computed again: intact, but not what the platform signed.
        Map<String, byte[]> forged = new LinkedHashMap<>(files);
        forged.put(ExportVerifier.TRAIL_FILE, rechain(new String(files.get(ExportVerifier.TRAIL_FILE), StandardCharsets.UTF_8)
                .replace("Not a dog", "Great work").getBytes(StandardCharsets.UTF_8)));
        assertThat(ExportVerifier.verify(new ByteArrayInputStream(zip(forged)), platform).code()).isEqualTo("verify.badSignature");

        // Signed by the forger's own key: refused against the platform's key, on the page and on the command line.
        KeyPair own = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonNode trail = JSON.readTree(forged.get(ExportVerifier.TRAIL_FILE));
        ObjectNode signature = (ObjectNode) JSON.readTree(files.get(ExportSignature.FILE));
        String head = trail.get("events").get(trail.get("events").size() - 1).get("hash").asString();
        String statement = ExportSignature.statement(worker.id(), trail.get("events").size(), head,
                java.time.Instant.parse(signature.get("exportedAt").asString()));
        signature.put("publicKey", ExportSignature.base64(own.getPublic()));
        signature.put("signature", ExportSignature.sign(own.getPrivate(), statement));
        forged.put(ExportSignature.FILE, JSON.writeValueAsBytes(signature));
        ExportVerifier.Result other = ExportVerifier.verify(new ByteArrayInputStream(zip(forged)), platform);
        assertThat(other.code()).isEqualTo("verify.otherKey");
        Path file = Files.createTempFile("forged", ".zip");
        Files.write(file, zip(forged));
        assertThat(ExportVerifier.run(new String[]{"verify-export", file.toString(), "--key", ExportSignature.base64(platform)})).isEqualTo(1);
        Path pem = Files.createTempFile("key", ".pem");
        Files.writeString(pem, ExportSignature.pem(platform));
        assertThat(ExportVerifier.run(new String[]{"verify-export", file.toString(), "--key", pem.toString()})).isEqualTo(1);
        Path genuine = Files.createTempFile("genuine", ".zip");
        Files.write(genuine, zip(files));
        assertThat(ExportVerifier.run(new String[]{"verify-export", genuine.toString(), "--key", pem.toString()})).isZero();

        // Through the page's API too: the platform's own key decides.
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        assertThat(me.postRaw("/api/v1/me/export/verify", "application/zip", zip(forged)).json().get("code").asString()).isEqualTo("verify.otherKey");
        assertThat(me.postRaw("/api/v1/me/export/verify", "application/zip", zip(files)).json().get("valid").asBoolean()).isTrue();

        // Without the signature file nothing shows the platform made it.
        Map<String, byte[]> unsigned = new LinkedHashMap<>(files);
        unsigned.remove(ExportSignature.FILE);
        assertThat(ExportVerifier.verify(new ByteArrayInputStream(zip(unsigned)), platform).code()).isEqualTo("verify.unsigned");
    }
}
