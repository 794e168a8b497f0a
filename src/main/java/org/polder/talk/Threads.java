package org.polder.talk;

import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.oversight.AssignmentOwners;
import org.polder.work.Assignments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The thread of one assignment. Only its worker and the people of the organisation whose work it is read and
 * write it (anyone else is told it does not exist); moderators read a thread once a message in it is reported.
 */
@Service
public class Threads {

    /** The two sides of a thread. */
    public record Parties(long assignmentId, long workerId, long organisationId, org.polder.work.WorkKind kind) {
    }

    private final JdbcClient jdbc;
    private final Assignments assignments;
    private final List<AssignmentOwners> owners;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Threads(JdbcClient jdbc, Assignments assignments, List<AssignmentOwners> owners, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.assignments = assignments;
        this.owners = owners;
        this.events = events;
        this.clock = clock;
    }

    /** The thread's two sides, if the person is one of them (or a moderator and the thread has a reported message). */
    @Transactional(readOnly = true)
    public Parties parties(CurrentUser me, long assignmentId) {
        Parties p = find(assignmentId).orElseThrow(() -> new NotFoundException("Thread", assignmentId));
        boolean worker = me.id() == p.workerId();
        boolean requester = me.has(Role.REQUESTER) && me.organisationId() != null && me.organisationId() == p.organisationId();
        boolean moderating = me.has(Role.MODERATOR) && me.id() != p.workerId() && reported(assignmentId);
        if (!worker && !requester && !moderating) {
            throw new NotFoundException("Thread", assignmentId);
        }
        return p;
    }

    @Transactional(readOnly = true)
    public List<Message> read(CurrentUser me, long assignmentId) {
        parties(me, assignmentId);
        return jdbc.sql(SELECT + " WHERE m.assignment_id = ? ORDER BY m.id").param(assignmentId).query(Threads::map).list();
    }

    /** Writes a message (1 to 4000 characters) and tells the other side. */
    @Transactional
    public Message write(CurrentUser me, long assignmentId, String body) {
        Parties p = parties(me, assignmentId);
        boolean fromWorker = me.id() == p.workerId();
        if (!fromWorker && !(me.has(Role.REQUESTER) && me.organisationId() != null && me.organisationId() == p.organisationId())) {
            throw DomainException.forbidden("Moderators read reported threads; they do not write in them").code("problem.thread.moderator");
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty() || text.length() > 4000) {
            throw DomainException.invalid("body: a message of 1 to 4000 characters").code("problem.thread.body");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO thread_message (assignment_id, author_id, from_worker, body, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(assignmentId, me.id(), fromWorker, text, Sql.ts(clock.instant())).update(key, "id");
        String link = "/threads/" + assignmentId;
        Words said = Words.of("notice.message", me.displayName(), preview(text));
        events.publishEvent(fromWorker ? Notice.toRequestersOf(p.organisationId(), NoticeKind.MESSAGE, said, link)
                : Notice.to(p.workerId(), NoticeKind.MESSAGE, said, link));
        return get(key.getKey().longValue());
    }

    /** The worker reports a message of the other side to the moderators, with why. */
    @Transactional
    public Message report(CurrentUser me, long messageId, String reason) {
        Message m = get(messageId);
        Parties p = parties(me, m.assignmentId());
        if (me.id() != p.workerId() || m.fromWorker()) {
            throw DomainException.forbidden("Only the worker reports a message, and only one written to them").code("problem.thread.report");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw DomainException.invalid("reason: say what is wrong with this message (1 to 1000 characters)").code("problem.thread.reason");
        }
        jdbc.sql("UPDATE thread_message SET reported_by = ?, reported_at = ?, report_reason = ? WHERE id = ? AND reported_at IS NULL")
                .params(me.id(), Sql.ts(clock.instant()), why, messageId).update();
        return get(messageId);
    }

    /** For moderators: reported messages, newest first. */
    @Transactional(readOnly = true)
    public List<Message> reported(CurrentUser moderator) {
        moderator.require(Role.MODERATOR);
        return jdbc.sql(SELECT + " WHERE m.reported_at IS NOT NULL ORDER BY m.reported_at DESC LIMIT 200").query(Threads::map).list();
    }

    /** Every message in the threads of a worker's assignments (for their data export). */
    @Transactional(readOnly = true)
    public List<Message> ofWorker(long workerId) {
        return jdbc.sql(SELECT + " JOIN assignment a ON a.id = m.assignment_id WHERE a.worker_id = ? ORDER BY m.assignment_id, m.id")
                .param(workerId).query(Threads::map).list();
    }

    private Optional<Parties> find(long assignmentId) {
        return assignments.holder(assignmentId).flatMap(h -> owners.stream()
                .map(o -> o.organisationOf(h.workerId(), assignmentId)).flatMap(Optional::stream).findFirst()
                .map(org -> new Parties(assignmentId, h.workerId(), org, h.kind())));
    }

    private boolean reported(long assignmentId) {
        return jdbc.sql("SELECT COUNT(*) FROM thread_message WHERE assignment_id = ? AND reported_at IS NOT NULL").param(assignmentId)
                .query(Long.class).single() > 0;
    }

    private Message get(long id) {
        return jdbc.sql(SELECT + " WHERE m.id = ?").param(id).query(Threads::map).optional()
                .orElseThrow(() -> new NotFoundException("Message", id));
    }

    private static String preview(String text) {
        return text.length() <= 140 ? text : text.substring(0, 139) + "…";
    }

    private static final String SELECT = "SELECT m.*, acc.display_name FROM thread_message m JOIN account acc ON acc.id = m.author_id";

    private static Message map(ResultSet rs, int n) throws SQLException {
        return new Message(rs.getLong("id"), rs.getLong("assignment_id"), rs.getLong("author_id"), rs.getString("display_name"),
                rs.getBoolean("from_worker"), rs.getString("body"), Sql.instant(rs, "created_at"), Sql.instant(rs, "reported_at"),
                rs.getString("report_reason"));
    }
}
