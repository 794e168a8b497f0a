package org.polder.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The settings of home services: holiday pay on top of the hourly rate (the household services rule requires it),
 * how long a household has to confirm a visit's hours, how near the address a check-in must be, how many weeks of a
 * weekly booking are planned and funded ahead, how much notice ends one, and when a cancellation counts as late.
 */
@Component
public class HomeSettings {

    private final int holidayPercent;
    private final Duration reviewWindow;
    private final int checkInRadiusM;
    private final int weeksAhead;
    private final int noticeWeeks;
    private final Duration freeCancellation;
    private final Duration missedAfter;
    private final ZoneId zone;

    HomeSettings(@Value("${polder.home.holiday-pay-percent:8}") int holidayPercent,
                 @Value("${polder.home.review-window:PT48H}") Duration reviewWindow,
                 @Value("${polder.home.check-in-radius-m:250}") int checkInRadiusM,
                 @Value("${polder.home.weeks-ahead:4}") int weeksAhead,
                 @Value("${polder.home.notice-weeks:2}") int noticeWeeks,
                 @Value("${polder.home.free-cancellation:PT24H}") Duration freeCancellation,
                 @Value("${polder.home.missed-after:PT30M}") Duration missedAfter,
                 @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.holidayPercent = holidayPercent;
        this.reviewWindow = reviewWindow;
        this.checkInRadiusM = checkInRadiusM;
        this.weeksAhead = Math.max(1, weeksAhead);
        this.noticeWeeks = Math.max(0, noticeWeeks);
        this.freeCancellation = freeCancellation;
        this.missedAfter = missedAfter;
        this.zone = ZoneId.of(zone);
    }

    /** Holiday pay, a percentage of the pay for the hours, paid on top of it. */
    public int holidayPercent() {
        return holidayPercent;
    }

    /** How long the household has to confirm or question the hours of a visit; silence means they stand. */
    public Duration reviewWindow() {
        return reviewWindow;
    }

    public int checkInRadiusM() {
        return checkInRadiusM;
    }

    /** How many weekly visits are planned (and funded) ahead. */
    public int weeksAhead() {
        return weeksAhead;
    }

    /** Weeks of visits that still take place after either side ends a weekly booking. */
    public int noticeWeeks() {
        return noticeWeeks;
    }

    /** Cancelling a visit less than this before it starts pays the worker a share. */
    public Duration freeCancellation() {
        return freeCancellation;
    }

    /** A visit nobody checked in to this long after its start counts as missed. */
    public Duration missedAfter() {
        return missedAfter;
    }

    public ZoneId zone() {
        return zone;
    }
}
