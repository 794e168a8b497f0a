package org.polder.site;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Two endpoints that do (almost) nothing, for the load benchmark only (off unless
 * {@code polder.bench.reference-endpoints=true}): what this node's HTTP stack answers when a request
 * costs nothing, and when it costs one {@code SELECT 1} through the connection pool. Measured in the same
 * run as Polder's own requests, they show whether a limit lies in Polder's work or below it.
 */
@RestController
@ConditionalOnProperty(name = "polder.bench.reference-endpoints", havingValue = "true")
class ReferenceEndpoints {

    private final JdbcClient jdbc;

    ReferenceEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/reference/bare")
    Map<String, Object> bare() {
        return Map.of("ok", true);
    }

    @GetMapping("/api/v1/reference/select1")
    Map<String, Object> selectOne() {
        return Map.of("ok", jdbc.sql("SELECT 1").query(Integer.class).single() == 1);
    }
}
