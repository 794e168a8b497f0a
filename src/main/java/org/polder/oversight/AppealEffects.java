package org.polder.oversight;

/**
 * Reverses the effect of a decision when an appeal about it is upheld or a moderator overrides it. Each
 * module that takes decisions provides one, as a class of its own in its {@code internal} package, for
 * the decision types it takes; it must act at most once (the appeal moves from OPEN only once).
 */
public interface AppealEffects {

    /** Whether this handles the decision type. */
    boolean handles(String decisionType);

    /** Reverses the decision's effect, inside the upholding transaction; returns what was done, in words for the worker. */
    org.polder.common.Words reverse(Decision decision, long moderatorId);

    /**
     * This module's automated decision types that leave nothing to reverse (they paid the worker, or bound
     * nobody); why is said by the message {@code override.nothing.<type>}. Every other automated decision type
     * it records it handles.
     */
    default java.util.Set<String> nothingToReverse() {
        return java.util.Set.of();
    }
}
