package org.polder.microtask.internal;

import org.polder.common.DomainException;
import org.polder.microtask.AnswerField;
import org.polder.microtask.DisplayBlock;
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
            } else if (f.type() == AnswerField.Type.PAIRWISE) {
                if (f.options().size() != 2) {
                    throw DomainException.invalid(at + ".options: a comparison shows exactly two items, such as ${left} and ${right}");
                }
            } else if (f.type() == AnswerField.Type.RATING) {
                if (!f.options().isEmpty() && f.options().size() != 2) {
                    throw DomainException.invalid(at + ".options: a rating scale has no words, or two: for its lowest and highest step");
                }
            } else if (f.type() == AnswerField.Type.BOUNDING_BOXES) {
                if (f.options().size() > 20 || new HashSet<>(f.options()).size() != f.options().size()) {
                    throw DomainException.invalid(at + ".options: at most 20 labels for boxes, each once");
                }
                if (spec.display().stream().noneMatch(d -> d.type() == DisplayBlock.Type.IMAGE)) {
                    throw DomainException.invalid(at + ": boxes are drawn on the task's image; add an image to show");
                }
            } else if (f.type() == AnswerField.Type.FILE) {
                if (!AnswerField.FILE_KINDS.keySet().containsAll(f.options())) {
                    throw DomainException.invalid(at + ".options: what the file may be, of " + String.join(", ", new java.util.TreeSet<>(AnswerField.FILE_KINDS.keySet())));
                }
            } else if (!f.options().isEmpty()) {
                throw DomainException.invalid(at + ".options: only choice fields have options");
            }
            if (f.type() == AnswerField.Type.NUMBER && f.min() != null && f.max() != null && f.min() > f.max()) {
                throw DomainException.invalid(at + ": min (" + f.min() + ") is greater than max (" + f.max() + ")");
            }
            if (f.type() == AnswerField.Type.RATING) {
                if (f.min() != null && f.min() != Math.rint(f.min()) || f.max() != null && f.max() != Math.rint(f.max())
                        || f.scaleTo() - f.scaleFrom() < 1 || f.scaleTo() - f.scaleFrom() > 10) {
                    throw DomainException.invalid(at + ": a rating scale runs over whole steps, from 2 to 11 of them (min " + f.scaleFrom()
                            + ", max " + f.scaleTo() + ")");
                }
            } else if (f.type() == AnswerField.Type.FILE) {
                if (f.min() != null || f.max() != null && (f.max() < 1 || f.max() > 20 || f.max() != Math.rint(f.max()))) {
                    throw DomainException.invalid(at + ".max: the largest file in megabytes, from 1 to 20");
                }
            } else if (f.type() == AnswerField.Type.BOUNDING_BOXES) {
                if (f.min() != null || f.max() != null && (f.max() < 1 || f.max() > 100 || f.max() != Math.rint(f.max()))) {
                    throw DomainException.invalid(at + ".max: the most boxes a worker may draw, from 1 to 100");
                }
            } else if (f.type() != AnswerField.Type.NUMBER && (f.min() != null || f.max() != null)) {
                throw DomainException.invalid(at + ": only number and rating fields have min and max");
            }
            if (f.maxLength() != null && (f.type() != AnswerField.Type.FREE_TEXT || f.maxLength() < 1 || f.maxLength() > 20000)) {
                throw DomainException.invalid(at + ".maxLength: only for free text, between 1 and 20000");
            }
        }
    }
}
