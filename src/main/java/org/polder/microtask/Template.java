package org.polder.microtask;

import java.time.Instant;
import java.util.List;

/** A task template of an organisation. {@code version} guards against two people editing at once. */
public record Template(long id, long organisationId, String title, String description, String instructions,
                       List<DisplayBlock> display, List<AnswerField> fields, Instant createdAt, Instant updatedAt,
                       int version) {

    public TemplateSpec spec() {
        return new TemplateSpec(title, description, instructions, display, fields);
    }
}
