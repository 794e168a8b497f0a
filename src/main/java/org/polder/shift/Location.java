package org.polder.shift;

/** A place where an organisation's shifts are worked. */
public record Location(long id, long organisationId, String name, String address, double latitude, double longitude) {
}
