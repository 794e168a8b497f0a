package org.polder.microtask;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.ledger.Ledger;
import org.polder.ledger.LedgerAccount;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Extra answers only for tasks still below the confidence bar, up to the maximum; unspent escrow returns at the end. */
class DynamicOverlapIT extends PolderIT {

    @Autowired
    Batches batches;
    @Autowired
    Claiming claiming;
    @Autowired
    Submissions submissions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Ledger ledger;

    @Test
    void agreementStopsAtTheMinimumDisagreementAsksMoreUpToTheMaximum() {
        CurrentUser requester = fixtures.requester();
        long templateId = fixtures.template(requester).id();
        BatchSpec spec = new BatchSpec("Overlap", templateId, 20L, 2, 600, 30, null, 72, null, null, null, null, null,
                new BatchSpec.Overlap(4, 90));
        Batch draft = batches.create(requester, spec, "image,item\na.svg,agreed\nb.svg,disputed\n".getBytes());
        assertThat(draft.cost().cents()).as("funded for the maximum: 2 tasks x 4 x 24 cents").isEqualTo(2 * 4 * 24);
        fixtures.fund(requester, draft.cost().cents());
        Batch batch = batches.publish(requester, draft.id());

        // "agreed": cat, cat. "disputed": cat, dog, then more answers are asked for.
        List<String> disputed = List.of("cat", "dog", "cat", "dog");
        int disputedAnswers = 0;
        List<CurrentUser> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            CurrentUser worker = fixtures.worker();
            workers.add(worker);
            while (true) {
                Optional<Long> claimed = claiming.claim(worker, batch.id());
                if (claimed.isEmpty()) {
                    break;
                }
                String item = jdbc.sql("SELECT t.data FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.id = ?")
                        .param(claimed.get()).query(String.class).single();
                String label = item.contains("agreed") ? "cat" : disputed.get(disputedAnswers++);
                submissions.submit(worker, claimed.get(), Map.of("label", label));
            }
        }
        assertThat(answersFor(batch.id(), "agreed")).isEqualTo(2);
        assertThat(answersFor(batch.id(), "disputed")).as("up to the maximum of 4").isEqualTo(4);
        assertThat(claiming.claim(fixtures.worker(), batch.id())).as("nothing left below the bar").isEmpty();

        batches.cancel(requester, batch.id());
        assertThat(ledger.balance(LedgerAccount.batchEscrow(batch.id()))).as("escrow left for the 6 answers awaiting review")
                .isEqualTo(6 * 24);
        assertThat(ledger.balance(LedgerAccount.organisation(requester.organisationId()))).as("the 2 unused slots came back")
                .isEqualTo(2 * 24);
    }

    private long answersFor(long batchId, String item) {
        return jdbc.sql("SELECT COUNT(*) FROM assignment a JOIN task t ON t.id = a.task_id WHERE a.batch_id = ? AND t.data LIKE ?")
                .params(batchId, "%" + item + "%").query(Long.class).single();
    }
}
