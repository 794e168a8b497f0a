package org.polder.address.internal;

import org.polder.address.Found;

import java.util.List;

/** One geocoding service: addresses that match a text, best first. */
public interface Geocoder {

    /** At most {@code limit} places; throws {@link Unreachable} when the service does not answer usefully. */
    List<Found> search(String text, String language, int limit);

    /** The service did not answer, or answered something that is not its format. */
    class Unreachable extends RuntimeException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
