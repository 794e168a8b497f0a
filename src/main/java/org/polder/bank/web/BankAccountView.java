package org.polder.bank.web;

import org.polder.bank.BankAccount;
import org.polder.bank.PaymentReference;
import org.polder.bank.PlatformAccount;

import java.time.Instant;

/**
 * A bank account as its owner sees it, with what they need to verify it: the platform's account to transfer
 * to and the reference to give. {@code iban} is null while none is given.
 */
record BankAccountView(String iban, String formattedIban, String holderName, boolean verified, Instant verifiedAt,
                       String verifiedHow, String transferTo, String transferToName, String reference) {

    static BankAccountView of(BankAccount account, PlatformAccount platform, PaymentReference reference) {
        return account == null
                ? new BankAccountView(null, null, null, false, null, null, platform.formattedIban(), platform.name(), reference.formatted())
                : new BankAccountView(account.iban(), account.formattedIban(), account.holderName(), account.verified(), account.verifiedAt(),
                account.verifiedHow(), platform.formattedIban(), platform.name(), reference.formatted());
    }
}
