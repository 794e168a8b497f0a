package org.polder.work;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/**
 * A parameter of an automated rule that the platform may change, but only after a consultation
 * (RIGHTS.md R11). Each names the rule it belongs to in the register and checks its values.
 */
public enum Parameter {

    /** The hourly pay floor in cents (rule work.pay-floor). */
    HOURLY_FLOOR_CENTS("pay.hourly-floor-cents", "work.pay-floor", List.of()),
    /** What happens when a batch's measured pay per hour falls below the floor: TOP_UP or PAUSE (rule pay.low-pay-check). */
    LOW_PAY_POLICY("pay.low-pay-policy", "pay.low-pay-check", List.of("TOP_UP", "PAUSE")),
    /** How many submitted assignments a batch needs before its measured pay per hour counts (rule pay.low-pay-check). */
    LOW_PAY_MIN_ASSIGNMENTS("pay.low-pay-min-assignments", "pay.low-pay-check", List.of());

    private final String key;
    private final String rule;
    private final List<String> choices;

    Parameter(String key, String rule, List<String> choices) {
        this.key = key;
        this.rule = rule;
        this.choices = choices;
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

    /** The value in its stored form, or null when it is not allowed for this parameter. */
    public String normalise(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (!choices.isEmpty()) {
            return choices.contains(v.toUpperCase(java.util.Locale.ROOT)) ? v.toUpperCase(java.util.Locale.ROOT) : null;
        }
        try {
            long n = Long.parseLong(v);
            long min = this == LOW_PAY_MIN_ASSIGNMENTS ? 5 : 0;
            return n >= min && n <= 1_000_000 ? Long.toString(n) : null;
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
