package org.polder.notify;

import org.polder.common.Words;

import java.time.Instant;

/** A notice as one person has it in their notification centre. */
public record Notification(long id, NoticeKind kind, Words text, String link, Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }
}
