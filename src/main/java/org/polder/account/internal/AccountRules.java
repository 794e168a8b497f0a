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
        return List.of(new AutomatedRule("account.login-throttle", 2, LocalDate.of(2026, 12, 2), "accounts",
                "Refuses logins from an address after too many wrong passwords there, and slows down logins to an account "
                        + "that is being guessed from many addresses, against password guessing.",
                List.of("failed logins for the username from the same address in the last 15 minutes",
                        "failed logins from the same address for any username in the last 15 minutes",
                        "failed logins for the username from other addresses in the last 15 minutes"),
                List.of(new Parameter("failures per username and address", "10", "refuses that address for that username"),
                        new Parameter("failures per address", "50", "refuses that address"),
                        new Parameter("failures from other addresses", "10", "then one try per 2, 4, ... up to 60 seconds"),
                        new Parameter("window", "15 minutes", "how long failures count")),
                "Not a suspension: the owner logging in from their own address is not refused, and the right password works "
                        + "again once the window has passed. Failed logins and their addresses are kept only for the 15 minutes "
                        + "of the window, shared by every node."));
    }
}
