package org.polder.web;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.BrowserIT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Security headers on the pages, a strict content security policy that the pages live with, and the session cookie's flags. */
class SecurityHeadersIT extends BrowserIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Claiming claiming;
    @org.springframework.beans.factory.annotation.Autowired
    org.polder.microtask.Submissions submissions;

    @Test
    void pagesCarryStrictHeadersAndTheSessionCookieIsNotForScripts() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/login"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void thePagesBreakNoRuleOfThePolicy() {
        CurrentUser requester = fixtures.requester();
        var batch = fixtures.published(requester, 3, 40, 1);
        CurrentUser worker = fixtures.worker();
        long submitted = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, submitted, java.util.Map.of("label", "cat"));
        long started = claiming.claim(worker, batch.id()).orElseThrow();
        List<String> violations = new ArrayList<>();
        String[][] visits = {
                {worker.username(), "/work", "/work/assignments/" + started, "/me/work", "/me/earnings", "/me/decisions", "/me/export",
                        "/consultations", "/representatives", "/channels"},
                {requester.username(), "/requester/batches", "/requester/batches/" + batch.id(), "/requester/templates",
                        "/requester/templates/new", "/requester/batches/new"},
                {fixtures.moderator().username(), "/moderation"},
                {fixtures.admin().username(), "/admin", "/admin/reports/authority"}};
        for (String[] visit : visits) {
            Page page = loggedIn(visit[0], "en");
            // The browser reports each blocked script, style or frame as a DOM event; collect them per page.
            page.addInitScript("window.cspViolations = []; document.addEventListener('securitypolicyviolation', "
                    + "e => window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));");
            for (int i = 1; i < visit.length; i++) {
                page.navigate(url(visit[i]));
                // Violations are reported while the page loads its scripts and styles: all are in once it has loaded.
                // (Not "network idle": every logged-in page keeps a live stream of notices open.)
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
                page.waitForFunction("() => document.readyState === 'complete'");
                Object found = page.evaluate("() => window.cspViolations");
                if (found instanceof List<?> list && !list.isEmpty()) {
                    violations.add(visit[i] + ": " + list);
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
