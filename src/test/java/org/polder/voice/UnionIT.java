package org.polder.voice;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.trail.Trail;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A union speaks for the workers who mandate it and sees one person's record only while that person consents. */
class UnionIT extends PolderIT {

    @Autowired
    Trail trail;

    @Test
    void aMandateAndItsWithdrawalAndTheUnionNeverSeesOnePersonWithoutConsent() {
        CurrentUser organiser = fixtures.worker();
        CurrentUser ada = fixtures.worker();
        CurrentUser bram = fixtures.worker();
        Api admin = api().login(fixtures.admin().username(), Fixtures.PASSWORD);
        Api agent = api().login(organiser.username(), Fixtures.PASSWORD);
        Api adaApi = api().login(ada.username(), Fixtures.PASSWORD);
        Api bramApi = api().login(bram.username(), Fixtures.PASSWORD);

        // Registering: bad input names the problem and registers nothing; only admins register.
        String name = Fixtures.unique("Riders Union");
        int before = admin.get("/api/v1/unions").json().size();
        assertThat(admin.post("/api/v1/admin/unions", Map.of("name", name, "description", "Couriers in Utrecht", "agent", "nobody-" + name)).body())
                .contains("agent");
        assertThat(admin.post("/api/v1/admin/unions", Map.of("name", "", "description", "Couriers", "agent", organiser.username())).body())
                .contains("name");
        assertThat(adaApi.post("/api/v1/admin/unions", Map.of("name", name, "description", "Couriers", "agent", ada.username())).status())
                .isEqualTo(403);
        assertThat(admin.get("/api/v1/unions").json().size()).isEqualTo(before);
        Api.Response registered = admin.post("/api/v1/admin/unions", Map.of("name", name, "description", "Couriers in Utrecht", "agent",
                organiser.username()));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        long union = registered.id();

        // Before anyone mandates it, the union sees nothing and speaks for nobody.
        assertThat(agent.get("/api/v1/unions/" + union + "/figures").status()).isEqualTo(403);

        // Ada mandates it: its agent sees the aggregate figures and how many it speaks for, not who.
        assertThat(adaApi.post("/api/v1/me/unions/" + union + "/consent", Map.of()).status()).as("consent goes with a mandate").isEqualTo(409);
        assertThat(adaApi.post("/api/v1/me/unions/" + union + "/mandate", Map.of()).json().get("mandated").asBoolean()).isTrue();
        Api.Response figures = agent.get("/api/v1/unions/" + union + "/figures");
        assertThat(figures.status()).as(figures.body()).isEqualTo(200);
        assertThat(figures.json().get("union").get("mandates").asInt()).isEqualTo(1);
        assertThat(figures.json().get("figures").has("peopleWorking")).isTrue();
        assertThat(figures.json().get("consenting")).isEmpty();
        assertThat(figures.body()).doesNotContain(ada.displayName()).doesNotContain(ada.username());
        assertThat(bramApi.get("/api/v1/unions").body()).doesNotContain(ada.username()).doesNotContain(ada.displayName());

        // Without Ada's consent, her record stays closed, exactly as for someone who never mandated it.
        Api.Response closed = agent.get("/api/v1/unions/" + union + "/workers/" + ada.id());
        Api.Response stranger = agent.get("/api/v1/unions/" + union + "/workers/" + bram.id());
        assertThat(closed.status()).isEqualTo(403);
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(closed.json().get("detail").asString()).isEqualTo(stranger.json().get("detail").asString());
        assertThat(closed.body()).doesNotContain(ada.displayName());
        // Another worker is no agent: no figures, no record.
        assertThat(bramApi.get("/api/v1/unions/" + union + "/figures").status()).isEqualTo(403);

        // With consent the agent reads it, and the reading is in her trail; withdrawn, it is closed again.
        assertThat(adaApi.post("/api/v1/me/unions/" + union + "/consent", Map.of()).json().get("consented").asBoolean()).isTrue();
        assertThat(agent.get("/api/v1/unions/" + union + "/figures").json().get("consenting").get(0).get("workerId").asLong()).isEqualTo(ada.id());
        Api.Response record = agent.get("/api/v1/unions/" + union + "/workers/" + ada.id());
        assertThat(record.status()).as(record.body()).isEqualTo(200);
        assertThat(record.json().get("displayName").asString()).isEqualTo(ada.displayName());
        assertThat(bramApi.get("/api/v1/unions/" + union + "/workers/" + ada.id()).status()).as("not an agent").isEqualTo(403);
        assertThat(adaApi.delete("/api/v1/me/unions/" + union + "/consent", null).json().get("consented").asBoolean()).isFalse();
        assertThat(agent.get("/api/v1/unions/" + union + "/workers/" + ada.id()).status()).isEqualTo(403);

        // The union speaks in a consultation, in its own name, while workers mandate it.
        Api.Response consultation = admin.post("/api/v1/admin/consultations", Map.of("parameter", "pay.low-pay-min-assignments",
                "value", "40", "explanation", "More assignments before a batch's pay per hour counts"));
        long c = consultation.id();
        assertThat(agent.post("/api/v1/consultations/" + c + "/comments", Map.of("body", "Our members ask for 25", "unionId", union)).status())
                .isEqualTo(201);
        assertThat(bramApi.post("/api/v1/consultations/" + c + "/comments", Map.of("body", "I speak for the union", "unionId", union)).status())
                .as("not its agent").isEqualTo(403);
        var comment = adaApi.get("/api/v1/consultations/" + c).json().get("comments").get(0);
        assertThat(comment.get("union").asString()).isEqualTo(name);
        assertThat(comment.get("mandates").asInt()).isEqualTo(1);

        // Ada withdraws her mandate: the union speaks for nobody and sees nothing.
        assertThat(adaApi.delete("/api/v1/me/unions/" + union + "/mandate", null).json().get("mandated").asBoolean()).isFalse();
        assertThat(agent.get("/api/v1/unions/" + union + "/figures").status()).isEqualTo(403);
        assertThat(agent.post("/api/v1/consultations/" + c + "/comments", Map.of("body", "Still here", "unionId", union)).status()).isEqualTo(403);
        admin.post("/api/v1/admin/consultations/" + c + "/withdraw", Map.of());

        // Every step is in Ada's trail, in order, with the union named.
        List<String> events = trail.chainOf(ada.id()).stream().map(e -> e.type()).filter(t -> t.startsWith("UNION_")).toList();
        assertThat(events).containsExactly("UNION_MANDATE_GIVEN", "UNION_CONSENT_GIVEN", "UNION_READ_RECORD", "UNION_CONSENT_WITHDRAWN",
                "UNION_MANDATE_WITHDRAWN");
    }
}
