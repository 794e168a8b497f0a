package org.polder.common;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentences rules write are read in each reader's language, money in euros and moments in local time. (Number
 * formats put a no-break space between € and the amount in Dutch; the checks read it as a space.)
 */
class WordsTests {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    private final ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");

    WordsTests() {
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    @Test
    void moneyAndMomentsAreFilledInForTheReader() {
        Words offered = Words.of("decision.effect.errandOffered", "1234", Words.money(590), Words.at(Instant.parse("2026-12-02T17:05:00Z")));
        assertThat(offered.in(messages, Locale.ENGLISH, amsterdam).replace('\u00a0', ' '))
                .startsWith("Errand 1234 is offered to you for €5.90 until Dec 2, 2026, 18:05.");
        assertThat(offered.in(messages, Locale.forLanguageTag("nl"), amsterdam).replace('\u00a0', ' '))
                .startsWith("Klus 1234 wordt je aangeboden voor € 5,90 tot 2 dec. 2026, 18:05.");
    }

    @Test
    void daysAndDecimalsFollowTheLanguage() {
        assertThat(Words.of("decision.effect.dutyTopUp", Words.money(1250), Words.day(LocalDate.of(2026, 11, 3)))
                .in(messages, Locale.forLanguageTag("nl"), amsterdam).replace('\u00a0', ' ')).isEqualTo("Je krijgt € 12,50 extra voor je tijd in dienst op 3 nov. 2026");
        assertThat(Words.of("decision.effect.hoursPaid", Words.money(5000), 2.5).in(messages, Locale.ENGLISH, amsterdam).replace('\u00a0', ' '))
                .isEqualTo("Paid €50.00 for 2.5 hours");
        assertThat(Words.of("decision.effect.hoursPaid", Words.money(5000), 2.5).in(messages, Locale.forLanguageTag("nl"), amsterdam).replace('\u00a0', ' '))
                .isEqualTo("€ 50,00 betaald voor 2,5 uur");
    }

    @Test
    void anUnknownKeyShowsTheKeyRatherThanFailing() {
        assertThat(Words.of("no.such.key").in(messages, Locale.ENGLISH, amsterdam).replace('\u00a0', ' ')).isEqualTo("no.such.key");
    }
}
