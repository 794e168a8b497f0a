package org.polder.shift;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The platform's shift settings: default compensation for late cancellation, the longest review
 * window, the working-time limits enforced when a worker is selected, and how long before the planned
 * start reported hours may begin.
 */
@Component
public class ShiftSettings {

    final int compensationPercent;
    final Duration reviewWindow;
    final int maxMinutesPerDay;
    final int maxMinutesPerWeek;
    final int minRestMinutes;
    final int maxMinutesPerClientYear;
    final Duration earlyStart;
    final ZoneId zone;

    ShiftSettings(@Value("${polder.shift.compensation-percent:50}") int compensationPercent,
                  @Value("${polder.shift.review-window:P7D}") Duration reviewWindow,
                  @Value("${polder.shift.max-hours-per-day:12}") int maxHoursPerDay,
                  @Value("${polder.shift.max-hours-per-week:60}") int maxHoursPerWeek,
                  @Value("${polder.shift.min-rest-hours:11}") int minRestHours,
                  @Value("${polder.shift.max-hours-per-client-year:660}") int maxHoursPerClientYear,
                  @Value("${polder.shift.early-start-minutes:30}") int earlyStartMinutes,
                  @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        if (compensationPercent < 0 || compensationPercent > 100) {
            throw new IllegalArgumentException("polder.shift.compensation-percent must be 0 to 100, was " + compensationPercent);
        }
        this.compensationPercent = compensationPercent;
        this.reviewWindow = reviewWindow;
        this.maxMinutesPerDay = maxHoursPerDay * 60;
        this.maxMinutesPerWeek = maxHoursPerWeek * 60;
        this.minRestMinutes = minRestHours * 60;
        this.maxMinutesPerClientYear = maxHoursPerClientYear * 60;
        this.earlyStart = Duration.ofMinutes(earlyStartMinutes);
        this.zone = ZoneId.of(zone);
    }

    public int compensationPercent() {
        return compensationPercent;
    }

    public Duration reviewWindow() {
        return reviewWindow;
    }

    public int maxHoursPerDay() {
        return maxMinutesPerDay / 60;
    }

    public int maxHoursPerWeek() {
        return maxMinutesPerWeek / 60;
    }

    public int minRestHours() {
        return minRestMinutes / 60;
    }

    /** Reported hours begin at check-in and never more than this before the planned start. */
    public Duration earlyStart() {
        return earlyStart;
    }

    public int maxHoursPerClientYear() {
        return maxMinutesPerClientYear / 60;
    }
}
