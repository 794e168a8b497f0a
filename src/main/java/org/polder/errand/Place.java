package org.polder.errand;

import org.polder.common.DomainException;

/** An address and its coordinates, as the requester gives them. */
public record Place(String address, Double latitude, Double longitude) {

    /** The place, stripped, or a clear error naming the field ({@code pickup} or {@code dropoff}). */
    static Place checked(String field, Place p) {
        if (p == null || p.address() == null || p.address().isBlank() || p.address().strip().length() > 500) {
            throw DomainException.invalid(field + ".address: 1 to 500 characters").code("problem.errand.address", field);
        }
        if (p.latitude() == null || p.longitude() == null || Math.abs(p.latitude()) > 90 || Math.abs(p.longitude()) > 180) {
            throw DomainException.invalid(field + ".latitude, " + field + ".longitude: both, in degrees (-90 to 90, -180 to 180)")
                    .code("problem.errand.coordinates", field);
        }
        return new Place(p.address().strip(), p.latitude(), p.longitude());
    }
}
