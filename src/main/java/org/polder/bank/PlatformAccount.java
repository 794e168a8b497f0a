package org.polder.bank;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's own bank account: where requesters transfer top-ups to, what payout runs are paid from, and
 * which statements are imported. Set by {@code polder.bank.iban}, {@code .name} and {@code .bic}.
 */
@Component
public class PlatformAccount {

    private final String iban;
    private final String name;
    private final String bic;

    PlatformAccount(@Value("${polder.bank.iban:NL91ABNA0417164300}") String iban,
                    @Value("${polder.bank.name:Polder Platform}") String name,
                    @Value("${polder.bank.bic:ABNANL2A}") String bic) {
        this.iban = BankAccounts.checkedIban(iban);
        this.name = name;
        this.bic = bic;
    }

    public String iban() {
        return iban;
    }

    public String formattedIban() {
        return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }

    public String name() {
        return name;
    }

    public String bic() {
        return bic;
    }
}
