package org.polder.oversight;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A requester blocks a worker from their organisation's work, of every kind (MTurk's worker blocks, Temper's
 * "never again"). It is a decision about the worker: written down with the requester's reason, which the worker
 * reads and can appeal to a moderator (an upheld appeal lifts it). It never touches work for any other
 * organisation; the organisation's record shows how many workers it blocks. The gate every kind passes
 * ({@code TakingWork}) refuses the blocked worker that organisation's work.
 */
@Service
public class Blocks {

    private final JdbcClient jdbc;
    private final Decisions decisions;
    private final Accounts accounts;
    private final Clock clock;

    Blocks(JdbcClient jdbc, Decisions decisions, Accounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A worker blocked from an organisation's work, why, and the decision the worker can appeal. */
    public record Block(long organisationId, long workerId, long decisionId, String reason, Instant blockedAt) {
    }

    @Transactional
    public Block block(CurrentUser requester, long workerId, String reason) {
        long org = requester.require(Role.REQUESTER).organisation();
        if (reason == null || reason.strip().length() < 10) {
            throw DomainException.invalid("reason: say why, in a sentence the worker will read (at least 10 characters)").code("problem.block.reason");
        }
        worker(workerId, org);
        String organisation = accounts.organisation(org).name();
        long decision = decisions.record(Decisions.Draft.about(workerId, OversightDecision.BLOCKED_BY_REQUESTER)
                .by(requester.id())
                .forOrganisation(org)
                .inputs(Map.of("organisationId", org))
                .effect(Words.of("decision.effect.blocked", organisation))
                .reason(reason.strip()));
        try {
            jdbc.sql("INSERT INTO requester_block (organisation_id, worker_id, decision_id, reason, blocked_by, blocked_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(org, workerId, decision, reason.strip(), requester.id(), Sql.ts(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("Worker " + workerId + " is already blocked from your work").code("problem.block.already");
        }
        return get(org, workerId);
    }

    /** The requester lifts their own block; the worker is told. */
    @Transactional
    public void unblock(CurrentUser requester, long workerId) {
        long org = requester.require(Role.REQUESTER).organisation();
        if (jdbc.sql("DELETE FROM requester_block WHERE organisation_id = ? AND worker_id = ?").params(org, workerId).update() == 0) {
            throw new NotFoundException("Block of worker", workerId);
        }
        decisions.record(Decisions.Draft.about(workerId, OversightDecision.BLOCK_LIFTED)
                .by(requester.id())
                .forOrganisation(org)
                .effect(Words.of("decision.effect.blockLifted", accounts.organisation(org).name()))
                .reason(Words.of("decision.reason.blockLifted")));
    }

    /** An upheld appeal or a moderator's override lifts the block the decision made; whether there was one to lift. */
    @Transactional
    public boolean liftByDecision(long decisionId) {
        return jdbc.sql("DELETE FROM requester_block WHERE decision_id = ?").param(decisionId).update() > 0;
    }

    @Transactional(readOnly = true)
    public boolean blocked(long organisationId, long workerId) {
        return jdbc.sql("SELECT COUNT(*) FROM requester_block WHERE organisation_id = ? AND worker_id = ?").params(organisationId, workerId)
                .query(Long.class).single() > 0;
    }

    /** The organisations that block this worker: their work is not offered to the worker. */
    @Transactional(readOnly = true)
    public Set<Long> organisationsBlocking(long workerId) {
        return new TreeSet<>(jdbc.sql("SELECT organisation_id FROM requester_block WHERE worker_id = ?").param(workerId).query(Long.class).list());
    }

    /** The workers one's organisation blocks, newest first. */
    @Transactional(readOnly = true)
    public List<Block> ofOrganisation(CurrentUser requester) {
        long org = requester.require(Role.REQUESTER).organisation();
        return jdbc.sql("SELECT * FROM requester_block WHERE organisation_id = ? ORDER BY blocked_at DESC").param(org)
                .query((rs, n) -> map(rs.getLong("organisation_id"), rs.getLong("worker_id"), rs.getLong("decision_id"), rs.getString("reason"),
                        Sql.instant(rs, "blocked_at"))).list();
    }

    /** How many workers an organisation blocks: part of its record that workers see. */
    @Transactional(readOnly = true)
    public long count(long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM requester_block WHERE organisation_id = ?").param(organisationId).query(Long.class).single();
    }

    private Block get(long org, long workerId) {
        return jdbc.sql("SELECT * FROM requester_block WHERE organisation_id = ? AND worker_id = ?").params(org, workerId)
                .query((rs, n) -> map(org, workerId, rs.getLong("decision_id"), rs.getString("reason"), Sql.instant(rs, "blocked_at")))
                .single();
    }

    private Block map(long org, long workerId, long decision, String reason, Instant at) {
        return new Block(org, workerId, decision, reason, at);
    }

    /** Requesters know workers by number only: the number must be a worker's. */
    private void worker(long workerId, long organisationId) {
        if (!accounts.isWorkerFor(workerId, organisationId)) {
            throw DomainException.invalid("workerId: no worker " + workerId).code("problem.block.noWorker", workerId);
        }
    }
}
