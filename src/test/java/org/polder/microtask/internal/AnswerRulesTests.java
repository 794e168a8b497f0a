package org.polder.microtask.internal;

import org.junit.jupiter.api.Test;
import org.polder.common.DomainException;
import org.polder.microtask.AnswerField;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerRulesTests {

    private final List<AnswerField> fields = List.of(
            new AnswerField("label", AnswerField.Type.SINGLE_CHOICE, "Label", List.of("cat", "dog"), true, null, null, null),
            new AnswerField("tags", AnswerField.Type.MULTIPLE_CHOICE, "Tags", List.of("indoor", "outdoor", "night"), false, null, null, null),
            new AnswerField("note", AnswerField.Type.FREE_TEXT, "Note", List.of(), false, null, null, 10),
            new AnswerField("count", AnswerField.Type.NUMBER, "How many", List.of(), false, 0.0, 20.0, null));

    @Test
    void acceptsAndNormalisesValidAnswers() {
        Map<String, Object> clean = AnswerRules.check(fields, Map.of("label", "cat", "tags", List.of("night", "indoor"),
                "note", "  hi  ", "count", 3));
        assertThat(clean).containsEntry("label", "cat").containsEntry("tags", List.of("indoor", "night"))
                .containsEntry("note", "hi").containsEntry("count", new BigDecimal("3"));
    }

    @Test
    void refusesMissingRequiredAnswer() {
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of())).isInstanceOf(DomainException.class)
                .hasMessageContaining("answers.label").hasMessageContaining("required");
    }

    @Test
    void refusesWhatTheTemplateDoesNotAllow() {
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "horse"))).hasMessageContaining("answers.label");
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "cat", "tags", List.of("indoor", "indoor"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "cat", "tags", "indoor"))).hasMessageContaining("answers.tags");
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "cat", "note", "x".repeat(11)))).hasMessageContaining("at most 10");
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "cat", "count", 21))).hasMessageContaining("at most 20");
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "cat", "count", "many"))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> AnswerRules.check(fields, Map.of("label", "cat", "extra", 1))).hasMessageContaining("answers.extra");
    }
}
