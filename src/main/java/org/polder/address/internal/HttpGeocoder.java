package org.polder.address.internal;

import org.polder.address.Found;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A geocoding service reached over HTTP that answers in JSON; each service reads its own format. */
abstract class HttpGeocoder implements Geocoder {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration timeout;
    private final String userAgent;
    protected final String base;

    HttpGeocoder(String base, Duration timeout, String userAgent) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The request for a text, e.g. {@code base + "/search?q=..."}. */
    abstract URI uri(String text, String language, int limit);

    /** The places in the service's answer, in its order. */
    abstract List<Found> read(JsonNode answer);

    @Override
    public List<Found> search(String text, String language, int limit) {
        HttpRequest request = HttpRequest.newBuilder(uri(text, language, limit)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", userAgent).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Unreachable("the address service answered " + response.statusCode(), null);
            }
            List<Found> found = read(JSON.readTree(response.body()));
            return found.size() > limit ? found.subList(0, limit) : found;
        } catch (IOException | RuntimeException e) {
            throw e instanceof Unreachable u ? u : new Unreachable("the address service did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<Found> list() {
        return new ArrayList<>();
    }
}
