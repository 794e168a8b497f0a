package org.polder.microtask.internal;

import org.polder.common.Automated;
import java.util.function.DoubleSupplier;

/**
 * When the next task of a worker should be a gold question. With {@code rate} the batch's share and
 * {@code behind} how far the worker's gold count lags the rate (counting the task about to be
 * handed out), a gold question comes for certain when a whole one is due, and with probability
 * {@code behind} when only part of one is. So the rate holds to within one question, and where
 * the gold questions fall cannot be predicted. A coin that always returns 0 makes it deterministic.
 */
@Automated("microtask.gold-schedule")
public final class GoldSchedule {

    private GoldSchedule() {
    }

    public static boolean due(long goldSoFar, long tasksSoFar, int percent, DoubleSupplier coin) {
        double behind = percent / 100.0 * (tasksSoFar + 1) - goldSoFar;
        return behind >= 1 || behind > 0 && coin.getAsDouble() < behind;
    }
}
