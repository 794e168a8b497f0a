package org.polder.address.internal;

import org.polder.address.Found;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dutch government's free address service (PDOK Locatieserver v3.1, {@code /free}): addresses,
 * streets and places in the Netherlands, each with its centre as {@code POINT(longitude latitude)}.
 */
class PdokLocatieserver extends HttpGeocoder {

    static final String DEFAULT_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1";
    private static final Pattern POINT = Pattern.compile("POINT\\(\\s*(-?[0-9.]+)\\s+(-?[0-9.]+)\\s*\\)");

    PdokLocatieserver(String base, Duration timeout, String userAgent) {
        super(base, timeout, userAgent);
    }

    @Override
    URI uri(String text, String language, int limit) {
        return URI.create(base + "/free?q=" + encode(text) + "&rows=" + limit
                + "&fl=" + encode("weergavenaam,centroide_ll,type") + "&fq=" + encode("type:(adres OR weg OR postcode OR woonplaats)"));
    }

    @Override
    List<Found> read(JsonNode answer) {
        List<Found> found = list();
        for (JsonNode doc : answer.path("response").path("docs")) {
            Matcher point = POINT.matcher(doc.path("centroide_ll").asString(""));
            String name = doc.path("weergavenaam").asString("");
            if (point.matches() && !name.isBlank()) {
                found.add(Found.of(name, Double.parseDouble(point.group(2)), Double.parseDouble(point.group(1))));
            }
        }
        return found;
    }
}
