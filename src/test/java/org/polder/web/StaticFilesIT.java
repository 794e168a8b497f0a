package org.polder.web;

import org.junit.jupiter.api.Test;
import org.polder.testing.Api;
import org.polder.testing.PolderIT;

import static org.assertj.core.api.Assertions.assertThat;

/** Static files come from their own folders only; every other path is a page or an endpoint, checked as such. */
class StaticFilesIT extends PolderIT {

    @Test
    void stylesScriptsPicturesAndHtmxAreServed() {
        Api anonymous = api();
        assertServed(anonymous, "/css/polder.css", "text/css", ".flash");
        assertServed(anonymous, "/js/review.js", "javascript", "addEventListener");
        assertServed(anonymous, "/demo/images/shape-01.svg", "image/svg+xml", "<svg");
        assertServed(anonymous, "/icons/polder.svg", "image/svg+xml", "<svg");
        // The versionless address the pages use is resolved to the packaged htmx.
        assertServed(anonymous, "/webjars/htmx.org/dist/htmx.min.js", "javascript", "htmx");
    }

    @Test
    void nothingElseIsLookedUpAsAFile() {
        Api anonymous = api();
        assertThat(anonymous.get("/css/missing.css").status()).isEqualTo(404);
        // A path outside the static folders is a page: it asks for a login, it is never a file of the class path.
        assertThat(anonymous.get("/polder.css").status()).isEqualTo(302);
        assertThat(anonymous.get("/application.properties").status()).isEqualTo(302);
        assertThat(anonymous.get("/static/css/polder.css").status()).isEqualTo(302);
    }

    private static void assertServed(Api api, String path, String type, String content) {
        Api.Response r = api.get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.contentType()).as(path).contains(type);
        assertThat(r.body()).as(path).contains(content);
    }
}
