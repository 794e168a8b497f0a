package org.polder.errand;

import java.util.List;

/**
 * Where the couriers on duty are, for choosing who gets an errand. The embedded default keeps them in
 * memory in H3 cells ({@code internal.H3GeoIndex}); a shared store can stand behind the same interface.
 */
public interface GeoIndex {

    /** A courier and their straight-line distance from the point asked about. */
    record Near(long workerId, double km) {
    }

    /** Places or moves a courier. */
    void put(long workerId, double latitude, double longitude);

    /** Takes a courier out (off duty). */
    void remove(long workerId);

    /** Up to {@code k} couriers nearest to the point within {@code maxKm}, nearest first. */
    List<Near> nearest(double latitude, double longitude, int k, double maxKm);

    int size();

    /** Whether the index keeps its couriers through a restart by itself (in the database), so that nothing need be rebuilt. */
    default boolean persistent() {
        return false;
    }
}
