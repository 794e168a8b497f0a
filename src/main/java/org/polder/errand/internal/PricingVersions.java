package org.polder.errand.internal;

import org.polder.errand.PricingRules;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The stored versions of the pricing rules: the one in force is the newest; each new one is in the trail. */
@Component
public class PricingVersions {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Trail trail;
    private final Clock clock;

    public PricingVersions(JdbcClient jdbc, JsonMapper json, Trail trail, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.trail = trail;
        this.clock = clock;
    }

    /** One stored version of the rules: its number, the rules, and since when. */
    public record Stored(long version, PricingRules rules, java.time.Instant since) {
    }

    /** The rules in force: the newest version. */
    public Stored current() {
        return jdbc.sql("SELECT version, rules, created_at FROM errand_pricing ORDER BY version DESC LIMIT 1")
                .query((rs, n) -> new Stored(rs.getLong(1), json.readValue(rs.getString(2), PricingRules.class), Sql.instant(rs, "created_at")))
                .single();
    }

    /** A new version, checked whole, made by the consultation that allowed it. */
    public Stored add(PricingRules rules, Long adminId, Long consultationId) {
        if (rules == null) {
            throw DomainException.invalid("The body: the pricing rules as JSON").code("problem.errand.pricing", "body");
        }
        rules.validated();
        jdbc.sql("INSERT INTO errand_pricing (rules, created_by, created_at) VALUES (?, ?, ?)")
                .params(json.writeValueAsString(rules), adminId, Sql.ts(clock.instant())).update();
        Stored v = current();
        trail.record(TrailEntry.of("ERRAND_PRICING_SET").by(adminId).with("version", v.version()).with("consultationId", consultationId));
        return v;
    }
}
