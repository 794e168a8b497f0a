package org.polder.address.internal;

import org.polder.address.Found;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** Photon (komoot's search over OpenStreetMap data, self-hostable): GeoJSON features with their properties. */
class Photon extends HttpGeocoder {

    static final String DEFAULT_URL = "https://photon.komoot.io";
    private static final Set<String> LANGUAGES = Set.of("en", "de", "fr");

    Photon(String base, Duration timeout, String userAgent) {
        super(base, timeout, userAgent);
    }

    @Override
    URI uri(String text, String language, int limit) {
        // Photon names places in a few languages only; others get the local names.
        String lang = LANGUAGES.contains(language) ? "&lang=" + language : "";
        return URI.create(base + "/api/?q=" + encode(text) + "&limit=" + limit + lang);
    }

    @Override
    List<Found> read(JsonNode answer) {
        List<Found> found = list();
        for (JsonNode feature : answer.path("features")) {
            JsonNode at = feature.path("geometry").path("coordinates");
            JsonNode p = feature.path("properties");
            String name = address(p);
            if (at.size() == 2 && !name.isBlank()) {
                found.add(Found.of(name, at.get(1).asDouble(), at.get(0).asDouble()));
            }
        }
        return found;
    }

    /** "Haarlemmerstraat 12, 1013 ER Amsterdam" from the parts Photon gives. */
    private static String address(JsonNode p) {
        String street = p.path("street").asString("");
        String number = p.path("housenumber").asString("");
        String name = p.path("name").asString("");
        StringJoiner joined = new StringJoiner(", ");
        String first = !street.isBlank() ? (street + " " + number).strip() : name;
        if (!name.isBlank() && !street.isBlank() && !name.equals(street)) {
            joined.add(name);
        }
        if (!first.isBlank()) {
            joined.add(first);
        }
        String town = (p.path("postcode").asString("") + " " + p.path("city").asString("")).strip();
        if (!town.isBlank()) {
            joined.add(town);
        }
        return joined.toString();
    }
}
