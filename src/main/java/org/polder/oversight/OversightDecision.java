package org.polder.oversight;

/** The decisions oversight itself takes: suspensions and the answers to appeals and overrides. */
public enum OversightDecision implements DecisionType {
    ACCOUNT_SUSPENDED, ACCOUNT_REINSTATED, APPEAL_UPHELD, APPEAL_DISMISSED, DECISION_OVERRIDDEN
}
