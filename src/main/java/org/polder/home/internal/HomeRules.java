package org.polder.home.internal;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.polder.home.Bookings;
import org.polder.home.Visits;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of home services, for the public register. Change the version and date with the rule. */
@Component
public class HomeRules implements AutomatedRules {

    public static final LocalDate FIRST = LocalDate.of(2026, 12, 7);

    @Override
    public List<AutomatedRule> rules() {
        return List.of(
                new AutomatedRule(Visits.SETTLEMENT, 1, FIRST, "home services",
                        "Pays a visit's hours as the worker gave them when the household did not confirm them within the review window; pays "
                                + "the household's hours when it questioned them and the worker neither accepted nor appealed within the window, or "
                                + "the appeal was dismissed.",
                        List.of("check-out time", "the minutes the worker gave (at most those booked)", "the minutes the household gave",
                                "the review window", "the state of an appeal about the household's hours"),
                        List.of(new Parameter("review window", "48 hours (polder.home.review-window)", "decides alone")),
                        "Silence means the worker's hours stand. An open appeal always waits for the moderator."),
                new AutomatedRule(Visits.MISSED, 1, FIRST, "home services",
                        "Counts a visit as missed when its worker did not check in within 30 minutes of its start: it is not paid and "
                                + "the household gets its money back.",
                        List.of("the visit's start", "whether the worker checked in"),
                        List.of(new Parameter("time to check in", "30 minutes after the start (polder.home.missed-after)", "decides alone")),
                        "It is a decision the worker reads and can appeal; an upheld appeal pays the visit as booked. Missed visits are "
                                + "not shown to households and do not rank anyone."),
                new AutomatedRule(Bookings.CANCELLATION, 1, FIRST, "home services",
                        "When a household cancels or pauses a visit a worker has taken less than 24 hours before it starts, pays the "
                                + "worker the platform's share of the visit's pay, from the visit's escrow.",
                        List.of("the time of cancelling", "the visit's start", "the visit's pay with holiday pay"),
                        List.of(new Parameter("share", "50% unless a consultation changed it (home.cancellation-percent)", "decides the amount"),
                                new Parameter("free cancellation", "24 hours before the start (polder.home.free-cancellation)", "decides alone")),
                        "Each payment is a decision the worker reads."));
    }
}
