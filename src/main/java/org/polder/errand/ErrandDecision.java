package org.polder.errand;

import org.polder.oversight.DecisionType;

/** The decisions about couriers that errands take. */
public enum ErrandDecision implements DecisionType {
    ERRAND_OFFERED, ERRAND_CANCELLED, ERRAND_FAILED, ERRAND_MINIMUM_TOPUP, DUTY_ENDED_SILENT;

    @Override
    public org.polder.notify.NoticeKind notice() {
        return this == ERRAND_OFFERED ? org.polder.notify.NoticeKind.ERRAND_OFFER : org.polder.notify.NoticeKind.ERRAND;
    }
}
