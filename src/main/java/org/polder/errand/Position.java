package org.polder.errand;

/** A point on the map, in degrees. */
public record Position(double latitude, double longitude) {
}
