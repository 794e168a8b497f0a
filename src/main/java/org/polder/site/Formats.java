package org.polder.site;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts and times as people read them in their language: {@code @fmt.money(1250)} is
 * "€12.50" in English and "€ 12,50" in Dutch. Used by the pages as the bean {@code fmt}.
 */
@Component("fmt")
public class Formats {

    private final ZoneId zone;

    Formats(@Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    public String money(long cents) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale());
        format.setCurrency(Currency.getInstance("EUR"));
        return format.format(BigDecimal.valueOf(cents, 2));
    }

    public String money(org.polder.ledger.Money money) {
        return money == null ? "" : money(money.cents());
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(zone).format(instant);
    }

    /** The day in UTC as yyyy-MM-dd, for periods reported in UTC. */
    public String utcDay(Instant instant) {
        return instant == null ? "" : instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The local time of day, e.g. 18:00. */
    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(instant);
    }

    /** The value of a {@code datetime-local} field: local date and time to the minute. */
    public String inputDateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(zone).format(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone).format(instant);
    }

    /** A duration such as "1 h 5 min" or "45 s". */
    public String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min" + (d.toSecondsPart() > 0 ? " " + d.toSecondsPart() + " s" : "");
        }
        return seconds + " s";
    }

    /** Whether a form value (one choice, or a list of choices) includes the option. */
    public boolean chosen(Object value, String option) {
        return value instanceof java.util.Collection<?> many ? many.contains(option) : option.equals(value);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String language() {
        return locale().getLanguage();
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
