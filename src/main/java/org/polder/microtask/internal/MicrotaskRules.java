package org.polder.microtask.internal;

import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRule.Parameter;
import org.polder.common.AutomatedRules;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/** The automated rules of microtasks, for the public register. Change the version and date with the rule. */
@Component
class MicrotaskRules implements AutomatedRules {

    static final LocalDate FIRST = LocalDate.of(2026, 11, 22);

    @Override
    public List<AutomatedRule> rules() {
        return List.of(
                new AutomatedRule("microtask.claim-order", 1, FIRST, "microtasks",
                        "Which task a worker gets when they ask for the next one: the first open task (in file order) of the batch they chose, "
                                + "or of the longest-published batch they may work on, that they have not had before.",
                        List.of("open slots per task", "the worker's earlier assignments", "batch state and expiry",
                                "the batch's required qualifications", "quality-rule stops"),
                        List.of(new Parameter("order", "batch publication time, then row number", "decides alone")),
                        "No ranking of workers: every worker who may work on a batch gets the next open task."),
                new AutomatedRule(GOLD_SCHEDULE, 1, FIRST, "microtasks",
                        "When a worker's next task is a control (gold) question.",
                        List.of("the worker's tasks and control questions so far in the batch", "the batch's control-question rate"),
                        List.of(new Parameter("rate", "set per batch (0-50%)", "decides, to within one question"),
                                new Parameter("chance", "a random draw when less than one control question is due", "decides where they fall")),
                        "Control questions are paid like any task."),
                new AutomatedRule("microtask.assignment-expiry", 1, FIRST, "microtasks",
                        "Ends an assignment whose allotted time ran out before it was submitted; the task goes back on offer to others.",
                        List.of("claim time", "allotted time of the batch"),
                        List.of(new Parameter("allotted time", "set per batch (30 s to 24 h)", "decides alone")),
                        "It is not held against the worker and changes nothing else, so an override has nothing to reverse."),
                new AutomatedRule("review.auto-approval", 1, FIRST, "microtasks",
                        "Approves, and pays, submitted work that the requester did not review within the batch's review window.",
                        List.of("submission time", "review window of the batch"),
                        List.of(new Parameter("review window", "set per batch, 72 hours unless set, at most 30 days", "decides alone")),
                        "Silence means approval: the worker is paid, so an override has nothing to reverse."),
                new AutomatedRule("microtask.batch-expiry", 1, FIRST, "microtasks",
                        "Takes a batch off offer when it expires and returns the unspent escrow to the requester.",
                        List.of("expiry time of the batch", "escrow", "work under way"),
                        List.of(new Parameter("expiry", "set per batch", "decides alone")),
                        "Work under way can still be submitted and is paid."),
                new AutomatedRule(QualityRules.GOLD_ACCURACY, QualityRules.GOLD_ACCURACY_VERSION, FIRST, "microtasks",
                        "Stops giving a worker new tasks of one batch when too few of their control questions in it were right.",
                        List.of("the worker's scored control answers in the batch"),
                        List.of(new Parameter("minimum accuracy", "set per batch (1-100%)", "decides with the next"),
                                new Parameter("minimum evidence", "set per batch, never fewer than " + QualityRules.MINIMUM_EVIDENCE
                                        + " scored answers", "no decision below it")),
                        "Only new tasks of that batch: work already done is reviewed and paid, the account is untouched. "
                                + "The worker reads the decision and its numbers."),
                new AutomatedRule(DYNAMIC_OVERLAP, 1, FIRST, "microtasks",
                        "Whether a task is offered to one more worker: only while its answer is below the batch's confidence bar, up to a maximum.",
                        List.of("the task's answers", "each answering worker's control-question accuracy in the batch (0.7 until 5 are scored)"),
                        List.of(new Parameter("confidence bar", "set per batch (50-99%)", "decides with the next"),
                                new Parameter("maximum answers", "set per batch", "upper bound")),
                        "Decides about tasks, not about workers."),
                new AutomatedRule(LowPayCheck.RULE, LowPayCheck.RULE_VERSION, FIRST, "microtasks",
                        "Compares a batch's measured pay per active hour with the floor once enough work is submitted; below it, "
                                + "tops up every assignment of the batch by the amount that lifts the median to the floor (paid from escrow "
                                + "that the requester funds), or pauses the batch until the requester resumes it with that top-up.",
                        List.of("reward and active time (claim to submit, measured by the server) of each submitted assignment",
                                "the hourly floor", "the requester's balance"),
                        List.of(new Parameter("minimum evidence", "platform parameter pay.low-pay-min-assignments (20 unless changed "
                                        + "after a consultation)", "no decision below it"),
                                new Parameter("measure", "median of reward x 3600 / active seconds", "decides with the floor"),
                                new Parameter("policy", "platform parameter pay.low-pay-policy: TOP_UP (pauses instead when the requester's "
                                        + "balance cannot fund it) or PAUSE", "decides the effect")),
                        "Never lowers anyone's pay. Each top-up is a decision the worker reads and a posting in the ledger; it only pays, so an "
                                + "override has nothing to reverse."),
                new AutomatedRule(PAY_FLOOR, 2, LocalDate.of(2026, 12, 7), "all work",
                        "Refuses to publish work whose reward per expected hour is below the platform's hourly floor, or below the "
                                + "minimum of a collective agreement in force for that kind of work (and shift role); errand prices are "
                                + "raised to it instead, in a line that names the agreement.",
                        List.of("reward", "expected time", "the kind of work and, for shifts, the role's name"),
                        List.of(new Parameter("hourly floor", "platform parameter pay.hourly-floor-cents (first the Dutch minimum wage); "
                                        + "changed only after a consultation, see /consultations", "decides alone"),
                                new Parameter("collective minimum", "the highest hourly minimum of the collective agreements signed with a union "
                                        + "its workers mandate or the elected representatives, on the days they are valid (see /rules)", "decides when higher")),
                        "Protects workers; it decides about requesters' work."));
    }

    static final String GOLD_SCHEDULE = "microtask.gold-schedule";
    static final String DYNAMIC_OVERLAP = "microtask.dynamic-overlap";
    static final String PAY_FLOOR = "work.pay-floor";
}
