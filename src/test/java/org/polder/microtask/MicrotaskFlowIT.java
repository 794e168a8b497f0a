package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.trail.HashChain;
import org.polder.trail.Trail;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole microtask flow through HTTP, from registration to payout, trail included. */
class MicrotaskFlowIT extends PolderIT {

    @Autowired
    Trail trail;

    @Autowired
    Ledger ledger;

    @Test
    void fromRegistrationToPayout() {
        Api anonymous = api();

        // A requester registers, opening an organisation; two workers register.
        String requesterName = Fixtures.unique("lab");
        Api.Response registered = anonymous.post("/api/v1/accounts", Map.of("username", requesterName, "password", "requester-password",
                "displayName", "Lab Lead", "role", "REQUESTER", "organisationName", Fixtures.unique("Lab")));
        assertThat(registered.status()).isEqualTo(201);
        long organisationId = registered.json().get("organisationId").asLong();
        Api requester = anonymous.login(requesterName, "requester-password");

        List<Api> workers = new ArrayList<>();
        List<Long> workerIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String name = Fixtures.unique("worker");
            Api.Response w = anonymous.post("/api/v1/accounts", Map.of("username", name, "password", "worker-password",
                    "displayName", "Worker " + i, "role", "WORKER"));
            assertThat(w.status()).isEqualTo(201);
            workerIds.add(w.id());
            workers.add(anonymous.login(name, "worker-password"));
        }

        // An admin adds funds.
        CurrentUser adminAccount = fixtures.admin();
        Api admin = anonymous.login(adminAccount.username(), Fixtures.PASSWORD);
        Api.Response funded = admin.header("Idempotency-Key", "fund-" + organisationId)
                .post("/api/v1/admin/organisations/" + organisationId + "/funds", Map.of("amount", 10_000, "reference", "bank transfer 42"));
        assertThat(funded.status()).isEqualTo(200);
        assertThat(funded.json().get("balance").get("cents").asLong()).isEqualTo(10_000);

        // The requester makes a template and a batch of 3 tasks x 2 assignments, 50 cents each.
        Api.Response template = requester.post("/api/v1/templates", Map.of(
                "title", "What is in ${item}?",
                "instructions", "Choose the best label.",
                "display", List.of(Map.of("type", "IMAGE", "value", "/demo/images/${image}", "caption", "${item}")),
                "fields", List.of(Map.of("name", "label", "type", "SINGLE_CHOICE", "label", "Label",
                        "options", List.of("cat", "dog"), "required", true))));
        assertThat(template.status()).isEqualTo(201);
        String spec = Api.json(Map.of("name", "Pets", "templateId", template.id(), "reward", 50, "assignmentsPerTask", 2,
                "allottedSeconds", 600, "expectedSeconds", 60, "reviewWindowHours", 24));
        byte[] csv = "image,item\nshape-01.svg,picture one\nshape-02.svg,\"picture <b>two</b>\"\nshape-03.svg,=cmd()\n"
                .getBytes(StandardCharsets.UTF_8);
        Api.Response draft = requester.multipart("/api/v1/batches", "spec", spec, "file", csv);
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        long batchId = draft.id();
        assertThat(draft.json().get("state").asString()).isEqualTo("DRAFT");
        assertThat(draft.json().get("taskCount").asLong()).isEqualTo(3);
        assertThat(draft.json().get("cost").get("cents").asLong()).isEqualTo(3 * 2 * 60); // reward 50 + fee 10

        Api.Response published = requester.header("Idempotency-Key", "publish-" + batchId).post("/api/v1/batches/" + batchId + "/publish", null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(published.json().get("escrow").get("cents").asLong()).isEqualTo(360);

        // Worker 0 sees the batch in the feed and does all three tasks; worker 1 does one.
        Api.Response feed = workers.get(0).get("/api/v1/batches/available");
        assertThat(feed.json().findValues("id").stream().map(JsonNode::asLong)).contains(batchId);
        List<Long> done = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response claimed = workers.get(0).post("/api/v1/assignments", Map.of("batchId", batchId));
            assertThat(claimed.status()).isEqualTo(201);
            assertThat(claimed.json().get("task").get("html").asString()).doesNotContain("<b>");
            Api.Response submitted = workers.get(0).post("/api/v1/assignments/" + claimed.id() + "/submit",
                    Map.of("answers", Map.of("label", i == 2 ? "dog" : "cat")));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
            assertThat(submitted.json().get("state").asString()).isEqualTo("SUBMITTED");
            done.add(claimed.id());
        }
        assertThat(workers.get(0).post("/api/v1/assignments", Map.of("batchId", batchId)).status()).isEqualTo(204);
        Api.Response other = workers.get(1).post("/api/v1/assignments", Map.of("batchId", batchId));
        assertThat(other.status()).isEqualTo(201);
        assertThat(workers.get(1).post("/api/v1/assignments/" + other.id() + "/release", null).json().get("state").asString())
                .isEqualTo("RELEASED");

        // Invalid answers are refused with the field named, and change nothing.
        Api.Response again = workers.get(1).post("/api/v1/assignments", Map.of("batchId", batchId));
        Api.Response bad = workers.get(1).post("/api/v1/assignments/" + again.id() + "/submit", Map.of("answers", Map.of("label", "horse")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("detail").asString()).contains("answers.label");

        // Review: approve two, reject one with a reason.
        assertThat(requester.get("/api/v1/batches/" + batchId + "/assignments?state=SUBMITTED").json().get("total").asLong()).isEqualTo(3);
        Api.Response approved = requester.header("Idempotency-Key", "approve-" + done.get(0)).post("/api/v1/assignments/" + done.get(0) + "/approve", null);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("PAID");
        Api.Response replay = requester.header("Idempotency-Key", "approve-" + done.get(0)).post("/api/v1/assignments/" + done.get(0) + "/approve", null);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(requester.post("/api/v1/assignments/" + done.get(1) + "/reject", Map.of()).status()).isEqualTo(400);
        Api.Response rejected = requester.post("/api/v1/assignments/" + done.get(1) + "/reject", Map.of("reason", "The picture shows a dog"));
        assertThat(rejected.json().get("rejectReason").asString()).isEqualTo("The picture shows a dog");
        Api.Response bulk = requester.post("/api/v1/assignments/review", Map.of("assignmentIds", List.of(done.get(2)), "decision", "APPROVE"));
        assertThat(bulk.json().get("reviewed").asInt()).isEqualTo(1);

        // A bonus with a message.
        Api.Response bonus = requester.post("/api/v1/assignments/" + done.get(2) + "/bonus", Map.of("amount", 25, "message", "Careful work"));
        assertThat(bonus.status()).isEqualTo(201);

        // The worker sees the rejection reason, the pay and the bonus.
        assertThat(workers.get(0).get("/api/v1/assignments/" + done.get(1)).json().get("rejectReason").asString())
                .isEqualTo("The picture shows a dog");
        Api.Response earnings = workers.get(0).get("/api/v1/me/earnings");
        assertThat(earnings.json().get("balance").asLong()).isEqualTo(50 + 50 + 25);

        // Progress and results.
        JsonNode progress = requester.get("/api/v1/batches/" + batchId).json().get("progress");
        assertThat(progress.get("approved").asLong()).isEqualTo(2);
        assertThat(progress.get("rejected").asLong()).isEqualTo(1);
        assertThat(progress.get("released").asLong()).isEqualTo(1);
        Api.Response resultsCsv = requester.get("/api/v1/batches/" + batchId + "/results?format=csv");
        assertThat(resultsCsv.status()).isEqualTo(200);
        assertThat(resultsCsv.contentType()).startsWith("text/csv");
        assertThat(resultsCsv.body().lines().count()).isEqualTo(4);
        assertThat(resultsCsv.body()).contains("\"'=cmd()\"").contains("answer.label");
        Api.Response resultsJsonl = requester.get("/api/v1/batches/" + batchId + "/results?format=jsonl");
        assertThat(resultsJsonl.body().lines().count()).isEqualTo(3);
        assertThat(resultsJsonl.body()).contains("\"answers\":{\"label\":\"dog\"}");

        // Payout: only to a verified bank account in the worker's name; the worker gives it, an admin verifies it.
        Api.Response noAccount = workers.get(0).post("/api/v1/me/payouts", Map.of("amount", 100));
        assertThat(noAccount.status()).isEqualTo(400);
        assertThat(noAccount.body()).contains("bankAccount");
        assertThat(workers.get(0).put("/api/v1/me/bank-account", Map.of("iban", "NL91 ABNA 0417 1643 00", "holderName", "Worker 0",
                "password", "wrong-password")).status()).isEqualTo(400);
        Api.Response account = workers.get(0).put("/api/v1/me/bank-account", Map.of("iban", "nl44 rabo 0123 4567 89", "holderName", "Worker 0",
                "password", "worker-password"));
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("iban").asString()).isEqualTo("NL44RABO0123456789");
        assertThat(account.json().get("verified").asBoolean()).isFalse();
        assertThat(admin.post("/api/v1/admin/bank-accounts/verify", Map.of("owner", "WORKER", "ownerId", workerIds.get(0),
                "reason", "saw the bank card")).status()).isEqualTo(200);
        // The worker asks, an admin pays.
        Api.Response payout = workers.get(0).header("Idempotency-Key", "payout-1").post("/api/v1/me/payouts", Map.of("amount", 100));
        assertThat(payout.status()).isEqualTo(201);
        assertThat(workers.get(0).post("/api/v1/me/payouts", Map.of("amount", 1000)).status()).isEqualTo(422);
        assertThat(admin.get("/api/v1/admin/payouts").json().findValues("id").stream().map(JsonNode::asLong)).contains(payout.id());
        Api.Response paid = admin.post("/api/v1/admin/payouts/" + payout.id() + "/paid", Map.of("paymentReference", "SEPA 123"));
        assertThat(paid.json().get("state").asString()).isEqualTo("PAID");
        earnings = workers.get(0).get("/api/v1/me/earnings");
        assertThat(earnings.json().get("balance").asLong()).isEqualTo(25);
        assertThat(earnings.json().get("paidOut").asLong()).isEqualTo(100);

        // The trail tells the whole story, newest first, and its chain is whole.
        Api.Response myTrail = workers.get(0).get("/api/v1/me/trail?size=100");
        List<String> types = myTrail.json().get("items").findValues("type").stream().map(JsonNode::asString).toList();
        assertThat(types).startsWith("PAYOUT_PAID", "PAYOUT_REQUESTED", "BANK_ACCOUNT_VERIFIED", "BANK_ACCOUNT_CHANGED", "BONUS_PAID")
                .contains("ASSIGNMENT_CLAIMED", "ASSIGNMENT_SUBMITTED", "ASSIGNMENT_APPROVED", "ASSIGNMENT_PAID", "ASSIGNMENT_REJECTED")
                .endsWith("ACCOUNT_REGISTERED");
        assertThat(myTrail.json().get("items").get(0).get("payload").get("paymentReference").asString()).isEqualTo("SEPA 123");
        assertThat(HashChain.verify(trail.chainOf(workerIds.get(0)))).isEmpty();
        assertThat(ledger.audit()).isEmpty();
    }
}
