package org.polder.notify.web;

import org.polder.common.Words;
import org.polder.notify.Notification;
import org.polder.notify.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * People's open pages, told of each new notice through server-sent events: at once when it was written on this
 * node, and within a few seconds when another node wrote it (each open page asks the database for what it has
 * not shown yet). Each page is sent each notice once, in the language the page was opened in.
 */
@Component
class NoticeStream {

    /** A stream ends after this; the browser opens a new one by itself. */
    static final Duration OPEN_FOR = Duration.ofMinutes(5);

    /** One open page: whose, in which language, and the newest notice it was sent. */
    private static final class Listener {
        final SseEmitter emitter;
        final Locale locale;
        long lastSent;

        Listener(SseEmitter emitter, Locale locale, long lastSent) {
            this.emitter = emitter;
            this.locale = locale;
            this.lastSent = lastSent;
        }
    }

    private final Map<Long, List<Listener>> open = new ConcurrentHashMap<>();
    private final Notifications notifications;
    private final MessageSource messages;
    private final ZoneId zone;

    NoticeStream(Notifications notifications, MessageSource messages, @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.notifications = notifications;
        this.messages = messages;
        this.zone = ZoneId.of(zone);
    }

    SseEmitter open(long recipientId, Locale locale) {
        SseEmitter emitter = new SseEmitter(OPEN_FOR.toMillis());
        Listener listener = new Listener(emitter, locale, notifications.newest(recipientId));
        List<Listener> theirs = open.computeIfAbsent(recipientId, id -> new CopyOnWriteArrayList<>());
        theirs.add(listener);
        Runnable forget = () -> theirs.remove(listener);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(e -> forget.run());
        try {
            emitter.send(SseEmitter.event().name("unread").data(notifications.unread(recipientId)));
        } catch (IOException e) {
            forget.run();
        }
        return emitter;
    }

    /** A notice written on this node: its recipient's open pages hear it as soon as it is committed. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void written(Notifications.Written written) {
        sendNew(written.recipientId());
    }

    /** Notices written on other nodes reach the pages open on this one. */
    @org.polder.common.DecidesNothing("passes notices already written to the pages open on this node")
    @Scheduled(fixedDelayString = "${polder.notify.stream-poll:PT3S}")
    void poll() {
        open.keySet().forEach(this::sendNew);
    }

    private void sendNew(long recipientId) {
        List<Listener> theirs = open.getOrDefault(recipientId, List.of());
        if (theirs.isEmpty()) {
            return;
        }
        long since = theirs.stream().mapToLong(l -> l.lastSent).min().orElse(0);
        List<Notification> fresh = notifications.after(recipientId, since);
        if (fresh.isEmpty()) {
            return;
        }
        long unread = notifications.unread(recipientId);
        for (Listener l : theirs) {
            synchronized (l) {
                for (Notification n : fresh) {
                    if (n.id() <= l.lastSent) {
                        continue;
                    }
                    try {
                        l.emitter.send(SseEmitter.event().name("notice").id(String.valueOf(n.id()))
                                .data(Map.of("unread", unread, "text", n.text().in(messages, l.locale, zone), "link", n.link())));
                        l.lastSent = n.id();
                    } catch (IOException | IllegalStateException gone) {
                        theirs.remove(l);
                        break;
                    }
                }
            }
        }
    }

    /** The words of a notice in a language, for pages. */
    String text(Words words, Locale locale) {
        return words.in(messages, locale, zone);
    }
}
