package org.polder.ledger;

import org.polder.common.DomainException;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** A posting would overdraw an account that may not go below zero. Nothing was posted. */
public class InsufficientFunds extends DomainException {

    public InsufficientFunds(LedgerAccount account, long balance, long needed) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Insufficient funds",
                "Not enough money in " + account.describe() + ": needs " + new Money(needed, account.currency())
                        + ", has " + new Money(balance, account.currency()),
                Map.of("needed", needed, "available", balance, "shortfall", needed - balance));
        code("problem.funds." + account.type().name(), Money.euros(needed).decimal(), Money.euros(balance).decimal());
    }
}
