package org.polder.work;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of the shared work model, for the public register. Change the version and date with the rule. */
@Component
class WorkRules implements AutomatedRules {

    @Override
    public List<AutomatedRule> rules() {
        return List.of(new AutomatedRule(WorkingTime.RULE, 1, LocalDate.of(2026, 12, 2), "all work",
                "Refuses work that would go past the maximum hours per day or per week, or leave less than the daily rest in a row, "
                        + "counting shifts (planned hours, also ahead), courier duty (waiting included) and online tasks (claim to "
                        + "hand-in) together. It is asked on every way work is taken: claiming a task, applying for or being selected for "
                        + "a shift (by hand, automatically, from the waitlist or by a hand-over), going on duty, and being offered or "
                        + "accepting an errand.",
                List.of("the worker's shifts, duty and online tasks in the week and the day around the work", "the work's own expected time"),
                List.of(new AutomatedRule.Parameter("hours per day", "12 unless a consultation changed it ("
                                + Parameter.MAX_HOURS_PER_DAY.key() + ")", "decides alone"),
                        new AutomatedRule.Parameter("hours per week", "60 unless a consultation changed it ("
                                + Parameter.MAX_HOURS_PER_WEEK.key() + ")", "decides alone"),
                        new AutomatedRule.Parameter("rest in a row", "11 hours in every 24 unless a consultation changed it ("
                                + Parameter.MIN_REST_HOURS.key() + ")", "decides alone")),
                "It protects the worker: the refusal names the limit and when new work can begin; it is never held against anyone."));
    }
}
