package org.polder.account;

import org.junit.jupiter.api.Test;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Reviews;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API endpoint the application has (read from its own request mappings, so a new endpoint is
 * checked without being listed here) x every role x someone else's resource: nobody gets a 2xx for
 * what is not theirs, anonymous callers get 401, and staff-only prefixes refuse everyone else.
 */
class AuthorizationMatrixIT extends PolderIT {

    /** Endpoints anyone may call, or that are about the caller only (no one else's resource in the path). */
    static final Set<String> PUBLIC = Set.of("POST /api/v1/accounts", "POST /api/v1/auth/token", "GET /api/v1/rules", "GET /api/v1/rules/{id}",
            "GET /api/v1/tracking/{token}", "POST /api/v1/tracking/{token}/handover");

    /** Readable by every logged-in user by design: public records and notices. */
    static final Set<String> SHARED = Set.of("GET /api/v1/requesters/{organisationId}/record", "GET /api/v1/consultations/{id}",
            "GET /api/v1/rules/{id}", "GET /api/v1/shifts/{id}", "POST /api/v1/shifts/{id}/apply");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    Reviews reviews;
    @Autowired
    org.polder.shift.Places places;
    @Autowired
    org.polder.shift.Shifts shifts;
    @Autowired
    org.polder.shift.Selection selection;
    @Autowired
    org.polder.errand.Errands errands;
    @Autowired
    org.polder.errand.Dispatch dispatch;
    @Autowired
    org.polder.errand.Duty duty;
    @Autowired
    org.polder.errand.Webhooks webhooks;

    record Endpoint(RequestMethod method, String pattern) {
        String key() {
            return method + " " + pattern;
        }
    }

    private List<Endpoint> endpoints() {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> all = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    if (seen.add(m + " " + pattern)) {
                        all.add(new Endpoint(m, pattern));
                    }
                }
            }
        }
        return all;
    }

    private static Api.Response call(Api api, Endpoint e, String path) {
        return switch (e.method()) {
            case GET -> api.get(path);
            case POST -> api.post(path, Map.of());
            case PUT -> api.put(path, Map.of());
            case DELETE -> api.delete(path, Map.of());
            default -> throw new IllegalStateException("no call for " + e);
        };
    }

    @Test
    void anonymousCallersGet401OnEveryEndpointButTheOpenOnes() {
        List<Endpoint> all = endpoints();
        assertThat(all).as("the mappings were read").hasSizeGreaterThan(40);
        for (Endpoint e : all) {
            if (PUBLIC.contains(e.key())) {
                continue;
            }
            Api.Response r = call(api(), e, e.pattern().replaceAll("\\{[^}]+}", "1"));
            assertThat(r.status()).as(e.key()).isEqualTo(401);
        }
    }

    @Test
    void staffPrefixesRefuseEveryOtherRole() {
        Map<String, Api> callers = Map.of(
                "worker", login(fixtures.worker()), "requester", login(fixtures.requester()),
                "moderator", login(fixtures.moderator()), "admin", login(fixtures.admin()));
        for (Endpoint e : endpoints()) {
            String path = e.pattern().replaceAll("\\{[^}]+}", "1");
            String owner = e.pattern().startsWith("/api/v1/admin/") ? "admin" : e.pattern().startsWith("/api/v1/moderation/") ? "moderator" : null;
            if (owner == null) {
                continue;
            }
            callers.forEach((role, api) -> {
                if (!role.equals(owner)) {
                    assertThat(call(api, e, path).status()).as(role + " on " + e.key()).isEqualTo(403);
                }
            });
        }
    }

    @Test
    void nobodyGetsA2xxForSomeoneElsesResource() {
        // The owners: a requester with a batch and template, a worker with an assignment, a decision and an appeal.
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 2, 40, 1);
        CurrentUser worker = fixtures.worker();
        long assignment = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, assignment, Map.of("label", "cat"));
        reviews.reject(requester, assignment, "Wrong");
        Api owner = login(worker);
        long decision = owner.get("/api/v1/me/decisions").json().get("items").get(0).get("id").asLong();
        long appeal = owner.post("/api/v1/me/decisions/" + decision + "/appeal", Map.of("statement", "It is a cat")).id();
        // A shift of the requester's, with the worker selected for it.
        fixtures.fund(requester, 100_000);
        var location = places.addLocation(requester, new org.polder.shift.Places.LocationSpec("Kitchen", "Street 1", 52.0, 4.0));
        var role = places.addRole(requester, new org.polder.shift.Places.RoleSpec("Cook", "", null, 0, "", "", ""));
        java.time.Instant start = clock.instant().plus(java.time.Duration.ofDays(3));
        var shift = shifts.post(requester, new org.polder.shift.Shifts.ShiftSpec(role.id(), location.id(), start,
                start.plus(java.time.Duration.ofHours(4)), 0, 2, 2000L, null, null, null, null, null, null)).get(0);
        selection.apply(worker, shift.id());
        long shiftAssignment = selection.select(requester, shift.id(), worker.id()).assignmentId();
        // An errand of the requester's, offered to the worker (a courier on duty far from everyone else), with a webhook.
        duty.goOnDuty(worker);
        duty.position(worker, -33.1, 151.3);
        var errand = errands.book(requester, new org.polder.errand.Errands.ErrandSpec(new org.polder.errand.Place("Shop", -33.1, 151.3),
                new org.polder.errand.Place("Home", -33.11, 151.31), "Sam", null, null, "", null, null));
        long offer = dispatch.current(worker).orElseThrow().id();
        long webhook = webhooks.add(requester, "http://127.0.0.1:9/hook").id();
        Map<String, Long> theirs = new java.util.HashMap<>(Map.of("batches", batch.id(), "assignments", assignment, "templates", batch.templateId(),
                "decisions", decision, "appeals", appeal, "shifts", shift.id(), "shift-assignments", shiftAssignment,
                "applicants", worker.id(), "errands", errand.id(), "errand-offers", offer));
        theirs.put("errand-webhooks", webhook);

        // Everyone else, in every role.
        Map<String, Api> others = Map.of("another worker", login(fixtures.worker()), "another requester", login(fixtures.requester()));
        List<String> leaks = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (PUBLIC.contains(e.key()) || SHARED.contains(e.key()) || e.pattern().startsWith("/api/v1/admin/")
                    || e.pattern().startsWith("/api/v1/moderation/") || !e.pattern().contains("{")) {
                continue;
            }
            String path = fill(e.pattern(), theirs);
            if (path == null) {
                continue;
            }
            checked.add(e.key());
            others.forEach((who, api) -> {
                int status = call(api, e, path).status();
                if (status >= 200 && status < 300) {
                    leaks.add(who + " got " + status + " on " + e.method() + " " + path);
                }
            });
        }
        assertThat(checked).as("endpoints about someone's batch, assignment, template, decision or appeal").hasSizeGreaterThan(15)
                .contains("GET /api/v1/assignments/{id}", "GET /api/v1/batches/{id}", "POST /api/v1/me/decisions/{id}/appeal",
                        "POST /api/v1/shifts/{id}/cancel", "POST /api/v1/shifts/{id}/applicants/{workerId}/select",
                        "POST /api/v1/shift-assignments/{id}/check-in", "POST /api/v1/shift-assignments/{id}/hours/accept",
                        "GET /api/v1/errands/{id}", "POST /api/v1/errands/{id}/cancel", "POST /api/v1/errand-offers/{id}/accept",
                        "POST /api/v1/courier/errands/{id}/deliver", "GET /api/v1/errand-webhooks/{id}/deliveries", "DELETE /api/v1/errand-webhooks/{id}");
        assertThat(leaks).isEmpty();
        // Nobody else's call changed the errand.
        assertThat(errands.ofOrganisation(requester, errand.id()).state()).isEqualTo(org.polder.errand.Errand.State.OFFERING);
    }

    /** The path with the owner's ids in it, chosen by the collection each id follows; null when none fits. */
    private static String fill(String pattern, Map<String, Long> theirs) {
        String[] parts = pattern.split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{")) {
                Long id = theirs.get(parts[i - 1]);
                if (id == null) {
                    return null;
                }
                part = Long.toString(id);
            }
            path.append('/').append(part);
        }
        return path.toString();
    }

    private Api login(CurrentUser user) {
        return api().login(user.username(), Fixtures.PASSWORD);
    }
}
