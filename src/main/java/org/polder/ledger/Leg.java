package org.polder.ledger;

/** One line of a ledger transaction: a positive amount credits the account, a negative one debits it. */
public record Leg(LedgerAccount account, long amount) {

    public static Leg credit(LedgerAccount account, Money money) {
        return new Leg(account, money.cents());
    }

    public static Leg debit(LedgerAccount account, Money money) {
        return new Leg(account, -money.cents());
    }
}
