package org.polder.microtask;

import java.util.List;

/**
 * A task as a worker sees it: the template with the row's values filled in. Text values are plain
 * text (show them escaped); {@code html} is the same content as a ready, fully escaped HTML fragment.
 */
public record RenderedTask(String title, String description, String instructions, List<DisplayBlock> display,
                           List<AnswerField> fields, String html) {

    private static final java.util.regex.Pattern PICTURE = java.util.regex.Pattern.compile("(?i).+\\.(png|jpe?g|gif|webp|svg|avif)(\\?.*)?$");

    /** Whether an item of a comparison is a picture to show (a safe address of an image file) rather than text. */
    public boolean isImage(String item) {
        return picture(item);
    }

    public static boolean picture(String item) {
        return item != null && DisplayBlock.safeAddress(item) && PICTURE.matcher(item.strip()).matches();
    }

    /** Whether a question asks for a photo or document (the form then sends files). */
    public boolean asksForFile() {
        return fields.stream().anyMatch(f -> f.type() == AnswerField.Type.FILE);
    }

    /** Whether a question asks for boxes on the first image (which is then shown once, to draw on). */
    public boolean drawsBoxes() {
        return fields.stream().anyMatch(f -> f.type() == AnswerField.Type.BOUNDING_BOXES);
    }

    /** The image boxes are drawn on: the first image shown, or null. */
    public DisplayBlock boxImage() {
        return display.stream().filter(d -> d.type() == DisplayBlock.Type.IMAGE).findFirst().orElse(null);
    }
}
