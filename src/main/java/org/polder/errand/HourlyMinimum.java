package org.polder.errand;

import org.polder.common.Automated;
import org.polder.common.Sql;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.ledger.Money;
import org.polder.oversight.Decisions;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guaranteed hourly minimum, switched on per zone in the pricing rules: when a courier goes off
 * duty, a session spent mostly in such a zone (by their positions) earns at least the zone's minimum
 * for every hour on duty, waiting included. What errands paid less is topped up from the platform's
 * guarantee fund, with a decision record.
 */
@Component
class HourlyMinimum {

    static final String RULE = "errand.hourly-minimum";

    private final JdbcClient jdbc;
    private final Pricing pricing;
    private final Ledger ledger;
    private final Decisions decisions;

    HourlyMinimum(JdbcClient jdbc, Pricing pricing, Ledger ledger, Decisions decisions) {
        this.jdbc = jdbc;
        this.pricing = pricing;
        this.ledger = ledger;
        this.decisions = decisions;
    }

    private record Session(long id, long workerId, Instant start, Instant end) {
    }

    /** Tops up the session that just ended, if its zone guarantees a minimum; returns the top-up in cents. */
    @Automated(RULE)
    @Transactional(propagation = Propagation.MANDATORY)
    long settle(long sessionId) {
        Session s = jdbc.sql("SELECT id, worker_id, started_at, ended_at FROM courier_duty_session WHERE id = ? AND minimum_topup IS NULL")
                .param(sessionId).query((rs, n) -> new Session(rs.getLong(1), rs.getLong(2), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at")))
                .optional().orElse(null);
        if (s == null || s.end() == null) {
            return 0;
        }
        List<PricingRules.Zone> guaranteed = pricing.current().rules().zones().stream()
                .filter(z -> z.minimumHourlyCents() != null && z.minimumHourlyCents() > 0).toList();
        if (guaranteed.isEmpty()) {
            return 0;
        }
        Map<PricingRules.Zone, Integer> positionsIn = new HashMap<>();
        int[] all = {0};
        jdbc.sql("SELECT latitude, longitude FROM courier_position WHERE worker_id = ? AND recorded_at >= ? AND recorded_at <= ?")
                .params(s.workerId(), Sql.ts(s.start()), Sql.ts(s.end()))
                .query(rs -> {
                    all[0]++;
                    for (PricingRules.Zone z : guaranteed) {
                        if (z.contains(rs.getDouble(1), rs.getDouble(2))) {
                            positionsIn.merge(z, 1, Integer::sum);
                        }
                    }
                });
        PricingRules.Zone zone = positionsIn.entrySet().stream().filter(e -> e.getValue() * 2 > all[0])
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (zone == null) {
            return 0;
        }
        long seconds = Duration.between(s.start(), s.end()).toSeconds();
        long guarantee = zone.minimumHourlyCents() * seconds / 3600;
        long earned = jdbc.sql("""
                        SELECT COALESCE(SUM(e.courier_share), 0) FROM errand e JOIN assignment a ON a.id = e.assignment_id
                        WHERE e.worker_id = ? AND a.accepted_at >= ? AND a.accepted_at <= ?""")
                .params(s.workerId(), Sql.ts(s.start()), Sql.ts(s.end())).query(Long.class).single();
        long topUp = Math.max(0, guarantee - earned);
        jdbc.sql("UPDATE courier_duty_session SET minimum_zone = ?, minimum_topup = ? WHERE id = ?").params(zone.name(), topUp, s.id()).update();
        if (topUp == 0) {
            return 0;
        }
        ledger.post("ERRAND_MINIMUM", "Hourly minimum in " + zone.name() + " for time on duty", null, "duty-session:" + s.id(),
                List.of(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), Money.euros(topUp)),
                        Leg.credit(LedgerAccount.worker(s.workerId()), Money.euros(topUp))));
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("zone", zone.name());
        inputs.put("secondsOnDuty", seconds);
        inputs.put("minimumHourly", zone.minimumHourlyCents());
        inputs.put("earnedFromErrands", earned);
        inputs.put("positionsInZone", positionsIn.get(zone));
        inputs.put("positions", all[0]);
        decisions.record(new Decisions.Draft(s.workerId(), "ERRAND_MINIMUM_TOPUP", RULE, 1, null, WorkKind.ERRAND, null, null, null, inputs,
                "You are paid " + Money.euros(topUp) + " on top, from the platform's guarantee fund",
                "You were on duty for " + Math.round(seconds / 36.0) / 100.0 + " hours, mostly in " + zone.name() + ", which guarantees "
                        + Money.euros(zone.minimumHourlyCents()) + " an hour; your errands paid " + Money.euros(earned) + ".",
                null, List.of()));
        return topUp;
    }
}
