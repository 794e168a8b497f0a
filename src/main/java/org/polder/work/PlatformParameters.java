package org.polder.work;

import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current values of the platform's rule parameters: the configured default until a consultation
 * changes one. The only writer is {@link #change}, which needs the consultation that allowed it.
 */
@Service
public class PlatformParameters {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Parameter, String> defaults = new EnumMap<>(Parameter.class);
    private final Map<Parameter, OwnedParameter> owners = new EnumMap<>(Parameter.class);

    PlatformParameters(JdbcClient jdbc, Clock clock, java.util.List<OwnedParameter> owned,
                       @Value("${polder.pay.hourly-floor-cents:1471}") long hourlyFloorCents,
                       @Value("${polder.pay.low-pay-policy:TOP_UP}") String lowPayPolicy,
                       @Value("${polder.pay.low-pay-min-assignments:20}") long lowPayMinAssignments,
                       @Value("${polder.work.max-hours-per-day:12}") long maxHoursPerDay,
                       @Value("${polder.work.max-hours-per-week:60}") long maxHoursPerWeek,
                       @Value("${polder.work.min-rest-hours:11}") long minRestHours,
                       @Value("${polder.fees.percent:20}") String feePercent,
                       @Value("${polder.shift.compensation-percent:50}") String compensationPercent,
                       @Value("${polder.home.cancellation-percent:50}") String homeCancellationPercent) {
        this.jdbc = jdbc;
        this.clock = clock;
        defaults.put(Parameter.HOURLY_FLOOR_CENTS, Long.toString(hourlyFloorCents));
        defaults.put(Parameter.LOW_PAY_POLICY, lowPayPolicy);
        defaults.put(Parameter.LOW_PAY_MIN_ASSIGNMENTS, Long.toString(lowPayMinAssignments));
        defaults.put(Parameter.MAX_HOURS_PER_DAY, Long.toString(maxHoursPerDay));
        defaults.put(Parameter.MAX_HOURS_PER_WEEK, Long.toString(maxHoursPerWeek));
        defaults.put(Parameter.MIN_REST_HOURS, Long.toString(minRestHours));
        defaults.put(Parameter.FEE_PERCENT, feePercent);
        defaults.put(Parameter.SHIFT_COMPENSATION_PERCENT, compensationPercent);
        defaults.put(Parameter.HOME_CANCELLATION_PERCENT, homeCancellationPercent);
        owned.forEach(o -> owners.put(o.parameter(), o));
        for (Parameter p : Parameter.values()) {
            if (p.owned() != owners.containsKey(p)) {
                throw new IllegalStateException(p.key() + (p.owned() ? " has no module keeping it" : " is not kept by a module"));
            }
        }
        defaults.forEach((p, v) -> {
            if (p.normalise(v) == null) {
                throw new IllegalArgumentException("The configured default of " + p.key() + " is not allowed: " + v);
            }
        });
    }

    @Transactional(readOnly = true)
    public String get(Parameter p) {
        if (p.owned()) {
            return owners.get(p).current();
        }
        return jdbc.sql("SELECT current_value FROM platform_parameter WHERE name = ?").param(p.key()).query(String.class).optional()
                .orElse(defaults.get(p));
    }

    /** The current values of several parameters that are not kept by a module, read in one statement. */
    @Transactional(readOnly = true)
    public Map<Parameter, String> get(Parameter... ps) {
        Map<Parameter, String> values = new EnumMap<>(Parameter.class);
        for (Parameter p : ps) {
            if (p.owned()) {
                throw new IllegalArgumentException(p.key() + " is kept by its module; ask it with get(Parameter)");
            }
            values.put(p, defaults.get(p));
        }
        String places = String.join(", ", java.util.Collections.nCopies(ps.length, "?"));
        jdbc.sql("SELECT name, current_value FROM platform_parameter WHERE name IN (" + places + ")")
                .params(java.util.Arrays.stream(ps).map(Parameter::key).toArray())
                .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> values.put(java.util.Arrays.stream(ps).filter(p -> p.key().equals(e.getKey())).findFirst().orElseThrow(),
                        e.getValue()));
        return values;
    }

    public long number(Parameter p) {
        return Long.parseLong(get(p));
    }

    /** Every parameter and its current value, in declaration order. */
    @Transactional(readOnly = true)
    public Map<Parameter, String> all() {
        Map<Parameter, String> all = new LinkedHashMap<>();
        for (Parameter p : Parameter.values()) {
            all.put(p, get(p));
        }
        return all;
    }

    /** The value in its stored form, or null when it is not allowed; an owned parameter's owner may refuse with its own message. */
    public String normalise(Parameter p, String value) {
        return p.owned() ? owners.get(p).normalise(value) : p.normalise(value);
    }

    /** Sets a parameter; called by the consultation that allowed it, in its transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void change(Parameter p, String value, long consultationId) {
        String v = normalise(p, value);
        if (v == null) {
            throw new IllegalArgumentException(value + " is not a value of " + p.key());
        }
        if (p.owned()) {
            owners.get(p).change(v, consultationId);
            return;
        }
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE platform_parameter SET current_value = ?, changed_at = ?, consultation_id = ? WHERE name = ?")
                .params(v, Sql.ts(now), consultationId, p.key()).update() == 0) {
            jdbc.sql("INSERT INTO platform_parameter (name, current_value, changed_at, consultation_id) VALUES (?, ?, ?, ?)")
                    .params(p.key(), v, Sql.ts(now), consultationId).update();
        }
    }
}
