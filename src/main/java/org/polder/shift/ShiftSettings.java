package org.polder.shift;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The platform's shift settings: the longest review
 * window, the yearly cap of hours with one client, and how long before the planned start reported hours
 * may begin. The limits per day and week and the daily rest hold for all kinds of work: see
 * {@link org.polder.work.WorkingTime}.
 */
@Component
public class ShiftSettings {

    final Duration reviewWindow;
    final int maxMinutesPerClientYear;
    final Duration earlyStart;
    final ZoneId zone;

    ShiftSettings(@Value("${polder.shift.review-window:P7D}") Duration reviewWindow,
                  @Value("${polder.shift.max-hours-per-client-year:660}") int maxHoursPerClientYear,
                  @Value("${polder.shift.early-start-minutes:30}") int earlyStartMinutes,
                  @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.reviewWindow = reviewWindow;
        this.maxMinutesPerClientYear = maxHoursPerClientYear * 60;
        this.earlyStart = Duration.ofMinutes(earlyStartMinutes);
        this.zone = ZoneId.of(zone);
    }

    public Duration reviewWindow() {
        return reviewWindow;
    }

    /** Reported hours begin at check-in and never more than this before the planned start. */
    public Duration earlyStart() {
        return earlyStart;
    }

    /** The time zone days and years are counted in. */
    public ZoneId zone() {
        return zone;
    }

    public int maxMinutesPerClientYear() {
        return maxMinutesPerClientYear;
    }

    public int maxHoursPerClientYear() {
        return maxMinutesPerClientYear / 60;
    }
}
