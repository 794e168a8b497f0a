package org.polder.address.internal;

import org.polder.address.Found;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Nominatim (OpenStreetMap's own search): an array of places with {@code display_name}, {@code lat} and
 * {@code lon}. The public server asks for at most one request a second and a User-Agent naming the
 * application: this node asks it at most once a second, suggestions wait for a pause in typing, and answers
 * are kept for a while.
 */
class Nominatim extends HttpGeocoder {

    static final String DEFAULT_URL = "https://nominatim.openstreetmap.org";

    /** The public server's policy: at most one request a second, from the whole application node. */
    static final Duration BETWEEN = Duration.ofSeconds(1);
    private long last;

    Nominatim(String base, Duration timeout, String userAgent) {
        super(base, timeout, userAgent);
    }

    @Override
    public synchronized List<Found> search(String text, String language, int limit) {
        long wait = last + BETWEEN.toMillis() - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable("interrupted", e);
            }
        }
        try {
            return super.search(text, language, limit);
        } finally {
            last = System.currentTimeMillis();
        }
    }

    @Override
    URI uri(String text, String language, int limit) {
        return URI.create(base + "/search?q=" + encode(text) + "&format=jsonv2&limit=" + limit + "&accept-language=" + encode(language));
    }

    @Override
    List<Found> read(JsonNode answer) {
        List<Found> found = list();
        for (JsonNode place : answer) {
            String name = place.path("display_name").asString("");
            String lat = place.path("lat").asString("");
            String lon = place.path("lon").asString("");
            if (!name.isBlank() && !lat.isBlank() && !lon.isBlank()) {
                found.add(Found.of(name, Double.parseDouble(lat), Double.parseDouble(lon)));
            }
        }
        return found;
    }
}
