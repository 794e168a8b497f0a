package org.polder.work;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayFloorTests {

    @Test
    void lowestRewardRoundsUpSoThatTheFloorIsAlwaysMet() {
        assertThat(PayFloor.lowestReward(1471, 3600)).isEqualTo(1471);
        assertThat(PayFloor.lowestReward(1471, 30)).isEqualTo(13);   // 12.26 cents -> 13
        assertThat(PayFloor.perHour(13, 30)).isGreaterThanOrEqualTo(1471);
        assertThat(PayFloor.perHour(12, 30)).isLessThan(1471);
    }

    @Test
    void assignmentStatesFollowTheSharedLifecycle() {
        assertThat(AssignmentState.STARTED.canMoveTo(AssignmentState.SUBMITTED)).isTrue();
        assertThat(AssignmentState.SUBMITTED.canMoveTo(AssignmentState.APPROVED)).isTrue();
        assertThat(AssignmentState.APPROVED.canMoveTo(AssignmentState.PAID)).isTrue();
        assertThat(AssignmentState.REJECTED.canMoveTo(AssignmentState.APPROVED)).isFalse();
        assertThat(AssignmentState.PAID.isFinal()).isTrue();
        assertThat(AssignmentState.STARTED.canMoveTo(AssignmentState.PAID)).isFalse();
    }
}
