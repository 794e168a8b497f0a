package org.polder.voice;

import org.polder.work.Parameter;

import java.time.Instant;

/** A notice of a proposed change to a rule parameter, open for comments until {@code closesAt}. */
public record Consultation(long id, Parameter parameter, String oldValue, String newValue, String explanation, long proposedBy,
                           Instant opensAt, Instant closesAt, State state, Long decidedBy, Instant decidedAt, String decisionNote,
                           long comments) {

    public enum State { OPEN, APPLIED, WITHDRAWN }

    /** Whether comments are still taken (and the change cannot yet be made). */
    public boolean commentPeriodRunning(Instant now) {
        return state == State.OPEN && now.isBefore(closesAt);
    }

    /** The rule in the register this parameter belongs to. */
    public String rule() {
        return parameter.rule();
    }
}
