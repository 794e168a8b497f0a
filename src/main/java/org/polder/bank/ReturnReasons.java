package org.polder.bank;

import java.util.Map;

/** The SEPA reason codes a bank gives when it sends a transfer back, in words a worker understands. */
final class ReturnReasons {

    private static final Map<String, String> WORDS = Map.of(
            "AC01", "the account number is wrong",
            "AC04", "the account is closed",
            "AC06", "the account is blocked",
            "AG01", "the account does not accept this transfer",
            "AM05", "the bank saw this transfer twice",
            "BE04", "the bank needs the holder's address",
            "MD07", "the account holder has died",
            "MS02", "the account holder refused it",
            "MS03", "the bank gave no reason",
            "RC01", "the bank code is wrong");

    private ReturnReasons() {
    }

    static String describe(String code) {
        String words = code == null ? null : WORDS.get(code);
        return words == null ? "returned by the bank (" + (code == null ? "no reason given" : code) + ")" : words + " (" + code + ")";
    }
}
