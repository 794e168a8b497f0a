package org.polder.errand;

import org.polder.errand.internal.ErrandStore;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The receiver's view of an errand, reached by the unguessable token in their link, without an account.
 * It shows the status, and the courier's position only while the errand is under way; never the
 * courier's name. The PIN is shown to the receiver, who tells it to the courier at the door, unless they asked for a
 * contactless handover: then it is left at the door and a photo is the proof.
 */
@Service
public class Tracking {

    private final ErrandStore store;
    private final Errands errands;
    private final Timeline timeline;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Tracking(ErrandStore store, Errands errands, Timeline timeline, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.store = store;
        this.errands = errands;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /**
     * @param pin         the PIN to tell the courier; none once ended, or when the errand is to be left at the door
     * @param leaveAtDoor whether the receiver asked for it to be left at the door (a photo is then the proof)
     * @param bookedForLater booked for a later time slot, and no courier asked yet
     */
    public record View(String organisation, Errand.State state, Place pickup, Place dropoff, Instant windowStart, Instant windowEnd, String pin,
                       Position courier, List<Timeline.Step> history, boolean leaveAtDoor, String doorNote, boolean bookedForLater) {

        /** Whether the receiver may still choose how to receive it. */
        public boolean mayChoose() {
            return !state.ended();
        }
    }

    @Transactional(readOnly = true)
    public View view(String token) {
        long id = errandOf(token);
        Errand e = store.get(id);
        Position courier = errands.courierPosition(e).orElse(null);
        return new View(e.organisation(), e.state(), e.pickup(), e.dropoff(), e.windowStart(), e.windowEnd(),
                e.state().ended() || e.leaveAtDoor() ? null : e.pin(), courier, errands.history(id), e.leaveAtDoor(), e.doorNote(),
                e.waitsForItsTime(clock.instant()));
    }

    /**
     * The receiver asks for the errand to be left at the door ({@code leaveAtDoor}, with where in {@code doorNote}) or
     * to be handed over after all. Left at the door, a photo of it there is the proof; handed over, the proof the
     * requester asked for again. Until it is delivered or has ended otherwise; the choice is in the errand's record.
     */
    @Transactional
    public View handover(String token, boolean leaveAtDoor, String doorNote) {
        long id = errandOf(token);
        String note = doorNote == null || doorNote.isBlank() ? null : doorNote.strip();
        if (note != null && note.length() > 300) {
            throw DomainException.invalid("doorNote: at most 300 characters, was " + note.length()).code("problem.errand.doorNote", 300);
        }
        Errand e = store.lock(id);
        if (e.state().ended()) {
            throw DomainException.conflict("This delivery has ended (" + e.state() + "); how it is handed over can no longer change")
                    .code("problem.errand.handoverEnded");
        }
        if (leaveAtDoor) {
            jdbc.sql("UPDATE errand SET proof_asked = COALESCE(proof_asked, proof), proof = 'PHOTO', leave_at_door = TRUE, door_note = ?, "
                            + "updated_at = ? WHERE id = ?")
                    .params(note, Sql.ts(clock.instant()), id).update();
        } else {
            jdbc.sql("UPDATE errand SET proof = COALESCE(proof_asked, proof), proof_asked = NULL, leave_at_door = FALSE, door_note = NULL, "
                            + "updated_at = ? WHERE id = ?")
                    .params(Sql.ts(clock.instant()), id).update();
        }
        timeline.handover(e, leaveAtDoor, leaveAtDoor ? note : null);
        if (e.workerId() != null) {
            events.publishEvent(Notice.to(e.workerId(), NoticeKind.ERRAND, leaveAtDoor
                    ? Words.of("notice.leaveAtDoor", String.valueOf(e.id()), note == null ? "-" : note)
                    : Words.of("notice.handToReceiver", String.valueOf(e.id())), "/courier"));
        }
        return view(token);
    }

    private long errandOf(String token) {
        if (token == null || token.length() < 16 || token.length() > 64) {
            throw new NotFoundException("Tracking link", "in this address");
        }
        return store.byToken(token).orElseThrow(() -> new NotFoundException("Tracking link", "in this address"));
    }
}
