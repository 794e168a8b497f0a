package org.polder.notify;

/**
 * What a notice is about, each with the page it leads to. People choose per kind whether it also comes by e-mail
 * ({@code notice.kind.NAME} names it on pages).
 */
public enum NoticeKind {
    /** A shift place: selected, waitlisted, cancelled (with its compensation). */
    SHIFT("/me/shifts", true),
    /** Hours countered or settled. */
    HOURS("/me/shifts", true),
    /** An errand offered to a courier. */
    ERRAND_OFFER("/courier", false),
    /** A visit to a home: taken, cancelled, ended, its hours to confirm or paid; for workers and households. */
    HOME("/me/visits", true),
    /** A worker's alarm during a visit to a home: for their safety contact and the moderators. Always sent. */
    ALARM("/notifications", true),
    /** An errand cancelled, failed or ended. */
    ERRAND("/courier", false),
    /** Submitted work approved or rejected. */
    WORK_REVIEWED("/me/decisions", false),
    /** An appeal answered. */
    APPEAL("/me/decisions", true),
    /** Any other decision about the person. */
    DECISION("/me/decisions", true),
    /** An account suspended or reinstated. */
    SUSPENSION("/me/decisions", true),
    /** A note from a requester the worker worked for. */
    REQUESTER_NOTE("/notifications", true),
    /** A rule change proposed, open for comments. */
    CONSULTATION("/consultations", true),
    /** For members of a sick-pay circle: an application to vote on, admission, an illness to review, a gift. */
    CIRCLE("/circle", true),
    /** A payout paid to the worker's bank account. */
    PAYOUT("/me/earnings", true),
    /** A message in the thread of an assignment. */
    MESSAGE("/notifications", true),
    /** For requesters: a batch's work is all in, or answers will soon be approved without review. */
    BATCH("/requester/batches", true),
    /** For requesters: the organisation's balance runs low. */
    BALANCE("/requester/balance", true),
    /** For requesters: someone applied for one of their shifts. */
    APPLICANT("/requester/shifts", true);

    private final String link;
    private final boolean byMail;

    NoticeKind(String link, boolean byMail) {
        this.link = link;
        this.byMail = byMail;
    }

    /** The kinds a person with these roles can receive (the choices page lists only those). */
    public static java.util.List<NoticeKind> receivedBy(boolean worker, boolean requester) {
        if (!worker && !requester) {
            return java.util.List.of(values());
        }
        java.util.Set<NoticeKind> forRequesters = java.util.EnumSet.of(HOURS, ERRAND, HOME, ALARM, MESSAGE, BATCH, BALANCE, APPLICANT);
        java.util.Set<NoticeKind> onlyRequesters = java.util.EnumSet.of(BATCH, BALANCE, APPLICANT);
        return java.util.Arrays.stream(values())
                .filter(k -> (worker && !onlyRequesters.contains(k)) || (requester && forRequesters.contains(k))).toList();
    }

    /**
     * Whether it goes by e-mail unless the person chose otherwise: yes for what matters a day later (a shift, an
     * appeal, a decision); no for what comes often or is over in seconds (each review, each offer).
     */
    public boolean byMailByDefault() {
        return byMail;
    }

    /** Whether it goes out at once, quiet hours or not, as an urgent push: an offer that lives seconds, a worker's alarm. */
    public boolean urgent() {
        return this == ERRAND_OFFER || this == ALARM;
    }

    /** Whether it is pushed to the person's devices unless they chose otherwise: everything but each single review. */
    public boolean byPushByDefault() {
        return this != WORK_REVIEWED;
    }

    /** The page a notice of this kind leads to, unless the notice names its own. */
    public String link() {
        return link;
    }
}
