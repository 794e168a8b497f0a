package org.polder.errand;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of errands, for the public register. Change the version and date with the rule. */
@Component
class ErrandRules implements AutomatedRules {

    @Override
    public List<AutomatedRule> rules() {
        return List.of(new AutomatedRule(Duty.RETENTION, 1, LocalDate.of(2026, 11, 23), "errands",
                "Deletes couriers' positions once they are older than the retention period.",
                List.of("the time each position was recorded"),
                List.of(new Parameter("retention", "7 days unless the platform sets otherwise (polder.errand.position-retention-days)",
                        "decides alone")),
                "Positions are taken only while on duty and kept no longer than needed."));
    }
}
