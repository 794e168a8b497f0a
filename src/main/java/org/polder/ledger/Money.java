package org.polder.ledger;

import org.polder.common.DomainException;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in minor units (cents) of one currency. Never a double. */
public record Money(long cents, String currency) {

    public static final String EUR = "EUR";
    /** The most any single amount may be: ten million euros. Larger ones are refused before any arithmetic. */
    public static final long MAX_CENTS = 1_000_000_000L;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be a three-letter ISO code, was " + currency);
        }
    }

    /**
     * Checks an amount someone typed or sent, in cents: more than zero and at most {@link #MAX_CENTS}.
     * Refuses with a 400 that names the field.
     */
    public static long checkAmount(String field, long cents) {
        if (cents <= 0 || cents > MAX_CENTS) {
            throw DomainException.invalid(field + ": from 1 to " + MAX_CENTS + " cents (10 million euros), was " + cents)
                    .code("problem.money.range", field);
        }
        return cents;
    }

    /**
     * An amount in euros from a form (dot or comma, at most two decimals) as cents, checked like
     * {@link #checkAmount}. Refuses a missing, negative, fractional-cent or too large amount, naming the field.
     */
    public static long centsOfEuros(String field, String euros) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(euros == null ? "" : euros.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw DomainException.invalid(field + ": an amount in euros, e.g. 16.50").code("problem.money.format", field);
        }
        return centsOfEuros(field, amount);
    }

    public static long centsOfEuros(String field, BigDecimal euros) {
        if (euros == null) {
            throw DomainException.invalid(field + ": an amount in euros, e.g. 16.50").code("problem.money.format", field);
        }
        if (euros.stripTrailingZeros().scale() > 2) {
            throw DomainException.invalid(field + ": at most two decimals (whole cents), was " + euros.toPlainString())
                    .code("problem.money.fraction", field);
        }
        if (euros.signum() <= 0 || euros.compareTo(BigDecimal.valueOf(MAX_CENTS, 2)) > 0) {
            throw DomainException.invalid(field + ": from 0.01 to " + BigDecimal.valueOf(MAX_CENTS, 2).toPlainString()
                    + " euros, was " + euros.toPlainString()).code("problem.money.range", field);
        }
        return euros.movePointRight(2).longValueExact();
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

    /** As people read it in a sentence: {@code €12.50} (other currencies keep their code in front). */
    @Override
    public String toString() {
        return (EUR.equals(currency) ? "€" : currency + " ") + decimal();
    }

    private void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " and " + other.currency);
        }
    }
}
