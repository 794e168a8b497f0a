package org.polder.testing;

import org.polder.account.CurrentUser;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser without a screen: a cookie jar, form posts with the CSRF token read from the page, no redirects followed. */
public final class WebSession {

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

    public WebSession(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A download (a PDF, a CSV) as the browser of someone reading {@code language} gets it. */
    public HttpResponse<byte[]> download(String path, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept-Language", language).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form to {@code path} with the CSRF token of the page at {@code csrfFrom}. */
    public HttpResponse<String> post(String path, String csrfFrom, Map<String, String> form) throws Exception {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(csrfFrom).body());
        assertThat(m.find()).as("a CSRF token on " + csrfFrom).isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + m.group(1));
        form.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public WebSession login(CurrentUser user) throws Exception {
        return login(user.username(), Fixtures.PASSWORD);
    }

    public WebSession login(String username, String password) throws Exception {
        HttpResponse<String> r = post("/login", "/login", Map.of("username", username, "password", password));
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/start");
        return this;
    }
}
