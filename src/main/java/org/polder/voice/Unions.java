package org.polder.voice;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.PayPerActiveHour;
import org.polder.oversight.Decision;
import org.polder.oversight.Decisions;
import org.polder.trail.Trail;
import org.polder.trail.TrailEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Unions and workers' associations at the table (RIGHTS.md R11). An admin registers one and names the people who act
 * for it (its agents). A worker mandates it, and withdraws the mandate, when they wish: while at least one worker
 * mandates it, its agents see the aggregate figures representatives see and speak in consultations for the workers who
 * mandate it. It sees one worker's own record (pay per active hour, decisions) only while that worker consents, and
 * every reading is in that worker's trail. Who mandates a union is not shown to anyone: only how many.
 */
@Service
public class Unions {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final RepresentativeFigures figures;
    private final PayPerActiveHour payPerActiveHour;
    private final Decisions decisions;
    private final Trail trail;
    private final Clock clock;
    private final ZoneId zone;

    Unions(JdbcClient jdbc, Accounts accounts, RepresentativeFigures figures, PayPerActiveHour payPerActiveHour, Decisions decisions,
           Trail trail, Clock clock, @Value("${polder.display-zone:Europe/Amsterdam}") String zone) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.figures = figures;
        this.payPerActiveHour = payPerActiveHour;
        this.decisions = decisions;
        this.trail = trail;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /**
     * A union as the reader sees it: how many workers mandate it, and for a worker, what they gave it.
     *
     * @param agent whether the reader acts for it
     */
    public record Union(long id, String name, String description, int mandates, boolean mandated, boolean consented, boolean agent) {
    }

    /** A worker's own record, as a union they consented to sees it: pay per active hour over 90 days and their last decisions. */
    public record WorkerRecord(long workerId, String displayName, PayPerActiveHour.Period last90Days, List<Decision> decisions) {
    }

    /** Someone who consented to the union seeing their record. */
    public record Consenting(long workerId, String displayName) {
    }

    /** What a union's agents see: the figures representatives see, and how many workers they speak for. */
    public record UnionFigures(Union union, RepresentativeFigures.Figures figures, List<Consenting> consenting) {
    }

    @Transactional
    public Union register(CurrentUser admin, String name, String description, String agentUsername) {
        admin.require(Role.ADMIN);
        String n = name == null ? "" : name.strip();
        if (n.length() < 2 || n.length() > 200) {
            throw DomainException.invalid("name: the union's name (2 to 200 characters)").code("problem.union.name");
        }
        if (description == null || description.isBlank() || description.length() > 2000) {
            throw DomainException.invalid("description: who the union is and whom it organises (1 to 2000 characters)")
                    .code("problem.union.description");
        }
        CurrentUser agent = agentByName(agentUsername);
        if (jdbc.sql("SELECT COUNT(*) FROM workers_union WHERE LOWER(name) = LOWER(?)").param(n).query(Long.class).single() > 0) {
            throw DomainException.conflict("name: a union called '" + n + "' is registered").code("problem.union.nameTaken", n);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO workers_union (name, description, registered_by, registered_at) VALUES (?, ?, ?, ?)")
                .params(n, description.strip(), admin.id(), Sql.ts(clock.instant())).update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO union_agent (union_id, account_id) VALUES (?, ?)").params(id, agent.id()).update();
        return get(admin, id);
    }

    /** An admin names one more person who acts for a union. */
    @Transactional
    public Union addAgent(CurrentUser admin, long unionId, String agentUsername) {
        admin.require(Role.ADMIN);
        get(admin, unionId);
        CurrentUser agent = agentByName(agentUsername);
        if (jdbc.sql("SELECT COUNT(*) FROM union_agent WHERE union_id = ? AND account_id = ?").params(unionId, agent.id()).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO union_agent (union_id, account_id) VALUES (?, ?)").params(unionId, agent.id()).update();
        }
        return get(admin, unionId);
    }

    private CurrentUser agentByName(String username) {
        return accounts.byUsername(username == null ? "" : username.strip())
                .orElseThrow(() -> DomainException.invalid("agent: no account is called '" + username + "'; the union's agent needs an account")
                        .code("problem.union.agent", username));
    }

    /** A worker gives or withdraws their mandate; withdrawing it withdraws their consent too. In their trail. */
    @Transactional
    public Union mandate(CurrentUser worker, long unionId, boolean give) {
        worker.require(Role.WORKER).real();
        Union u = get(worker, unionId);
        if (u.mandated() == give) {
            return u;
        }
        set(worker.id(), unionId, give, give && u.consented());
        trail.record(TrailEntry.of(give ? "UNION_MANDATE_GIVEN" : "UNION_MANDATE_WITHDRAWN").aboutWorker(worker.id()).by(worker.id())
                .with("union", u.name()));
        if (!give && u.consented()) {
            trail.record(TrailEntry.of("UNION_CONSENT_WITHDRAWN").aboutWorker(worker.id()).by(worker.id()).with("union", u.name()));
        }
        return get(worker, unionId);
    }

    /** A worker who mandates a union consents, or no longer, to its agents seeing their own record. In their trail. */
    @Transactional
    public Union consent(CurrentUser worker, long unionId, boolean give) {
        worker.require(Role.WORKER).real();
        Union u = get(worker, unionId);
        if (give && !u.mandated()) {
            throw DomainException.conflict("Mandate the union first: consent to see your record goes with a mandate").code("problem.union.noMandate");
        }
        if (u.consented() == give) {
            return u;
        }
        set(worker.id(), unionId, u.mandated(), give);
        trail.record(TrailEntry.of(give ? "UNION_CONSENT_GIVEN" : "UNION_CONSENT_WITHDRAWN").aboutWorker(worker.id()).by(worker.id())
                .with("union", u.name()));
        return get(worker, unionId);
    }

    private void set(long workerId, long unionId, boolean mandate, boolean consent) {
        Instant now = clock.instant();
        if (jdbc.sql("UPDATE union_mandate SET mandate = ?, consent = ?, changed_at = ? WHERE union_id = ? AND worker_id = ?")
                .params(mandate, consent, Sql.ts(now), unionId, workerId).update() == 0) {
            jdbc.sql("INSERT INTO union_mandate (union_id, worker_id, mandate, consent, changed_at) VALUES (?, ?, ?, ?, ?)")
                    .params(unionId, workerId, mandate, consent, Sql.ts(now)).update();
        }
    }

    @Transactional(readOnly = true)
    public List<Union> list(CurrentUser reader) {
        return jdbc.sql("SELECT id FROM workers_union ORDER BY name").query(Long.class).list().stream().map(id -> get(reader, id)).toList();
    }

    @Transactional(readOnly = true)
    public Union get(CurrentUser reader, long unionId) {
        record Row(String name, String description) {
        }
        Row row = jdbc.sql("SELECT name, description FROM workers_union WHERE id = ?").param(unionId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional()
                .orElseThrow(() -> new NotFoundException("Union", unionId));
        int mandates = jdbc.sql("SELECT COUNT(*) FROM union_mandate WHERE union_id = ? AND mandate").param(unionId).query(Integer.class).single();
        record Mine(boolean mandate, boolean consent) {
        }
        Mine mine = jdbc.sql("SELECT mandate, consent FROM union_mandate WHERE union_id = ? AND worker_id = ?").params(unionId, reader.id())
                .query((rs, n) -> new Mine(rs.getBoolean(1), rs.getBoolean(2))).optional().orElse(new Mine(false, false));
        return new Union(unionId, row.name(), row.description(), mandates, mine.mandate(), mine.consent(), isAgent(reader.id(), unionId));
    }

    /** The unions this person acts for. */
    @Transactional(readOnly = true)
    public List<Long> actsFor(long accountId) {
        return jdbc.sql("SELECT union_id FROM union_agent WHERE account_id = ? ORDER BY union_id").param(accountId).query(Long.class).list();
    }

    boolean isAgent(long accountId, long unionId) {
        return jdbc.sql("SELECT COUNT(*) FROM union_agent WHERE union_id = ? AND account_id = ?").params(unionId, accountId).query(Long.class).single() > 0;
    }

    /** The union an agent speaks for: refused unless they act for it and at least one worker mandates it. */
    Union speakingFor(CurrentUser agent, long unionId) {
        Union u = get(agent, unionId);
        if (!u.agent()) {
            throw DomainException.forbidden("This is for the people who act for " + u.name()).code("problem.union.notAgent");
        }
        if (u.mandates() == 0) {
            throw DomainException.forbidden(u.name() + " speaks for workers once a worker mandates it").code("problem.union.noMandates");
        }
        return u;
    }

    /** The figures representatives see, for a union's agents while workers mandate it, and who consented to share their record. */
    @Transactional(readOnly = true)
    public UnionFigures figures(CurrentUser agent, long unionId, int days) {
        Union u = speakingFor(agent, unionId);
        List<Consenting> consenting = jdbc.sql("""
                        SELECT m.worker_id, a.display_name FROM union_mandate m JOIN account a ON a.id = m.worker_id
                        WHERE m.union_id = ? AND m.mandate AND m.consent ORDER BY a.display_name""").param(unionId)
                .query((rs, n) -> new Consenting(rs.getLong(1), rs.getString(2))).list();
        return new UnionFigures(u, figures.aggregate(days), consenting);
    }

    /**
     * One worker's record, for an agent of a union that worker consented to; refused (and nothing about the worker said)
     * otherwise. The reading is written into the worker's trail, so that they see who looked and when.
     */
    @Transactional
    public WorkerRecord record(CurrentUser agent, long unionId, long workerId) {
        Union u = speakingFor(agent, unionId);
        boolean consented = jdbc.sql("SELECT COUNT(*) FROM union_mandate WHERE union_id = ? AND worker_id = ? AND mandate AND consent")
                .params(unionId, workerId).query(Long.class).single() > 0;
        if (!consented) {
            throw DomainException.forbidden(u.name() + " sees a worker's own record only while that worker consents").code("problem.union.noConsent");
        }
        trail.record(TrailEntry.of("UNION_READ_RECORD").aboutWorker(workerId).by(agent.id()).with("union", u.name()));
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return new WorkerRecord(workerId, accounts.view(workerId).displayName(), payPerActiveHour.of(workerId, today.minusDays(89), today.plusDays(1), zone),
                decisions.forWorker(workerId, 0, 20).items());
    }
}
