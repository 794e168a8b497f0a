package org.polder.export;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Payouts;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.trail.ExportVerifier;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.polder.testing.Zips.unzip;
import static org.polder.testing.Zips.zip;
import static org.assertj.core.api.Assertions.assertThat;

/** A worker downloads all their data; the export verifies offline, and one changed byte is found. */
class ExportIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    Payouts payouts;

    private byte[] download(CurrentUser user) throws Exception {
        String token = api().login(user.username(), Fixtures.PASSWORD).post("/api/v1/auth/token",
                Map.of("username", user.username(), "password", Fixtures.PASSWORD)).json().get("token").asString();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/me/export"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        return r.body();
    }

    @Test
    void theExportHoldsEverythingAndVerifiesAndATamperedByteIsFound() throws Exception {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 3, 40, 1);
        CurrentUser worker = fixtures.worker();
        long a = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, a, Map.of("label", "cat"));
        reviews.approve(requester, a);
        long b = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, b, Map.of("label", "dog"));
        reviews.reject(requester, b, "Not a dog");
        fixtures.payable(worker, 0);
        payouts.request(worker.id(), 40);
        Api me = api().login(worker.username(), Fixtures.PASSWORD);
        long rejection = me.get("/api/v1/me/decisions").json().get("items").get(0).get("id").asLong();
        assertThat(me.post("/api/v1/me/decisions/" + rejection + "/appeal", Map.of("statement", "It is a dog, see the tail")).status())
                .isEqualTo(201);
        assertThat(me.post("/api/v1/assignments/" + a + "/rating", Map.of("pay", 4, "clarity", 3, "communication", 2, "fairness", 1))
                .status()).isEqualTo(201);

        Map<String, byte[]> files = unzip(download(worker));
        assertThat(files.keySet()).contains("README.txt", "profile.json", "trail.json", "trail.csv", "assignments.json", "assignments.csv",
                "quality.json", "earnings.json", "postings.csv", "decisions.json", "qualifications.json", "appeals.json", "ratings.json",
                "reports.json");
        assertThat(new String(files.get("appeals.json"), StandardCharsets.UTF_8)).contains("It is a dog, see the tail");
        assertThat(new String(files.get("ratings.json"), StandardCharsets.UTF_8)).contains("\"fairness\" : 1");
        assertThat(new String(files.get("assignments.csv"), StandardCharsets.UTF_8)).contains("Not a dog");
        assertThat(new String(files.get("earnings.json"), StandardCharsets.UTF_8)).contains("\"balanceCents\" : 0");

        ExportVerifier.Result ok = ExportVerifier.verify(new ByteArrayInputStream(zip(files)));
        assertThat(ok.valid()).as(ok.message()).isTrue();
        assertThat(ok.events()).isEqualTo((int) api().login(worker.username(), Fixtures.PASSWORD).get("/api/v1/me/trail").json()
                .get("total").asLong());

        // Change one byte: the rejection reason "Not a dog" becomes "Not a doh".
        String trail = new String(files.get("trail.json"), StandardCharsets.UTF_8);
        assertThat(trail).contains("Not a dog");
        Map<String, byte[]> tampered = new LinkedHashMap<>(files);
        tampered.put("trail.json", trail.replace("Not a dog", "Not a doh").getBytes(StandardCharsets.UTF_8));
        ExportVerifier.Result broken = ExportVerifier.verify(new ByteArrayInputStream(zip(tampered)));
        assertThat(broken.valid()).isFalse();
        assertThat(broken.message()).contains("breaks at event number").contains("does not match its hash");

        // The command line says the same, with an exit code.
        Path good = Files.createTempFile("export", ".zip");
        Files.write(good, zip(files));
        Path bad = Files.createTempFile("tampered", ".zip");
        Files.write(bad, zip(tampered));
        assertThat(ExportVerifier.run(new String[]{"verify-export", good.toString()})).isZero();
        assertThat(ExportVerifier.run(new String[]{"verify-export", bad.toString()})).isEqualTo(1);
        assertThat(ExportVerifier.verify(new ByteArrayInputStream("not a zip".getBytes())).valid()).isFalse();

        // Another worker's export holds nothing of this worker's.
        Map<String, byte[]> other = unzip(download(fixtures.worker()));
        assertThat(new String(other.get("trail.json"), StandardCharsets.UTF_8)).doesNotContain("Not a dog");
        assertThat(new String(other.get("assignments.json"), StandardCharsets.UTF_8)).doesNotContain("\"id\" : " + a + ",");
        assertThat(api().get("/api/v1/me/export").status()).isEqualTo(401);
    }
}
