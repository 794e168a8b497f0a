package org.polder.home;

import java.util.List;

/**
 * What a worker offers in homes: the services, the place they travel from and how far, when they are available
 * each week, and who the alarm reaches (a Polder account, or a name with a phone number or e-mail address).
 */
public record HomeProfile(long workerId, List<HomeService> services, String areaAddress, double areaLatitude, double areaLongitude,
                          int areaKm, List<WeeklySlot> availability, SafetyContact contact) {

    /** Available on a day of the week (1 Monday to 7 Sunday) from and until a local minute of that day. */
    public record WeeklySlot(int dayOfWeek, int fromMinute, int untilMinute) {
        public boolean covers(int day, int from, int until) {
            return day == dayOfWeek && from >= fromMinute && until <= untilMinute;
        }
    }

    /** The person told when the worker raises the alarm. */
    public record SafetyContact(String name, String phone, String email, Long accountId, String username) {
        public boolean isSet() {
            return accountId != null || (name != null && (phone != null || email != null));
        }
    }
}
