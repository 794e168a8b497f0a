package org.polder.common;

import org.springframework.context.MessageSource;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sentence kept as a message key and its arguments, so that each reader reads it in their own language, with
 * money in euros and moments in local time: a rule writes {@code Words.of("decision.effect.offered",
 * Words.money(590), Words.at(expires))} once, and a Dutch page shows "€ 5,90" and "2 dec 2026, 18:05". Arguments
 * other than {@link #money}, {@link #at} and {@link #day} are shown as they are.
 */
public record Words(String key, List<Object> args) {

    public static Words of(String key, Object... args) {
        return new Words(key, List.of(args));
    }

    /** An amount in cents, shown in euros. */
    public static Map<String, Object> money(long cents) {
        return Map.of("cents", cents);
    }

    /** A moment, shown as the local date and time. */
    public static Map<String, Object> at(Instant at) {
        return Map.of("at", at.toString());
    }

    /** A day, shown as a date. */
    public static Map<String, Object> day(LocalDate day) {
        return Map.of("day", day.toString());
    }

    /** A name kept as a message of its own (a rule parameter's, say), shown in the reader's language. */
    public static Map<String, Object> text(String key) {
        return Map.of("text", key);
    }

    /** The sentence in that language and time zone. */
    public String in(MessageSource messages, Locale locale, ZoneId zone) {
        Object[] shown = args.stream().map(a -> shown(messages, a, locale, zone)).toArray();
        return messages.getMessage(key, shown, key, locale);
    }

    /** One argument as a reader sees it: a message named by key, euros, a moment or a day in words; anything else as it is. */
    static Object shown(MessageSource messages, Object arg, Locale locale, ZoneId zone) {
        if (arg instanceof Map<?, ?> typed && typed.size() == 1) {
            if (typed.get("text") instanceof String text) {
                return messages.getMessage(text, null, text, locale);
            }
            if (typed.get("cents") instanceof Number cents) {
                return euros(cents.longValue(), locale);
            }
            if (typed.get("at") instanceof String at) {
                return dateTime(Instant.parse(at), locale, zone);
            }
            if (typed.get("day") instanceof String day) {
                return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(LocalDate.parse(day));
            }
        }
        return arg;
    }

    /** Euros as people read them in that language: "€12.50", "€ 12,50". */
    public static String euros(long cents, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance("EUR"));
        return format.format(BigDecimal.valueOf(cents, 2));
    }

    /** The local date and time, the time always on the 24-hour clock: "Dec 2, 2026, 18:00", "2 dec 2026, 18:00". */
    public static String dateTime(Instant instant, Locale locale, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone).format(instant) + ", "
                + DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(instant);
    }
}
