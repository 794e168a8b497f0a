package org.polder.microtask;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * One question a worker answers. {@code options} are for the choice types; {@code min} and
 * {@code max} bound a number; {@code maxLength} bounds free text (2,000 characters when not given).
 */
public record AnswerField(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_]*", message = "must start with a letter and hold only letters, digits and '_'") String name,
        @NotNull Type type,
        @NotBlank @Size(max = 500) String label,
        List<@NotBlank @Size(max = 200) String> options,
        boolean required,
        Double min,
        Double max,
        Integer maxLength) {

    public static final int DEFAULT_MAX_LENGTH = 2000;

    public enum Type { SINGLE_CHOICE, MULTIPLE_CHOICE, FREE_TEXT, NUMBER }

    public AnswerField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public boolean hasOptions() {
        return type == Type.SINGLE_CHOICE || type == Type.MULTIPLE_CHOICE;
    }

    public int textLimit() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
    }
}
