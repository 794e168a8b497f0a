package org.polder.oversight;

/**
 * The decisions oversight itself takes: suspensions, requesters' blocks of a worker from their work, and the
 * answers to appeals and overrides.
 */
public enum OversightDecision implements DecisionType {
    ACCOUNT_SUSPENDED, ACCOUNT_REINSTATED, APPEAL_UPHELD, APPEAL_DISMISSED, DECISION_OVERRIDDEN, BLOCKED_BY_REQUESTER, BLOCK_LIFTED;

    @Override
    public org.polder.notify.NoticeKind notice() {
        return switch (this) {
            case ACCOUNT_SUSPENDED, ACCOUNT_REINSTATED, BLOCKED_BY_REQUESTER, BLOCK_LIFTED -> org.polder.notify.NoticeKind.SUSPENSION;
            case APPEAL_UPHELD, APPEAL_DISMISSED -> org.polder.notify.NoticeKind.APPEAL;
            default -> org.polder.notify.NoticeKind.DECISION;
        };
    }
}
