package org.polder.common;

import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** A problem's sentence on a page shows its days, moments and amounts in words, as notices do, never as raw maps. */
class TextsTests {

    @Test
    void daysMomentsAndAmountsInAProblemAreShownInWords() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("problem.test.due", Locale.ENGLISH, "The next gift is due on {0}; it is {1}; asked at {2}.");
        Texts texts = new Texts(messages, "Europe/Amsterdam");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            String shown = texts.of(DomainException.conflict("not due").code("problem.test.due", Words.day(LocalDate.of(2027, 1, 1)),
                    Words.money(125_000), Words.at(java.time.Instant.parse("2026-12-07T17:00:00Z"))));
            assertThat(shown).isEqualTo("The next gift is due on Jan 1, 2027; it is €1,250.00; asked at Dec 7, 2026, 18:00.");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }
}
