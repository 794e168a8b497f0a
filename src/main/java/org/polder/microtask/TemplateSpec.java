package org.polder.microtask;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What a requester writes to make or change a template. Text may hold {@code ${column}} placeholders. */
public record TemplateSpec(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        @Size(max = 20000) String instructions,
        @Size(max = 20) List<@Valid DisplayBlock> display,
        @NotEmpty @Size(max = 50) List<@Valid AnswerField> fields) {

    public TemplateSpec {
        description = description == null ? "" : description;
        instructions = instructions == null ? "" : instructions;
        display = display == null ? List.of() : List.copyOf(display);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
