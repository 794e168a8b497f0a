package org.polder.voice;

import org.polder.work.Parameter;

import java.time.Instant;

/**
 * A notice of a proposed change to a rule parameter, open for comments until {@code closesAt}. A binding one (on a
 * platform run as a cooperative) is decided by the working members' vote when it closes; its counts are shown once it
 * closed ({@code vote} is null while it runs and for an advisory one).
 */
public record Consultation(long id, Parameter parameter, String oldValue, String newValue, String explanation, long proposedBy,
                           Instant opensAt, Instant closesAt, State state, Long decidedBy, Instant decidedAt, String decisionNote,
                           long comments, boolean binding, VoteResult vote) {

    public enum State { OPEN, APPLIED, REJECTED, WITHDRAWN }

    /** The result of a binding vote: the counts, how many were entitled to vote, and the quorum and majority it needed. */
    public record VoteResult(int yes, int no, int eligible, int quorumPercent, int majorityPercent) {

        public int turnoutPercent() {
            return eligible == 0 ? 0 : Math.round((yes + no) * 100f / eligible);
        }

        public boolean carried() {
            return org.polder.work.Governance.carried(yes, no, eligible, quorumPercent, majorityPercent);
        }
    }

    /** Whether comments are still taken (and the change cannot yet be made). */
    public boolean commentPeriodRunning(Instant now) {
        return state == State.OPEN && now.isBefore(closesAt);
    }

    /** The rule in the register this parameter belongs to. */
    public String rule() {
        return parameter.rule();
    }
}
