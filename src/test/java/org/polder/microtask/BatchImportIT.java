package org.polder.microtask;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad CSV file or spec is refused whole, with the row and column named, and nothing is imported. */
class BatchImportIT extends PolderIT {

    @Autowired
    JdbcClient jdbc;

    CurrentUser requester;
    Api client;
    long templateId;

    @BeforeEach
    void requester() {
        requester = fixtures.requester();
        client = api().login(requester.username(), Fixtures.PASSWORD);
        templateId = fixtures.template(requester).id();
    }

    private String spec(long reward) {
        return Api.json(Map.of("name", "Import test", "templateId", templateId, "reward", reward, "assignmentsPerTask", 1,
                "allottedSeconds", 600, "expectedSeconds", 30));
    }

    private Api.Response upload(String csv) {
        return upload(csv.getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response upload(byte[] csv) {
        return client.multipart("/api/v1/batches", "spec", spec(20), "file", csv);
    }

    private void assertRefusedAndNothingStored(Api.Response r, String... phrases) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains(phrases);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM batch WHERE organisation_id = ?").param(requester.organisationId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void importsAGoodFileWithBomAndQuotes() {
        Api.Response r = upload("\uFEFFimage,item\n\"a,1.svg\",\"say \"\"hi\"\"\"\nb.svg,two\n");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("taskCount").asInt()).isEqualTo(2);
        assertThat(r.json().get("columns").toString()).isEqualTo("[\"image\",\"item\"]");
    }

    @Test
    void refusesAnUnbalancedQuote() {
        Api.Response r = upload("image,item\na.svg,one\nb.svg,\"two\n");
        assertRefusedAndNothingStored(r, "Row 3, column 2", "never closed");
        assertThat(r.json().get("row").asInt()).isEqualTo(3);
        assertThat(r.json().get("column").asInt()).isEqualTo(2);
    }

    @Test
    void refusesAWrongNumberOfColumns() {
        Api.Response r = upload("image,item\na.svg,one\nb.svg\n");
        assertRefusedAndNothingStored(r, "Row 3 has 1 values but the header has 2");
        assertThat(r.json().get("columnName").asString()).isEqualTo("item");
    }

    @Test
    void refusesAPlaceholderWithoutAColumn() {
        assertRefusedAndNothingStored(upload("image,name\na.svg,one\n"), "${item}", "no column named 'item'");
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] bytes = "image,item\na.svg,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertRefusedAndNothingStored(upload(bytes), "not valid UTF-8", "row 2");
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefusedAndNothingStored(upload(new byte[0]), "empty");
        assertRefusedAndNothingStored(upload("image,item\n"), "no rows");
    }

    @Test
    void refusesABadSpecNamingTheField() {
        Api.Response r = client.multipart("/api/v1/batches", "spec",
                Api.json(Map.of("name", "x", "templateId", templateId, "reward", 20, "assignmentsPerTask", 0,
                        "allottedSeconds", 600, "expectedSeconds", 30)), "file", Fixtures.csv(1));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("spec.assignmentsPerTask");
        Api.Response notJson = client.multipart("/api/v1/batches", "spec", "{not json", "file", Fixtures.csv(1));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("detail").asString()).startsWith("spec: not valid JSON");
        Api.Response longReview = client.multipart("/api/v1/batches", "spec",
                Api.json(Map.of("name", "x", "templateId", templateId, "reward", 20, "assignmentsPerTask", 1,
                        "allottedSeconds", 600, "expectedSeconds", 30, "reviewWindowHours", 721)), "file", Fixtures.csv(1));
        assertThat(longReview.json().get("detail").asString()).contains("spec.reviewWindowHours");
    }

    @Test
    void refusesARewardBelowThePayFloorAndNamesTheLowestAcceptable() {
        // 30 seconds at the default floor of 14.71 per hour needs at least 13 cents.
        Api.Response r = client.multipart("/api/v1/batches", "spec", spec(12), "file", Fixtures.csv(1));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("detail").asString()).contains("lowest acceptable reward is 0.13 EUR");
        assertThat(r.json().get("lowestAcceptableReward").asLong()).isEqualTo(13);
        assertThat(client.multipart("/api/v1/batches", "spec", spec(13), "file", Fixtures.csv(1)).status()).isEqualTo(201);
    }

    @Test
    void importsOneHundredThousandRows() {
        StringBuilder csv = new StringBuilder("image,item\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append("img-").append(i).append(".svg,\"item ").append(i).append(", a picture\"\n");
        }
        Api.Response r = upload(csv.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM task WHERE batch_id = ?").param(r.id()).query(Long.class).single()).isEqualTo(100_000);
    }
}
