package org.polder.microtask;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * One question a worker answers. {@code options} are the choices of the choice types, the two items of a pairwise
 * comparison (usually placeholders such as {@code ${left}}), the labels a box may carry, or the words at the two ends
 * of a rating scale; {@code min} and {@code max} bound a number and a rating scale (1 to 5 when not given);
 * {@code max} caps the boxes drawn (20 when not given) and a file's size in megabytes (10); a file question's options
 * say what it takes ("photo", "pdf"; both when not given); {@code maxLength} bounds free text (2,000 characters).
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

    public static final int DEFAULT_MAX_BOXES = 20;

    /**
     * The kinds of question: a choice, several choices, text, a number, a rating scale, which of two items is better
     * (answered "A" or "B"), boxes drawn on the task's first image, and a photo or document uploaded as the answer.
     */
    public enum Type { SINGLE_CHOICE, MULTIPLE_CHOICE, FREE_TEXT, NUMBER, RATING, PAIRWISE, BOUNDING_BOXES, FILE }

    /** What a file question may accept, by the names its options use; no options: photos and PDF documents. */
    public static final java.util.Map<String, java.util.List<String>> FILE_KINDS = java.util.Map.of(
            "photo", java.util.List.of("image/jpeg", "image/png", "image/webp"),
            "pdf", java.util.List.of("application/pdf"));

    public static final int DEFAULT_MAX_MEGABYTES = 10;

    /** The two answers of a pairwise comparison: the first item or the second. */
    public static final java.util.List<String> PAIR = java.util.List.of("A", "B");

    public AnswerField {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public boolean hasOptions() {
        return type == Type.SINGLE_CHOICE || type == Type.MULTIPLE_CHOICE;
    }

    /** The lowest and highest step of a rating scale. */
    public int scaleFrom() {
        return min == null ? 1 : min.intValue();
    }

    public int scaleTo() {
        return max == null ? 5 : max.intValue();
    }

    /** The steps of a rating scale, lowest first. */
    public java.util.List<Integer> scale() {
        return java.util.stream.IntStream.rangeClosed(scaleFrom(), scaleTo()).boxed().toList();
    }

    /** The largest file a file question takes, in megabytes. */
    public int maxMegabytes() {
        return max == null ? DEFAULT_MAX_MEGABYTES : max.intValue();
    }

    /** What a file question takes, in one word for its hint: "photo", "pdf", or "both". */
    public String fileKinds() {
        return options.size() == 1 ? options.get(0) : "both";
    }

    /** The content types a file question takes. */
    public java.util.List<String> fileTypes() {
        return (options.isEmpty() ? java.util.List.of("photo", "pdf") : options).stream()
                .flatMap(o -> FILE_KINDS.getOrDefault(o, java.util.List.of()).stream()).toList();
    }

    public int maxBoxes() {
        return max == null ? DEFAULT_MAX_BOXES : max.intValue();
    }

    public int textLimit() {
        return maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
    }
}
