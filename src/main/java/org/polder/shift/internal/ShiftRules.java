package org.polder.shift.internal;

import org.polder.shift.Hours;
import org.polder.shift.Selection;
import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of shifts, for the public register. Change the version and date with the rule. */
@Component
public class ShiftRules implements AutomatedRules {

    public static final LocalDate FIRST = LocalDate.of(2026, 11, 23);
    public static final String CLOSE_PLACES = "shift.close-open-places";
    public static final String COMPENSATION = "shift.cancellation-compensation";

    @Override
    public List<AutomatedRule> rules() {
        return List.of(
                new AutomatedRule(Selection.AUTO_SELECT, 1, FIRST, "shifts",
                        "Selects an applicant at once, without the requester choosing, when the shift is set to select from the "
                                + "organisation's pool of trusted workers or from workers who worked for it before, and the applicant is one.",
                        List.of("the shift's selection setting", "whether the applicant is in the organisation's pool",
                                "whether the applicant has a paid shift with the organisation", "open places", "the working-time limits"),
                        List.of(new Parameter("selection setting", "set per shift: by hand, pool, or past workers", "decides alone"),
                                new Parameter("order", "first come, first selected", "decides who gets the last place")),
                        "No ranking or score: only membership of the pool or past work counts. Not being selected automatically "
                                + "leaves the application open for the requester. An override or an upheld appeal gives the place back before "
                                + "the shift, not held against the worker."),
                new AutomatedRule(Selection.WAITLIST, 1, FIRST, "shifts",
                        "When a selected worker gives a place back before the shift, gives it to the first worker on the shift's waitlist "
                                + "who stays within the working-time limits.",
                        List.of("the waitlist, in the order the requester put people on it", "the working-time limits"),
                        List.of(new Parameter("order", "the requester's waitlist order", "decides alone")),
                        "Giving a place back is not held against anyone. An override or an upheld appeal gives the place back before "
                                + "the shift, not held against the worker."),
                new AutomatedRule(Hours.SETTLEMENT, 1, FIRST, "shifts",
                        "Pays a worker's hours when the requester did not accept or counter them within the review window; pays countered "
                                + "hours when the worker neither accepted nor appealed the counter within the window, or the appeal was dismissed.",
                        List.of("check-out time", "the review window of the shift", "the state of an appeal about the counter"),
                        List.of(new Parameter("review window", "set per shift, at most 7 days (polder.shift.review-window)", "decides alone")),
                        "Silence means the worker's hours stand. An open appeal always waits for the moderator."),
                new AutomatedRule(COMPENSATION, 1, LocalDate.of(2026, 12, 2), "shifts",
                        "When a requester cancels a shift after its free-cancellation time, pays each selected worker at least the "
                                + "platform's share of the planned pay (a shift may promise more), from the shift's escrow.",
                        List.of("the time of cancelling", "the shift's free-cancellation time", "the planned pay", "the shift's share"),
                        List.of(new Parameter("share", "at least 50% unless a consultation changed it (shift.compensation-percent)",
                                "decides the least amount")),
                        "Each payment is a decision the worker reads; the share can rise only for a shift, never fall below the platform's."),
                new AutomatedRule(CLOSE_PLACES, 1, FIRST, "shifts",
                        "Closes the places nobody took once a shift begins and returns their share of the escrow to the requester.",
                        List.of("start of the shift", "open places", "escrow"),
                        List.of(new Parameter("start", "set per shift", "decides alone")),
                        "Affects no worker."),
                new AutomatedRule(ShiftLimits.LIMITS, 2, LocalDate.of(2026, 12, 2), "shifts",
                        "Refuses a selection that would put a worker in two shifts at once, or go past the maximum hours per year with "
                                + "one client. The limits per day and week and the daily rest hold for all kinds of work (work.working-time).",
                        List.of("the planned paid hours of the shifts the worker holds", "the client of each shift"),
                        List.of(new Parameter("hours per year with one client", "at most 660 (polder.shift.max-hours-per-client-year)",
                                "decides alone")),
                        "It protects the worker; the refusal names the limit, and other shifts stay open to them."));
    }
}
