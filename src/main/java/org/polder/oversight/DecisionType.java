package org.polder.oversight;

/**
 * A kind of decision about a worker. Each module lists the decisions it takes as an enum implementing
 * this, so that every decision type has one owner; the name is what is stored and what pages translate
 * ({@code decisionType.NAME}).
 */
public interface DecisionType {

    String name();

    /** What the worker is told when a decision of this type is taken about them. */
    default org.polder.notify.NoticeKind notice() {
        return org.polder.notify.NoticeKind.DECISION;
    }

    /** The module that takes decisions of this type. */
    default String module() {
        String p = getClass().getPackageName();
        return p.substring(p.lastIndexOf('.') + 1);
    }
}
