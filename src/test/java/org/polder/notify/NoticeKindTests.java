package org.polder.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeKindTests {

    @Test
    void eachPersonChoosesOnlyAmongTheKindsTheyCanReceive() {
        assertThat(NoticeKind.receivedBy(true, false)).contains(NoticeKind.SHIFT, NoticeKind.ERRAND_OFFER, NoticeKind.HOME, NoticeKind.ALARM,
                        NoticeKind.PAYOUT, NoticeKind.MESSAGE)
                .doesNotContain(NoticeKind.BATCH, NoticeKind.BALANCE, NoticeKind.APPLICANT);
        assertThat(NoticeKind.receivedBy(false, true)).containsExactlyInAnyOrder(NoticeKind.HOURS, NoticeKind.ERRAND, NoticeKind.HOME, NoticeKind.ALARM, NoticeKind.MESSAGE,
                NoticeKind.BATCH, NoticeKind.BALANCE, NoticeKind.APPLICANT);
        assertThat(NoticeKind.receivedBy(true, true)).containsExactly(NoticeKind.values());
        assertThat(NoticeKind.receivedBy(false, false)).containsExactly(NoticeKind.values());
    }

    @Test
    void offersAreNotMailedAndSingleReviewsNotPushedByDefault() {
        assertThat(NoticeKind.ERRAND_OFFER.byMailByDefault()).isFalse();
        assertThat(NoticeKind.WORK_REVIEWED.byPushByDefault()).isFalse();
        assertThat(NoticeKind.SHIFT.byMailByDefault()).isTrue();
    }
}
