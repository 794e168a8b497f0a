package org.polder.microtask.web;

import org.polder.microtask.AnswerField;
import org.polder.microtask.DisplayBlock;
import org.polder.microtask.Template;
import org.polder.microtask.TemplateSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The template editor's form: a fixed number of rows for things to show and for questions; empty
 * rows are ignored. Options of a choice are written one per line.
 */
public class TemplateForm {

    static final int DISPLAY_ROWS = 3;
    static final int FIELD_ROWS = 6;

    private String title = "";
    private String description = "";
    private String instructions = "";
    private int version;
    private List<DisplayRow> display = new ArrayList<>();
    private List<FieldRow> fields = new ArrayList<>();

    public static TemplateForm empty() {
        TemplateForm form = new TemplateForm();
        form.pad();
        return form;
    }

    public static TemplateForm of(Template t) {
        TemplateForm form = new TemplateForm();
        form.title = t.title();
        form.description = t.description();
        form.instructions = t.instructions();
        form.version = t.version();
        for (DisplayBlock b : t.display()) {
            form.display.add(new DisplayRow(b.type(), b.value(), b.caption()));
        }
        for (AnswerField f : t.fields()) {
            form.fields.add(new FieldRow(f.name(), f.type(), f.label(), String.join("\n", f.options()), f.required(),
                    f.min(), f.max(), f.maxLength()));
        }
        form.pad();
        return form;
    }

    /** Always shows a few empty rows to add to. */
    void pad() {
        while (display.size() < DISPLAY_ROWS) {
            display.add(new DisplayRow());
        }
        while (fields.size() < FIELD_ROWS) {
            fields.add(new FieldRow());
        }
    }

    public TemplateSpec spec() {
        List<DisplayBlock> blocks = display.stream().filter(r -> r.value != null && !r.value.isBlank())
                .map(r -> new DisplayBlock(r.type == null ? DisplayBlock.Type.TEXT : r.type, r.value.strip(),
                        r.caption == null || r.caption.isBlank() ? null : r.caption.strip()))
                .toList();
        List<AnswerField> answerFields = fields.stream().filter(r -> r.name != null && !r.name.isBlank())
                .map(r -> new AnswerField(r.name.strip(), r.type == null ? AnswerField.Type.SINGLE_CHOICE : r.type,
                        r.label == null || r.label.isBlank() ? r.name.strip() : r.label.strip(),
                        r.options == null ? List.of() : Arrays.stream(r.options.split("\\R")).map(String::strip).filter(o -> !o.isEmpty()).toList(),
                        r.required, r.min, r.max, r.maxLength))
                .toList();
        return new TemplateSpec(title, description, instructions, blocks, answerFields);
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getInstructions() { return instructions; }
    public void setInstructions(String instructions) { this.instructions = instructions; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
    public List<DisplayRow> getDisplay() { return display; }
    public void setDisplay(List<DisplayRow> display) { this.display = display; }
    public List<FieldRow> getFields() { return fields; }
    public void setFields(List<FieldRow> fields) { this.fields = fields; }

    /** One thing to show. */
    public static class DisplayRow {
        private DisplayBlock.Type type = DisplayBlock.Type.TEXT;
        private String value;
        private String caption;

        public DisplayRow() {
        }

        DisplayRow(DisplayBlock.Type type, String value, String caption) {
            this.type = type;
            this.value = value;
            this.caption = caption;
        }

        public DisplayBlock.Type getType() { return type; }
        public void setType(DisplayBlock.Type type) { this.type = type; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
        public String getCaption() { return caption; }
        public void setCaption(String caption) { this.caption = caption; }
    }

    /** One question. */
    public static class FieldRow {
        private String name;
        private AnswerField.Type type = AnswerField.Type.SINGLE_CHOICE;
        private String label;
        private String options;
        private boolean required = true;
        private Double min;
        private Double max;
        private Integer maxLength;

        public FieldRow() {
        }

        FieldRow(String name, AnswerField.Type type, String label, String options, boolean required, Double min, Double max,
                 Integer maxLength) {
            this.name = name;
            this.type = type;
            this.label = label;
            this.options = options;
            this.required = required;
            this.min = min;
            this.max = max;
            this.maxLength = maxLength;
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public AnswerField.Type getType() { return type; }
        public void setType(AnswerField.Type type) { this.type = type; }
        public String getLabel() { return label; }
        public void setLabel(String label) { this.label = label; }
        public String getOptions() { return options; }
        public void setOptions(String options) { this.options = options; }
        public boolean isRequired() { return required; }
        public void setRequired(boolean required) { this.required = required; }
        public Double getMin() { return min; }
        public void setMin(Double min) { this.min = min; }
        public Double getMax() { return max; }
        public void setMax(Double max) { this.max = max; }
        public Integer getMaxLength() { return maxLength; }
        public void setMaxLength(Integer maxLength) { this.maxLength = maxLength; }
    }
}
