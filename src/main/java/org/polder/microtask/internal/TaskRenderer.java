package org.polder.microtask.internal;

import org.polder.microtask.AnswerField;
import org.polder.microtask.DisplayBlock;
import org.polder.microtask.RenderedTask;
import org.polder.microtask.TemplateSpec;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a template with a row's values. No HTML from a CSV (or from the template) ever reaches a
 * worker unescaped, and only web and same-site addresses are used for images and links.
 */
public final class TaskRenderer {

    private TaskRenderer() {
    }

    public static RenderedTask render(TemplateSpec spec, Map<String, String> row) {
        String title = Placeholders.fill(spec.title(), row);
        String description = Placeholders.fill(spec.description(), row);
        String instructions = Placeholders.fill(spec.instructions(), row);
        List<DisplayBlock> display = new ArrayList<>();
        for (DisplayBlock block : spec.display()) {
            String value = Placeholders.fill(block.value(), row);
            String caption = Placeholders.fill(block.caption(), row);
            if (block.type() != DisplayBlock.Type.TEXT && !DisplayBlock.safeAddress(value)) {
                display.add(new DisplayBlock(DisplayBlock.Type.TEXT, "(address not shown: " + value + ")", caption));
            } else {
                display.add(new DisplayBlock(block.type(), value, caption));
            }
        }
        List<AnswerField> fields = spec.fields().stream()
                .map(f -> new AnswerField(f.name(), f.type(), Placeholders.fill(f.label(), row),
                        f.type() == AnswerField.Type.PAIRWISE ? f.options().stream().map(o -> Placeholders.fill(o, row)).toList() : f.options(),
                        f.required(), f.min(), f.max(), f.maxLength()))
                .toList();
        return new RenderedTask(title, description, instructions, display, fields, html(title, instructions, display));
    }

    private static String html(String title, String instructions, List<DisplayBlock> display) {
        StringBuilder html = new StringBuilder();
        html.append("<h2>").append(escape(title)).append("</h2>");
        if (!instructions.isBlank()) {
            html.append("<p class=\"instructions\">").append(escape(instructions).replace("\n", "<br>")).append("</p>");
        }
        for (DisplayBlock block : display) {
            String caption = block.caption() == null ? "" : escape(block.caption());
            switch (block.type()) {
                case TEXT -> html.append("<p>").append(escape(block.value()).replace("\n", "<br>")).append("</p>");
                case IMAGE -> html.append("<figure><img src=\"").append(escape(block.value())).append("\" alt=\"")
                        .append(caption).append("\">").append(caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>")
                        .append("</figure>");
                case AUDIO -> html.append("<figure><audio controls preload=\"metadata\" src=\"").append(escape(block.value())).append("\"></audio>")
                        .append(caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>").append("</figure>");
                case VIDEO -> html.append("<figure><video controls preload=\"metadata\" playsinline src=\"").append(escape(block.value()))
                        .append("\"></video>").append(caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>").append("</figure>");
                case LINK -> html.append("<p><a href=\"").append(escape(block.value()))
                        .append("\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">")
                        .append(caption.isEmpty() ? escape(block.value()) : caption).append("</a></p>");
            }
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
