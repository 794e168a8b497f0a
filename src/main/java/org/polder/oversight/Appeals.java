package org.polder.oversight;

import org.polder.common.Words;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Appeals (RIGHTS.md R4): a worker appeals a decision with a statement; a moderator who did not take
 * the decision answers before the deadline (14 days unless configured); upholding reverses the effect
 * and, like dismissing, writes its own decision record.
 */
@Service
public class Appeals {

    private final JdbcClient jdbc;
    private final Decisions decisions;
    private final List<AppealEffects> effects;
    private final List<CaseFile> caseFiles;
    private final Trail trail;
    private final Clock clock;
    private final Duration deadline;

    Appeals(List<CaseFile> caseFiles, JdbcClient jdbc, Decisions decisions, List<AppealEffects> effects, Trail trail, Clock clock,
            @Value("${polder.appeals.deadline:P14D}") Duration deadline) {
        this.caseFiles = caseFiles;
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.effects = effects;
        this.trail = trail;
        this.clock = clock;
        this.deadline = deadline;
    }

    @Transactional
    public Appeal appeal(CurrentUser worker, long decisionId, String statement) {
        Decision decision = decisions.ofWorker(worker.id(), decisionId);
        if (decision.type().startsWith("APPEAL_")) {
            throw DomainException.conflict("An answer to an appeal cannot itself be appealed here; write to a moderator instead");
        }
        if (statement == null || statement.isBlank() || statement.length() > 4000) {
            throw DomainException.invalid("statement: say why the decision is wrong (1 to 4000 characters)").code("problem.appeal.statement");
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO appeal (decision_id, worker_id, statement, state, created_at, due_at) VALUES (?, ?, ?, 'OPEN', ?, ?)")
                .params(decisionId, worker.id(), statement.strip(), Sql.ts(now), Sql.ts(now.plus(deadline))).update(key, "id");
        long id = key.getKey().longValue();
        try {
            jdbc.sql("INSERT INTO appeal_open (decision_id, appeal_id) VALUES (?, ?)").params(decisionId, id).update();
        } catch (DuplicateKeyException e) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "This decision already has an open appeal").code("problem.appeal.open");
        }
        trail.record(TrailEntry.of("APPEAL_MADE").aboutWorker(worker.id()).by(worker.id()).with("appealId", id)
                .with("decisionId", decisionId).with("dueAt", now.plus(deadline).toString()));
        return get(id);
    }

    /** The moderators' queue: open appeals, the oldest deadline first; a moderator never sees their own appeals or appeals about their own decisions. */
    @Transactional(readOnly = true)
    public List<Appeal> queue(CurrentUser moderator) {
        moderator.require(Role.MODERATOR);
        return jdbc.sql(SELECT + " WHERE a.state = 'OPEN' AND (d.decided_by IS NULL OR d.decided_by <> ?) AND a.worker_id <> ?"
                        + " AND a.worker_id NOT IN " + org.polder.account.PlayAccounts.TEST_ACCOUNTS + " ORDER BY a.due_at LIMIT 500")
                .params(moderator.id(), moderator.id()).query(Appeals::map).list();
    }

    /** The decision an appeal is about, for the moderator who answers it: its effect, reason, rule and numbers. */
    @Transactional(readOnly = true)
    public Decision appealed(CurrentUser moderator, Appeal appeal) {
        moderator.require(Role.MODERATOR);
        return decisions.any(appeal.decisionId());
    }

    /**
     * Everything a moderator needs to judge one appeal: the decision, the work behind it (its kind's
     * {@link CaseFile}), the requester's comments, and the worker's earlier decisions with what became of
     * their appeals. Not for the moderator's own appeals or appeals about their own decisions (404).
     */
    public record Case(Appeal appeal, Decision decision, List<CaseFile.Line> work, List<Comment> comments, List<Earlier> earlier) {
    }

    /** One of the worker's earlier decisions, and the state of its appeal if there was one. */
    public record Earlier(Decision decision, Appeal.State appeal) {
    }

    @Transactional(readOnly = true)
    public Case caseOf(CurrentUser moderator, long appealId) {
        moderator.require(Role.MODERATOR);
        Appeal appeal = jdbc.sql(SELECT + " WHERE a.id = ? AND (d.decided_by IS NULL OR d.decided_by <> ?) AND a.worker_id <> ?")
                .params(appealId, moderator.id(), moderator.id()).query(Appeals::map).optional()
                .orElseThrow(() -> new NotFoundException("Appeal", appealId));
        Decision decision = decisions.any(appeal.decisionId());
        List<CaseFile.Line> work = decision.kind() == null ? List.of() : caseFiles.stream().filter(f -> f.handles(decision.kind()))
                .findFirst().map(f -> f.of(decision)).orElse(List.of());
        List<Earlier> earlier = decisions.forWorker(appeal.workerId(), 0, 11).items().stream().filter(d -> d.id() != decision.id()).limit(10)
                .map(d -> new Earlier(d, stateOf(d.id()).orElse(null))).toList();
        return new Case(appeal, decision, work, comments(appealId), earlier);
    }

    /** Appeals about decisions on the requester's organisation's work, newest first. */
    @Transactional(readOnly = true)
    public List<Appeal> ofOrganisation(CurrentUser requester) {
        return jdbc.sql(SELECT + " WHERE d.organisation_id = ? ORDER BY a.id DESC LIMIT 500").param(requester.organisation())
                .query(Appeals::map).list();
    }

    /** A requester adds a comment to an appeal about their organisation's work; moderators and the worker read it. */
    @Transactional
    public void comment(CurrentUser requester, long appealId, String body) {
        long org = requester.organisation();
        boolean ours = jdbc.sql("SELECT COUNT(*) FROM appeal a JOIN decision d ON d.id = a.decision_id WHERE a.id = ? AND d.organisation_id = ?")
                .params(appealId, org).query(Long.class).single() > 0;
        if (!ours) {
            throw new NotFoundException("Appeal", appealId);
        }
        if (body == null || body.isBlank() || body.length() > 4000) {
            throw DomainException.invalid("body: write a comment of 1 to 4000 characters");
        }
        jdbc.sql("INSERT INTO appeal_comment (appeal_id, author_id, body, created_at) VALUES (?, ?, ?, ?)")
                .params(appealId, requester.id(), body.strip(), Sql.ts(clock.instant())).update();
    }

    /** The comments on an appeal, oldest first. */
    @Transactional(readOnly = true)
    public List<Comment> comments(long appealId) {
        return jdbc.sql("SELECT * FROM appeal_comment WHERE appeal_id = ? ORDER BY id").param(appealId)
                .query((rs, n) -> new Comment(rs.getLong("id"), rs.getLong("author_id"), rs.getString("body"), Sql.instant(rs, "created_at")))
                .list();
    }

    /** Comments on an appeal, for the worker who made it, moderators, and the organisation it is about; 404 for anyone else. */
    @Transactional(readOnly = true)
    public List<Comment> commentsFor(CurrentUser user, long appealId) {
        Appeal appeal = get(appealId);
        boolean allowed = appeal.workerId() == user.id() || user.has(Role.MODERATOR) || user.has(Role.REQUESTER)
                && user.organisationId() != null && jdbc.sql("SELECT COUNT(*) FROM decision WHERE id = ? AND organisation_id = ?")
                .params(appeal.decisionId(), user.organisationId()).query(Long.class).single() > 0;
        if (!allowed) {
            throw new NotFoundException("Appeal", appealId);
        }
        return comments(appealId);
    }

    /** A requester's comment on an appeal. */
    public record Comment(long id, long authorId, String body, Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public List<Appeal> mine(CurrentUser worker) {
        return jdbc.sql(SELECT + " WHERE a.worker_id = ? ORDER BY a.id DESC").param(worker.id()).query(Appeals::map).list();
    }

    /** Where the latest appeal about a decision stands; empty when nobody appealed it. */
    @Transactional(readOnly = true)
    public java.util.Optional<Appeal.State> stateOf(long decisionId) {
        return jdbc.sql("SELECT state FROM appeal WHERE decision_id = ? ORDER BY id DESC LIMIT 1").param(decisionId)
                .query((rs, n) -> Appeal.State.valueOf(rs.getString(1))).optional();
    }

    /** A moderator upholds (reversing the effect) or dismisses an appeal, with an answer the worker reads. */
    @Transactional
    public Appeal decide(CurrentUser moderator, long appealId, boolean upheld, String answer) {
        moderator.require(Role.MODERATOR);
        Appeal appeal = get(appealId);
        moderator.moderating(appeal.workerId());
        Decision decision = decisions.ofWorker(appeal.workerId(), appeal.decisionId());
        if (decision.decidedBy() != null && decision.decidedBy() == moderator.id()) {
            throw DomainException.forbidden("You took the decision this appeal is about; another moderator answers it");
        }
        if (answer == null || answer.isBlank() || answer.length() > 4000) {
            throw DomainException.invalid("answer: explain the outcome to the worker (1 to 4000 characters)");
        }
        int moved = jdbc.sql("UPDATE appeal SET state = ?, decided_by = ?, decided_at = ?, answer = ? WHERE id = ? AND state = 'OPEN'")
                .params(upheld ? "UPHELD" : "DISMISSED", moderator.id(), Sql.ts(clock.instant()), answer.strip(), appealId).update();
        if (moved == 0) {
            throw DomainException.conflict("Appeal " + appealId + " was already answered");
        }
        jdbc.sql("DELETE FROM appeal_open WHERE decision_id = ?").param(appeal.decisionId()).update();
        Words effect = Words.of("decision.effect.stands");
        if (upheld) {
            effect = reverse(decision, moderator.id());
        }
        long outcome = decisions.record(Decisions.Draft.about(appeal.workerId(), upheld ? OversightDecision.APPEAL_UPHELD : OversightDecision.APPEAL_DISMISSED)
                .by(moderator.id())
                .work(decision.kind(), decision.batchId(), decision.taskId(), decision.assignmentId())
                .inputs(Map.of("appealId", appealId, "decisionId", decision.id()))
                .effect(effect)
                .reason(answer.strip()));
        jdbc.sql("UPDATE appeal SET outcome_decision_id = ? WHERE id = ?").params(outcome, appealId).update();
        return get(appealId);
    }

    /**
     * A moderator overrides an automated decision without waiting for an appeal (RIGHTS.md R5): its effect
     * is reversed as an upheld appeal would, once, and the override is a decision with the moderator's reason.
     */
    @Transactional
    public Decision override(CurrentUser moderator, long decisionId, String reason) {
        moderator.require(Role.MODERATOR);
        Decision decision = decisions.any(decisionId);
        moderator.moderating(decision.workerId());
        if (decision.decidedBy() != null) {
            throw DomainException.conflict("Decision " + decisionId + " was taken by a person; the worker can appeal it")
                    .code("problem.override.human");
        }
        if (reason == null || reason.isBlank() || reason.length() > 4000) {
            throw DomainException.invalid("reason: say why the automated decision is wrong (1 to 4000 characters); the worker reads it")
                    .code("problem.override.reason");
        }
        Words effect = reverse(decision, moderator.id());
        long id = decisions.record(Decisions.Draft.about(decision.workerId(), OversightDecision.DECISION_OVERRIDDEN)
                .by(moderator.id())
                .work(decision.kind(), decision.batchId(), decision.taskId(), decision.assignmentId())
                .inputs(Map.of("decisionId", decisionId, "rule", decision.rule()))
                .effect(effect)
                .reason(reason.strip()));
        try {
            jdbc.sql("INSERT INTO decision_override (decision_id, override_id) VALUES (?, ?)").params(decisionId, id).update();
        } catch (DuplicateKeyException e) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "Decision " + decisionId + " was already overridden")
                    .code("problem.override.done");
        }
        return decisions.ofWorker(decision.workerId(), id);
    }

    /** Undoes the decision's effect, or says why there is nothing to undo. */
    private Words reverse(Decision decision, long moderatorId) {
        if (effects.stream().anyMatch(e -> e.nothingToReverse().contains(decision.type()))) {
            return Words.of("override.nothing." + decision.type());
        }
        return effects.stream().filter(e -> e.handles(decision.type())).findFirst()
                .map(e -> e.reverse(decision, moderatorId)).orElse(Words.of("decision.effect.withdrawn"));
    }

    /** The automated decision types an override leaves unchanged, each with why (for the moderators' page). */
    public java.util.Set<String> nothingToReverse() {
        java.util.Set<String> types = new java.util.TreeSet<>();
        effects.forEach(e -> types.addAll(e.nothingToReverse()));
        return types;
    }

    /** Whether some module reverses, or says it has nothing to reverse for, this decision type. */
    public boolean answersFor(String decisionType) {
        return effects.stream().anyMatch(e -> e.handles(decisionType) || e.nothingToReverse().contains(decisionType));
    }

    private Appeal get(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(Appeals::map).optional()
                .orElseThrow(() -> new NotFoundException("Appeal", id));
    }

    private static final String SELECT = "SELECT a.*, d.type AS decision_type FROM appeal a JOIN decision d ON d.id = a.decision_id";

    private static Appeal map(ResultSet rs, int n) throws SQLException {
        return new Appeal(rs.getLong("id"), rs.getLong("decision_id"), rs.getLong("worker_id"), rs.getString("statement"),
                Appeal.State.valueOf(rs.getString("state")), Sql.instant(rs, "created_at"), Sql.instant(rs, "due_at"),
                Sql.longOrNull(rs, "decided_by"), Sql.instant(rs, "decided_at"), rs.getString("answer"),
                Sql.longOrNull(rs, "outcome_decision_id"), rs.getString("decision_type"));
    }
}
