package org.polder.site;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import org.polder.common.Words;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amounts and times as people read them in their language: {@code @fmt.money(1250)} is
 * "€12.50" in English and "€ 12,50" in Dutch. Used by the pages as the bean {@code fmt}.
 */
@Component("fmt")
public class Formats {

    private final ZoneId zone;
    private final MessageSource messages;

    Formats(@Value("${polder.display-zone:Europe/Amsterdam}") String zone, MessageSource messages) {
        this.zone = ZoneId.of(zone);
        this.messages = messages;
    }

    public String money(long cents) {
        return Words.euros(cents, locale());
    }

    /** Why a decision was taken, in the reader's language where it was written as a message key (else as written). */
    public String reason(org.polder.oversight.Decision d) {
        return d.reasonCode() == null ? d.reason() : new Words(d.reasonCode(), d.reasonArgs()).in(messages, locale(), zone);
    }

    /** A sentence kept as words, in the reader's language. */
    public String words(Words words) {
        return words.in(messages, locale(), zone);
    }

    /** What a decision did, in the reader's language where the rule wrote it as words (else as it was written). */
    public String effect(org.polder.oversight.Decision d) {
        return d.effectCode() == null ? d.effect() : new Words(d.effectCode(), d.effectArgs()).in(messages, locale(), zone);
    }

    public String money(org.polder.ledger.Money money) {
        return money == null ? "" : money(money.cents());
    }

    /** A text with decimal numbers written in the reader's way: "2.5 km" reads "2,5 km" in Dutch. */
    public String decimals(String text) {
        if (text == null) {
            return "";
        }
        char separator = java.text.DecimalFormatSymbols.getInstance(locale()).getDecimalSeparator();
        return text.replaceAll("(\\d)\\.(\\d)", "$1" + java.util.regex.Matcher.quoteReplacement(String.valueOf(separator)) + "$2");
    }

    /** The local date and time, the time always on the 24-hour clock: "Dec 2, 2026, 18:00", "2 dec 2026, 18:00". */
    public String dateTime(Instant instant) {
        return instant == null ? "" : Words.dateTime(instant, locale(), zone);
    }

    /** One labelled value of a trail event, as {@link #facts} shows it. */
    public record Fact(String label, String value) {
    }

    /**
     * A trail event's details in words: each field labelled in the reader's language ({@code fact.*}), money in
     * euros, times in the platform's zone. The raw JSON stays for the export and behind "details".
     */
    public List<Fact> facts(String json) {
        List<Fact> facts = new ArrayList<>();
        JsonNode node;
        try {
            node = json == null || json.isBlank() ? null : JSON.readTree(json);
        } catch (RuntimeException e) {
            return facts;
        }
        if (node == null || !node.isObject()) {
            return facts;
        }
        Locale locale = locale();
        for (var field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull() || name.equals("currency") || name.endsWith("Code") || name.endsWith("Args")
                    || (value.isTextual() && value.asString().isBlank())) {
                continue;
            }
            String label = messages.getMessage("fact." + name, null, humanized(name), locale);
            if ((name.equals("effect") || name.equals("reason")) && node.hasNonNull(name + "Code")) {
                // A decision's effect or reason as the rule wrote it in words, in the reader's language.
                List<Object> args = node.hasNonNull(name + "Args") ? JSON.convertValue(node.get(name + "Args"), List.class) : List.of();
                facts.add(new Fact(label, new Words(node.get(name + "Code").asString(), args).in(messages, locale, zone)));
                continue;
            }
            facts.add(new Fact(label, value(name, value, locale)));
        }
        return facts;
    }

    private String value(String name, JsonNode value, Locale locale) {
        if (value.isIntegralNumber() && MONEY.matcher(name).matches()) {
            return money(value.asLong());
        }
        if (value.isNumber()) {
            return NumberFormat.getNumberInstance(locale).format(value.numberValue());
        }
        if (value.isBoolean()) {
            return messages.getMessage(value.asBoolean() ? "fact.yes" : "fact.no", null, locale);
        }
        if (value.isTextual()) {
            String text = value.asString();
            if (INSTANT.matcher(text).matches()) {
                try {
                    return dateTime(Instant.parse(text));
                } catch (java.time.format.DateTimeParseException notAnInstant) {
                    return text;
                }
            }
            if (text.matches("[A-Za-z_-]{2,40}")) {
                // A word a rule wrote (nearest, TOP_UP, PIN): in the reader's language where there are words for it.
                return messages.getMessage("fact.value." + text, null, text, locale);
            }
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
        if (value.isObject()) {
            // Nested values (a decision's inputs): each labelled the same way, in one line.
            List<String> parts = new ArrayList<>();
            for (var field : value.properties()) {
                if (!field.getValue().isNull()) {
                    parts.add(messages.getMessage("fact." + field.getKey(), null, humanized(field.getKey()), locale) + ": "
                            + value(field.getKey(), field.getValue(), locale));
                }
            }
            return String.join("; ", parts);
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(item -> parts.add(value(name, item, locale)));
            return String.join(", ", parts);
        }
        String compact = value.toString();
        return compact.length() > 200 ? compact.substring(0, 200) + "…" : compact;
    }

    /** A rule parameter's name in words ({@code parameter.*}), e.g. "Hourly pay floor" for pay.hourly-floor-cents. */
    public String parameterName(String key) {
        return messages.getMessage("parameter." + key, null, key, locale());
    }

    /** A rule parameter's value as people read it: cents in euros, a percentage with %, hours with h, a choice in words. */
    public String parameterValue(String key, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String v = value.strip();
        if (v.matches("-?\\d{1,15}")) {
            long n = Long.parseLong(v);
            if (key.endsWith("-cents")) {
                return money(n);
            }
            if (key.endsWith("percent")) {
                return n + " %";
            }
            if (key.contains("hours")) {
                return n + " h";
            }
            return NumberFormat.getNumberInstance(locale()).format(n);
        }
        return messages.getMessage("parameter.value." + v, null, v, locale());
    }

    /** Fields that hold an amount in cents. */
    private static final java.util.regex.Pattern MONEY = java.util.regex.Pattern.compile(
            "(?i).*(cents|amount|reward|pay|total|fee|bonus|compensation|escrow|returned|topUp|topUpPerAssignment|refund|rate|floorPerHour|medianPerHour|measured|guarantee|earnedFromErrands)");
    private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** "distanceKm" as "Distance km", for a field without a label of its own. */
    static String humanized(String name) {
        String words = name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? name : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The day in UTC as yyyy-MM-dd, for periods reported in UTC. */
    public String utcDay(Instant instant) {
        return instant == null ? "" : instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The local time of day, e.g. 18:00. */
    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(instant);
    }

    /** The value of a {@code date} field: the local day, e.g. 2026-12-24. */
    public String inputDate(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone).format(instant);
    }

    /** The value of a {@code datetime-local} field: local date and time to the minute. */
    public String inputDateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(zone).format(instant);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone).format(instant);
    }

    /** A calendar day (a booking date at the bank, say), in the reader's language: "Dec 3, 2026", "3 dec 2026". */
    public String date(java.time.LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
    }

    /** A language's name in the reader's language, from its ISO 639-1 code: "Dutch", "Nederlands". */
    public String languageName(String code) {
        return code == null ? "" : Locale.forLanguageTag(code).getDisplayLanguage(locale());
    }

    /** Languages' names joined: "Dutch, English". */
    public String languageNames(java.util.List<String> codes) {
        return codes == null ? "" : String.join(", ", codes.stream().map(this::languageName).toList());
    }

    /** A month's name in the reader's language: "January", "januari". */
    public String monthName(int month) {
        return java.time.Month.of(month).getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, locale());
    }

    /** A day of the week as a word: "Monday", "maandag". */
    public String weekday(java.time.DayOfWeek day) {
        return day.getDisplayName(java.time.format.TextStyle.FULL, locale());
    }

    /** Days of the week in order, as words: "Monday, Tuesday, Friday". */
    public String weekdays(java.util.Collection<java.time.DayOfWeek> days) {
        return String.join(", ", days.stream().sorted().map(this::weekday).toList());
    }

    /** A day without its year, as on a chart's axis: "Nov 3", "3 nov". */
    public String day(java.time.LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofPattern(locale().getLanguage().equals("nl") ? "d MMM" : "MMM d", locale()).format(day);
    }

    /** A span of whole hours as people say it: "7 days", "36 hours" ("7 dagen", "36 uur"). */
    public String hoursOrDays(long hours) {
        return hours % 24 == 0 && hours >= 48
                ? messages.getMessage("time.days", new Object[] {hours / 24}, locale())
                : messages.getMessage("time.hours", new Object[] {hours}, locale());
    }

    /** Minutes as hours, as people write them: "3", "2.5", "1.75" ("2,5" in Dutch). */
    public String hours(long minutes) {
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(locale());
        f.setMaximumFractionDigits(2);
        return f.format(minutes / 60.0);
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
    /** An answer as a worker or requester reads it: boxes counted ("2 boxes: cat, dog"), lists joined, the rest as text. */
    public String answer(Object value) {
        if (value instanceof java.util.Map<?, ?> file && file.get("name") != null) {
            return String.valueOf(file.get("name"));   // a photo or document given as the answer
        }
        if (value instanceof java.util.Collection<?> many && !many.isEmpty() && many.iterator().next() instanceof java.util.Map<?, ?>) {
            List<String> labels = many.stream().map(b -> ((java.util.Map<?, ?>) b).get("label")).filter(java.util.Objects::nonNull).map(String::valueOf).toList();
            String boxes = messages.getMessage("answer.boxes", new Object[]{many.size()}, locale());
            return labels.isEmpty() ? boxes : boxes + ": " + String.join(", ", labels);
        }
        if (value instanceof java.util.Collection<?> many) {
            return many.isEmpty() ? messages.getMessage("answer.boxes", new Object[]{0}, locale())
                    : String.join(", ", many.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** A value as JSON for a page's script (a text is taken to be JSON already). */
    public String json(Object value) {
        return value instanceof String s ? s : JSON.writeValueAsString(value);
    }

    /** Where to download a file given as an answer, or null when the answer is not a file. */
    public String fileUrl(Object value) {
        return value instanceof java.util.Map<?, ?> file && file.get("url") != null ? String.valueOf(file.get("url")) : null;
    }

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
