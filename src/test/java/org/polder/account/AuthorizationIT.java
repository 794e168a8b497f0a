package org.polder.account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.Submissions;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint family checks who asks: a worker never reads another worker's work, a requester
 * never another organisation's, and someone else's resource answers 404, never its data.
 */
class AuthorizationIT extends PolderIT {

    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;

    CurrentUser requester;
    CurrentUser worker;
    Batch batch;
    long assignment;
    long templateId;

    Api theWorker;
    Api anotherWorker;
    Api theRequester;
    Api colleague;
    Api otherRequester;
    Api admin;
    Api moderator;

    @BeforeEach
    void world() {
        requester = fixtures.requester();
        batch = fixtures.published(requester, 2, 40, 1);
        templateId = batch.templateId();
        worker = fixtures.worker();
        assignment = claiming.claim(worker, batch.id()).orElseThrow();
        submissions.submit(worker, assignment, Map.of("label", "cat"));

        theWorker = login(worker);
        anotherWorker = login(fixtures.worker());
        theRequester = login(requester);
        colleague = login(fixtures.colleagueOf(requester));
        otherRequester = login(fixtures.requester());
        admin = login(fixtures.admin());
        moderator = login(fixtures.moderator());
    }

    private Api login(CurrentUser user) {
        return api().login(user.username(), Fixtures.PASSWORD);
    }

    @Test
    void aTokenActsWithTheAccountsRolesUntilItIsRevokedOrExpires() {
        CurrentUser someone = fixtures.requester();
        Api bearer = login(someone);
        Api.Response me = bearer.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asLong()).isEqualTo(someone.id());
        assertThat(me.json().get("organisationId").asLong()).isEqualTo(someone.organisationId());
        assertThat(bearer.get("/api/v1/batches").status()).as("a requester's endpoint").isEqualTo(200);
        assertThat(bearer.post("/api/v1/assignments", Map.of("batchId", batch.id())).status()).as("a worker's endpoint").isEqualTo(403);

        assertThat(bearer.delete("/api/v1/auth/token", Map.of()).status()).isEqualTo(204);
        assertThat(bearer.get("/api/v1/me").status()).as("revoked").isEqualTo(401);

        Api later = login(someone);
        assertThat(later.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(java.time.Duration.ofDays(31));
        assertThat(later.get("/api/v1/me").status()).as("expired after 30 days").isEqualTo(401);
    }

    @Test
    void withoutATokenEveryEndpointAnswers401AsProblemJson() {
        for (String path : new String[]{"/api/v1/me", "/api/v1/me/trail", "/api/v1/me/earnings", "/api/v1/batches",
                "/api/v1/batches/" + batch.id(), "/api/v1/assignments/" + assignment, "/api/v1/templates", "/api/v1/admin/payouts"}) {
            Api.Response r = api().get(path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
        assertThat(api().as("pld_not-a-real-token").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api().post("/api/v1/assignments", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void wrongPasswordGetsNoToken() {
        Api.Response r = api().post("/api/v1/auth/token", Map.of("username", worker.username(), "password", "wrong-password"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("detail").asString()).isEqualTo("Unknown username or wrong password");
    }

    @Test
    void assignments() {
        String path = "/api/v1/assignments/" + assignment;
        assertThat(theWorker.get(path).status()).isEqualTo(200);
        assertThat(theRequester.get(path).status()).isEqualTo(200);
        assertThat(colleague.get(path).status()).isEqualTo(200);
        assertThat(anotherWorker.get(path).status()).isEqualTo(404);
        assertThat(otherRequester.get(path).status()).isEqualTo(404);
        assertThat(anotherWorker.get(path).body()).doesNotContain("cat");
        // Someone else's work cannot be submitted, released, approved, rejected or given a bonus.
        assertThat(anotherWorker.post(path + "/submit", Map.of("answers", Map.of("label", "dog"))).status()).isEqualTo(404);
        assertThat(anotherWorker.post(path + "/release", null).status()).isEqualTo(404);
        assertThat(otherRequester.post(path + "/approve", null).status()).isEqualTo(404);
        assertThat(otherRequester.post(path + "/reject", Map.of("reason", "no")).status()).isEqualTo(404);
        assertThat(otherRequester.post(path + "/bonus", Map.of("amount", 10, "message", "hi")).status()).isEqualTo(404);
        assertThat(otherRequester.post("/api/v1/assignments/review", Map.of("assignmentIds", java.util.List.of(assignment),
                "decision", "APPROVE")).status()).isEqualTo(404);
        // Workers do not review; requesters do not claim.
        assertThat(theWorker.post(path + "/approve", null).status()).isEqualTo(403);
        assertThat(theRequester.post("/api/v1/assignments", Map.of("batchId", batch.id())).status()).isEqualTo(403);
        assertThat(theWorker.get(path).json().get("state").asString()).isEqualTo("SUBMITTED");
    }

    @Test
    void batchesTemplatesAndResults() {
        for (String path : new String[]{"/api/v1/batches/" + batch.id(), "/api/v1/batches/" + batch.id() + "/results",
                "/api/v1/batches/" + batch.id() + "/assignments", "/api/v1/templates/" + templateId}) {
            assertThat(theRequester.get(path).status()).as(path).isEqualTo(200);
            assertThat(colleague.get(path).status()).as(path).isEqualTo(200);
            assertThat(otherRequester.get(path).status()).as(path).isEqualTo(404);
            assertThat(theWorker.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(otherRequester.get("/api/v1/batches").body()).doesNotContain("\"id\":" + batch.id() + ",");
        assertThat(otherRequester.post("/api/v1/batches/" + batch.id() + "/cancel", null).status()).isEqualTo(404);
        assertThat(otherRequester.post("/api/v1/batches/" + batch.id() + "/publish", null).status()).isEqualTo(404);
        assertThat(otherRequester.put("/api/v1/templates/" + templateId, Fixtures.labelling()).status()).isEqualTo(404);
        assertThat(theWorker.multipart("/api/v1/batches", "spec", "{}", "file", Fixtures.csv(1)).status()).isEqualTo(403);
        assertThat(theRequester.get("/api/v1/batches/" + batch.id()).json().get("state").asString()).isEqualTo("PUBLISHED");
    }

    @Test
    void trailAndEarningsAreOnlyYourOwn() {
        String mine = theWorker.get("/api/v1/me/trail").body();
        assertThat(mine).contains("ASSIGNMENT_SUBMITTED");
        assertThat(anotherWorker.get("/api/v1/me/trail").body()).doesNotContain("ASSIGNMENT_SUBMITTED")
                .doesNotContain("\"assignmentId\":" + assignment);
        assertThat(theWorker.get("/api/v1/me/earnings").json().get("pendingReview").asLong()).isEqualTo(40);
        assertThat(anotherWorker.get("/api/v1/me/earnings").json().get("pendingReview").asLong()).isZero();
        assertThat(theRequester.get("/api/v1/me/earnings").status()).isEqualTo(403);
    }

    @Test
    void adminEndpointsAreForAdminsOnly() {
        long org = requester.organisationId();
        for (Api notAdmin : new Api[]{theWorker, theRequester, moderator}) {
            assertThat(notAdmin.post("/api/v1/admin/organisations/" + org + "/funds", Map.of("amount", 1_000_000)).status()).isEqualTo(403);
            assertThat(notAdmin.get("/api/v1/admin/payouts").status()).isEqualTo(403);
            assertThat(notAdmin.get("/api/v1/admin/accounts").status()).isEqualTo(403);
            assertThat(notAdmin.put("/api/v1/admin/accounts/" + worker.id() + "/roles", Map.of("roles", java.util.List.of("ADMIN"))).status())
                    .isEqualTo(403);
        }
        assertThat(admin.get("/api/v1/admin/payouts").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/organisation/balance").status()).isEqualTo(403);
        assertThat(otherRequester.get("/api/v1/organisation/balance").json().get("balance").get("cents").asLong()).isZero();
    }

    @Test
    void selfRegistrationCannotGrantStaffRoles() {
        Api.Response r = api().post("/api/v1/accounts", Map.of("username", Fixtures.unique("sneaky"), "password", "long-enough-password",
                "displayName", "Sneaky", "role", "ADMIN"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("role");
    }

    @Test
    void tooManyWrongPasswordsLockTheUsernameForAWhile() {
        CurrentUser target = fixtures.worker();
        for (int i = 0; i < 10; i++) {
            assertThat(api().post("/api/v1/auth/token", Map.of("username", target.username(), "password", "guess-" + i)).status())
                    .isEqualTo(401);
        }
        Api.Response locked = api().post("/api/v1/auth/token", Map.of("username", target.username(), "password", Fixtures.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("detail").asString()).contains("try again after");
        clock.advance(java.time.Duration.ofMinutes(16));
        assertThat(api().post("/api/v1/auth/token", Map.of("username", target.username(), "password", Fixtures.PASSWORD)).status())
                .isEqualTo(201);
    }

    @Test
    void anAdminChangesRolesAndTheChangeIsInTheTrail() {
        Api.Response changed = admin.put("/api/v1/admin/accounts/" + worker.id() + "/roles", Map.of("roles", java.util.List.of("WORKER", "MODERATOR")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("roles").toString()).contains("MODERATOR");
        assertThat(theWorker.get("/api/v1/me/trail").json().get("items").get(0).get("type").asString()).isEqualTo("ROLES_CHANGED");
        Api.Response requesterWithoutOrganisation = admin.put("/api/v1/admin/accounts/" + worker.id() + "/roles",
                Map.of("roles", java.util.List.of("REQUESTER")));
        assertThat(requesterWithoutOrganisation.status()).isEqualTo(400);
        assertThat(requesterWithoutOrganisation.json().get("detail").asString()).contains("organisationId");
    }
}
