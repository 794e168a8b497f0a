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
}
