package org.polder.bank;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Payment references (ISO 11649) are found in what payers type, and a typing error never names another owner. */
class PaymentReferenceTests {

    @Test
    void checkDigitsFollowIso11649() {
        // The standard's own example: RF18 5390 0754 7034.
        assertThat(PaymentReference.checkDigits("539007547034")).isEqualTo("18");
        assertThat(PaymentReference.organisation(42).text()).startsWith("RF").endsWith("POLDERORG42");
        assertThat(PaymentReference.organisation(42).formatted()).matches("(\\S{4} )+\\S{1,4}");
    }

    @Test
    void aReferenceIsFoundHoweverItIsWrittenAndWhateverFollowsIt() {
        PaymentReference org = PaymentReference.organisation(42);
        PaymentReference worker = PaymentReference.worker(7);
        assertThat(PaymentReference.find(org.text())).contains(org);
        assertThat(PaymentReference.find("Opwaarderen " + org.formatted() + " december")).contains(org);
        assertThat(PaymentReference.find(org.formatted().toLowerCase() + " 0")).contains(org);
        assertThat(PaymentReference.find("ref:" + org.text() + ", thanks")).contains(org);
        assertThat(PaymentReference.find("verify " + worker.text())).contains(worker);
        assertThat(PaymentReference.find("factuur 2026-118")).isEmpty();
        assertThat(PaymentReference.find(null)).isEmpty();
        assertThat(PaymentReference.find("RF18 5390 0754 7034")).as("valid, but not Polder's").isEmpty();
    }

    @Test
    void aMistypedReferenceIsNeverReadAsAnotherOwnersOwn() {
        Random random = new Random(20261206);
        for (int n = 0; n < 2_000; n++) {
            long owner = 1 + random.nextInt(1_000_000);
            String text = PaymentReference.organisation(owner).text();
            // One character changed, or two neighbours swapped: the check digits catch it.
            char[] typed = text.toCharArray();
            int at = 4 + random.nextInt(typed.length - 4);
            if (random.nextBoolean() && at + 1 < typed.length && typed[at] != typed[at + 1]) {
                char c = typed[at];
                typed[at] = typed[at + 1];
                typed[at + 1] = c;
            } else {
                char was = typed[at];
                typed[at] = Character.isDigit(was) ? (char) ('0' + (was - '0' + 1 + random.nextInt(9)) % 10) : 'X';
            }
            Optional<PaymentReference> found = PaymentReference.find(new String(typed));
            assertThat(found).as("seed 20261206, case %d: %s typed as %s", n, text, new String(typed))
                    .isEmpty();
        }
    }

    @Test
    void namesAreTheSameWhateverTheOrderCaseOrAccents() {
        assertThat(BankAccounts.sameName("Ada Jansen", "JANSEN ADA")).isTrue();
        assertThat(BankAccounts.sameName("Zoë de Wit", "Zoe de Wit")).isTrue();
        assertThat(BankAccounts.sameName("A. Jansen", "Jansen, A.")).isTrue();
        assertThat(BankAccounts.sameName("A. Jansen", "B. Jansen")).isFalse();
        assertThat(BankAccounts.sameName("Ada Jansen", null)).isFalse();
    }
}
