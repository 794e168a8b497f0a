package org.polder.microtask.internal;

import org.polder.common.DomainException;
import org.polder.microtask.AnswerField;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a worker's answers against the template's fields and returns them normalised: choices as
 * given, multiple choices as a list in the template's order, numbers as numbers, text stripped.
 */
public final class AnswerRules {

    private AnswerRules() {
    }

    public static Map<String, Object> check(List<AnswerField> fields, Map<String, Object> answers) {
        Map<String, Object> given = answers == null ? Map.of() : answers;
        Set<String> known = new HashSet<>();
        Map<String, Object> clean = new LinkedHashMap<>();
        for (AnswerField f : fields) {
            known.add(f.name());
            Object value = given.get(f.name());
            Object normal = normalise(f, value);
            if (normal == null) {
                if (f.required()) {
                    throw problem(f, "required", "an answer is required (" + f.label() + ")", f.label());
                }
                continue;
            }
            clean.put(f.name(), normal);
        }
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw DomainException.invalid("answers." + name + ": the template has no such field");
            }
        }
        return clean;
    }

    private static Object normalise(AnswerField f, Object value) {
        if (value == null) {
            return null;
        }
        switch (f.type()) {
            case SINGLE_CHOICE -> {
                if (!(value instanceof String s)) {
                    throw problem(f, "notOption", "must be one of the options as text", "", f.options());
                }
                if (s.isEmpty()) {
                    return null;
                }
                if (!f.options().contains(s)) {
                    throw problem(f, "notOption", "'" + abbreviate(s) + "' is not one of the options " + f.options(), abbreviate(s), f.options());
                }
                return s;
            }
            case MULTIPLE_CHOICE -> {
                if (!(value instanceof List<?> list)) {
                    throw problem(f, "notOption", "must be a list of options", "", f.options());
                }
                Set<Object> chosen = new HashSet<>(list);
                for (Object o : list) {
                    if (!(o instanceof String s) || !f.options().contains(s)) {
                        throw problem(f, "notOption", "'" + abbreviate(String.valueOf(o)) + "' is not one of the options " + f.options(), abbreviate(String.valueOf(o)), f.options());
                    }
                }
                if (chosen.size() != list.size()) {
                    throw problem(f, "twice", "an option was chosen twice");
                }
                List<String> ordered = new ArrayList<>();
                f.options().stream().filter(chosen::contains).forEach(ordered::add);
                return ordered.isEmpty() ? null : ordered;
            }
            case FREE_TEXT -> {
                if (!(value instanceof String s)) {
                    throw problem(f, "notText", "must be text");
                }
                String text = s.strip();
                if (text.length() > f.textLimit()) {
                    throw problem(f, "tooLong", "at most " + f.textLimit() + " characters, got " + text.length(), f.textLimit(), text.length());
                }
                return text.isEmpty() ? null : text;
            }
            case NUMBER -> {
                BigDecimal number;
                if (value instanceof Number n) {
                    number = new BigDecimal(n.toString());
                } else if (value instanceof String s && !s.isBlank()) {
                    try {
                        number = new BigDecimal(s.strip());
                    } catch (NumberFormatException e) {
                        throw problem(f, "notNumber", "'" + abbreviate(s) + "' is not a number", abbreviate(s));
                    }
                } else if (value instanceof String) {
                    return null;
                } else {
                    throw problem(f, "notNumber", "must be a number", "");
                }
                if (f.min() != null && number.compareTo(BigDecimal.valueOf(f.min())) < 0) {
                    throw problem(f, "tooSmall", "must be at least " + f.min() + ", was " + number, f.min(), number);
                }
                if (f.max() != null && number.compareTo(BigDecimal.valueOf(f.max())) > 0) {
                    throw problem(f, "tooLarge", "must be at most " + f.max() + ", was " + number, f.max(), number);
                }
                return number;
            }
            default -> throw new IllegalStateException("unknown field type " + f.type());
        }
    }

    /** A refused answer, named by its field for the API and coded for the pages (problem.answer.*). */
    private static DomainException problem(AnswerField f, String code, String message, Object... args) {
        return DomainException.invalid("answers." + f.name() + ": " + message, java.util.Map.of("field", f.name()))
                .code("problem.answer." + code, args);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
