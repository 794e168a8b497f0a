package org.polder.ledger;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of the ledger, for the public register. Change the version and date with the rule. */
@Component
class LedgerRules implements AutomatedRules {

    @Override
    public List<AutomatedRule> rules() {
        return List.of(new AutomatedRule(Fees.RULE, 1, LocalDate.of(2026, 12, 2), "all work",
                "Charges the requester the platform's fee on every reward, shift's pay, errand's pay and bonus, on top of it.",
                List.of("the reward or pay", "the fee percentage"),
                List.of(new AutomatedRule.Parameter("fee", "20% unless a consultation changed it (fees.percent)", "decides alone")),
                "The worker's pay is never reduced by the fee; it is shown to the requester before they post or book."));
    }
}
