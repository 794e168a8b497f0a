package org.polder.common;

import java.time.LocalDate;
import java.util.List;

/**
 * One automated rule, as the transparency register shows it (RIGHTS.md R1): what it decides, on
 * which inputs, with which parameters and how much each weighs, its version and when it last changed.
 * Texts are plain English; pages show them in the reader's language where the bundles have them
 * ({@code rule.<id>.decides}).
 */
public record AutomatedRule(String id, int version, LocalDate changedOn, String appliesTo, String decides,
                            List<String> inputs, List<Parameter> parameters, String worker) {

    public AutomatedRule {
        inputs = List.copyOf(inputs);
        parameters = List.copyOf(parameters);
    }

    /** A setting of the rule: its value (or where it is set) and its weight in the decision. */
    public record Parameter(String name, String value, String weight) {
    }
}
