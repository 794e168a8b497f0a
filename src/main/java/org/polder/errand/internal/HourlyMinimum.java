package org.polder.errand.internal;

import org.polder.common.Words;
import org.polder.errand.ErrandDecision;
import org.polder.errand.Errands;
import org.polder.errand.Pricing;
import org.polder.errand.PricingRules;
import org.polder.common.Automated;
import org.polder.common.Sql;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.ledger.Leg;
import org.polder.ledger.Money;
import org.polder.oversight.Decisions;
import org.polder.work.PayFloor;
import org.polder.work.WorkKind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waiting is paid (RIGHTS.md R7): every hour on duty, waiting included, earns at least the platform's
 * hourly floor, or a zone's higher minimum where the pricing rules set one and the courier spent most
 * of the spell there. When a spell on duty ends, the courier's day so far is settled as a whole: what
 * its spells guaranteed, less what its errands paid and what earlier spells topped up already, is paid
 * on top, from the platform's fee income and, when that is short, from its guarantee fund, with a
 * decision record.
 */
@Component
public class HourlyMinimum {

    public static final String RULE = "errand.hourly-minimum";

    private final JdbcClient jdbc;
    private final Pricing pricing;
    private final Ledger ledger;
    private final Decisions decisions;
    private final PayFloor floor;
    private final ZoneId zone;

    public HourlyMinimum(JdbcClient jdbc, Pricing pricing, Ledger ledger, Decisions decisions, PayFloor floor,
                  @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.pricing = pricing;
        this.ledger = ledger;
        this.decisions = decisions;
        this.floor = floor;
        this.zone = ZoneId.of(zone);
    }

    private record Session(long id, long workerId, Instant start, Instant end) {
    }

    private record Settled(Instant start, long guarantee, long toppedUp) {
    }

    /** Tops up the courier's day when this spell on duty ends; returns the top-up in cents. */
    @Automated(RULE)
    @Transactional(propagation = Propagation.MANDATORY)
    public long settle(long sessionId) {
        Session s = jdbc.sql("SELECT id, worker_id, started_at, ended_at FROM courier_duty_session WHERE id = ? AND minimum_topup IS NULL")
                .param(sessionId).query((rs, n) -> new Session(rs.getLong(1), rs.getLong(2), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at")))
                .optional().orElse(null);
        if (s == null || s.end() == null) {
            return 0;
        }
        long seconds = Duration.between(s.start(), s.end()).toSeconds();
        PricingRules.Zone mostlyIn = zoneOf(s);
        long hourly = Math.max(floor.hourlyCents(), mostlyIn == null ? 0 : mostlyIn.minimumHourlyCents());
        long guarantee = hourly * seconds / 3600;

        // The day (local, by the spell's end) so far: the spells settled before this one.
        LocalDate day = s.end().atZone(zone).toLocalDate();
        List<Settled> before = jdbc.sql("""
                        SELECT started_at, guarantee_cents, minimum_topup FROM courier_duty_session
                        WHERE worker_id = ? AND id <> ? AND minimum_topup IS NOT NULL AND guarantee_cents IS NOT NULL
                          AND ended_at >= ? AND ended_at < ?""")
                .params(s.workerId(), s.id(), Sql.ts(day.atStartOfDay(zone).toInstant()), Sql.ts(day.plusDays(1).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> new Settled(Sql.instant(rs, "started_at"), rs.getLong(2), rs.getLong(3))).list();
        Instant firstStart = before.stream().map(Settled::start).filter(t -> t.isBefore(s.start())).min(Instant::compareTo).orElse(s.start());
        long dayGuarantee = guarantee + before.stream().mapToLong(Settled::guarantee).sum();
        long toppedUp = before.stream().mapToLong(Settled::toppedUp).sum();
        // Errands are accepted only on duty, so those accepted from the day's first spell to now are the day's.
        long earned = jdbc.sql("""
                        SELECT COALESCE(SUM(e.courier_share), 0) FROM errand e JOIN assignment a ON a.id = e.assignment_id
                        WHERE e.worker_id = ? AND a.accepted_at >= ? AND a.accepted_at <= ?""")
                .params(s.workerId(), Sql.ts(firstStart), Sql.ts(s.end())).query(Long.class).single();
        long topUp = Math.max(0, dayGuarantee - earned - toppedUp);
        jdbc.sql("UPDATE courier_duty_session SET minimum_zone = ?, guarantee_cents = ?, minimum_topup = ? WHERE id = ?")
                .params(mostlyIn == null ? null : mostlyIn.name(), guarantee, topUp, s.id()).update();
        if (topUp == 0) {
            return 0;
        }
        long fromFees = pay(s, topUp, mostlyIn, "duty-session:" + s.id(), null);
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("day", day.toString());
        inputs.put("secondsOnDuty", seconds);
        inputs.put("hourlyGuarantee", hourly);
        inputs.put("zone", mostlyIn == null ? null : mostlyIn.name());
        inputs.put("dayGuarantee", dayGuarantee);
        inputs.put("earnedFromErrands", earned);
        inputs.put("toppedUpBefore", toppedUp);
        decisions.record(Decisions.Draft.about(s.workerId(), ErrandDecision.ERRAND_MINIMUM_TOPUP)
                .rule(RULE, 2)
                .work(WorkKind.ERRAND, null, null, null)
                .inputs(inputs)
                .effect(Words.of("decision.effect.dutyTopUp", Words.money(topUp), Words.day(day)))
                .reason(Words.of(mostlyIn != null && mostlyIn.minimumHourlyCents() > floor.hourlyCents()
                                ? "decision.dutyTopUp.zone" : "decision.dutyTopUp.floor",
                        Math.round(seconds / 36.0) / 100.0, Words.money(hourly), Words.day(day), Words.money(dayGuarantee),
                        Words.money(earned + toppedUp), Words.money(fromFees), Words.money(topUp - fromFees),
                        mostlyIn == null ? "" : mostlyIn.name())));
        return topUp;
    }

    /**
     * A spell on duty that was cut short wrongly now ends at {@code until}: the extra time is paid at the
     * spell's hourly guarantee, less what errands accepted in it paid. Returns the seconds added.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long restore(long sessionId, Instant until, long moderatorId) {
        Session s = jdbc.sql("SELECT id, worker_id, started_at, ended_at FROM courier_duty_session WHERE id = ? FOR UPDATE")
                .param(sessionId).query((rs, n) -> new Session(rs.getLong(1), rs.getLong(2), Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at")))
                .optional().orElse(null);
        if (s == null || s.end() == null || !s.end().isBefore(until)) {
            return 0;
        }
        long extra = Duration.between(s.end(), until).toSeconds();
        PricingRules.Zone mostlyIn = zoneOf(s);
        long hourly = Math.max(floor.hourlyCents(), mostlyIn == null ? 0 : mostlyIn.minimumHourlyCents());
        long guarantee = hourly * extra / 3600;
        long earned = jdbc.sql("""
                        SELECT COALESCE(SUM(e.courier_share), 0) FROM errand e JOIN assignment a ON a.id = e.assignment_id
                        WHERE e.worker_id = ? AND a.accepted_at > ? AND a.accepted_at <= ?""")
                .params(s.workerId(), Sql.ts(s.end()), Sql.ts(until)).query(Long.class).single();
        long topUp = Math.max(0, guarantee - earned);
        jdbc.sql("""
                        UPDATE courier_duty_session SET ended_at = ?, guarantee_cents = COALESCE(guarantee_cents, 0) + ?,
                               minimum_topup = COALESCE(minimum_topup, 0) + ? WHERE id = ?""")
                .params(Sql.ts(until), guarantee, topUp, s.id()).update();
        if (topUp > 0) {
            pay(new Session(s.id(), s.workerId(), s.start(), until), topUp, mostlyIn, "duty-session-restored:" + s.id(), moderatorId);
        }
        return extra;
    }

    /** Pays the top-up from the fee income as far as it goes, the rest from the guarantee fund; returns what the fees paid. */
    private long pay(Session s, long topUp, PricingRules.Zone mostlyIn, String reference, Long actor) {
        LedgerAccount fees = LedgerAccount.platform(LedgerAccount.Type.PLATFORM_FEES);
        long fromFees = Math.min(topUp, Math.max(0, ledger.lockBalance(fees)));
        long fromFund = topUp - fromFees;
        List<Leg> legs = new ArrayList<>();
        if (fromFees > 0) {
            legs.add(Leg.debit(fees, Money.euros(fromFees)));
        }
        if (fromFund > 0) {
            legs.add(Leg.debit(LedgerAccount.platform(LedgerAccount.Type.GUARANTEE_FUND), Money.euros(fromFund)));
        }
        legs.add(Leg.credit(LedgerAccount.worker(s.workerId()), Money.euros(topUp)));
        ledger.post("ERRAND_MINIMUM", Money.euros(topUp) + " for time on duty" + (mostlyIn == null ? "" : " mostly in " + mostlyIn.name()),
                actor, reference, legs);
        return fromFees;
    }

    /** The zone with a minimum that holds more than half of the spell's positions, or null. */
    private PricingRules.Zone zoneOf(Session s) {
        List<PricingRules.Zone> guaranteed = pricing.current().rules().zones().stream()
                .filter(z -> z.minimumHourlyCents() != null && z.minimumHourlyCents() > 0).toList();
        if (guaranteed.isEmpty()) {
            return null;
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
        return positionsIn.entrySet().stream().filter(e -> e.getValue() * 2 > all[0]).map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
