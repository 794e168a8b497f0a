package org.polder.notify;

import org.polder.common.Words;

/**
 * Something to tell one person, or the requesters of one organisation, published as an application event
 * inside the transaction of the change it is about ({@code ApplicationEventPublisher.publishEvent}). The text
 * is kept as words, so that each reader reads it in their own language.
 */
public record Notice(Long recipientId, Long organisationId, NoticeKind kind, Words text, String link) {

    public Notice {
        if ((recipientId == null) == (organisationId == null)) {
            throw new IllegalArgumentException("a notice goes to one person or to one organisation's requesters");
        }
    }

    /** To one person; it leads to the kind's page. */
    public static Notice to(long recipientId, NoticeKind kind, Words text) {
        return new Notice(recipientId, null, kind, text, kind.link());
    }

    /** To one person, leading to the given page. */
    public static Notice to(long recipientId, NoticeKind kind, Words text, String link) {
        return new Notice(recipientId, null, kind, text, link);
    }

    /** To every requester of the organisation, leading to the given page. */
    public static Notice toRequestersOf(long organisationId, NoticeKind kind, Words text, String link) {
        return new Notice(null, organisationId, kind, text, link);
    }
}
