package org.polder.voice;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.work.Governance;
import org.polder.work.Parameter;
import org.polder.work.PlatformParameters;
import org.springframework.beans.factory.annotation.Value;
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

/**
 * Consultation before a rule changes (RIGHTS.md R11): an admin publishes a notice of the change; workers
 * and their representatives comment while it is open; the change can be made only after the comment
 * period has ended, and it is then visible with its date in the register.
 */
@Service
public class Consultations {

    private final JdbcClient jdbc;
    private final PlatformParameters parameters;
    private final Representatives representatives;
    private final Clock clock;
    private final int minimumDays;

    private final org.polder.account.Accounts accounts;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Governance governance;
    private final Unions unions;

    Consultations(JdbcClient jdbc, PlatformParameters parameters, Representatives representatives, Clock clock,
                  @Value("${polder.consultation.minimum-days:14}") int minimumDays, org.polder.account.Accounts accounts,
                  org.springframework.context.ApplicationEventPublisher events, Governance governance, Unions unions) {
        this.unions = unions;
        this.governance = governance;
        this.accounts = accounts;
        this.events = events;
        this.jdbc = jdbc;
        this.parameters = parameters;
        this.representatives = representatives;
        this.clock = clock;
        this.minimumDays = minimumDays;
    }

    public int minimumDays() {
        return minimumDays;
    }

    /** An admin proposes a new value; the comment period is at least the platform's minimum. */
    @Transactional
    public Consultation propose(CurrentUser admin, String parameterKey, String value, String explanation, Integer days) {
        admin.require(Role.ADMIN);
        Parameter parameter = Parameter.byKey(parameterKey == null ? "" : parameterKey.strip())
                .orElseThrow(() -> DomainException.invalid("parameter: '" + parameterKey + "' is not a rule parameter; one of "
                        + java.util.Arrays.stream(Parameter.values()).map(Parameter::key).toList()).code("problem.consultation.parameter"));
        String normalised = parameters.normalise(parameter, value);
        if (normalised == null) {
            throw DomainException.invalid("value: '" + value + "' is not allowed for " + parameter.key()
                    + (parameter.owned() ? " (the rules as JSON)" : parameter.choices().isEmpty() ? " (a whole number)"
                    : " (one of " + parameter.choices() + ")"))
                    .code("problem.consultation.value", value);
        }
        String current = parameters.get(parameter);
        if (normalised.equals(current)) {
            throw DomainException.invalid("value: " + parameter.key() + " is already " + current).code("problem.consultation.same");
        }
        if (explanation == null || explanation.strip().length() < 20 || explanation.length() > 4000) {
            throw DomainException.invalid("explanation: say what changes and why, so that workers can respond (20 to 4000 characters)")
                    .code("problem.consultation.explanation");
        }
        int period = days == null ? minimumDays : days;
        if (period < minimumDays || period > 365) {
            throw DomainException.invalid("days: the comment period is at least " + minimumDays + " days (at most 365)")
                    .code("problem.consultation.days", minimumDays);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO consultation (parameter, old_value, new_value, explanation, proposed_by, opens_at, closes_at, state, binding)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(parameter.key(), current, normalised, explanation.strip(), admin.id(), Sql.ts(now),
                        Sql.ts(now.plus(Duration.ofDays(period))), governance.binding())
                .update(key, "id");
        // Every worker hears of it while there is time to comment.
        org.polder.common.Words told = org.polder.common.Words.of(governance.binding() ? "notice.consultationVote" : "notice.consultation",
                org.polder.common.Words.at(now.plus(Duration.ofDays(period))));
        for (long worker : accounts.workerIds()) {
            events.publishEvent(org.polder.notify.Notice.to(worker, org.polder.notify.NoticeKind.CONSULTATION, told));
        }
        return get(key.getKey().longValue());
    }

    /** A worker (or representative) comments while the consultation is open. Names are not shown, representatives are marked. */
    @Transactional
    public Comment comment(CurrentUser user, long id, String body) {
        return comment(user, id, body, null);
    }

    /**
     * A worker comments, or, with {@code unionId}, someone who acts for a union speaks for the workers who mandate it;
     * the comment then names the union (a union speaks openly).
     */
    @Transactional
    public Comment comment(CurrentUser user, long id, String body, Long unionId) {
        Unions.Union union = unionId == null ? null : unions.speakingFor(user, unionId);
        if (union == null && !user.has(Role.WORKER)) {
            throw DomainException.forbidden("Consultations are for workers, their representatives and the unions they mandate to comment on");
        }
        user.real();
        Consultation c = get(id);
        if (!c.commentPeriodRunning(clock.instant())) {
            throw DomainException.conflict("Consultation " + id + " is closed for comments").code("problem.consultation.closed");
        }
        if (body == null || body.isBlank() || body.length() > 4000) {
            throw DomainException.invalid("body: write a comment of 1 to 4000 characters").code("problem.consultation.comment");
        }
        boolean representative = union == null && representatives.isRepresentative(user.id());
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO consultation_comment (consultation_id, author_id, representative, body, created_at, union_id) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, user.id(), representative, body.strip(), Sql.ts(now), unionId).update(key, "id");
        return new Comment(key.getKey().longValue(), representative, body.strip(), now, true, union == null ? null : union.name(),
                union == null ? null : union.mandates());
    }

    /** Makes the change, once the comment period is over; refused before, whoever asks. */
    @Transactional
    public Consultation apply(CurrentUser admin, long id, String note) {
        admin.require(Role.ADMIN);
        Consultation c = get(id);
        Instant now = clock.instant();
        if (c.state() != Consultation.State.OPEN) {
            throw DomainException.conflict("Consultation " + id + " is " + c.state()).code("problem.consultation.notOpen");
        }
        if (c.binding()) {
            throw DomainException.conflict("Consultation " + id + " is decided by the working members' vote when it closes on " + c.closesAt())
                    .code("problem.consultation.binding", c.closesAt());
        }
        if (now.isBefore(c.closesAt())) {
            throw new DomainException(HttpStatus.CONFLICT, "Comment period running",
                    "The comment period of consultation " + id + " runs until " + c.closesAt() + "; the change can be made after that")
                    .code("problem.consultation.running", c.closesAt());
        }
        if (!parameters.get(c.parameter()).equals(c.oldValue())) {
            throw DomainException.conflict(c.parameter().key() + " changed since this consultation opened; start a new one")
                    .code("problem.consultation.stale");
        }
        decide(c, admin, "APPLIED", note);
        parameters.change(c.parameter(), c.newValue(), id);
        return get(id);
    }

    /**
     * A working member votes yes or no on a binding consultation while it is open: one vote each, for whoever did work
     * in the 90 days before it opened or since. Who voted is kept apart from the counts, and the counts are shown once
     * it closed.
     */
    @Transactional
    public Consultation vote(CurrentUser worker, long id, Boolean yes) {
        worker.require(Role.WORKER).real();
        Consultation c = get(id);
        if (!c.binding()) {
            throw DomainException.conflict("Consultation " + id + " is advisory: comment on it; the platform decides")
                    .code("problem.consultation.advisory");
        }
        if (!c.commentPeriodRunning(clock.instant())) {
            throw DomainException.conflict("Voting on consultation " + id + " is closed").code("problem.consultation.closed");
        }
        if (yes == null) {
            throw DomainException.invalid("yes: vote yes or no").code("problem.consultation.ballot");
        }
        if (!representatives.active(worker.id(), c.opensAt())) {
            throw DomainException.forbidden("Only working members vote: who did work in the 90 days before the vote opened, or since")
                    .code("problem.election.notActive");
        }
        try {
            jdbc.sql("INSERT INTO consultation_voter (consultation_id, voter_id) VALUES (?, ?)").params(id, worker.id()).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw DomainException.conflict("You already voted on this").code("problem.election.voted");
        }
        jdbc.sql("UPDATE consultation SET " + (yes ? "yes_votes = yes_votes + 1" : "no_votes = no_votes + 1") + " WHERE id = ?").param(id).update();
        return get(id);
    }

    /** Whether this person voted on a consultation. */
    @Transactional(readOnly = true)
    public boolean voted(CurrentUser reader, long id) {
        return jdbc.sql("SELECT COUNT(*) FROM consultation_voter WHERE consultation_id = ? AND voter_id = ?").params(id, reader.id())
                .query(Long.class).single() > 0;
    }

    /**
     * Closes the binding votes whose time is up: counts who was entitled to vote, applies the change when the vote is
     * carried (quorum and majority as the platform's statutes set them) and records the result with the consultation,
     * the decision record that names the vote. Each closes once, on whichever node gets there first. Returns how many closed.
     */
    @Transactional
    public int closeVotes() {
        Instant now = clock.instant();
        List<Consultation> due = jdbc.sql(SELECT + " WHERE c.binding AND c.state = 'OPEN' AND c.closes_at <= ? ORDER BY c.id").param(Sql.ts(now))
                .query(Consultations::map).list();
        int closed = 0;
        for (Consultation c : due) {
            int yes = jdbc.sql("SELECT yes_votes FROM consultation WHERE id = ?").param(c.id()).query(Integer.class).single();
            int no = jdbc.sql("SELECT no_votes FROM consultation WHERE id = ?").param(c.id()).query(Integer.class).single();
            int eligible = representatives.activeWorkers(c.opensAt().minus(Representatives.ACTIVE_WINDOW), c.closesAt()).size();
            Consultation.VoteResult vote = new Consultation.VoteResult(yes, no, eligible, governance.quorumPercent(), governance.majorityPercent());
            boolean stale = !parameters.get(c.parameter()).equals(c.oldValue());
            boolean carried = vote.carried() && !stale;
            String note = "Decided by the working members' vote: " + yes + " for, " + no + " against, turnout " + vote.turnoutPercent() + "% of "
                    + eligible + " entitled to vote (quorum " + vote.quorumPercent() + "%, carried above " + vote.majorityPercent() + "% of the votes cast): "
                    + (carried ? "carried" : stale ? "carried, but the parameter changed meanwhile; not applied" : "not carried");
            int moved = jdbc.sql("""
                            UPDATE consultation SET state = ?, decided_at = ?, decision_note = ?, eligible = ?, quorum_percent = ?, majority_percent = ?
                            WHERE id = ? AND state = 'OPEN'""")
                    .params(carried ? "APPLIED" : "REJECTED", Sql.ts(now), note, eligible, vote.quorumPercent(), vote.majorityPercent(), c.id())
                    .update();
            if (moved == 0) {
                continue;
            }
            if (carried) {
                parameters.change(c.parameter(), c.newValue(), c.id());
            }
            org.polder.common.Words told = org.polder.common.Words.of(carried ? "notice.voteCarried" : "notice.voteRejected",
                    org.polder.common.Words.text("parameter." + c.parameter().key()), yes, no, vote.turnoutPercent());
            for (long worker : accounts.workerIds()) {
                events.publishEvent(org.polder.notify.Notice.to(worker, org.polder.notify.NoticeKind.CONSULTATION, told));
            }
            closed++;
        }
        return closed;
    }

    /** Withdraws a proposal, at any time. */
    @Transactional
    public Consultation withdraw(CurrentUser admin, long id, String note) {
        admin.require(Role.ADMIN);
        Consultation c = get(id);
        if (c.state() != Consultation.State.OPEN) {
            throw DomainException.conflict("Consultation " + id + " is " + c.state()).code("problem.consultation.notOpen");
        }
        decide(c, admin, "WITHDRAWN", note);
        return get(id);
    }

    private void decide(Consultation c, CurrentUser admin, String state, String note) {
        if (note != null && note.length() > 4000) {
            throw DomainException.invalid("note: at most 4000 characters");
        }
        int moved = jdbc.sql("UPDATE consultation SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND state = 'OPEN'")
                .params(state, admin.id(), Sql.ts(clock.instant()), note == null || note.isBlank() ? null : note.strip(), c.id()).update();
        if (moved == 0) {
            throw DomainException.conflict("Consultation " + c.id() + " was already decided").code("problem.consultation.notOpen");
        }
    }

    /**
     * Reminds every worker, once, of each open consultation that closes within two days, while there is still
     * time to comment. Returns how many consultations were reminded of.
     */
    @Transactional
    public int remindClosing() {
        Instant now = clock.instant();
        record Closing(long id, Instant closesAt) {
        }
        List<Closing> closing = jdbc.sql("""
                        SELECT id, closes_at FROM consultation WHERE state = 'OPEN' AND closing_told_at IS NULL AND closes_at > ? AND closes_at <= ?""")
                .params(Sql.ts(now), Sql.ts(now.plus(Duration.ofDays(2)))).query((rs, n) -> new Closing(rs.getLong(1), Sql.instant(rs, "closes_at"))).list();
        int reminded = 0;
        for (Closing c : closing) {
            if (jdbc.sql("UPDATE consultation SET closing_told_at = ? WHERE id = ? AND closing_told_at IS NULL").params(Sql.ts(now), c.id()).update() == 1) {
                org.polder.common.Words told = org.polder.common.Words.of("notice.consultationClosing", org.polder.common.Words.at(c.closesAt()));
                for (long worker : accounts.workerIds()) {
                    events.publishEvent(org.polder.notify.Notice.to(worker, org.polder.notify.NoticeKind.CONSULTATION, told));
                }
                reminded++;
            }
        }
        return reminded;
    }

    /** All consultations, open ones first, then newest. Anyone logged in reads them. */
    @Transactional(readOnly = true)
    public List<Consultation> list() {
        return jdbc.sql(SELECT + " ORDER BY CASE WHEN c.state = 'OPEN' THEN 0 ELSE 1 END, c.id DESC LIMIT 200")
                .query(Consultations::map).list();
    }

    @Transactional(readOnly = true)
    public Consultation get(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = ?").param(id).query(Consultations::map).optional()
                .orElseThrow(() -> new NotFoundException("Consultation", id));
    }

    /** The comments on a consultation, oldest first; {@code mine} marks the reader's own. */
    @Transactional(readOnly = true)
    public List<Comment> comments(CurrentUser reader, long id) {
        get(id);
        return jdbc.sql("""
                        SELECT k.*, u.name AS union_name, (SELECT COUNT(*) FROM union_mandate m WHERE m.union_id = k.union_id AND m.mandate) AS mandates
                        FROM consultation_comment k LEFT JOIN workers_union u ON u.id = k.union_id WHERE k.consultation_id = ? ORDER BY k.id""").param(id)
                .query((rs, n) -> new Comment(rs.getLong("id"), rs.getBoolean("representative"), rs.getString("body"),
                        Sql.instant(rs, "created_at"), rs.getLong("author_id") == reader.id(), rs.getString("union_name"),
                        rs.getString("union_name") == null ? null : rs.getInt("mandates")))
                .list();
    }

    /**
     * A comment, without its author's name: workers speak freely; representatives are marked as such; a union speaking
     * for the workers who mandate it is named, with how many they are now.
     */
    public record Comment(long id, boolean representative, String body, Instant createdAt, boolean mine, String union, Integer mandates) {
    }

    private static final String SELECT = """
            SELECT c.*, (SELECT COUNT(*) FROM consultation_comment k WHERE k.consultation_id = c.id) AS comment_count
            FROM consultation c""";

    private static Consultation map(ResultSet rs, int n) throws SQLException {
        return new Consultation(rs.getLong("id"), Parameter.byKey(rs.getString("parameter")).orElseThrow(), rs.getString("old_value"),
                rs.getString("new_value"), rs.getString("explanation"), rs.getLong("proposed_by"), Sql.instant(rs, "opens_at"),
                Sql.instant(rs, "closes_at"), Consultation.State.valueOf(rs.getString("state")), Sql.longOrNull(rs, "decided_by"),
                Sql.instant(rs, "decided_at"), rs.getString("decision_note"), rs.getLong("comment_count"), rs.getBoolean("binding"),
                rs.getObject("eligible") == null ? null : new Consultation.VoteResult(rs.getInt("yes_votes"), rs.getInt("no_votes"), rs.getInt("eligible"),
                        rs.getInt("quorum_percent"), rs.getInt("majority_percent")));
    }
}
