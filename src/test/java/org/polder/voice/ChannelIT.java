package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Channels take sealed boxes only, from workers only, and keep no sender. */
class ChannelIT extends PolderIT {

    @Autowired
    JdbcClient jdbc;

    static final String NAME = "AAAAAAAAAAAAAAAA.c2VhbGVkLW5hbWUtc2VhbGVkLW5hbWU";
    static final String BOX = "BBBBBBBBBBBBBBBB.c2VhbGVkLW1lc3NhZ2Utc2VhbGVkLW1lc3NhZ2U";

    @Test
    void workersExchangeSealedBoxesAndNothingElse() {
        Api ada = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        Api bram = api().login(fixtures.worker().username(), Fixtures.PASSWORD);
        Api lab = api().login(fixtures.requester().username(), Fixtures.PASSWORD);

        assertThat(ada.post("/api/v1/channels", Map.of("box", "Night shift chat")).status()).as("plain text is refused").isEqualTo(400);
        assertThat(lab.post("/api/v1/channels", Map.of("box", NAME)).status()).as("for workers").isEqualTo(403);
        Api.Response opened = ada.post("/api/v1/channels", Map.of("box", NAME));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String id = opened.json().get("id").asString();
        assertThat(id).hasSize(32);

        assertThat(ada.post("/api/v1/channels/" + id + "/messages", Map.of("box", "hello in clear")).status()).isEqualTo(400);
        assertThat(ada.post("/api/v1/channels/" + id + "/messages", Map.of("box", BOX)).status()).isEqualTo(201);
        assertThat(bram.get("/api/v1/channels/" + id + "/messages").json().get(0).get("box").asString()).isEqualTo(BOX);
        assertThat(lab.get("/api/v1/channels/" + id + "/messages").status()).isEqualTo(403);
        assertThat(bram.get("/api/v1/channels/" + "0".repeat(32) + "/messages").status()).isEqualTo(404);

        // What is stored: the box and its time; no sender.
        assertThat(jdbc.sql("SELECT box FROM channel_message WHERE channel_id = ?").param(id).query(String.class).list()).containsExactly(BOX);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.columns WHERE LOWER(table_name) = 'channel_message' "
                + "AND LOWER(column_name) IN ('sender_id', 'author_id', 'worker_id')").query(Long.class).single()).isZero();
    }
}
