package org.polder.errand.web;

import org.polder.errand.Dispatch;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Couriers' open pages, told the moment an offer is made for them (server-sent events), so that none of
 * its seconds are lost waiting for the next poll. Only this node's pages hear it: the page still asks
 * every few seconds, which covers offers made on another node.
 */
@Component
class CourierStream {

    /** A stream ends after this; the browser opens a new one by itself. */
    static final Duration OPEN_FOR = Duration.ofMinutes(5);

    private final Map<Long, List<SseEmitter>> open = new ConcurrentHashMap<>();

    SseEmitter open(long workerId) {
        SseEmitter emitter = new SseEmitter(OPEN_FOR.toMillis());
        List<SseEmitter> mine = open.computeIfAbsent(workerId, id -> new CopyOnWriteArrayList<>());
        mine.add(emitter);
        Runnable forget = () -> mine.remove(emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(e -> forget.run());
        try {
            emitter.send(SseEmitter.event().name("open").data("on duty"));
        } catch (IOException e) {
            forget.run();
        }
        return emitter;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void offered(Dispatch.OfferMade offer) {
        for (SseEmitter emitter : open.getOrDefault(offer.workerId(), List.of())) {
            try {
                emitter.send(SseEmitter.event().name("offer").data(offer.offerId()));
            } catch (IOException | IllegalStateException gone) {
                open.getOrDefault(offer.workerId(), List.of()).remove(emitter);
            }
        }
    }
}
