package org.polder.microtask;

import java.util.List;

/**
 * A task as a worker sees it: the template with the row's values filled in. Text values are plain
 * text (show them escaped); {@code html} is the same content as a ready, fully escaped HTML fragment.
 */
public record RenderedTask(String title, String description, String instructions, List<DisplayBlock> display,
                           List<AnswerField> fields, String html) {
}
