package org.polder.notify;

import java.util.Set;

/**
 * How a person wants to be told by e-mail: their address (used only once confirmed), the kinds of notice that
 * also come by mail, and quiet hours (local hours of the day; mail due inside them waits until they end).
 */
public record MailChoices(String email, boolean confirmed, Set<NoticeKind> byMail, Integer quietFrom, Integer quietUntil) {

    public boolean quietHours() {
        return quietFrom != null && quietUntil != null && !quietFrom.equals(quietUntil);
    }
}
