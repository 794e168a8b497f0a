package org.polder.quality;

import org.polder.common.Words;
import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.common.Automated;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.oversight.Decisions;
import org.polder.work.WorkKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Qualifications of an organisation: granted by a requester by hand, by passing a qualification test
 * (a short paid batch of gold questions with a pass mark), or from gold accuracy on earlier work.
 * Every grant and revocation is a decision record the worker reads.
 */
@Service
public class Qualifications {

    public static final String RULE = "quality.qualification-from-gold";
    public static final int RULE_VERSION = 1;

    private final JdbcClient jdbc;
    private final Decisions decisions;
    private final Accounts accounts;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper json;

    Qualifications(JdbcClient jdbc, Decisions decisions, Accounts accounts, Clock clock, tools.jackson.databind.json.JsonMapper json) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.accounts = accounts;
        this.clock = clock;
        this.json = json;
    }

    @Transactional
    public Qualification create(CurrentUser user, String name, String description) {
        long org = user.organisation();
        if (name == null || name.isBlank() || name.length() > 200) {
            throw DomainException.invalid("name: give the qualification a name of 1 to 200 characters");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO qualification (organisation_id, name, description, created_at) VALUES (?, ?, ?, ?)")
                    .params(org, name.strip(), description == null ? "" : description.strip(), Sql.ts(clock.instant())).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "name: your organisation already has a qualification named '"
                    + name.strip() + "'");
        }
        return get(user, key.getKey().longValue());
    }

    @Transactional(readOnly = true)
    public List<Qualification> list(CurrentUser user) {
        return jdbc.sql("SELECT * FROM qualification WHERE organisation_id = ? ORDER BY name").param(user.organisation())
                .query(Qualifications::map).list();
    }

    /** One of the organisation's qualifications; 404 for another organisation's. */
    @Transactional(readOnly = true)
    public Qualification get(CurrentUser user, long id) {
        return ofOrganisation(id, user.organisation());
    }

    @Transactional(readOnly = true)
    public Qualification ofOrganisation(long id, long organisationId) {
        return jdbc.sql("SELECT * FROM qualification WHERE id = ? AND organisation_id = ?").params(id, organisationId)
                .query(Qualifications::map).optional().orElseThrow(() -> new NotFoundException("Qualification", id));
    }

    /** A requester grants (or updates) a qualification by hand, with a reason the worker reads. */
    @Transactional
    public HeldQualification grant(CurrentUser user, long qualificationId, long workerId, int score, String reason) {
        Qualification q = get(user, qualificationId);
        if (!accounts.isWorkerFor(workerId, q.organisationId())) {
            throw new NotFoundException("Worker", workerId);
        }
        if (score < 0 || score > 100) {
            throw DomainException.invalid("score: between 0 and 100, was " + score);
        }
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw DomainException.invalid("reason: say why (1 to 1000 characters); the worker reads it");
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("qualificationId", qualificationId);
        inputs.put("score", score);
        long decision = decisions.record(Decisions.Draft.about(workerId, QualityDecision.QUALIFICATION_GRANTED)
                .by(user.id())
                .inputs(inputs)
                .effect(Words.of("decision.effect.qualificationHeld", q.name(), score))
                .reason(reason.strip()));
        upsert(qualificationId, workerId, score, "MANUAL", decision);
        return held(qualificationId, workerId);
    }

    @Transactional
    public void revoke(CurrentUser user, long qualificationId, long workerId, String reason) {
        Qualification q = get(user, qualificationId);
        if (reason == null || reason.isBlank() || reason.length() > 1000) {
            throw DomainException.invalid("reason: say why (1 to 1000 characters); the worker reads it");
        }
        Integer score = jdbc.sql("SELECT score FROM worker_qualification WHERE qualification_id = ? AND worker_id = ?")
                .params(qualificationId, workerId).query(Integer.class).optional()
                .orElseThrow(() -> new NotFoundException("Held qualification of worker", workerId));
        jdbc.sql("DELETE FROM worker_qualification WHERE qualification_id = ? AND worker_id = ?").params(qualificationId, workerId).update();
        decisions.record(Decisions.Draft.about(workerId, QualityDecision.QUALIFICATION_REVOKED)
                .by(user.id())
                .inputs(Map.of("qualificationId", qualificationId, "score", score))
                .effect(Words.of("decision.effect.qualificationLost", q.name()))
                .reason(reason.strip()));
    }

    /**
     * After a scored gold answer in a batch that grants a qualification: grant it when the worker has
     * enough gold answers and enough of them right; for a qualification test (a batch of gold only),
     * decide once every question is answered, and record a failed test too.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    @Automated(Qualifications.RULE)
    public void afterGoldAnswer(long qualificationId, int passPercent, long workerId, long batchId, String batchName,
                                long answered, long correct, boolean test, int questions) {
        long needed = test ? questions : Math.min(questions, 5);
        if (answered < needed || (test && answered > needed)) {
            return;
        }
        int score = (int) Math.round(100.0 * correct / answered);
        Integer current = jdbc.sql("SELECT score FROM worker_qualification WHERE qualification_id = ? AND worker_id = ?")
                .params(qualificationId, workerId).query(Integer.class).optional().orElse(null);
        boolean pass = score >= passPercent;
        if (!pass && !test || pass && current != null && current >= score) {
            return;
        }
        Qualification q = jdbc.sql("SELECT * FROM qualification WHERE id = ?").param(qualificationId).query(Qualifications::map).single();
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("qualificationId", qualificationId);
        inputs.put("goldAnswered", answered);
        inputs.put("goldCorrect", correct);
        inputs.put("scorePercent", score);
        inputs.put("passPercent", passPercent);
        String reason = "You answered " + correct + " of " + answered + " control questions in '" + batchName + "' right (" + score
                + "%); the pass mark for '" + q.name() + "' is " + passPercent + "%.";
        long decision = decisions.record(Decisions.Draft.about(workerId, pass ? QualityDecision.QUALIFICATION_GRANTED : QualityDecision.QUALIFICATION_NOT_GRANTED)
                .rule(RULE, RULE_VERSION)
                .work(WorkKind.MICROTASK, batchId, null, null)
                .inputs(inputs)
                .effect(pass ? Words.of("decision.effect.qualificationHeld", q.name(), score) : Words.of("decision.effect.qualificationNotHeld", q.name()))
                .reason(reason)
                .reasonCode(pass ? "decision.qualificationGranted" : "decision.qualificationNotGranted", List.of(correct, answered, batchName, score, q.name(), passPercent)));
        if (pass) {
            upsert(qualificationId, workerId, score, test ? "TEST" : "GOLD", decision);
        }
    }

    /** What a worker holds, with the reasons. */
    @Transactional(readOnly = true)
    public List<HeldQualification> heldBy(long workerId) {
        return jdbc.sql(HELD + " WHERE wq.worker_id = ? ORDER BY q.name").param(workerId).query(this::mapHeld).list();
    }

    /** Who holds one of the organisation's qualifications. */
    @Transactional(readOnly = true)
    public List<HeldQualification> holders(CurrentUser user, long qualificationId) {
        get(user, qualificationId);
        return jdbc.sql(HELD + " WHERE wq.qualification_id = ? ORDER BY wq.worker_id").param(qualificationId).query(this::mapHeld).list();
    }

    private HeldQualification held(long qualificationId, long workerId) {
        return jdbc.sql(HELD + " WHERE wq.qualification_id = ? AND wq.worker_id = ?").params(qualificationId, workerId)
                .query(this::mapHeld).single();
    }

    /** Holds the qualification again after an upheld appeal about the given decision. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void restore(long qualificationId, long workerId, int score, long decision) {
        upsert(qualificationId, workerId, score, "APPEAL", decision);
    }

    private void upsert(long qualificationId, long workerId, int score, String source, long decision) {
        Instant now = clock.instant();
        int updated = jdbc.sql("""
                        UPDATE worker_qualification SET score = ?, source = ?, decision_id = ?, granted_at = ?
                        WHERE qualification_id = ? AND worker_id = ?""")
                .params(score, source, decision, Sql.ts(now), qualificationId, workerId).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO worker_qualification (qualification_id, worker_id, score, source, decision_id, granted_at)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(qualificationId, workerId, score, source, decision, Sql.ts(now)).update();
        }
    }

    private static final String HELD = """
            SELECT q.id, q.name, q.description, o.name AS organisation, wq.worker_id, wq.score, wq.source, d.reason, d.reason_code, d.reason_args,
                   wq.decision_id, wq.granted_at
            FROM worker_qualification wq JOIN qualification q ON q.id = wq.qualification_id
            JOIN organisation o ON o.id = q.organisation_id JOIN decision d ON d.id = wq.decision_id""";

    private HeldQualification mapHeld(ResultSet rs, int n) throws SQLException {
        return new HeldQualification(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getString("organisation"),
                rs.getLong("worker_id"), rs.getInt("score"), rs.getString("source"), rs.getString("reason"), rs.getString("reason_code"),
                rs.getString("reason_args") == null ? List.of() : json.readValue(rs.getString("reason_args"),
                        new tools.jackson.core.type.TypeReference<List<Object>>() {
                        }), rs.getLong("decision_id"),
                Sql.instant(rs, "granted_at"));
    }

    private static Qualification map(ResultSet rs, int n) throws SQLException {
        return new Qualification(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("name"), rs.getString("description"),
                Sql.instant(rs, "created_at"));
    }
}
