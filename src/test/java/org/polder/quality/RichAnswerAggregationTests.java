package org.polder.quality;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The aggregations of boxes, comparisons, free text and ratings, each against a case worked out by hand. */
class RichAnswerAggregationTests {

    private static BoxAggregation.Box box(double x, double y, double w, double h, String label) {
        return new BoxAggregation.Box(x, y, w, h, label);
    }

    @Test
    void boxesThatAMajorityDrewAreMergedEdgeByEdgeAndTheRestDropped() {
        // Three workers; all drew the cat (slightly apart), one each drew something nobody else saw.
        var result = BoxAggregation.aggregate(List.of(
                List.of(box(0.1, 0.1, 0.2, 0.2, "cat"), box(0.6, 0.6, 0.2, 0.2, "dog")),
                List.of(box(0.12, 0.1, 0.2, 0.2, "cat")),
                List.of(box(0.1, 0.12, 0.2, 0.2, "dog"), box(0.8, 0.0, 0.1, 0.1, "cat"))), BoxAggregation.DEFAULT_IOU);
        assertThat(result.boxes()).hasSize(1);
        var cat = result.boxes().get(0);
        // Median edges: left (0.1, 0.12, 0.1) -> 0.1, top -> 0.1, right (0.3, 0.32, 0.3) -> 0.3, bottom -> 0.3.
        assertThat(cat.box()).isEqualTo(box(0.1, 0.1, 0.2, 0.2, "cat"));
        assertThat(cat.support()).isEqualTo(3);
        // IoU with the merged box: 1, and 0.036 / 0.044 = 0.8182 twice.
        assertThat(cat.meanIou()).isCloseTo((1 + 2 * 0.036 / 0.044) / 3, within(1e-9));
        assertThat(result.confidence()).isCloseTo((1 + 2 * 0.036 / 0.044) / 3, within(1e-9));
        assertThat(result.answers()).isEqualTo(3);
    }

    @Test
    void whenMostWorkersDrewNothingTheAnswerIsNothingWithTheirShareAsConfidence() {
        var result = BoxAggregation.aggregate(List.of(List.of(), List.of(), List.of(box(0.2, 0.2, 0.3, 0.3, null))), 0.5);
        assertThat(result.boxes()).isEmpty();
        assertThat(result.confidence()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(box(0, 0, 0.5, 0.5, null).iou(box(0.5, 0.5, 0.5, 0.5, null))).isZero();
        assertThat(box(0, 0, 0.5, 0.5, null).iou(box(0, 0, 0.5, 0.25, null))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void bradleyTerryOnATreeOfComparisonsGivesTheRatiosOfTheWins() {
        // A beat B 2:1 and B beat C 2:1; on a tree each pair is fitted exactly: s_A/s_B = 2, s_B/s_C = 2 -> 4/7, 2/7, 1/7.
        var ranking = BradleyTerry.fit(List.of(c("A", "B"), c("A", "B"), c("B", "A"), c("B", "C"), c("B", "C"), c("C", "B")), 0);
        assertThat(ranking.items()).extracting(BradleyTerry.Ranked::item).containsExactly("A", "B", "C");
        assertThat(ranking.score("A")).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(ranking.score("B")).isCloseTo(2.0 / 7, within(1e-9));
        assertThat(ranking.score("C")).isCloseTo(1.0 / 7, within(1e-9));
        assertThat(ranking.probability("A", "B")).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(ranking.items().get(0).wins()).isEqualTo(2);
        assertThat(ranking.items().get(1).comparisons()).isEqualTo(6);
    }

    @Test
    void withThePriorAnItemThatNeverLostStillGetsAFiniteScore() {
        var ranking = BradleyTerry.fit(List.of(c("X", "Y"), c("X", "Y"), c("X", "Y")), BradleyTerry.DEFAULT_PRIOR);
        assertThat(ranking.score("X")).isBetween(0.5, 0.99);
        assertThat(ranking.score("X") + ranking.score("Y")).isCloseTo(1, within(1e-9));
        // Without a prior the model would give X all the strength; with it, X wins with a probability below 1.
        assertThat(ranking.probability("X", "Y")).isBetween(0.7, 0.99);
    }

    @Test
    void freeTextAgreesOnTheNormalisedMajorityOrTheAnswerClosestToAll() {
        var amsterdam = TextAgreement.aggregate(List.of("Amsterdam", "amsterdam ", "Rotterdam"));
        assertThat(amsterdam.value()).isEqualTo("Amsterdam");
        // Similarities to "amsterdam": 1, 1, and 1 - 3/9 for "rotterdam" (three letters differ).
        assertThat(amsterdam.confidence()).isCloseTo((2 + 6.0 / 9) / 3, within(1e-9));
        // No majority: colour (1, 5/6, 4/6) 0.833; color (5/6, 1, 4/5) 0.878; colr (4/6, 4/5, 1) 0.822.
        var color = TextAgreement.aggregate(List.of("colour", "color", "colr"));
        assertThat(color.value()).isEqualTo("color");
        assertThat(color.confidence()).isCloseTo((5.0 / 6 + 1 + 0.8) / 3, within(1e-9));
        assertThat(TextAgreement.aggregate(List.of(" ", "")).value()).isNull();
    }

    @Test
    void ratingsTakeTheMedianAndTheShareWithinOneStep() {
        var r = ScaleAggregation.aggregate(List.of(5.0, 1.0, 4.0, 5.0), 1);
        assertThat(r.median()).isEqualTo(4.5);
        assertThat(r.confidence()).isEqualTo(0.75);   // 4, 5 and 5 are within one step of 4.5; 1 is not
        assertThat(ScaleAggregation.aggregate(List.of(3.0, 3.0, 2.0), 0).confidence()).isCloseTo(2.0 / 3, within(1e-12));
    }

    private static BradleyTerry.Comparison c(String winner, String loser) {
        return new BradleyTerry.Comparison(winner, loser);
    }
}
