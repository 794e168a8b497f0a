package org.polder.microtask;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Something a worker sees above the questions: a paragraph of text, an image, a link, a sound or a video. The value
 * may hold {@code ${column}} placeholders filled from the task's CSV row.
 */
public record DisplayBlock(@NotNull Type type, @NotBlank @Size(max = 5000) String value, @Size(max = 300) String caption) {

    public enum Type { TEXT, IMAGE, LINK, AUDIO, VIDEO }

    /** Only http(s) addresses and paths on this site; never javascript:, data: or the like. */
    public static boolean safeAddress(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        return v.startsWith("https://") || v.startsWith("http://") || (v.startsWith("/") && !v.startsWith("//"));
    }
}
