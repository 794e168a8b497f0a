package org.polder.quality;

import org.polder.oversight.DecisionType;

/** The decisions about workers' qualifications. */
public enum QualityDecision implements DecisionType {
    QUALIFICATION_GRANTED, QUALIFICATION_NOT_GRANTED, QUALIFICATION_REVOKED
}
