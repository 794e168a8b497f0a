package org.polder.work;

import org.junit.jupiter.api.Test;
import org.polder.account.CurrentUser;
import org.polder.microtask.Batch;
import org.polder.microtask.Claiming;
import org.polder.microtask.WorkerAssignment;
import org.polder.testing.PolderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several moves applied together: each one's own condition decides, and the answers come back in order. */
class AssignmentMovesIT extends PolderIT {

    @Autowired
    Assignments assignments;
    @Autowired
    Claiming claiming;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void eachMoveOfABatchIsAppliedOnlyFromItsOwnStatesAndToldInOrder() {
        CurrentUser requester = fixtures.requester();
        Batch batch = fixtures.published(requester, 10, 40, 1);
        CurrentUser worker = fixtures.worker();
        List<Long> ids = claiming.claimTasks(worker, batch.id(), 4).stream().map(WorkerAssignment::id).toList();
        claiming.release(worker, ids.get(1));
        Instant now = clock.instant();

        boolean[] moved = tx.execute(s -> assignments.applyAll(List.of(
                assignments.move(ids.get(0)).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now).activeSeconds(5),
                assignments.move(ids.get(1)).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now).activeSeconds(5),
                // a different statement between the others: its own batch, and the order still holds
                assignments.move(ids.get(2)).from(AssignmentState.STARTED).to(AssignmentState.RELEASED, now),
                assignments.move(ids.get(3)).from(AssignmentState.STARTED).to(AssignmentState.SUBMITTED, now).activeSeconds(5))));

        assertThat(moved).containsExactly(true, false, true, true);
        assertThat(ids.stream().map(id -> jdbc.sql("SELECT state FROM assignment WHERE id = ?").param(id).query(String.class).single()).toList())
                .containsExactly("SUBMITTED", "RELEASED", "RELEASED", "SUBMITTED");
    }
}
