package org.polder.common;

import java.time.Duration;

/**
 * A clock that can be set back while a history is seeded (the demo's month of work, each step at the time it
 * happened) and put right after. Time never passes beyond the present.
 */
public interface Rewindable {

    /** From now on, time reads this much earlier. */
    void setBack(Duration by);

    /** Lets this much time pass at once (never beyond the present). */
    void pass(Duration by);

    /** Back to the present. */
    void reset();
}
