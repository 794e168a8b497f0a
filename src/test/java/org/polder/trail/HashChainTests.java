package org.polder.trail;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTests {

    private static List<TrailEvent> chain(int length) {
        List<TrailEvent> events = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int i = 1; i <= length; i++) {
            Instant at = Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i);
            String payload = "{\"n\":" + i + "}";
            String hash = HashChain.hash(prev, i, 7L, 7L, null, "MICROTASK", 100L + i, 200L + i, "EVENT", payload, at);
            events.add(new TrailEvent(i, 7L, (long) i, 7L, null, "MICROTASK", 100L + i, 200L + i, "EVENT", payload, at, prev, hash));
            prev = hash;
        }
        return events;
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(HashChain.verify(chain(5))).isEmpty();
    }

    @Test
    void aChangedPayloadIsFoundAtItsEvent() {
        List<TrailEvent> events = chain(5);
        TrailEvent e = events.get(2);
        events.set(2, new TrailEvent(e.id(), e.workerId(), e.seq(), e.actorId(), e.organisationId(), e.kind(), e.taskId(),
                e.assignmentId(), e.type(), "{\"n\":999}", e.occurredAt(), e.prevHash(), e.hash()));
        assertThat(HashChain.verify(events)).hasValueSatisfying(broken -> {
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.reason()).contains("does not match its hash");
        });
    }

    @Test
    void aRemovedEventIsFound() {
        List<TrailEvent> events = chain(5);
        events.remove(1);
        assertThat(HashChain.verify(events)).hasValueSatisfying(broken -> assertThat(broken.seq()).isEqualTo(3));
    }
}
