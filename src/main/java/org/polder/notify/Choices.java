package org.polder.notify;

import java.util.Set;

/**
 * How a person wants to be told besides the notification centre: their e-mail address (used only once confirmed),
 * the kinds of notice that come by mail and by push to their devices, how many devices they registered, and quiet
 * hours (local hours of the day; mail and pushes due inside them wait until they end, except errand offers).
 */
public record Choices(String email, boolean confirmed, Set<NoticeKind> byMail, Set<NoticeKind> byPush, int devices,
                      Integer quietFrom, Integer quietUntil) {

    public boolean quietHours() {
        return quietFrom != null && quietUntil != null && !quietFrom.equals(quietUntil);
    }
}
