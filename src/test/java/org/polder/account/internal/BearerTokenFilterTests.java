package org.polder.account.internal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Which API requests keep their token's connection for their transactions: small changes only. */
class BearerTokenFilterTests {

    private static MockHttpServletRequest request(String method, String type, int bytes) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, "/api/v1/anything");
        if (type != null) {
            r.setContentType(type);
        }
        if (bytes >= 0) {
            r.setContent(new byte[bytes]);
        }
        return r;
    }

    @Test
    void smallChangesKeepTheConnectionReadsAndUploadsDoNot() {
        assertThat(BearerTokenFilter.smallChange(request("POST", "application/json", 120))).as("a claim or a hand-in").isTrue();
        assertThat(BearerTokenFilter.smallChange(request("POST", null, 0))).as("a release without a body").isTrue();
        assertThat(BearerTokenFilter.smallChange(request("GET", null, -1))).as("a read may answer with a large file").isFalse();
        assertThat(BearerTokenFilter.smallChange(request("POST", "multipart/form-data; boundary=x", 100))).as("an upload").isFalse();
        assertThat(BearerTokenFilter.smallChange(request("POST", "application/json", 200_000))).as("a large body").isFalse();
        assertThat(BearerTokenFilter.smallChange(request("POST", "application/json", -1))).as("a body of unknown length").isFalse();
    }
}
