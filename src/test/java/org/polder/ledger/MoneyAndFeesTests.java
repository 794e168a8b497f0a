package org.polder.ledger;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyAndFeesTests {

    @Test
    void moneyAddsInCentsAndRefusesMixedCurrencies() {
        assertThat(Money.euros(1050).plus(Money.euros(5)).decimal()).isEqualTo("10.55");
        assertThat(Money.euros(7).times(3)).isEqualTo(Money.euros(21));
        assertThatThrownBy(() -> Money.euros(1).plus(new Money(1, "USD"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyInASentenceReadsAsPeopleWriteIt() {
        assertThat(Money.euros(1471) + " for time on duty").isEqualTo("€14.71 for time on duty");
        assertThat(new Money(250, "GBP").toString()).isEqualTo("GBP 2.50");
    }

    @Test
    void feeIsRoundedToTheNearestCent() {
        assertThat(Fees.feeFor(10, 20)).isEqualTo(2);
        assertThat(Fees.feeFor(12, 20)).isEqualTo(2);   // 2.4 -> 2
        assertThat(Fees.feeFor(13, 20)).isEqualTo(3);   // 2.6 -> 3
        assertThat(Fees.feeFor(25, 10)).isEqualTo(3);   // 2.5 -> 3, as before
        assertThat(Fees.feeFor(1000, 0)).isZero();
    }
}
