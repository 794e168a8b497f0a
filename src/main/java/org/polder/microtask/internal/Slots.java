package org.polder.microtask.internal;

import org.polder.work.Assignments;
import org.polder.ledger.Escrow;
import org.polder.work.WorkKind;
import org.polder.microtask.Batch;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;


/**
 * Where a slot goes when its assignment ends without being paid: back on offer while the batch is
 * published, otherwise its escrow back to the organisation.
 */
@Component
public class Slots {

    private final BatchStore batches;
    private final Escrow escrow;
    private final Assignments work;

    Slots(Assignments work, BatchStore batches, Escrow escrow) {
        this.work = work;
        this.batches = batches;
        this.escrow = escrow;
    }

    /** A released or expired assignment's slot. Locks the batch row, so it cannot race a close. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void giveBack(BatchRecord batch, long taskId, Long actorId) {
        Batch.State state = batches.lockState(batch.id());
        if (state == Batch.State.PUBLISHED || state == Batch.State.PAUSED) {
            work.openSlot(taskId);
        } else {
            refund(batch, actorId, "Slot of a closed batch " + batch.id() + " returned");
        }
    }

    /** Returns one slot's escrow (reward and fee) to the organisation, e.g. after a rejection. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refund(BatchRecord batch, Long actorId, String description) {
        escrow.giveBack(new Escrow.Of(WorkKind.MICROTASK, batch.id(), batch.organisationId()), batch.slotCost(), description, actorId,
                "batch:" + batch.id());
    }
}
