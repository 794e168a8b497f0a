package org.polder.oversight;

import org.polder.work.WorkKind;

import java.time.Instant;
import java.util.List;

/**
 * The work behind a decision, as a moderator needs it to judge an appeal: the task and the worker's answer,
 * the shift and its hours, the errand and its proof. Each kind of work provides one, as a class of its own
 * in its {@code internal} package; the moderation page shows the lines of the one that handles the kind.
 */
public interface CaseFile {

    /** Whether this describes work of that kind. */
    boolean handles(WorkKind kind);

    /** The lines about the decision's work, in reading order; empty when the decision names no work of its kind. */
    List<Line> of(Decision decision);

    /**
     * One line: a label (a message key) and its value, which is one of text, words (a message key, such as a
     * state's name, with its values), an amount in cents, a moment, or a picture's address (shown as the picture).
     */
    record Line(String label, String text, org.polder.common.Words word, Long cents, Instant at, String picture) {

        public static Line text(String label, String text) {
            return new Line(label, text == null ? "" : text, null, null, null, null);
        }

        public static Line word(String label, String messageKey) {
            return new Line(label, null, org.polder.common.Words.of(messageKey), null, null, null);
        }

        public static Line words(String label, org.polder.common.Words words) {
            return new Line(label, null, words, null, null, null);
        }

        public static Line money(String label, long cents) {
            return new Line(label, null, null, cents, null, null);
        }

        public static Line at(String label, Instant at) {
            return new Line(label, null, null, null, at, null);
        }

        public static Line picture(String label, String address) {
            return new Line(label, null, null, null, null, address);
        }
    }
}
