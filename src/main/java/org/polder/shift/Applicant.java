package org.polder.shift;

import java.util.List;

/**
 * An applicant as a requester sees them: what matters for the job and nothing private. Attendance is
 * the share of the shifts they checked in to among those plus the no-shows a moderator confirmed;
 * punctuality the share of check-ins no
 * later than five minutes after the start; both null before there is anything to count. Ratings are
 * clients' stars (1-5) that count: a rating the worker contested successfully does not.
 */
public record Applicant(long workerId, String displayName, Application.State state, long shiftsDone, Integer attendancePercent,
                        Integer punctualityPercent, Double ratingStars, long ratings, List<String> qualifications, boolean inPool,
                        boolean workedHereBefore) {
}
