package org.polder.microtask.internal;

import org.polder.microtask.AnswerField;
import org.polder.common.CsvProblem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gold columns of a batch file, in Toloka's convention: {@code GOLDEN:<field>} holds the known answer
 * of a choice field (several options of a multiple choice separated by {@code |}), and {@code HINT}
 * (or {@code HINT:<anything>}) an explanation shown to the worker after answering. A row with a
 * known answer is a gold question. These columns never reach the worker's task.
 */
public final class GoldColumns {

    public static final String GOLDEN = "GOLDEN:";
    public static final String HINT = "HINT";

    private final Map<Integer, AnswerField> golden = new LinkedHashMap<>();
    private Integer hint;
    private final List<String> inputColumns = new ArrayList<>();
    private final List<Integer> inputIndexes = new ArrayList<>();

    private GoldColumns() {
    }

    public static GoldColumns of(List<String> header, List<AnswerField> fields) {
        GoldColumns gold = new GoldColumns();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.startsWith(GOLDEN)) {
                String fieldName = name.substring(GOLDEN.length()).strip();
                AnswerField field = fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
                        .orElseThrow(() -> new CsvProblem("Column " + name + " names no field of the template; its fields are "
                                + fields.stream().map(AnswerField::name).toList(), 1, null, name).code("problem.gold.noField", name));
                if (!field.hasOptions()) {
                    throw new CsvProblem("Column " + name + ": gold answers are for choice fields only", 1, null, name)
                            .code("problem.gold.notChoice", name);
                }
                gold.golden.put(c, field);
            } else if (name.equals(HINT) || name.startsWith(HINT + ":")) {
                gold.hint = c;
            } else {
                gold.inputColumns.add(name);
                gold.inputIndexes.add(c);
            }
        }
        return gold;
    }

    /** The columns shown to workers. */
    public List<String> inputColumns() {
        return inputColumns;
    }

    public Map<String, String> input(List<String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < inputIndexes.size(); i++) {
            row.put(inputColumns.get(i), values.get(inputIndexes.get(i)));
        }
        return row;
    }

    /** The known answers of a row (empty when it is not gold), checked against the options. */
    public Map<String, Object> answers(List<String> values, int rowNumber) {
        Map<String, Object> answers = new LinkedHashMap<>();
        golden.forEach((column, field) -> {
            String value = values.get(column).strip();
            if (value.isEmpty()) {
                return;
            }
            List<String> chosen = field.type() == AnswerField.Type.MULTIPLE_CHOICE
                    ? Arrays.stream(value.split("\\|")).map(String::strip).filter(v -> !v.isEmpty()).toList() : List.of(value);
            for (String option : chosen) {
                if (!field.options().contains(option)) {
                    throw new CsvProblem("Row " + rowNumber + ", column " + (column + 1) + " (" + GOLDEN + field.name() + "): '"
                            + option + "' is not one of the options " + field.options(), rowNumber, column + 1, GOLDEN + field.name())
                            .code("problem.gold.notOption", rowNumber, column + 1, option, field.options());
                }
            }
            answers.put(field.name(), field.type() == AnswerField.Type.MULTIPLE_CHOICE
                    ? field.options().stream().filter(chosen::contains).toList() : value);
        });
        return answers;
    }

    public String hint(List<String> values) {
        if (hint == null) {
            return null;
        }
        String text = values.get(hint).strip();
        return text.isEmpty() ? null : text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** Whether a worker's answers match the known ones on every gold field. */
    public static boolean correct(Map<String, Object> known, Map<String, Object> given) {
        for (Map.Entry<String, Object> e : known.entrySet()) {
            Object answer = given.get(e.getKey());
            if (answer == null || !normal(answer).equals(normal(e.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static Object normal(Object value) {
        return value instanceof List<?> list ? new java.util.TreeSet<>(list.stream().map(String::valueOf).toList()) : value.toString();
    }
}
