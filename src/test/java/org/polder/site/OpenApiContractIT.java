package org.polder.site;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document says what the API answers: the main flows of every kind of work are run through
 * HTTP, and each request and answer is checked against /v3/api-docs (status codes, content types and
 * bodies), so the document cannot drift from the code.
 */
class OpenApiContractIT extends PolderIT {

    OpenApiInteractionValidator validator;
    final List<String> problems = new ArrayList<>();

    @Test
    void theBatchUploadDocumentsItsSpecPart() {
        JsonNode spec = api().get("/v3/api-docs").json();
        JsonNode part = spec.at("/paths/~1api~1v1~1batches/post/requestBody/content/multipart~1form-data");
        assertThat(part.at("/schema/properties/spec/$ref").asString()).endsWith("/BatchSpec");
        assertThat(part.at("/encoding/spec/contentType").asString()).isEqualTo("application/json");
        assertThat(spec.at("/components/schemas/BatchSpec/properties/reward/type").asString()).isEqualTo("integer");
    }

    @BeforeEach
    void document() {
        String spec = api().get("/v3/api-docs").body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    }

    /** Sends a JSON request as a client would, and checks it and its answer against the document. */
    Api.Response call(Api as, String method, String path, Object body) {
        Api.Response r = switch (method) {
            case "GET" -> as.get(path);
            case "POST" -> as.post(path, body);
            case "PUT" -> as.put(path, body);
            default -> throw new IllegalArgumentException(method);
        };
        String json = body == null ? null : Api.json(body);
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), pathOnly)
                .withHeader("Authorization", "Bearer x");
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (json != null) {
            request.withContentType("application/json").withBody(json);
        }
        check(method + " " + path, request.build(), r);
        return r;
    }

    void check(String what, Request request, Api.Response r) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(r.status());
        if (r.contentType() != null && !r.contentType().isBlank()) {
            response.withContentType(r.contentType());
        }
        if (r.body() != null && !r.body().isEmpty()) {
            response.withBody(r.body());
        }
        ValidationReport report = request == null
                ? validator.validateResponse(what.substring(what.indexOf(' ') + 1, what.indexOf(" (")), Request.Method.POST, response.build())
                : validator.validate(request, response.build());
        report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !m.getKey().startsWith("validation.request.security"))
                // Fields of records may be null: the document does not mark each one nullable.
                .filter(m -> !m.getMessage().contains("Instance type (null)"))
                .forEach(m -> problems.add(what + " -> " + r.status() + ": " + m.getKey() + " " + m.getMessage()));
    }

    /** A multipart upload: the answer is checked (the validator does not read multipart bodies). */
    Api.Response upload(Api as, String path, String json, byte[] csv) {
        Api.Response r = as.multipart(path, "spec", json, "file", csv);
        check("POST " + path, new SimpleRequest.Builder(Request.Method.POST, path).withContentType("multipart/form-data").build(), r);
        return r;
    }

    @Test
    void theCheckItselfCatchesAnAnswerThatDiffersFromTheDocument() {
        Request me = new SimpleRequest.Builder(Request.Method.GET, "/api/v1/me").withHeader("Authorization", "Bearer x").build();
        call(api().login(fixtures.worker().username(), Fixtures.PASSWORD), "GET", "/api/v1/me", null);
        assertThat(problems).isEmpty();
        check("a wrong type", me, new Api.Response(200, "{\"id\": \"seven\"}", "application/json", Map.of()));
        check("an undocumented status", me, new Api.Response(201, "{}", "application/json", Map.of()));
        // A trail event's payload is an object, not text.
        Request trail = new SimpleRequest.Builder(Request.Method.GET, "/api/v1/me/trail").withHeader("Authorization", "Bearer x").build();
        check("payload as text", trail, new Api.Response(200, "{\"items\": [{\"id\": 1, \"payload\": \"text\"}], \"page\": 0, \"size\": 1, "
                + "\"total\": 1}", "application/json", Map.of()));
        assertThat(problems).hasSize(3);
        problems.clear();
    }

    @Test
    void theMainFlowsOfEveryKindAnswerAsDocumented() {
        Api anonymous = api();
        String username = Fixtures.unique("contract");
        call(anonymous, "POST", "/api/v1/accounts", Map.of("username", username, "password", "violet-harbour-tram-seven",
                "displayName", "Contract Worker", "role", "WORKER"));
        Api worker = anonymous.as(call(anonymous, "POST", "/api/v1/auth/token", Map.of("username", username, "password",
                "violet-harbour-tram-seven")).json().get("token").asString());
        long workerId = call(worker, "GET", "/api/v1/me", null).json().get("id").asLong();

        CurrentUser requesterUser = fixtures.requester();
        fixtures.fund(requesterUser, 1_000_000);
        Api requester = api().login(requesterUser.username(), Fixtures.PASSWORD);
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        call(admin, "POST", "/api/v1/admin/organisations/" + requesterUser.organisationId() + "/funds", Map.of("amount", 5000, "reference", "bank"));
        call(admin, "GET", "/api/v1/admin/guarantee-fund", null);

        // Microtasks: template, batch, publish, claim, submit, reject, decision, appeal, trail, earnings.
        long template = call(requester, "POST", "/api/v1/templates", Map.of("title", "Sentiment", "instructions", "Say how it feels",
                "display", List.of(Map.of("type", "TEXT", "value", "${review}")),
                "fields", List.of(Map.of("name", "sentiment", "type", "SINGLE_CHOICE", "label", "Sentiment",
                        "options", List.of("positive", "negative"), "required", true)))).id();
        long batch = upload(requester, "/api/v1/batches", Api.json(Map.of("name", "Reviews", "templateId", template, "reward", 40,
                "assignmentsPerTask", 1, "allottedSeconds", 300, "expectedSeconds", 30)), "review\nGreat\nBad\n".getBytes()).id();
        call(requester, "POST", "/api/v1/batches/" + batch + "/publish", null);
        call(worker, "GET", "/api/v1/batches/available", null);
        long assignment = call(worker, "POST", "/api/v1/assignments", Map.of("batchId", batch)).id();
        call(worker, "POST", "/api/v1/assignments/" + assignment + "/submit", Map.of("answers", Map.of("sentiment", "positive")));
        call(requester, "POST", "/api/v1/assignments/" + assignment + "/reject", Map.of("reason", "Not what the review says"));
        call(requester, "GET", "/api/v1/batches/" + batch, null);
        JsonNode decisions = call(worker, "GET", "/api/v1/me/decisions", null).json();
        long decision = decisions.get("items").get(0).get("id").asLong();
        call(worker, "POST", "/api/v1/me/decisions/" + decision + "/appeal", Map.of("statement", "The review is positive"));
        call(worker, "GET", "/api/v1/me/trail?size=5", null);
        call(worker, "GET", "/api/v1/me/earnings", null);
        call(worker, "GET", "/api/v1/me/pay-per-hour?from=2026-11-01&to=2026-12-31", null);
        call(worker, "GET", "/api/v1/requesters/" + requesterUser.organisationId() + "/record", null);

        // Shifts: a place and a role, a shift, the feed, applying and being selected.
        long location = call(requester, "POST", "/api/v1/shift-locations", Map.of("name", "Café", "address", "Kade 1, Amsterdam",
                "latitude", 52.37, "longitude", 4.9)).id();
        long role = call(requester, "POST", "/api/v1/shift-roles", Map.of("name", "Bar", "skills", "Pouring", "clothing", "Black",
                "briefing", "Ask for Anna", "contact", "Anna")).id();
        String start = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS).toString();
        String end = clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(4)).toString();
        JsonNode posted = call(requester, "POST", "/api/v1/shifts", Map.of("roleId", role, "locationId", location, "startsAt", start,
                "endsAt", end, "breakMinutes", 30, "headcount", 1, "hourlyRate", 1650, "cancellationHours", 48)).json();
        long shift = posted.get("shifts").get(0).get("id").asLong();
        call(worker, "GET", "/api/v1/shifts/feed?latitude=52.37&longitude=4.9&withinKm=5", null);
        call(worker, "POST", "/api/v1/shifts/" + shift + "/apply", null);
        call(requester, "POST", "/api/v1/shifts/" + shift + "/applicants/" + workerId + "/select", null);
        call(requester, "GET", "/api/v1/shifts/" + shift + "/applicants", null);

        // Errands: on duty near the pickup, a quote, a booking, the offer and its acceptance.
        call(worker, "POST", "/api/v1/me/duty", Map.of("onDuty", true));
        call(worker, "POST", "/api/v1/me/position", Map.of("latitude", -33.9, "longitude", 18.42));
        Map<String, Object> errand = Map.of("pickup", Map.of("address", "Long Street 1", "latitude", -33.9, "longitude", 18.42),
                "dropoff", Map.of("address", "Bree Street 9", "latitude", -33.91, "longitude", 18.42), "receiver", "Femke", "proof", "PIN");
        call(requester, "POST", "/api/v1/errands/quote", errand);
        long errandId = call(requester, "POST", "/api/v1/errands", errand).id();
        JsonNode offer = call(worker, "GET", "/api/v1/me/errand-offer", null).json();
        call(worker, "POST", "/api/v1/errand-offers/" + offer.get("id").asLong() + "/accept", null);
        call(requester, "GET", "/api/v1/errands/" + errandId, null);

        // Errors are documented too: a problem answer for bad input (the request itself is wrong on purpose).
        Api.Response bad = worker.post("/api/v1/assignments", Map.of("batchId", "not a number"));
        assertThat(bad.status()).isEqualTo(400);
        check("POST /api/v1/assignments (bad)", null, bad);

        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }
}
