package org.polder.quality;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfidenceTests {

    @Test
    void twoAgreeingWorkersOfSeventyPercentAreAbout92PercentSureAmongThreeOptions() {
        // cat: 0.7 * 0.7 = 0.49; dog and other: 0.15 * 0.15 each.
        assertThat(Confidence.of(3, new int[]{0, 0}, new double[]{0.7, 0.7})).isCloseTo(0.49 / (0.49 + 2 * 0.0225), within(1e-9));
    }

    @Test
    void disagreementLowersConfidenceAndAccurateWorkersWeighMore() {
        double split = Confidence.of(3, new int[]{0, 1}, new double[]{0.7, 0.7});
        assertThat(split).isLessThan(0.5);
        double[] p = Confidence.posterior(3, new int[]{0, 1}, new double[]{0.95, 0.6});
        assertThat(p[0]).isGreaterThan(p[1]);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void noAnswersMeansNoPreference() {
        assertThat(Confidence.of(4, new int[0], new double[0])).isCloseTo(0.25, within(1e-9));
    }
}
