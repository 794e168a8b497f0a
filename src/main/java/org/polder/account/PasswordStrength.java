package org.polder.account;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import org.polder.common.DomainException;
import org.springframework.context.i18n.LocaleContextHolder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Refuses passwords that are too easy to guess, with advice on a better one: zxcvbn (a maintained
 * estimator of how many guesses a password takes, with dictionaries of common passwords, names and
 * words) must rate it at least {@value #MINIMUM_SCORE} of 4, counting the account's own name as a word
 * an attacker would try first.
 */
final class PasswordStrength {

    static final int MINIMUM_SCORE = 3;
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    /** zxcvbn's matching grows fast with length; past this many characters a password is long enough to judge by its start. */
    private static final int MEASURED = 100;
    private static final Zxcvbn ZXCVBN = new Zxcvbn();

    private PasswordStrength() {
    }

    static void check(String password, String... personal) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw DomainException.invalid("password: between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters")
                    .code("problem.account.passwordLength", MIN_LENGTH, MAX_LENGTH);
        }
        List<String> words = Arrays.stream(personal).filter(Objects::nonNull).toList();
        Strength strength = ZXCVBN.measure(password.length() > MEASURED ? password.substring(0, MEASURED) : password, words);
        if (strength.getScore() < MINIMUM_SCORE) {
            throw DomainException.invalid("password: too easy to guess. " + advice(strength.getFeedback(), Locale.ENGLISH))
                    .code("problem.account.weakPassword", advice(strength.getFeedback(), LocaleContextHolder.getLocale()));
        }
    }

    private static String advice(Feedback feedback, Locale locale) {
        Feedback local = feedback.withResourceBundle(ResourceBundle.getBundle("com/nulabinc/zxcvbn/messages", locale));
        List<String> parts = new ArrayList<>();
        if (local.getWarning() != null && !local.getWarning().isBlank()) {
            parts.add(local.getWarning());
        }
        parts.addAll(local.getSuggestions());
        if (parts.isEmpty()) {
            parts.add("nl".equals(locale.getLanguage()) ? "Gebruik een paar ongewone woorden achter elkaar." : "Use a few uncommon words together.");
        }
        return String.join(" ", parts);
    }
}
