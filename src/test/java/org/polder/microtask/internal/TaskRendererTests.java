package org.polder.microtask.internal;

import org.junit.jupiter.api.Test;
import org.polder.microtask.AnswerField;
import org.polder.microtask.DisplayBlock;
import org.polder.microtask.RenderedTask;
import org.polder.microtask.TemplateSpec;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskRendererTests {

    private final TemplateSpec spec = new TemplateSpec("Is ${name} a cat?", "", "Look at ${name} closely.",
            List.of(new DisplayBlock(DisplayBlock.Type.IMAGE, "${url}", "Photo of ${name}"),
                    new DisplayBlock(DisplayBlock.Type.LINK, "${url}", null)),
            List.of(new AnswerField("cat", AnswerField.Type.SINGLE_CHOICE, "Is ${name} a cat?", List.of("yes", "no"), true,
                    null, null, null)));

    @Test
    void fillsPlaceholdersFromTheRow() {
        RenderedTask task = TaskRenderer.render(spec, Map.of("name", "Tom", "url", "/demo/images/shape-01.svg"));
        assertThat(task.title()).isEqualTo("Is Tom a cat?");
        assertThat(task.instructions()).isEqualTo("Look at Tom closely.");
        assertThat(task.display().get(0).value()).isEqualTo("/demo/images/shape-01.svg");
        assertThat(task.fields().get(0).label()).isEqualTo("Is Tom a cat?");
        assertThat(task.html()).contains("<img src=\"/demo/images/shape-01.svg\" alt=\"Photo of Tom\">");
    }

    @Test
    void escapesHtmlAndScriptFromTheCsv() {
        RenderedTask task = TaskRenderer.render(spec, Map.of("name", "<script>alert(1)</script>", "url", "/x\" onerror=\"alert(1)"));
        assertThat(task.html()).doesNotContain("<script>").doesNotContain("\" onerror=\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&quot; onerror=&quot;");
    }

    @Test
    void dropsAddressesThatAreNotWebOrSameSite() {
        for (String url : List.of("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "//evil.example/x.png")) {
            RenderedTask task = TaskRenderer.render(spec, Map.of("name", "x", "url", url));
            assertThat(task.display()).allSatisfy(b -> assertThat(b.type()).isEqualTo(DisplayBlock.Type.TEXT));
            assertThat(task.html()).doesNotContain("<img").doesNotContain("href=");
        }
    }

    @Test
    void findsEveryPlaceholderWithItsPlace() {
        assertThat(Placeholders.used(spec)).containsEntry("name", "title").containsEntry("url", "display[0].value");
    }
}
