package org.polder.account;

import org.polder.common.DomainException;
import org.polder.common.Hashing;
import org.polder.common.NotFoundException;
import org.polder.common.Page;
import org.polder.common.Sql;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Opening accounts, logging in for API tokens, and managing roles and organisations. */
@Service
public class Accounts {

    static final Duration TOKEN_LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LoginThrottle throttle;

    Accounts(JdbcClient jdbc, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock, LoginThrottle throttle) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** Self-service registration as a worker, or as a requester who opens an organisation. */
    @Transactional
    public AccountView register(Registration r) {
        if (r.role() != Role.WORKER && r.role() != Role.REQUESTER) {
            throw DomainException.invalid("role: you can register as WORKER or REQUESTER; other roles are given by an admin");
        }
        PasswordStrength.check(r.password(), r.username(), r.displayName(), r.organisationName(), "polder");
        Long organisationId = null;
        if (Boolean.TRUE.equals(r.household())) {
            if (r.role() != Role.REQUESTER) {
                throw DomainException.invalid("role: a household registers as REQUESTER").code("problem.account.householdRole");
            }
            organisationId = createHousehold(r.displayName(), r.username());
        } else if (r.role() == Role.REQUESTER) {
            if (r.organisationName() == null || r.organisationName().isBlank()) {
                throw DomainException.invalid("organisationName: a requester opens an organisation; give its name")
                        .code("problem.account.organisationName");
            }
            organisationId = createOrganisation(r.organisationName()).id();
            if (r.kinds() != null && !r.kinds().isEmpty()) {
                setKinds(organisationId, r.kinds());
            }
        }
        return create(r.username(), r.password(), r.displayName(), EnumSet.of(r.role()), organisationId,
                r.language() == null ? "en" : r.language());
    }

    /** Creates an account with the given roles (used by registration, admins and demo data). */
    @Transactional
    public AccountView create(String username, String password, String displayName, Set<Role> roles,
                              Long organisationId, String language) {
        if (roles.contains(Role.REQUESTER) && organisationId == null) {
            throw DomainException.invalid("organisationId: a requester must belong to an organisation");
        }
        String name = username.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO account (username, display_name, password_hash, organisation_id, language, created_at, member_role)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(name, displayName.strip(), passwords.encode(password), organisationId, language, Sql.ts(now),
                            organisationId == null ? null : MemberRole.OWNER.name())
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "username: '" + name + "' is already taken")
                    .code("problem.account.taken", name);
        }
        long id = key.getKey().longValue();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (?, ?)").params(id, role.name()).update();
        }
        events.publishEvent(new AccountRegistered(id, name, roles, organisationId));
        return view(id);
    }

    /**
     * A household: a private person's organisation, named after them (with their username when the name is taken),
     * that books help at home and has no business details.
     */
    @Transactional
    public long createHousehold(String displayName, String username) {
        String name = displayName.strip();
        if (jdbc.sql("SELECT COUNT(*) FROM organisation WHERE name = ?").param(name).query(Long.class).single() > 0) {
            name = name + " (" + username.toLowerCase(Locale.ROOT) + ")";
        }
        long id = createOrganisation(name).id();
        jdbc.sql("UPDATE organisation SET household = TRUE, kinds = 'HOME' WHERE id = ?").param(id).update();
        return id;
    }

    private boolean sandboxOrganisation(long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM organisation WHERE id = ? AND sandbox_of IS NOT NULL").param(organisationId).query(Long.class).single() > 0;
    }

    /** Whether the organisation is a household (a private person booking help at home). */
    @Transactional(readOnly = true)
    public boolean isHousehold(long organisationId) {
        return jdbc.sql("SELECT household FROM organisation WHERE id = ?").param(organisationId).query(Boolean.class).optional().orElse(false);
    }

    @Transactional
    public Organisation createOrganisation(String name) {
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO organisation (name, created_at) VALUES (?, ?)").params(name.strip(), Sql.ts(now)).update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new DomainException(HttpStatus.CONFLICT, "Conflict", "organisationName: an organisation named '" + name.strip() + "' already exists")
                    .code("problem.account.organisationExists", name.strip());
        }
        return organisation(key.getKey().longValue());
    }

    /**
     * Checks a username and password and issues a bearer token. The same answer for any wrong pair. No
     * transaction around it: the password check is slow on purpose and the throttle keeps its own.
     */
    public IssuedToken issueToken(String username, String password, String source) {
        CurrentUser user = checkPassword(username, password, source)
                .orElseThrow(() -> new DomainException(HttpStatus.UNAUTHORIZED, "Unauthorized", "Unknown username or wrong password"));
        return issueTokenFor(user);
    }

    /** A bearer token for an account whose holder is already known (a sandbox's test accounts, entered by a member). */
    IssuedToken issueTokenFor(CurrentUser user) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "pld_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(TOKEN_LIFETIME);
        jdbc.sql("INSERT INTO api_token (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(Hashing.sha256(token), user.id(), Sql.ts(now), Sql.ts(expires)).update();
        return new IssuedToken(token, "Bearer", expires, user.id(), user.roles());
    }

    @Transactional
    public void revokeToken(String token) {
        jdbc.sql("DELETE FROM api_token WHERE token_hash = ?").param(Hashing.sha256(token)).update();
    }

    /**
     * The account behind a bearer token, if the token is known and not expired: as its owner sees it, so
     * that a request can be answered about its own account without reading it again. Every API request
     * asks this, so it is one statement (a row per role) and no transaction.
     */
    public Optional<AccountView> byToken(String token) {
        record Row(AccountView account, String role) {
        }
        if (token.startsWith(Teams.KEY_PREFIX)) {
            return byOrganisationKey(token);
        }
        List<Row> rows = jdbc.sql("""
                        SELECT a.id, a.username, a.display_name, a.organisation_id, o.name AS organisation_name, a.language,
                               a.created_at, a.member_role, a.plays_in, r.role
                        FROM api_token t JOIN account a ON a.id = t.account_id LEFT JOIN account_role r ON r.account_id = a.id
                        LEFT JOIN organisation o ON o.id = a.organisation_id
                        WHERE t.token_hash = ? AND t.expires_at > ?""")
                .params(Hashing.sha256(token), Sql.ts(clock.instant()))
                .query((rs, n) -> new Row(new AccountView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), Set.of(),
                        Sql.longOrNull(rs, "organisation_id"), rs.getString("organisation_name"), rs.getString("language"),
                        Sql.instant(rs, "created_at"), memberRole(rs.getString("member_role")), Sql.longOrNull(rs, "plays_in")), rs.getString("role")))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        AccountView a = rows.get(0).account();
        Set<Role> roles = rows.stream().filter(r -> r.role() != null).map(r -> Role.valueOf(r.role()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        return Optional.of(new AccountView(a.id(), a.username(), a.displayName(), roles, a.organisationId(), a.organisationName(),
                a.language(), a.createdAt(), a.memberRole(), a.playsIn()));
    }

    /**
     * The account behind an organisation's API key: the member who made it, still an owner of that organisation, with
     * the key's scope as their role; nothing for a revoked or expired key. One statement, as for a personal token.
     */
    private Optional<AccountView> byOrganisationKey(String token) {
        record Row(AccountView account, String role) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT a.id, a.username, a.display_name, a.organisation_id, o.name AS organisation_name, a.language,
                               a.created_at, k.scope, a.plays_in, r.role
                        FROM organisation_key k JOIN account a ON a.id = k.created_by AND a.organisation_id = k.organisation_id
                                                              AND a.member_role = 'OWNER'
                        JOIN organisation o ON o.id = k.organisation_id LEFT JOIN account_role r ON r.account_id = a.id
                        WHERE k.token_hash = ? AND k.expires_at > ? AND k.revoked_at IS NULL""")
                .params(Hashing.sha256(token), Sql.ts(clock.instant()))
                .query((rs, n) -> new Row(new AccountView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), Set.of(),
                        Sql.longOrNull(rs, "organisation_id"), rs.getString("organisation_name"), rs.getString("language"),
                        Sql.instant(rs, "created_at"), memberRole(rs.getString("scope")), Sql.longOrNull(rs, "plays_in")), rs.getString("role")))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        AccountView a = rows.get(0).account();
        // A key acts for its organisation's work only: never with the maker's other roles (worker, moderator, admin).
        Set<Role> roles = rows.stream().anyMatch(r -> "REQUESTER".equals(r.role())) ? EnumSet.of(Role.REQUESTER) : EnumSet.noneOf(Role.class);
        return Optional.of(new AccountView(a.id(), a.username(), a.displayName(), roles, a.organisationId(), a.organisationName(),
                a.language(), a.createdAt(), a.memberRole(), a.playsIn()));
    }

    static MemberRole memberRole(String name) {
        return name == null ? null : MemberRole.valueOf(name);
    }

    /** The account as modules see it, from its view. */
    public static CurrentUser user(AccountView a) {
        return new CurrentUser(a.id(), a.username(), a.displayName(), a.roles(), a.organisationId(), a.language(),
                a.organisationId() == null ? null : a.memberRole(), a.playsIn());
    }

    /**
     * The account if the password is right. Refuses with 429 when this source or username has failed
     * too often (see {@link LoginThrottle}); the attempt is counted before the password is checked. Holds
     * no connection while hashing.
     */
    public Optional<CurrentUser> checkPassword(String username, String password, String source) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        long attempt = throttle.attempt(username, source);
        Optional<CurrentUser> user = matchPassword(username, password);
        if (user.isPresent()) {
            throttle.succeeded(username, source, attempt);
        }
        return user;
    }

    private Optional<CurrentUser> matchPassword(String username, String password) {
        record Row(long id, String hash) {
        }
        Optional<Row> row = jdbc.sql("SELECT id, password_hash FROM account WHERE username = ?")
                .param(username.toLowerCase(Locale.ROOT)).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).optional();
        if (row.isEmpty()) {
            passwords.matches(password, DummyHash.get(passwords)); // same work whether or not the name exists
            return Optional.empty();
        }
        return passwords.matches(password, row.get().hash()) ? Optional.of(currentUser(row.get().id())) : Optional.empty();
    }

    /**
     * Changes the account's own password, after checking the current one (throttled like a login). Every
     * API token of the account is revoked, and every web session that began before the change ends at
     * its next request ({@link #session}).
     */
    public void changePassword(CurrentUser user, String current, String next, String source) {
        if (current == null || checkPassword(user.username(), current, source).isEmpty()) {
            throw DomainException.invalid("currentPassword: this is not your current password").code("problem.account.currentPassword");
        }
        PasswordStrength.check(next, user.username(), user.displayName(), "polder");
        Instant now = clock.instant();
        jdbc.sql("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(passwords.encode(next), Sql.ts(now), user.id()).update();
        jdbc.sql("DELETE FROM api_token WHERE account_id = ?").param(user.id()).update();
    }

    /** The account as a web session should see it now, and when its password last changed. */
    public record SessionState(CurrentUser user, Instant passwordChangedAt) {
    }

    /** The account behind a web session, read again at every request: roles and organisation as they are now. */
    public Optional<SessionState> session(long accountId) {
        record Row(Instant passwordChangedAt) {
        }
        return jdbc.sql("SELECT password_changed_at FROM account WHERE id = ?").param(accountId)
                .query((rs, n) -> new Row(Sql.instant(rs, "password_changed_at"))).optional()
                .map(row -> new SessionState(currentUser(accountId), row.passwordChangedAt()));
    }

    @Transactional(readOnly = true)
    public CurrentUser currentUser(long accountId) {
        return user(view(accountId));
    }

    @Transactional(readOnly = true)
    public Optional<CurrentUser> byUsername(String username) {
        return jdbc.sql("SELECT id FROM account WHERE username = ?").param(username.toLowerCase(Locale.ROOT))
                .query(Long.class).optional().map(this::currentUser);
    }

    @Transactional(readOnly = true)
    public AccountView view(long accountId) {
        return jdbc.sql("""
                        SELECT a.*, o.name AS organisation_name FROM account a
                        LEFT JOIN organisation o ON o.id = a.organisation_id WHERE a.id = ?""")
                .param(accountId)
                .query((rs, n) -> new AccountView(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        roles(rs.getLong("id")), Sql.longOrNull(rs, "organisation_id"), rs.getString("organisation_name"),
                        rs.getString("language"), Sql.instant(rs, "created_at"), memberRole(rs.getString("member_role")),
                        Sql.longOrNull(rs, "plays_in")))
                .optional().orElseThrow(() -> new NotFoundException("Account", accountId));
    }

    @Transactional(readOnly = true)
    public Page<AccountView> list(int page, int size) {
        Page.check(page, size);
        List<Long> ids = jdbc.sql("SELECT id FROM account ORDER BY id LIMIT ? OFFSET ?").params(size, (long) page * size)
                .query(Long.class).list();
        long total = jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
        return new Page<>(ids.stream().map(this::view).toList(), page, size, total);
    }

    /** An admin sets the roles of an account. A requester must belong to an organisation. */
    @Transactional
    public AccountView setRoles(long adminId, long accountId, Set<Role> roles, Long organisationId) {
        AccountView current = view(accountId);
        Long org = organisationId != null ? organisationId : current.organisationId();
        if (org != null) {
            organisation(org);
        }
        if (roles.contains(Role.REQUESTER) && org == null) {
            throw DomainException.invalid("organisationId: a requester must belong to an organisation")
                    .code("problem.account.requesterOrganisation");
        }
        // A new member of an organisation owns it until its owners say otherwise; leaving one ends the role.
        jdbc.sql("UPDATE account SET organisation_id = ?, member_role = CASE WHEN CAST(? AS BIGINT) IS NULL THEN NULL ELSE COALESCE(member_role, 'OWNER') END WHERE id = ?")
                .params(org, org, accountId).update();
        jdbc.sql("DELETE FROM account_role WHERE account_id = ?").param(accountId).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (?, ?)").params(accountId, role.name()).update();
        }
        events.publishEvent(new RolesChanged(accountId, adminId, current.roles(), roles, org));
        return view(accountId);
    }

    @Transactional(readOnly = true)
    public Organisation organisation(long id) {
        return jdbc.sql("SELECT * FROM organisation WHERE id = ?").param(id)
                .query((rs, n) -> new Organisation(rs.getLong("id"), rs.getString("name"), Sql.instant(rs, "created_at")))
                .optional().orElseThrow(() -> new NotFoundException("Organisation", id));
    }

    /** What invoices say about an organisation. */
    @Transactional(readOnly = true)
    public BusinessDetails organisationDetails(long organisationId) {
        return jdbc.sql("SELECT name, address, kvk_number, vat_number FROM organisation WHERE id = ?").param(organisationId)
                .query((rs, n) -> new BusinessDetails(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional()
                .orElseThrow(() -> new NotFoundException("Organisation", organisationId));
    }

    /** What invoices say about a worker who works on their own account. */
    @Transactional(readOnly = true)
    public BusinessDetails accountDetails(long accountId) {
        return jdbc.sql("SELECT display_name, business_address, kvk_number, vat_number FROM account WHERE id = ?").param(accountId)
                .query((rs, n) -> new BusinessDetails(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional()
                .orElseThrow(() -> new NotFoundException("Account", accountId));
    }

    /** The requester sets their organisation's address, KvK and VAT numbers for invoices; a wrong one changes nothing. */
    @Transactional
    public BusinessDetails setOrganisationDetails(CurrentUser requester, String address, String kvk, String vat) {
        long org = requester.require(Role.REQUESTER).organisation();
        BusinessDetails d = BusinessDetails.checked(null, address, kvk, vat);
        jdbc.sql("UPDATE organisation SET address = ?, kvk_number = ?, vat_number = ? WHERE id = ?")
                .params(d.address(), d.kvkNumber(), d.vatNumber(), org).update();
        return organisationDetails(org);
    }

    /** A worker sets the address, KvK and VAT numbers their invoices carry. */
    @Transactional
    public BusinessDetails setOwnDetails(CurrentUser worker, String address, String kvk, String vat) {
        worker.require(Role.WORKER);
        BusinessDetails d = BusinessDetails.checked(null, address, kvk, vat);
        jdbc.sql("UPDATE account SET business_address = ?, kvk_number = ?, vat_number = ? WHERE id = ?")
                .params(d.address(), d.kvkNumber(), d.vatNumber(), worker.id()).update();
        return accountDetails(worker.id());
    }

    /**
     * Whether an organisation may act on this account as a worker (a pool, a block, a qualification granted by hand):
     * it is a worker, on the same side of a sandbox's edge (a sandbox reaches its own test worker only, a real
     * organisation no test worker).
     */
    @Transactional(readOnly = true)
    public boolean isWorkerFor(long workerId, long organisationId) {
        return jdbc.sql("SELECT COUNT(*) FROM account a JOIN account_role r ON r.account_id = a.id AND r.role = 'WORKER' WHERE a.id = ? AND "
                        + SAME_SIDE)
                .params(workerId, organisationId).query(Long.class).single() > 0;
    }

    /**
     * An SQL condition on the account {@code a} and an organisation id given as the next parameter: both on the same side
     * of a sandbox's edge (a test account and its own sandbox, or a real account and a real organisation). The one place
     * this rule is written, for taking work ({@link PlayAccounts#reaches}) and for acting on a worker ({@link #isWorkerFor}).
     */
    static final String SAME_SIDE = "COALESCE(a.plays_in, 0) = COALESCE((SELECT id FROM organisation WHERE id = ? AND sandbox_of IS NOT NULL), 0)";

    /** Every worker's account (who is told of what concerns all workers, such as a proposed rule change). */
    @Transactional(readOnly = true)
    public List<Long> workerIds() {
        return jdbc.sql("SELECT r.account_id FROM account_role r JOIN account a ON a.id = r.account_id WHERE r.role = 'WORKER' AND a.plays_in IS NULL ORDER BY r.account_id")
                .query(Long.class).list();
    }

    /** Every moderator's account (who is told of a worker's alarm). */
    @Transactional(readOnly = true)
    public List<Long> moderatorIds() {
        return jdbc.sql("SELECT r.account_id FROM account_role r JOIN account a ON a.id = r.account_id WHERE r.role = 'MODERATOR' AND a.plays_in IS NULL ORDER BY r.account_id")
                .query(Long.class).list();
    }

    /** The accounts that act as requesters for an organisation (who is told about its work). */
    @Transactional(readOnly = true)
    public List<Long> requestersOf(long organisationId) {
        return jdbc.sql("SELECT a.id FROM account a JOIN account_role r ON r.account_id = a.id AND r.role = 'REQUESTER' WHERE a.organisation_id = ? ORDER BY a.id")
                .param(organisationId).query(Long.class).list();
    }

    /** The kinds of work an organisation posts, in the order it gave them: {@link #KINDS} by their names. */
    @Transactional(readOnly = true)
    public List<String> kindsOf(long organisationId) {
        return jdbc.sql("SELECT kinds FROM organisation WHERE id = ?").param(organisationId).query(String.class).optional()
                .map(k -> List.of(k.split(","))).orElse(KINDS);
    }

    /** The kinds of work there are, by the names the work module gives them. */
    public static final List<String> KINDS = List.of("MICROTASK", "SHIFT", "ERRAND", "HOME");

    /** The kinds a business posts (help at home is booked by households). */
    public static final List<String> BUSINESS_KINDS = List.of("MICROTASK", "SHIFT", "ERRAND");

    /** The requester says which kinds of work their organisation posts (at least one); the menu and start page follow. */
    @Transactional
    public List<String> setKinds(CurrentUser requester, List<String> kinds) {
        return setKinds(requester.require(Role.REQUESTER).organisation(), kinds);
    }

    @Transactional
    public List<String> setKinds(long organisationId, List<String> kinds) {
        List<String> chosen = kinds == null ? List.of() : kinds.stream().filter(java.util.Objects::nonNull).map(String::strip).distinct().toList();
        List<String> allowed = isHousehold(organisationId) ? List.of("HOME") : sandboxOrganisation(organisationId) ? KINDS : BUSINESS_KINDS;
        if (chosen.isEmpty() || !allowed.containsAll(chosen)) {
            throw DomainException.invalid("kinds: one or more of " + allowed + ", not " + chosen).code("problem.account.kinds");
        }
        jdbc.sql("UPDATE organisation SET kinds = ? WHERE id = ?").params(String.join(",", chosen), organisationId).update();
        return chosen;
    }

    @Transactional(readOnly = true)
    public List<Organisation> organisations() {
        return jdbc.sql("SELECT * FROM organisation ORDER BY name")
                .query((rs, n) -> new Organisation(rs.getLong("id"), rs.getString("name"), Sql.instant(rs, "created_at"))).list();
    }

    @Transactional(readOnly = true)
    public boolean anyAdmin() {
        return jdbc.sql("SELECT COUNT(*) FROM account_role WHERE role = 'ADMIN'").query(Long.class).single() > 0;
    }

    private Set<Role> roles(long accountId) {
        return jdbc.sql("SELECT role FROM account_role WHERE account_id = ?").param(accountId).query(String.class).list()
                .stream().map(Role::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    /** A hash to compare against when the username is unknown, so timing does not reveal it. */
    private static final class DummyHash {
        private static volatile String value;

        static String get(PasswordEncoder encoder) {
            if (value == null) {
                value = encoder.encode("not-a-real-password");
            }
            return value;
        }
    }
}
