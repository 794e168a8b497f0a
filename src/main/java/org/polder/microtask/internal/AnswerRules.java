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
            case RATING -> {
                int step;
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    step = n.intValue();
                } else if (value instanceof String s && s.strip().matches("-?\\d{1,3}")) {
                    step = Integer.parseInt(s.strip());
                } else if (value instanceof String s && s.isBlank()) {
                    return null;
                } else {
                    throw problem(f, "notStep", "choose a step from " + f.scaleFrom() + " to " + f.scaleTo(), f.scaleFrom(), f.scaleTo());
                }
                if (step < f.scaleFrom() || step > f.scaleTo()) {
                    throw problem(f, "notStep", "choose a step from " + f.scaleFrom() + " to " + f.scaleTo() + ", not " + step, f.scaleFrom(), f.scaleTo());
                }
                return step;
            }
            case PAIRWISE -> {
                if (value instanceof String s && s.isEmpty()) {
                    return null;
                }
                if (!(value instanceof String s) || !AnswerField.PAIR.contains(s)) {
                    throw problem(f, "notPair", "'A' for the first item or 'B' for the second");
                }
                return s;
            }
            case BOUNDING_BOXES -> {
                return boxes(f, value);
            }
            case FILE -> {
                // By now a reference to a file uploaded for this task (Submissions looks it up first).
                if (value instanceof Map<?, ?> file && file.get("file") instanceof Number) {
                    return value;
                }
                if (value instanceof String s && s.isBlank()) {
                    return null;
                }
                throw problem(f, "notFile", "the id of a file uploaded for this question (POST /api/v1/assignments/{id}/files/" + f.name() + ")");
            }
        }
        throw new IllegalStateException("unknown field type " + f.type());
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * Boxes as a list of {x, y, w, h, label} with fractions of the image (a JSON text from the task page, a list
     * through the API), each inside the image and not a speck; an empty list says "nothing to box here".
     */
    private static List<Map<String, Object>> boxes(AnswerField f, Object value) {
        Object parsed = value;
        if (value instanceof String s) {
            if (s.isBlank()) {
                return null;
            }
            try {
                parsed = JSON.readValue(s, List.class);
            } catch (tools.jackson.core.JacksonException e) {
                throw problem(f, "notBoxes", "must be a list of boxes, each {x, y, w, h} as fractions of the image");
            }
        }
        if (!(parsed instanceof List<?> list)) {
            throw problem(f, "notBoxes", "must be a list of boxes, each {x, y, w, h} as fractions of the image");
        }
        if (list.size() > f.maxBoxes()) {
            throw problem(f, "tooManyBoxes", "at most " + f.maxBoxes() + " boxes, got " + list.size(), f.maxBoxes());
        }
        List<Map<String, Object>> boxes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "box " + (i + 1);
            if (!(list.get(i) instanceof Map<?, ?> box)) {
                throw problem(f, "notBoxes", at + ": must be {x, y, w, h}");
            }
            double x = fraction(f, box.get("x"), at + ".x");
            double y = fraction(f, box.get("y"), at + ".y");
            double w = fraction(f, box.get("w"), at + ".w");
            double h = fraction(f, box.get("h"), at + ".h");
            if (w < 0.005 || h < 0.005 || x + w > 1.0001 || y + h > 1.0001) {
                throw problem(f, "boxOutside", at + ": must lie inside the image and be larger than a speck", i + 1);
            }
            Map<String, Object> clean = new LinkedHashMap<>();
            clean.put("x", round(x));
            clean.put("y", round(y));
            clean.put("w", round(Math.min(w, 1 - x)));
            clean.put("h", round(Math.min(h, 1 - y)));
            Object label = box.get("label");
            if (!f.options().isEmpty()) {
                if (!(label instanceof String l) || !f.options().contains(l)) {
                    throw problem(f, "boxLabel", at + ".label: one of " + f.options(), i + 1, String.join(", ", f.options()));
                }
                clean.put("label", label);
            } else if (label != null && !"".equals(label)) {
                throw problem(f, "boxLabel", at + ".label: this question has no labels for boxes", i + 1, "-");
            }
            boxes.add(clean);
        }
        return boxes;
    }

    private static double fraction(AnswerField f, Object value, String at) {
        if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
            return n.doubleValue();
        }
        throw problem(f, "notBoxes", at + ": a fraction of the image, from 0 to 1");
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
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
