package org.polder.voice;

import org.polder.account.Accounts;
import org.polder.account.CurrentUser;
import org.polder.account.Role;
import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.polder.ledger.ActiveTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Workers elect representatives (RIGHTS.md R11): one vote per active worker (someone who did work
 * in the 90 days before voting opened, or since), a secret ballot, and the elected see aggregate figures only.
 */
@Service
public class Representatives {

    /** How far back a worker must have worked to vote. */
    static final Duration ACTIVE_WINDOW = Duration.ofDays(90);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final List<ActiveTime> activeTime;
    private final Clock clock;

    Representatives(JdbcClient jdbc, Accounts accounts, List<ActiveTime> activeTime, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.activeTime = activeTime;
        this.clock = clock;
    }

    /** An admin calls an election; the platform runs it but does not take part. */
    @Transactional
    public Election call(CurrentUser admin, String title, int seats, Instant votingOpensAt, Instant closesAt, Instant termEndsAt) {
        admin.require(Role.ADMIN);
        Instant now = clock.instant();
        if (title == null || title.isBlank() || title.length() > 200) {
            throw DomainException.invalid("title: name the election (1 to 200 characters)").code("problem.election.title");
        }
        if (seats < 1 || seats > 50) {
            throw DomainException.invalid("seats: between 1 and 50").code("problem.election.seats");
        }
        if (votingOpensAt == null || closesAt == null || termEndsAt == null || votingOpensAt.isBefore(now)
                || !closesAt.isAfter(votingOpensAt) || !termEndsAt.isAfter(closesAt)) {
            throw DomainException.invalid("votingOpensAt, closesAt, termEndsAt: give future times in that order")
                    .code("problem.election.times");
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO election (title, seats, voting_opens_at, closes_at, term_ends_at, created_by, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(title.strip(), seats, Sql.ts(votingOpensAt), Sql.ts(closesAt), Sql.ts(termEndsAt), admin.id(), Sql.ts(now))
                .update(key, "id");
        return get(admin, key.getKey().longValue());
    }

    /** A worker stands as a candidate, before voting opens. */
    @Transactional
    public Election stand(CurrentUser worker, long electionId, String statement) {
        worker.require(Role.WORKER).real();
        Row e = row(electionId);
        if (!clock.instant().isBefore(e.votingOpensAt())) {
            throw DomainException.conflict("Candidates stand before voting opens").code("problem.election.nominationClosed");
        }
        if (statement == null || statement.isBlank() || statement.length() > 2000) {
            throw DomainException.invalid("statement: tell voters what you stand for (1 to 2000 characters)")
                    .code("problem.election.statement");
        }
        try {
            jdbc.sql("INSERT INTO election_candidate (election_id, worker_id, statement, votes, created_at) VALUES (?, ?, ?, 0, ?)")
                    .params(electionId, worker.id(), statement.strip(), Sql.ts(clock.instant())).update();
        } catch (DuplicateKeyException e2) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "You already stand in this election").code("problem.election.standing");
        }
        return get(worker, electionId);
    }

    /** One vote per active worker; the vote is counted without keeping who cast it for whom. */
    @Transactional
    public Election vote(CurrentUser worker, long electionId, long candidateId) {
        worker.require(Role.WORKER).real();
        Row e = row(electionId);
        Instant now = clock.instant();
        if (now.isBefore(e.votingOpensAt()) || !now.isBefore(e.closesAt())) {
            throw DomainException.conflict("Voting is not open").code("problem.election.notVoting");
        }
        if (!active(worker.id(), e.votingOpensAt())) {
            throw DomainException.forbidden("Only workers who did work in the 90 days before voting opened, or since, vote")
                    .code("problem.election.notActive");
        }
        try {
            jdbc.sql("INSERT INTO election_voter (election_id, voter_id) VALUES (?, ?)").params(electionId, worker.id()).update();
        } catch (DuplicateKeyException e2) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "You already voted in this election").code("problem.election.voted");
        }
        if (jdbc.sql("UPDATE election_candidate SET votes = votes + 1 WHERE id = ? AND election_id = ?").params(candidateId, electionId)
                .update() == 0) {
            throw new NotFoundException("Candidate", candidateId);
        }
        return get(worker, electionId);
    }

    /** Whether the worker holds a seat now: elected in a closed election whose term runs. */
    @Transactional(readOnly = true)
    public boolean isRepresentative(long workerId) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT id FROM election WHERE closes_at <= ? AND term_ends_at > ?").params(Sql.ts(now), Sql.ts(now))
                .query(Long.class).list().stream()
                .anyMatch(election -> elected(election).contains(workerId));
    }

    /** Refuses with 403 unless the user is a representative now. */
    public void requireRepresentative(CurrentUser user) {
        if (!isRepresentative(user.id())) {
            throw DomainException.forbidden("This is for the workers' elected representatives").code("problem.election.notRepresentative");
        }
    }

    @Transactional(readOnly = true)
    public List<Election> list(CurrentUser reader) {
        return jdbc.sql("SELECT id FROM election ORDER BY closes_at DESC LIMIT 50").query(Long.class).list().stream()
                .map(id -> get(reader, id)).toList();
    }

    @Transactional(readOnly = true)
    public Election get(CurrentUser reader, long id) {
        Row e = row(id);
        Instant now = clock.instant();
        boolean closed = !now.isBefore(e.closesAt());
        List<Long> elected = closed ? elected(id) : List.of();
        List<Election.Candidate> candidates = jdbc.sql("""
                        SELECT c.id, c.worker_id, c.statement, c.votes FROM election_candidate c WHERE c.election_id = ? ORDER BY c.id""")
                .param(id)
                .query((rs, n) -> new Election.Candidate(rs.getLong("id"), accounts.view(rs.getLong("worker_id")).displayName(),
                        rs.getString("statement"), closed ? rs.getInt("votes") : null, elected.contains(rs.getLong("worker_id"))))
                .list();
        boolean voted = jdbc.sql("SELECT COUNT(*) FROM election_voter WHERE election_id = ? AND voter_id = ?").params(id, reader.id())
                .query(Long.class).single() > 0;
        boolean mayVote = reader.has(Role.WORKER) && !reader.inSandbox() && !voted && !now.isBefore(e.votingOpensAt()) && !closed
                && active(reader.id(), e.votingOpensAt());
        return new Election(id, e.title(), e.seats(), e.votingOpensAt(), e.closesAt(), e.termEndsAt(), candidates, voted, mayVote);
    }

    /** The elected: the most votes first; at equal votes, who stood first. */
    private List<Long> elected(long electionId) {
        return jdbc.sql("SELECT worker_id FROM election_candidate WHERE election_id = ? AND votes > 0 ORDER BY votes DESC, id LIMIT ?")
                .params(electionId, row(electionId).seats()).query(Long.class).list();
    }

    /** The workers who did work in [from, to), of any kind: those entitled to vote in that period. */
    java.util.Set<Long> activeWorkers(Instant from, Instant to) {
        java.util.Set<Long> active = new java.util.HashSet<>();
        activeTime.forEach(a -> a.secondsByWorker(from, to).forEach((worker, seconds) -> {
            if (seconds > 0) {
                active.add(worker);
            }
        }));
        return active;
    }

    boolean active(long workerId, Instant votingOpensAt) {
        Instant from = votingOpensAt.minus(ACTIVE_WINDOW);
        Instant to = clock.instant().plusSeconds(1);
        return activeTime.stream().anyMatch(a -> a.secondsPerDay(workerId, from, to, ZoneOffset.UTC)
                .values().stream().mapToLong(Long::longValue).sum() > 0);
    }

    private record Row(long id, String title, int seats, Instant votingOpensAt, Instant closesAt, Instant termEndsAt) {
    }

    private Row row(long id) {
        return jdbc.sql("SELECT * FROM election WHERE id = ?").param(id)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("title"), rs.getInt("seats"), Sql.instant(rs, "voting_opens_at"),
                        Sql.instant(rs, "closes_at"), Sql.instant(rs, "term_ends_at")))
                .optional().orElseThrow(() -> new NotFoundException("Election", id));
    }
}
