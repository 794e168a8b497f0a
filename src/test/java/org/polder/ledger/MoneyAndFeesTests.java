package org.polder.ledger;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

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
    void feeIsRoundedToTheNearestCent() {
        Fees fees = new Fees(BigDecimal.valueOf(20));
        assertThat(fees.feeFor(10)).isEqualTo(2);
        assertThat(fees.feeFor(12)).isEqualTo(2);   // 2.4 -> 2
        assertThat(fees.feeFor(13)).isEqualTo(3);   // 2.6 -> 3
        assertThat(new Fees(BigDecimal.ZERO).feeFor(1000)).isZero();
    }
}
