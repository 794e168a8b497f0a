package org.polder.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in minor units (cents) of one currency. Never a double. */
public record Money(long cents, String currency) {

    public static final String EUR = "EUR";

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be a three-letter ISO code, was " + currency);
        }
    }

    public static Money euros(long cents) {
        return new Money(cents, EUR);
    }

    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(Math.addExact(cents, other.cents), currency);
    }

    public Money minus(Money other) {
        sameCurrency(other);
        return new Money(Math.subtractExact(cents, other.cents), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(cents, factor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(cents), currency);
    }

    /** Plain decimal text such as {@code 12.50}, for messages and files. */
    public String decimal() {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    @Override
    public String toString() {
        return currency + " " + decimal();
    }

    private void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " and " + other.currency);
        }
    }
}
