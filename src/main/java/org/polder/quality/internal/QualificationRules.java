package org.polder.quality.internal;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.polder.quality.Qualifications;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rule of qualifications, for the public register. */
@Component
class QualificationRules implements AutomatedRules {

    @Override
    public List<AutomatedRule> rules() {
        return List.of(new AutomatedRule(Qualifications.RULE, Qualifications.RULE_VERSION, LocalDate.of(2026, 11, 22), "microtasks",
                "Grants a qualification to a worker whose control questions in a batch that grants it were right often enough; "
                        + "in a qualification test, also records a failed test.",
                List.of("the worker's scored control answers in the batch"),
                List.of(new Parameter("pass mark", "set per batch (1-100%)", "decides with the next"),
                        new Parameter("evidence", "all questions of a test; otherwise at least 5 scored answers", "no decision below it")),
                "Every grant or failed test is a decision the worker reads, with the numbers. A failed test can be appealed and the "
                        + "qualification granted; a grant has nothing to reverse."));
    }
}
