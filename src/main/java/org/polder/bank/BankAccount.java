package org.polder.bank;

import java.time.Instant;

/** The bank account a worker is paid to, or an organisation pays from, and whether it is verified and how. */
public record BankAccount(long id, Owner owner, long ownerId, String iban, String holderName, Instant changedAt,
                          Instant verifiedAt, String verifiedHow) {

    public enum Owner { WORKER, ORGANISATION }

    public boolean verified() {
        return verifiedAt != null;
    }

    /** The IBAN in groups of four, as printed on a bank card. */
    public String formattedIban() {
        return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** Only the last four characters, for records that need not show the whole number. */
    public String maskedIban() {
        return masked(iban);
    }

    static String masked(String iban) {
        return iban.substring(0, 2) + " … " + iban.substring(Math.max(2, iban.length() - 4));
    }
}
