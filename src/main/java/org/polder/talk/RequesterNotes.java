package org.polder.talk;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.Sql;
import org.polder.common.Words;
import org.polder.notify.Notice;
import org.polder.notify.NoticeKind;
import org.polder.oversight.AssignmentOwners;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A requester's note to workers who worked for their organisation ("bring black shoes on Friday", "a new batch is
 * up"), as MTurk's NotifyWorkers: only to workers who did work for them, at most a number of workers a day per
 * organisation, never to a worker who stopped notes from that organisation.
 */
@Service
public class RequesterNotes {

    /** Who was told, and who was not and why ({@code NOT_YOUR_WORKER}, {@code STOPPED_NOTES}). */
    public record Result(List<Long> told, Map<Long, String> skipped) {
    }

    private final JdbcClient jdbc;
    private final List<AssignmentOwners> owners;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final int perDay;

    RequesterNotes(JdbcClient jdbc, List<AssignmentOwners> owners, Accounts accounts, ApplicationEventPublisher events,
                   Clock clock, @Value("${polder.talk.notes-per-day:200}") int perDay) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.perDay = perDay;
    }

    /**
     * Sends the note to those of the workers it may go to. Refuses, changing nothing, an empty or too long note, no
     * or more than 100 workers, and a note that would pass the organisation's daily number.
     */
    @Transactional
    public Result send(CurrentUser requester, Collection<Long> workerIds, String message) {
        long org = requester.require(Role.REQUESTER).organisation();
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw DomainException.invalid("message: a note of 1 to 1000 characters").code("problem.note.message");
        }
        LinkedHashSet<Long> ids = new LinkedHashSet<>(workerIds == null ? List.of() : workerIds);
        if (ids.isEmpty() || ids.size() > 100) {
            throw DomainException.invalid("workerIds: 1 to 100 workers").code("problem.note.workers");
        }
        Map<Long, String> skipped = new LinkedHashMap<>();
        List<Long> told = new ArrayList<>();
        for (long worker : ids) {
            if (!workedFor(worker, org)) {
                skipped.put(worker, "NOT_YOUR_WORKER");
            } else if (stopped(worker, org)) {
                skipped.put(worker, "STOPPED_NOTES");
            } else {
                told.add(worker);
            }
        }
        Instant now = clock.instant();
        long today = jdbc.sql("SELECT COUNT(*) FROM requester_note WHERE organisation_id = ? AND sent_at > ?")
                .params(org, Sql.ts(now.minus(Duration.ofDays(1)))).query(Long.class).single();
        if (today + told.size() > perDay) {
            throw DomainException.conflict("workerIds: your organisation may send notes to " + perDay + " workers a day; "
                    + Math.max(0, perDay - today) + " are left today").code("problem.note.limit", perDay, Math.max(0, perDay - today));
        }
        String from = accounts.organisation(org).name();
        for (long worker : told) {
            jdbc.sql("INSERT INTO requester_note (organisation_id, sent_by, worker_id, body, sent_at) VALUES (?, ?, ?, ?, ?)")
                    .params(org, requester.id(), worker, text, Sql.ts(now)).update();
            events.publishEvent(Notice.to(worker, NoticeKind.REQUESTER_NOTE, Words.of("notice.fromRequester", from, text),
                    "/notifications/requesters/" + org));
        }
        return new Result(told, skipped);
    }

    /** The worker stops (or allows again) notes from one organisation. */
    @Transactional
    public void stop(CurrentUser worker, long organisationId, boolean stop) {
        worker.require(Role.WORKER);
        jdbc.sql("DELETE FROM requester_note_optout WHERE worker_id = ? AND organisation_id = ?").params(worker.id(), organisationId).update();
        if (stop) {
            jdbc.sql("INSERT INTO requester_note_optout (worker_id, organisation_id, created_at) VALUES (?, ?, ?)")
                    .params(worker.id(), organisationId, Sql.ts(clock.instant())).update();
        }
    }

    /** Whether the worker stopped notes from the organisation, and its name (empty for an organisation that never wrote to them). */
    @Transactional(readOnly = true)
    public Optional<Map.Entry<String, Boolean>> from(CurrentUser worker, long organisationId) {
        boolean wrote = jdbc.sql("SELECT COUNT(*) FROM requester_note WHERE worker_id = ? AND organisation_id = ?")
                .params(worker.id(), organisationId).query(Long.class).single() > 0;
        return wrote ? Optional.of(Map.entry(accounts.organisation(organisationId).name(), stopped(worker.id(), organisationId))) : Optional.empty();
    }

    private boolean stopped(long worker, long org) {
        return jdbc.sql("SELECT COUNT(*) FROM requester_note_optout WHERE worker_id = ? AND organisation_id = ?").params(worker, org)
                .query(Long.class).single() > 0;
    }

    private boolean workedFor(long worker, long org) {
        return owners.stream().anyMatch(o -> o.workedFor(worker, org));
    }
}
