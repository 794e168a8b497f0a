package org.polder.account.internal;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rule of accounts, for the public register. */
@Component
class AccountRules implements AutomatedRules {

    @Override
    public List<AutomatedRule> rules() {
        return List.of(new AutomatedRule("account.login-throttle", 1, LocalDate.of(2026, 11, 22), "accounts",
                "Refuses logins for a username for a while after too many wrong passwords, against password guessing.",
                List.of("failed logins for the username in the last 15 minutes"),
                List.of(new Parameter("failures", "10", "decides with the next"), new Parameter("window", "15 minutes", "how long it lasts")),
                "Not a suspension: the right password works again once the window has passed. Failed logins are kept only "
                        + "for the 15 minutes of the window, shared by every node."));
    }
}
