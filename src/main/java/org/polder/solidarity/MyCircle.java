package org.polder.solidarity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A circle as its member sees it: its money (the members' reserves together), its members, what is being voted on,
 * who is ill and what the circle gave. An applicant sees only {@code name}, {@code members} and that they wait.
 *
 * @param me             the reader's own place: state, tier, reserve, contributions still due
 * @param reviewer       the member the circle chose to review gifts; null until it chose one
 * @param mayReview      whether the reader may confirm a gift now (the reviewer, or any member while there is none)
 */
public record MyCircle(long id, String name, boolean active, int members, long balanceCents, String reviewer, Me me,
                       List<CircleMember> memberList, List<Motion> motions, List<Illness> illnesses, List<Gift> gifts, boolean mayReview) {

    public enum State { APPLIED, MEMBER, LEFT, REFUSED }

    /** The illnesses of members other than the reader. */
    public List<Illness> othersIll() {
        return illnesses.stream().filter(i -> i.memberId() != me.memberId()).toList();
    }

    public record Me(long memberId, State state, Tier tier, boolean autoContribute, long reserveCents, List<LocalDate> monthsDue,
                     Illness illness) {
    }

    public record CircleMember(long id, String displayName, int tier, Instant joinedAt, boolean reviewer) {
    }

    /** A vote among the members; the counts are tallies, nobody's ballot. */
    public record Motion(long id, Kind kind, long subjectId, String subject, int tier, int yes, int no, int needed, boolean voted,
                         boolean mine) {
        public enum Kind { ADMIT, REVIEWER }
    }

    /**
     * An illness: when it began and ended, nothing else.
     *
     * @param nextMonth the month whose gift comes next (1 to 24), or null when no gift is due (yet)
     */
    public record Illness(long id, long memberId, String displayName, LocalDate startsOn, LocalDate endsOn, long giftCents,
                          int monthsPaid, Integer nextMonth, LocalDate nextDueOn) {
    }

    public record Gift(String to, int month, long amountCents, long shortfallCents, Instant paidAt) {
    }
}
