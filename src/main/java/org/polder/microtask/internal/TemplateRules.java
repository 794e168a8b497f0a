package org.polder.microtask.internal;

import org.polder.common.DomainException;
import org.polder.microtask.AnswerField;
import org.polder.microtask.TemplateSpec;

import java.util.HashSet;
import java.util.Set;

/** Checks of a template that annotations cannot express; each message names the field at fault. */
public final class TemplateRules {

    private TemplateRules() {
    }

    public static void check(TemplateSpec spec) {
        Set<String> names = new HashSet<>();
        for (AnswerField f : spec.fields()) {
            String at = "fields." + f.name();
            if (!names.add(f.name())) {
                throw DomainException.invalid(at + ": two answer fields have this name");
            }
            if (f.hasOptions()) {
                if (f.options().size() < 2) {
                    throw DomainException.invalid(at + ".options: a choice needs at least two options");
                }
                if (f.options().size() > 100) {
                    throw DomainException.invalid(at + ".options: at most 100 options");
                }
                if (new HashSet<>(f.options()).size() != f.options().size()) {
                    throw DomainException.invalid(at + ".options: each option must appear once");
                }
            } else if (!f.options().isEmpty()) {
                throw DomainException.invalid(at + ".options: only choice fields have options");
            }
            if (f.type() == AnswerField.Type.NUMBER && f.min() != null && f.max() != null && f.min() > f.max()) {
                throw DomainException.invalid(at + ": min (" + f.min() + ") is greater than max (" + f.max() + ")");
            }
            if (f.type() != AnswerField.Type.NUMBER && (f.min() != null || f.max() != null)) {
                throw DomainException.invalid(at + ": only number fields have min and max");
            }
            if (f.maxLength() != null && (f.type() != AnswerField.Type.FREE_TEXT || f.maxLength() < 1 || f.maxLength() > 20000)) {
                throw DomainException.invalid(at + ".maxLength: only for free text, between 1 and 20000");
            }
        }
    }
}
