package org.polder.account;

import org.polder.common.DomainException;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A sandbox: a real organisation's double, where its members try batches, shifts and errands with play money before
 * paying, and two test accounts that play in it: its requester and its test worker. Neither has a password anyone
 * knows: a member enters them from their own account. Work of a sandbox reaches only its test worker, and a test worker
 * only the work of its sandbox ({@link #workFor}); the money is kept apart by the ledger.
 */
@Service
public class PlayAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * An SQL subquery: the ids of every sandbox's test accounts. Moderators' queues and figures about workers leave them
     * out: what happens in a sandbox is play, not a case for the platform's moderators.
     */
    public static final String TEST_ACCOUNTS = "(SELECT id FROM account WHERE plays_in IS NOT NULL)";
    /** In a web session inside a sandbox: the id of the member who entered it, to whom leaving returns. */
    public static final String SESSION_MEMBER = PlayAccounts.class.getName() + ".member";

    /** A sandbox, the real organisation it belongs to, and its two test accounts. */
    public record Sandbox(long organisationId, String name, long realOrganisationId, long requesterId, long workerId) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final Clock clock;

    PlayAccounts(JdbcClient jdbc, Accounts accounts, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** The organisation's sandbox, opened with its test accounts the first time; the same one after that. */
    @Transactional
    public Sandbox open(long realOrganisationId) {
        // The organisation's row lock: two members opening at once get one sandbox.
        String realName = jdbc.sql("SELECT name, sandbox_of FROM organisation WHERE id = ? FOR UPDATE").param(realOrganisationId)
                .query((rs, n) -> {
                    if (rs.getObject(2) != null) {
                        throw DomainException.conflict("This is a sandbox already; it has no sandbox of its own").code("problem.sandbox.nested");
                    }
                    return rs.getString(1);
                }).optional().orElseThrow(() -> new NotFoundException("Organisation", realOrganisationId));
        Optional<Sandbox> existing = of(realOrganisationId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        long sandbox = insertOrganisation(realName + " (sandbox)", realOrganisationId, now)
                .orElseGet(() -> insertOrganisation(realName + " (sandbox " + realOrganisationId + ")", realOrganisationId, now).orElseThrow());
        accounts.setKinds(sandbox, Accounts.KINDS);
        String language = jdbc.sql("SELECT COALESCE(MIN(language), 'en') FROM account WHERE organisation_id = ?").param(realOrganisationId)
                .query(String.class).single();
        insertAccount("sandbox+" + realOrganisationId + "+requester", "Sandbox requester", Role.REQUESTER, sandbox, sandbox, language, now);
        insertAccount("sandbox+" + realOrganisationId + "+worker", "Test worker", Role.WORKER, null, sandbox, language, now);
        return of(realOrganisationId).orElseThrow();
    }

    private Optional<Long> insertOrganisation(String name, long realOrganisationId, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO organisation (name, created_at, sandbox_of) VALUES (?, ?, ?)")
                    .params(name, Sql.ts(now), realOrganisationId).update(key, "id");
            return Optional.of(key.getKey().longValue());
        } catch (DuplicateKeyException nameTaken) {
            return Optional.empty();
        }
    }

    /** A test account: a password nobody knows (a member enters it from their own account), a role, the sandbox it plays in. */
    private void insertAccount(String username, String displayName, Role role, Long organisationId, long sandbox, String language, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO account (username, display_name, password_hash, organisation_id, language, created_at, member_role, plays_in)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(username, displayName, passwords.encode(Base64.getEncoder().encodeToString(secret)), organisationId, language,
                        Sql.ts(now), organisationId == null ? null : MemberRole.OWNER.name(), sandbox)
                .update(key, "id");
        jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (?, ?)").params(key.getKey().longValue(), role.name()).update();
    }

    /** The sandbox of a real organisation, if it has opened one. */
    @Transactional(readOnly = true)
    public Optional<Sandbox> of(long realOrganisationId) {
        return jdbc.sql("""
                        SELECT o.id, o.name, o.sandbox_of,
                               (SELECT a.id FROM account a JOIN account_role r ON r.account_id = a.id AND r.role = 'REQUESTER'
                                WHERE a.plays_in = o.id) AS requester,
                               (SELECT a.id FROM account a JOIN account_role r ON r.account_id = a.id AND r.role = 'WORKER'
                                WHERE a.plays_in = o.id) AS worker
                        FROM organisation o WHERE o.sandbox_of = ?""")
                .param(realOrganisationId)
                .query((rs, n) -> new Sandbox(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .optional();
    }

    /** The sandbox a test account plays in; empty for every real account. */
    @Transactional(readOnly = true)
    public Optional<Sandbox> playing(long accountId) {
        return jdbc.sql("SELECT o.sandbox_of FROM account a JOIN organisation o ON o.id = a.plays_in WHERE a.id = ?").param(accountId)
                .query(Long.class).optional().flatMap(this::of);
    }

    /** Every sandbox's test accounts, to leave out of figures about workers. */
    @Transactional(readOnly = true)
    public java.util.Set<Long> testWorkers() {
        return new java.util.HashSet<>(jdbc.sql("SELECT id FROM account WHERE plays_in IS NOT NULL").query(Long.class).list());
    }

    /**
     * Whether a worker may take work of this organisation as far as sandboxes go: real work for real workers, a sandbox's
     * work for its own test worker only. One statement: every claim asks.
     */
    @Transactional(readOnly = true)
    public boolean reaches(long workerId, long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM account a WHERE a.id = ? AND " + Accounts.SAME_SIDE).params(workerId, organisationId)
                .query(Long.class).single() > 0;
    }

    /**
     * An SQL condition on a column holding organisation ids: the organisations whose work this worker may see and take
     * ({@link #reaches}). For feeds, so that a sandbox's work never shows to real workers, nor real work to a test worker.
     */
    @Transactional(readOnly = true)
    public String workFor(long workerId, String column) {
        Long playsIn = jdbc.sql("SELECT plays_in FROM account WHERE id = ?").param(workerId).query((rs, n) -> Sql.longOrNull(rs, "plays_in"))
                .optional().orElse(null);
        return playsIn == null
                ? column + " NOT IN (SELECT id FROM organisation WHERE sandbox_of IS NOT NULL)"
                : column + " = " + playsIn;
    }

    /**
     * A member of the organisation entering one of its sandbox's test accounts: the test account, if this member may
     * change the organisation's work (owners and managers). Refuses anyone else, and test accounts themselves.
     */
    @Transactional(readOnly = true)
    public CurrentUser enter(CurrentUser member, boolean asWorker) {
        Sandbox sandbox = sandboxFor(member);
        return accounts.currentUser(asWorker ? sandbox.workerId() : sandbox.requesterId());
    }

    /** The sandbox of the organisation this member may try work for; refuses (403/404) otherwise. */
    @Transactional(readOnly = true)
    public Sandbox sandboxFor(CurrentUser member) {
        return of(mayTry(member)).orElseThrow(() -> new DomainException(org.springframework.http.HttpStatus.NOT_FOUND, "Not Found", "Your organisation has no sandbox yet; open it first")
                .code("problem.sandbox.none"));
    }

    /**
     * The organisation whose work this member may try in its sandbox: a real account, an owner or manager (403 otherwise).
     */
    public long mayTry(CurrentUser member) {
        if (member.inSandbox()) {
            throw DomainException.forbidden("This is a sandbox's test account; leave the sandbox first").code("problem.sandbox.inside");
        }
        long organisation = member.organisation();
        if (!member.may(MemberRole::mayWork)) {
            throw DomainException.forbidden("Your role in the organisation (" + member.member() + ") does not allow this: "
                    + "owners and managers change the work").code("problem.team.notAllowed.work");
        }
        return organisation;
    }

    /** Whether this member may (still) act in this sandbox: an owner or manager of the organisation it belongs to. */
    @Transactional(readOnly = true)
    public boolean mayEnter(CurrentUser member, Long sandboxId) {
        if (sandboxId == null || member.playsIn() != null || member.organisationId() == null || !member.may(MemberRole::mayWork)) {
            return false;
        }
        return of(member.organisationId()).map(s -> s.organisationId() == sandboxId).orElse(false);
    }

    /** A bearer token for one of the sandbox's test accounts, for trying the API; the member must be allowed to enter it. */
    @Transactional
    public IssuedToken token(CurrentUser member, boolean asWorker) {
        return accounts.issueTokenFor(enter(member, asWorker));
    }
}
