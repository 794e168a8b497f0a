package org.polder.address.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * Which geocoding service answers address searches: {@code polder.places.geocoder} is {@code pdok} (the
 * default, Dutch addresses), {@code photon}, {@code nominatim} or {@code off}; {@code polder.places.url}
 * points at another server of the same kind (a self-hosted Photon, say).
 */
@Configuration
class GeocodingConfiguration {

    @Bean
    Geocoder geocoder(@Value("${polder.places.geocoder:pdok}") String service, @Value("${polder.places.url:}") String url,
                      @Value("${polder.places.timeout:PT3S}") Duration timeout,
                      @Value("${polder.places.user-agent:Polder (open-source platform for platform work)}") String userAgent) {
        return switch (service) {
            case "pdok" -> new PdokLocatieserver(or(url, PdokLocatieserver.DEFAULT_URL), timeout, userAgent);
            case "photon" -> new Photon(or(url, Photon.DEFAULT_URL), timeout, userAgent);
            case "nominatim" -> new Nominatim(or(url, Nominatim.DEFAULT_URL), timeout, userAgent);
            case "off" -> (text, language, limit) -> {
                throw new Geocoder.Unreachable("no address service is configured", null);
            };
            default -> throw new IllegalStateException("polder.places.geocoder: one of " + List.of("pdok", "photon", "nominatim", "off")
                    + ", not " + service);
        };
    }

    private static String or(String url, String otherwise) {
        return url == null || url.isBlank() ? otherwise : url;
    }
}
