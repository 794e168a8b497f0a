package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.account.WorkerProfiles;
import org.polder.testing.Api;
import org.polder.testing.Fixtures;
import org.polder.testing.PolderIT;
import org.polder.testing.WebSession;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Targeting: a batch asking for a language and a region reaches only workers whose own profile says so; the
 * others see how many batches their profile leaves out and why a claim is refused.
 */
class TargetingIT extends PolderIT {

    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    WorkerProfiles profiles;

    @Test
    void aBatchAskingForDutchInUtrechtReachesOnlyWorkersWhoSaySo() throws Exception {
        CurrentUser requester = fixtures.requester();
        var template = fixtures.template(requester);
        BatchSpec spec = new BatchSpec(Fixtures.unique("Dutch"), template.id(), 40L, 2, 600, 30, null, 72, null, null, null, null, null, null,
                List.of("NL"), List.of("nl-ut"));
        Batch draft = batches.create(requester, spec, Fixtures.csv(4));
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());

        CurrentUser dutch = fixtures.worker();
        profiles.set(dutch, List.of("nl", "en"), "NL-UT");
        CurrentUser elsewhere = fixtures.worker();
        profiles.set(elsewhere, List.of("nl"), "NL-GR");
        CurrentUser silent = fixtures.worker();

        assertThat(claiming.claim(dutch, batch.id())).isPresent();
        assertThatThrownBy(() -> claiming.claim(silent, batch.id())).hasMessageContaining("speak nl");
        assertThatThrownBy(() -> claiming.claim(elsewhere, batch.id())).hasMessageContaining("living in Utrecht");
        assertThat(batches.available(dutch)).extracting(AvailableBatch::id).contains(batch.id());
        assertThat(batches.available(silent)).extracting(AvailableBatch::id).doesNotContain(batch.id());
        assertThat(batches.hiddenByProfile(silent)).isPositive();
        assertThat(new WebSession(port).login(silent).get("/work").body()).contains("/me/profile");

        // Bad input names the field and changes nothing.
        assertThatThrownBy(() -> profiles.set(silent, List.of("klingon"), null)).hasMessageContaining("languages: klingon");
        assertThatThrownBy(() -> profiles.set(silent, List.of("nl"), "Mordor")).hasMessageContaining("region");
        assertThat(profiles.of(silent.id()).languages()).isEmpty();
        assertThatThrownBy(() -> batches.create(requester, new BatchSpec("x", template.id(), 40L, 1, 600, 30, null, 72, null, null, null, null,
                null, null, List.of("xx"), null), Fixtures.csv(1))).hasMessageContaining("languages: xx");

        // Through the API: the worker says Dutch and Utrecht, and the batch reaches them.
        Api api = api().login(silent.username(), Fixtures.PASSWORD);
        assertThat(api.put("/api/v1/me/profile", Map.of("languages", List.of("nl"), "region", "NL-UT")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/profile").body()).contains("NL-UT");
        assertThat(claiming.claim(silent, batch.id())).isPresent();
        Api requesterApi = api().login(requester.username(), Fixtures.PASSWORD);
        assertThat(requesterApi.put("/api/v1/me/profile", Map.of("languages", List.of("nl"))).status()).isEqualTo(403);
    }
}
