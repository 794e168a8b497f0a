package org.polder.work;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * A parameter of an automated rule that the platform may change, but only after a consultation
 * (RIGHTS.md R11). Each names the rule it belongs to in the register and checks its values.
 */
public enum Parameter {

    /** The hourly pay floor in cents (rule work.pay-floor). */
    HOURLY_FLOOR_CENTS("pay.hourly-floor-cents", "work.pay-floor", 0, 1_000_000),
    /** What happens when a batch's measured pay per hour falls below the floor: TOP_UP or PAUSE (rule pay.low-pay-check). */
    LOW_PAY_POLICY("pay.low-pay-policy", "pay.low-pay-check", List.of("TOP_UP", "PAUSE")),
    /** How many submitted assignments a batch needs before its measured pay per hour counts (rule pay.low-pay-check). */
    LOW_PAY_MIN_ASSIGNMENTS("pay.low-pay-min-assignments", "pay.low-pay-check", 5, 1_000_000),
    /** The platform's fee, a whole percentage of each reward and bonus, paid by the requester on top (rule ledger.platform-fee). */
    FEE_PERCENT("fees.percent", "ledger.platform-fee", 0, 100),
    /** The least share of a shift's planned pay a worker gets when it is cancelled late (rule shift.cancellation-compensation). */
    SHIFT_COMPENSATION_PERCENT("shift.compensation-percent", "shift.cancellation-compensation", 0, 100),
    /** The share of a visit's pay a worker gets when the household cancels it less than 24 hours ahead (rule home.cancellation). */
    HOME_CANCELLATION_PERCENT("home.cancellation-percent", "home.cancellation", 0, 100),
    /** The errand pricing rules as JSON, kept by the errand module with their versions (rule errand.pricing). */
    ERRAND_PRICING("errand.pricing", "errand.pricing", List.of(), 0, 0, true),
    /** The most hours of work on one day, all kinds together (rule work.working-time). */
    MAX_HOURS_PER_DAY("work.max-hours-per-day", WorkingTime.RULE, 1, 24),
    /** The most hours of work in one week, all kinds together (rule work.working-time). */
    MAX_HOURS_PER_WEEK("work.max-hours-per-week", WorkingTime.RULE, 1, 168),
    /** The least rest in a row, in hours, in every 24 hours (rule work.working-time). */
    MIN_REST_HOURS("work.min-rest-hours", WorkingTime.RULE, 0, 23);

    private final String key;
    private final String rule;
    private final List<String> choices;
    private final long min;
    private final long max;
    private final boolean owned;

    Parameter(String key, String rule, List<String> choices) {
        this(key, rule, choices, 0, 0);
    }

    Parameter(String key, String rule, long min, long max) {
        this(key, rule, List.of(), min, max);
    }

    Parameter(String key, String rule, List<String> choices, long min, long max) {
        this(key, rule, choices, min, max, false);
    }

    Parameter(String key, String rule, List<String> choices, long min, long max, boolean owned) {
        this.key = key;
        this.rule = rule;
        this.choices = choices;
        this.min = min;
        this.max = max;
        this.owned = owned;
    }

    /** Checked and kept by the module it belongs to ({@link OwnedParameter}), not a number or a choice. */
    public boolean owned() {
        return owned;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String rule() {
        return rule;
    }

    /** The allowed values of a choice parameter; empty for a number. */
    public List<String> choices() {
        return choices;
    }

    /** The value in its stored form, or null when it is not allowed for this parameter (owned ones: see {@link PlatformParameters#normalise}). */
    public String normalise(String value) {
        if (value == null || owned) {
            return null;
        }
        String v = value.strip();
        if (!choices.isEmpty()) {
            return choices.contains(v.toUpperCase(java.util.Locale.ROOT)) ? v.toUpperCase(java.util.Locale.ROOT) : null;
        }
        try {
            long n = Long.parseLong(v);
            return n >= min && n <= max ? Long.toString(n) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static java.util.Optional<Parameter> byKey(String key) {
        for (Parameter p : values()) {
            if (p.key.equals(key)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
