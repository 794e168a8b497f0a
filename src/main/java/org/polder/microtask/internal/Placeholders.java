package org.polder.microtask.internal;

import org.polder.microtask.AnswerField;
import org.polder.microtask.DisplayBlock;
import org.polder.microtask.TemplateSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${column}} placeholders: where a template uses them, and filling them from a row. */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Placeholders() {
    }

    /** Every placeholder in the template, with the first place it appears (for error messages). */
    public static Map<String, String> used(TemplateSpec spec) {
        Map<String, String> used = new LinkedHashMap<>();
        collect(spec.title(), "title", used);
        collect(spec.description(), "description", used);
        collect(spec.instructions(), "instructions", used);
        for (int i = 0; i < spec.display().size(); i++) {
            DisplayBlock block = spec.display().get(i);
            collect(block.value(), "display[" + i + "].value", used);
            collect(block.caption(), "display[" + i + "].caption", used);
        }
        for (AnswerField field : spec.fields()) {
            collect(field.label(), "fields." + field.name() + ".label", used);
        }
        return used;
    }

    /** Fills placeholders with the row's values, as plain text (escaping is the renderer's job). */
    public static String fill(String text, Map<String, String> row) {
        if (text == null || text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = row.getOrDefault(m.group(1).strip(), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Text for places where no row is at hand (the feed): each placeholder becomes an ellipsis. */
    public static String strip(String text) {
        return text == null ? null : PLACEHOLDER.matcher(text).replaceAll("…");
    }

    private static void collect(String text, String where, Map<String, String> used) {
        if (text == null) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            used.putIfAbsent(m.group(1).strip(), where);
        }
    }
}
