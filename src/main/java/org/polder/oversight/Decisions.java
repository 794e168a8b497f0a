package org.polder.oversight;

import org.polder.common.NotFoundException;
import org.polder.common.Page;
import org.polder.common.Sql;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.polder.work.WorkKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.polder.common.Words;
import org.polder.notify.Notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Records decisions in the transaction that takes effect, and lets each worker read their own. */
@Service
public class Decisions {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Trail trail;
    private final Clock clock;
    private final RuleRegister register;

    private final org.springframework.context.MessageSource messages;
    private final java.time.ZoneId zone;
    private final org.springframework.context.ApplicationEventPublisher events;

    Decisions(JdbcClient jdbc, JsonMapper json, Trail trail, Clock clock, RuleRegister register,
              org.springframework.context.MessageSource messages,
              @org.springframework.beans.factory.annotation.Value("${polder.display-zone:Europe/Amsterdam}") String zone,
              org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.messages = messages;
        this.zone = java.time.ZoneId.of(zone);
        this.jdbc = jdbc;
        this.json = json;
        this.trail = trail;
        this.clock = clock;
        this.register = register;
    }

    /**
     * A decision about to be recorded, built step by step: {@code Draft.about(worker, type)}, then the
     * rule and its version (automated) or the person who took it, the work it is about, the inputs it was
     * taken on, its effect and its reason in plain words.
     */
    public static final class Draft {
        private final long workerId;
        private final DecisionType type;
        private String rule;
        private Integer ruleVersion;
        private Long decidedBy;
        private WorkKind kind;
        private Long batchId;
        private Long taskId;
        private Long assignmentId;
        private Map<String, Object> inputs = Map.of();
        private String effect;
        private org.polder.common.Words effectWords;
        private boolean reasonInWords;
        private String reason;
        private String reasonCode;
        private List<Object> reasonArgs = List.of();
        private Long organisationId;

        private Draft(long workerId, DecisionType type) {
            this.workerId = workerId;
            this.type = java.util.Objects.requireNonNull(type, "type");
        }

        public static Draft about(long workerId, DecisionType type) {
            return new Draft(workerId, type);
        }

        /** Taken by this automated rule, in this version of it (as in the register). */
        public Draft rule(String rule, Integer version) {
            this.rule = rule;
            this.ruleVersion = version;
            return this;
        }

        /** Taken by this person (a requester, a moderator); without one the rule decided. */
        public Draft by(Long personId) {
            this.decidedBy = personId;
            return this;
        }

        /** The work it is about; any part may be null. */
        public Draft work(WorkKind kind, Long batchId, Long taskId, Long assignmentId) {
            this.kind = kind;
            this.batchId = batchId;
            this.taskId = taskId;
            this.assignmentId = assignmentId;
            return this;
        }

        /** The numbers and facts it was taken on. */
        public Draft inputs(Map<String, Object> inputs) {
            this.inputs = inputs;
            return this;
        }

        public Draft effect(String effect) {
            this.effect = effect;
            return this;
        }

        /** The effect as words (a message key and its arguments), read by each reader in their language. */
        public Draft effect(org.polder.common.Words effect) {
            this.effectWords = effect;
            return this;
        }

        public Draft reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** The reason as words (a message key and its arguments); kept in English too, for the export and the API. */
        public Draft reason(org.polder.common.Words reason) {
            this.reasonCode = reason.key();
            this.reasonArgs = reason.args();
            this.reasonInWords = true;
            return this;
        }

        /** The reason as a message key with its arguments, so the worker reads it in their language. */
        public Draft reasonCode(String code, List<Object> args) {
            this.reasonCode = code;
            this.reasonArgs = args;
            return this;
        }

        /** About work of this organisation (whose requesters then see appeals about it). */
        public Draft forOrganisation(Long organisation) {
            this.organisationId = organisation;
            return this;
        }

        public long workerId() {
            return workerId;
        }

        public String type() {
            return type.name();
        }

        DecisionType typeOf() {
            return type;
        }

        public String rule() {
            return rule;
        }

        public Integer ruleVersion() {
            return ruleVersion;
        }

        public Long decidedBy() {
            return decidedBy;
        }

        public WorkKind kind() {
            return kind;
        }

        public Long batchId() {
            return batchId;
        }

        public Long taskId() {
            return taskId;
        }

        public Long assignmentId() {
            return assignmentId;
        }

        public Map<String, Object> inputs() {
            return inputs;
        }

        public String effect() {
            return effect;
        }

        public String reason() {
            return reason;
        }

        public String reasonCode() {
            return reasonCode;
        }

        public List<Object> reasonArgs() {
            return reasonArgs;
        }

        public Long organisationId() {
            return organisationId;
        }
    }

    /** Decisions only a person takes (RIGHTS.md R3): recording one without the person who took it fails. */
    public static final java.util.Set<String> HUMAN_ONLY = java.util.Set.of(OversightDecision.ACCOUNT_SUSPENDED.name(),
            OversightDecision.BLOCKED_BY_REQUESTER.name());

    @Transactional(propagation = Propagation.MANDATORY)
    public long record(Draft d) {
        if (d.decidedBy() == null) {
            if (HUMAN_ONLY.contains(d.type())) {
                throw new IllegalStateException("A " + d.type() + " decision is taken by a moderator, never by an automated rule");
            }
            register.check(d.rule(), d.ruleVersion());
        }
        // Words written by a rule are kept as words; the effect column holds them in English for the export and the API.
        org.polder.common.Words words = d.effectWords;
        String effect = words == null ? d.effect() : words.in(messages, java.util.Locale.ENGLISH, zone);
        String reason = d.reasonInWords ? new org.polder.common.Words(d.reasonCode(), d.reasonArgs()).in(messages, java.util.Locale.ENGLISH, zone)
                : d.reason();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO decision (worker_id, type, rule, rule_version, decided_by, work_kind, batch_id, task_id, assignment_id,
                                              inputs, effect, effect_code, effect_args, reason, reason_code, reason_args, created_at, organisation_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(d.workerId(), d.type(), d.rule(), d.ruleVersion(), d.decidedBy(), d.kind() == null ? null : d.kind().name(),
                        d.batchId(), d.taskId(), d.assignmentId(), json.writeValueAsString(d.inputs()), effect, words == null ? null : words.key(),
                        words == null ? null : json.writeValueAsString(words.args()), reason,
                        d.reasonCode(), json.writeValueAsString(d.reasonArgs()), Sql.ts(clock.instant()), d.organisationId())
                .update(key, "id");
        long id = key.getKey().longValue();
        // The worker is told, in the same transaction (RIGHTS.md R3: every decision about them reaches them).
        events.publishEvent(Notice.to(d.workerId(), d.typeOf().notice(), words != null ? words : Words.of("notice.said", effect)));
        trail.record(TrailEntry.of("DECISION_RECORDED").aboutWorker(d.workerId()).by(d.decidedBy())
                .work(d.kind(), d.taskId(), d.assignmentId()).with("decisionId", id).with("type", d.type())
                .with("rule", d.rule()).with("ruleVersion", d.ruleVersion()).with("inputs", d.inputs()).with("effect", effect)
                .with("effectCode", words == null ? null : words.key()).with("effectArgs", words == null ? null : words.args())
                .with("reason", reason).with("reasonCode", d.reasonCode()).with("reasonArgs", d.reasonCode() == null ? null : d.reasonArgs()));
        return id;
    }

    /** A worker's decisions, newest first. */
    @Transactional(readOnly = true)
    public Page<Decision> forWorker(long workerId, int page, int size) {
        Page.check(page, size);
        List<Decision> items = jdbc.sql("SELECT * FROM decision WHERE worker_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(workerId, size, (long) page * size).query(this::map).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM decision WHERE worker_id = ?").param(workerId).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** One of the worker's own decisions; 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Decision ofWorker(long workerId, long id) {
        return jdbc.sql("SELECT * FROM decision WHERE id = ? AND worker_id = ?").params(id, workerId).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("Decision", id));
    }

    /**
     * Per rule (or, for decisions people take, per type): how many decisions in [from, to), how many were
     * appealed and how many appeals were upheld (RIGHTS.md R5). Aggregates only, no worker named.
     */
    @Transactional(readOnly = true)
    public List<RuleOutcome> outcomes(java.time.Instant from, java.time.Instant to) {
        return jdbc.sql("""
                        SELECT COALESCE(d.rule, '') AS rule, d.type, COUNT(DISTINCT d.id) AS decisions, COUNT(DISTINCT d.worker_id) AS workers,
                               COUNT(DISTINCT a.decision_id) AS appealed,
                               COUNT(DISTINCT CASE WHEN a.state = 'UPHELD' THEN a.decision_id END) AS upheld
                        FROM decision d LEFT JOIN appeal a ON a.decision_id = d.id
                        WHERE d.created_at >= ? AND d.created_at < ? AND d.type NOT LIKE 'APPEAL_%'
                          AND d.worker_id NOT IN """ + org.polder.account.PlayAccounts.TEST_ACCOUNTS + """
                        GROUP BY COALESCE(d.rule, ''), d.type ORDER BY COUNT(DISTINCT d.id) DESC""")
                .params(Sql.ts(from), Sql.ts(to))
                .query((rs, n) -> new RuleOutcome(rs.getString("rule").isEmpty() ? null : rs.getString("rule"), rs.getString("type"),
                        rs.getLong("decisions"), rs.getLong("workers"), rs.getLong("appealed"), rs.getLong("upheld")))
                .list();
    }

    /** What one rule (null: a person) decided in a period, and how its decisions fared on appeal. */
    public record RuleOutcome(String rule, String type, long decisions, long workers, long appealed, long upheld) {
    }

    /** Any decision, for moderators' use inside oversight. */
    @Transactional(readOnly = true)
    Decision any(long id) {
        return jdbc.sql("SELECT * FROM decision WHERE id = ?").param(id).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("Decision", id));
    }

    /** Automated decisions of the last days, newest first, for moderators to review and override. */
    @Transactional(readOnly = true)
    public List<Decision> automated(org.polder.account.CurrentUser moderator, String rule, int limit) {
        moderator.require(org.polder.account.Role.MODERATOR);
        String sql = "SELECT * FROM decision WHERE decided_by IS NULL AND worker_id <> :me AND id NOT IN (SELECT decision_id FROM decision_override)"
                + " AND worker_id NOT IN " + org.polder.account.PlayAccounts.TEST_ACCOUNTS
                + (rule == null || rule.isBlank() ? "" : " AND rule = :rule") + " ORDER BY id DESC LIMIT :limit";
        return jdbc.sql(sql).param("me", moderator.id()).param("rule", rule).param("limit", Math.max(1, Math.min(limit, 500)))
                .query(this::map).list();
    }

    private Decision map(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("work_kind");
        String args = rs.getString("reason_args");
        String effectArgs = rs.getString("effect_args");
        return new Decision(rs.getLong("id"), rs.getLong("worker_id"), rs.getString("type"), rs.getString("rule"),
                rs.getObject("rule_version") == null ? null : rs.getInt("rule_version"), Sql.longOrNull(rs, "decided_by"),
                kind == null ? null : WorkKind.valueOf(kind), Sql.longOrNull(rs, "batch_id"), Sql.longOrNull(rs, "task_id"),
                Sql.longOrNull(rs, "assignment_id"), rs.getString("inputs"), rs.getString("effect"), rs.getString("effect_code"),
                effectArgs == null ? List.of() : json.readValue(effectArgs, new TypeReference<List<Object>>() {
                }), rs.getString("reason"),
                rs.getString("reason_code"), args == null ? List.of() : json.readValue(args, new TypeReference<List<Object>>() {
        }), Sql.instant(rs, "created_at"));
    }
}
