package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.testing.Api;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The register is public, as a page and through the API, and automated decisions must come from it. */
class RuleRegisterIT extends PolderIT {

    /** A decision type no module takes, for this test only. */
    enum TestDecision implements org.polder.oversight.DecisionType { SOMETHING }

    @Autowired
    Decisions decisions;

    @Test
    void anyoneCanReadTheRegister() {
        Api.Response api = api().get("/api/v1/rules");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.body()).contains("\"id\":\"quality.gold-accuracy\"").contains("\"id\":\"review.auto-approval\"");
        assertThat(api().get("/api/v1/rules/quality.gold-accuracy").json().get("version").asInt()).isEqualTo(1);
        assertThat(api().get("/api/v1/rules/no.such.rule").status()).isEqualTo(404);
        Api.Response page = api().get("/rules");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("microtask.claim-order").contains("Minimum evidence".toLowerCase());
    }

    @Test
    void anAutomatedDecisionByARuleOutsideTheRegisterIsRefused() {
        CurrentUser worker = fixtures.worker();
        assertThatThrownBy(() -> fixtures.transactions().executeWithoutResult(s -> decisions.record(Decisions.Draft.about(worker.id(), TestDecision.SOMETHING)
                .rule("secret.rule", 1)
                .effect("effect")
                .reason("reason"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in the register");
        assertThat(decisions.forWorker(worker.id(), 0, 10).total()).isZero();
    }
}
