package org.polder.microtask;

/** How far a batch is: slots are tasks x assignments per task; the rest count assignments by state. */
public record Progress(long tasks, long slots, long open, long inProgress, long submitted, long approved, long rejected,
                       long released, long expired) {

    /** Every slot is either approved, rejected or no longer on offer. */
    public boolean complete(boolean closed) {
        return inProgress == 0 && submitted == 0 && (open == 0 || closed);
    }
}
