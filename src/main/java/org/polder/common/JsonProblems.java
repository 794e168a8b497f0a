package org.polder.common;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what was wrong in a JSON request body in the client's terms: the field (as a path such as
 * {@code fields[2].type}), what it should hold, and what it held. Never a Java class name.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static String describe(Throwable cause) {
        if (!(cause instanceof JacksonException problem)) {
            return "The request body is missing or is not JSON";
        }
        String field = path(problem);
        if (problem instanceof UnrecognizedPropertyException) {
            return field + ": not a field of this request";
        }
        if (problem instanceof InvalidFormatException invalid) {
            return field + ": " + expected(field, invalid.getTargetType()) + ", was " + shown(invalid.getValue());
        }
        if (problem instanceof MismatchedInputException mismatch) {
            return field + ": " + expected(field, mismatch.getTargetType());
        }
        if (problem instanceof InputCoercionException coercion) {
            return (field.equals("(body)") ? "a number" : field) + ": out of range for " + expected(coercion.getTargetType());
        }
        if (problem instanceof StreamReadException) {
            TokenStreamLocation at = problem.getLocation();
            return "The request body is not valid JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return field + ": not a value this field takes";
    }

    private static String path(JacksonException problem) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference r : problem.getPath()) {
            if (r.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    /** What a value of this field looks like, in words: amounts of money are whole cents. */
    static String expected(String field, Class<?> type) {
        String words = expected(type);
        return words.equals("a whole number") && MONEY.matcher(field).find() ? "a whole number of cents" : words;
    }

    private static final java.util.regex.Pattern MONEY = java.util.regex.Pattern.compile("(?i)(amount|reward|rate|cents|price|fee)[^.\\[]*$");

    /** What a value of this type looks like, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class || type == short.class
                || type == Short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return "a date and time with its offset, such as 2026-12-01T17:00:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-12-01";
        }
        if (type == LocalTime.class) {
            return "a time such as 17:30";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of names and values";
        }
        return "an object";
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return value instanceof String ? "\"" + (text.length() > 50 ? text.substring(0, 50) + "..." : text) + "\"" : text;
    }
}
