package org.polder.notify;

/**
 * What a notice is about, each with the page it leads to. People will choose per kind how they are told
 * ({@code notice.kind.NAME} names it on pages).
 */
public enum NoticeKind {
    /** A shift place: selected, waitlisted, cancelled (with its compensation). */
    SHIFT("/me/shifts"),
    /** Hours countered or settled. */
    HOURS("/me/shifts"),
    /** An errand offered to a courier. */
    ERRAND_OFFER("/courier"),
    /** An errand cancelled, failed or ended. */
    ERRAND("/courier"),
    /** Submitted work approved or rejected. */
    WORK_REVIEWED("/me/decisions"),
    /** An appeal answered. */
    APPEAL("/me/decisions"),
    /** Any other decision about the person. */
    DECISION("/me/decisions"),
    /** An account suspended or reinstated. */
    SUSPENSION("/me/decisions"),
    /** For requesters: someone applied for one of their shifts. */
    APPLICANT("/requester/shifts");

    private final String link;

    NoticeKind(String link) {
        this.link = link;
    }

    /** The page a notice of this kind leads to, unless the notice names its own. */
    public String link() {
        return link;
    }
}
