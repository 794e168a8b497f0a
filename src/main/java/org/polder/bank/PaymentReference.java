package org.polder.bank;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structured creditor reference (ISO 11649, "RF" and two check digits) that tells Polder whose a bank
 * transfer is: an organisation's top-up ({@code RF..POLDERORG42}) or a worker's verification transfer
 * ({@code RF..POLDERWKR7}). Stable for each owner; a typing error fails the check digits, so that a transfer
 * never reaches the wrong owner.
 */
public record PaymentReference(Kind kind, long ownerId) {

    public enum Kind {
        ORGANISATION("POLDERORG"), WORKER("POLDERWKR");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern WHOLE = Pattern.compile("RF(\\d{2})([A-Z0-9]{1,21})");

    public static PaymentReference organisation(long id) {
        return new PaymentReference(Kind.ORGANISATION, id);
    }

    public static PaymentReference worker(long id) {
        return new PaymentReference(Kind.WORKER, id);
    }

    /** The reference as it is typed, without spaces: {@code RF} + check digits + body. */
    public String text() {
        String body = kind.prefix + ownerId;
        return "RF" + checkDigits(body) + body;
    }

    /** In groups of four, as banks print it. */
    public String formatted() {
        return text().replaceAll("(.{4})(?!$)", "$1 ");
    }

    /**
     * The first valid Polder reference in a transfer's description, written whole or in groups ("RF18 POLD EROR
     * G42"). Groups are joined one at a time and the shortest valid reference wins, so that a word or number
     * after the reference is never read as part of it.
     */
    public static Optional<PaymentReference> find(String remittance) {
        if (remittance == null) {
            return Optional.empty();
        }
        String[] words = remittance.toUpperCase(Locale.ROOT).split("[^A-Z0-9]+");
        for (int i = 0; i < words.length; i++) {
            if (!words[i].startsWith("RF")) {
                continue;
            }
            StringBuilder joined = new StringBuilder();
            for (int j = i; j < words.length && joined.length() + words[j].length() <= 25; j++) {
                joined.append(words[j]);
                Optional<PaymentReference> found = parse(joined.toString());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<PaymentReference> parse(String text) {
        Matcher m = WHOLE.matcher(text);
        if (!m.matches() || !checkDigits(m.group(2)).equals(m.group(1))) {
            return Optional.empty();
        }
        String body = m.group(2);
        for (Kind kind : Kind.values()) {
            if (body.startsWith(kind.prefix) && body.substring(kind.prefix.length()).matches("[1-9]\\d{0,11}")) {
                return Optional.of(new PaymentReference(kind, Long.parseLong(body.substring(kind.prefix.length()))));
            }
        }
        return Optional.empty();
    }

    /** ISO 11649: the body and "RF00" as digits (A = 10 ... Z = 35), 98 minus that modulo 97. */
    static String checkDigits(String body) {
        StringBuilder digits = new StringBuilder();
        for (char c : (body + "RF00").toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return String.format(Locale.ROOT, "%02d", check);
    }
}
