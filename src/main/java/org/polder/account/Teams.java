package org.polder.account;

import org.polder.common.DomainException;
import org.polder.common.Hashing;
import org.polder.common.NotFoundException;
import org.polder.common.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organisation's team: its members and their roles, invitations to join (a link, mailed where an address is
 * given), and the organisation's API keys (a scope, an expiry, revocable). Only owners change the team; an
 * organisation always keeps at least one owner. Every change is published for the trail, naming who made it.
 */
@Service
public class Teams {

    /** How an organisation's API key begins, so that a request's key is looked up in one place. */
    public static final String KEY_PREFIX = "pok_";
    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String site;
    private final SecureRandom random = new SecureRandom();

    Teams(JdbcClient jdbc, Accounts accounts, ApplicationEventPublisher events, Clock clock,
          @Value("${polder.public-url:http://localhost:8080}") String site) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }

    public record Member(long id, String username, String displayName, MemberRole role) {
    }

    public record Invitation(long id, MemberRole role, String email, Instant createdAt, Instant expiresAt, String state) {
    }

    /** A new invitation and its link: shown once, to be passed on; only its hash is kept. */
    public record NewInvitation(Invitation invitation, String link) {
    }

    public record Key(long id, String name, MemberRole scope, String lastFour, String createdBy, Instant createdAt, Instant expiresAt,
                      Instant revokedAt) {

        public boolean active(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    /** A new API key: the key itself is shown once; only its hash is kept. */
    public record NewKey(Key key, String token) {
    }

    /** What an invitation link shows before it is accepted. */
    public record InvitationView(String organisation, MemberRole role, String invitedBy, Instant expiresAt) {
    }

    @Transactional(readOnly = true)
    public List<Member> members(CurrentUser user) {
        long org = user.organisation();
        return jdbc.sql("""
                        SELECT a.id, a.username, a.display_name, a.member_role FROM account a
                        JOIN account_role r ON r.account_id = a.id AND r.role = 'REQUESTER'
                        WHERE a.organisation_id = ? ORDER BY a.display_name, a.id""")
                .param(org)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), Accounts.memberRole(rs.getString(4)))).list();
    }

    /** An owner gives a member another role; the last owner stays an owner. */
    @Transactional
    public Member setRole(CurrentUser owner, long memberId, MemberRole role) {
        long org = owning(owner);
        if (role == null) {
            throw DomainException.invalid("role: one of OWNER, MANAGER, FINANCE, VIEWER").code("problem.team.role");
        }
        Member member = member(org, memberId);
        lockTeam(org);
        if (member.role() == MemberRole.OWNER && role != MemberRole.OWNER && owners(org) <= 1) {
            throw DomainException.conflict("role: " + member.displayName() + " is the only owner; make someone else owner first")
                    .code("problem.team.lastOwner");
        }
        jdbc.sql("UPDATE account SET member_role = ? WHERE id = ?").params(role.name(), memberId).update();
        events.publishEvent(new TeamChanged(org, owner.id(), "ROLE_CHANGED", memberId, Map.of("from", member.role().name(), "to", role.name())));
        return member(org, memberId);
    }

    /**
     * An owner removes a member: the account leaves the organisation (it keeps its own trail and can be invited
     * again), its API tokens end, and the keys it made are revoked. The last owner cannot be removed.
     */
    @Transactional
    public void remove(CurrentUser owner, long memberId) {
        long org = owning(owner);
        Member member = member(org, memberId);
        lockTeam(org);
        if (member.role() == MemberRole.OWNER && owners(org) <= 1) {
            throw DomainException.conflict("member: " + member.displayName() + " is the only owner and cannot leave")
                    .code("problem.team.lastOwner");
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE account SET organisation_id = NULL, member_role = NULL WHERE id = ?").param(memberId).update();
        jdbc.sql("DELETE FROM account_role WHERE account_id = ? AND role = 'REQUESTER'").param(memberId).update();
        jdbc.sql("DELETE FROM api_token WHERE account_id = ?").param(memberId).update();
        jdbc.sql("UPDATE organisation_key SET revoked_at = ?, revoked_by = ? WHERE created_by = ? AND revoked_at IS NULL")
                .params(Sql.ts(now), owner.id(), memberId).update();
        events.publishEvent(new TeamChanged(org, owner.id(), "MEMBER_REMOVED", memberId, Map.of("role", member.role().name())));
    }

    /** An owner invites someone with a role, by a link to pass on, and by mail where an address is given. */
    @Transactional
    public NewInvitation invite(CurrentUser owner, MemberRole role, String email) {
        long org = owning(owner);
        if (role == null) {
            throw DomainException.invalid("role: one of OWNER, MANAGER, FINANCE, VIEWER").code("problem.team.role");
        }
        String address = email == null || email.isBlank() ? null : email.strip();
        if (address != null && (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw DomainException.invalid("email: '" + address + "' is not an e-mail address").code("problem.team.email");
        }
        String token = secret("inv_");
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO organisation_invitation (organisation_id, token_hash, member_role, email, created_by, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(org, Hashing.sha256(token), role.name(), address, owner.id(), Sql.ts(now), Sql.ts(now.plus(INVITATION_LIFETIME)))
                .update(key, "id");
        long id = key.getKey().longValue();
        String link = site + "/join/" + token;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("invitation", id);
        details.put("role", role.name());
        details.put("byMail", address != null);
        events.publishEvent(new TeamChanged(org, owner.id(), "INVITED", null, details));
        if (address != null) {
            events.publishEvent(new InvitationMade(address, accounts.organisation(org).name(), owner.displayName(), role, link, owner.language()));
        }
        return new NewInvitation(invitation(org, id), link);
    }

    @Transactional(readOnly = true)
    public List<Invitation> invitations(CurrentUser owner) {
        long org = owning(owner);
        return jdbc.sql("SELECT * FROM organisation_invitation WHERE organisation_id = ? ORDER BY created_at DESC, id DESC LIMIT 100")
                .param(org).query((rs, n) -> invitation(rs)).list();
    }

    @Transactional
    public void withdraw(CurrentUser owner, long invitationId) {
        long org = owning(owner);
        if (jdbc.sql("UPDATE organisation_invitation SET revoked_at = ? WHERE id = ? AND organisation_id = ? AND accepted_at IS NULL AND revoked_at IS NULL")
                .params(Sql.ts(clock.instant()), invitationId, org).update() == 0) {
            throw new NotFoundException("Invitation", invitationId);
        }
        events.publishEvent(new TeamChanged(org, owner.id(), "INVITATION_WITHDRAWN", null, Map.of("invitation", invitationId)));
    }

    /** What an invitation link offers, for anyone holding it; empty when it is unknown, used, withdrawn or expired. */
    @Transactional(readOnly = true)
    public Optional<InvitationView> lookUp(String token) {
        return jdbc.sql("""
                        SELECT o.name, i.member_role, a.display_name, i.expires_at FROM organisation_invitation i
                        JOIN organisation o ON o.id = i.organisation_id JOIN account a ON a.id = i.created_by
                        WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?""")
                .params(Hashing.sha256(token == null ? "" : token), Sql.ts(clock.instant()))
                .query((rs, n) -> new InvitationView(rs.getString(1), MemberRole.valueOf(rs.getString(2)), rs.getString(3), Sql.instant(rs, "expires_at")))
                .optional();
    }

    /**
     * The logged-in account accepts an invitation: it joins the organisation with the invitation's role (and the
     * requester role). Refused for an account already in an organisation, and for a link used, withdrawn or expired.
     */
    @Transactional
    public Member accept(CurrentUser user, String token) {
        Instant now = clock.instant();
        record Row(long id, long org, MemberRole role) {
        }
        Row invitation = jdbc.sql("""
                        SELECT id, organisation_id, member_role FROM organisation_invitation
                        WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ? FOR UPDATE""")
                .params(Hashing.sha256(token == null ? "" : token), Sql.ts(now))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), MemberRole.valueOf(rs.getString(3)))).optional()
                .orElseThrow(() -> DomainException.invalid("invitation: this link is unknown, used, withdrawn or expired; ask for a new one")
                        .code("problem.team.invitation"));
        CurrentUser fresh = accounts.currentUser(user.id());
        if (fresh.organisationId() != null) {
            throw DomainException.conflict("Your account is already a member of an organisation; one account belongs to one")
                    .code("problem.team.alreadyMember");
        }
        jdbc.sql("UPDATE organisation_invitation SET accepted_by = ?, accepted_at = ? WHERE id = ? AND accepted_at IS NULL")
                .params(user.id(), Sql.ts(now), invitation.id()).update();
        jdbc.sql("UPDATE account SET organisation_id = ?, member_role = ? WHERE id = ?").params(invitation.org(), invitation.role().name(), user.id())
                .update();
        if (!fresh.has(Role.REQUESTER)) {
            jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (?, 'REQUESTER')").param(user.id()).update();
        }
        events.publishEvent(new TeamChanged(invitation.org(), user.id(), "MEMBER_JOINED", user.id(),
                Map.of("role", invitation.role().name(), "invitation", invitation.id())));
        return member(invitation.org(), user.id());
    }

    /**
     * Someone without an account opens one from an invitation link and joins at once, with the invitation's role;
     * the same checks as registering (name, password strength), and nothing is kept when one fails.
     */
    @Transactional
    public Member join(String token, String username, String displayName, String password, String language) {
        InvitationView offer = lookUp(token).orElseThrow(() -> DomainException.invalid(
                "invitation: this link is unknown, used, withdrawn or expired; ask for a new one").code("problem.team.invitation"));
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._-]{3,64}")) {
            throw DomainException.invalid("username: 3 to 64 letters, digits, '.', '_' or '-'").code("problem.account.username");
        }
        if (displayName == null || displayName.isBlank() || displayName.strip().length() > 200) {
            throw DomainException.invalid("displayName: the name your team will see, at most 200 characters").code("problem.account.displayName");
        }
        PasswordStrength.check(password, name, displayName, offer.organisation(), "polder");
        AccountView account = accounts.create(name, password, displayName, java.util.EnumSet.noneOf(Role.class), null,
                "nl".equals(language) ? "nl" : "en");
        return accept(accounts.currentUser(account.id()), token);
    }

    /** An owner makes an API key for the organisation, with a scope and a lifetime of 1 to 365 days. */
    @Transactional
    public NewKey makeKey(CurrentUser owner, String name, MemberRole scope, Integer days) {
        long org = owning(owner);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw DomainException.invalid("name: say what the key is for, in at most 100 characters").code("problem.team.keyName");
        }
        if (scope == null) {
            throw DomainException.invalid("scope: one of OWNER, MANAGER, FINANCE, VIEWER").code("problem.team.role");
        }
        int lifetime = days == null ? 90 : days;
        if (lifetime < 1 || lifetime > 365) {
            throw DomainException.invalid("days: from 1 to 365, was " + lifetime).code("problem.team.keyDays");
        }
        String token = secret(KEY_PREFIX);
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO organisation_key (organisation_id, token_hash, last_four, name, scope, created_by, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(org, Hashing.sha256(token), token.substring(token.length() - 4), label, scope.name(), owner.id(), Sql.ts(now),
                        Sql.ts(now.plus(Duration.ofDays(lifetime))))
                .update(key, "id");
        long id = key.getKey().longValue();
        events.publishEvent(new TeamChanged(org, owner.id(), "KEY_MADE", null, Map.of("key", id, "name", label, "scope", scope.name(),
                "days", lifetime)));
        return new NewKey(key(org, id), token);
    }

    @Transactional(readOnly = true)
    public List<Key> keys(CurrentUser owner) {
        long org = owning(owner);
        return jdbc.sql("""
                        SELECT k.*, a.display_name AS maker FROM organisation_key k JOIN account a ON a.id = k.created_by
                        WHERE k.organisation_id = ? ORDER BY k.created_at DESC, k.id DESC""")
                .param(org).query((rs, n) -> key(rs)).list();
    }

    @Transactional
    public void revokeKey(CurrentUser owner, long keyId) {
        long org = owning(owner);
        if (jdbc.sql("UPDATE organisation_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND organisation_id = ? AND revoked_at IS NULL")
                .params(Sql.ts(clock.instant()), owner.id(), keyId, org).update() == 0) {
            throw new NotFoundException("API key", keyId);
        }
        events.publishEvent(new TeamChanged(org, owner.id(), "KEY_REVOKED", null, Map.of("key", keyId)));
    }

    private long owning(CurrentUser user) {
        long org = user.organisation();
        if (!user.may(MemberRole::mayManageTeam)) {
            throw DomainException.forbidden("Only the organisation's owners manage its team and API keys").code("problem.team.ownersOnly");
        }
        return org;
    }

    private Member member(long org, long memberId) {
        return jdbc.sql("SELECT id, username, display_name, member_role FROM account WHERE id = ? AND organisation_id = ?")
                .params(memberId, org)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), Accounts.memberRole(rs.getString(4)))).optional()
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    /** Changes to one team one at a time, so that two owners demoting each other at once cannot leave none. */
    private void lockTeam(long org) {
        jdbc.sql("SELECT id FROM organisation WHERE id = ? FOR UPDATE").param(org).query(Long.class).single();
    }

    private long owners(long org) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE organisation_id = ? AND member_role = 'OWNER'").param(org).query(Long.class).single();
    }

    private Invitation invitation(long org, long id) {
        return jdbc.sql("SELECT * FROM organisation_invitation WHERE id = ? AND organisation_id = ?").params(id, org)
                .query((rs, n) -> invitation(rs)).single();
    }

    private Invitation invitation(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant expires = Sql.instant(rs, "expires_at");
        String state = rs.getObject("accepted_at") != null ? "ACCEPTED" : rs.getObject("revoked_at") != null ? "WITHDRAWN"
                : expires.isAfter(clock.instant()) ? "OPEN" : "EXPIRED";
        return new Invitation(rs.getLong("id"), MemberRole.valueOf(rs.getString("member_role")), rs.getString("email"),
                Sql.instant(rs, "created_at"), expires, state);
    }

    private Key key(long org, long id) {
        return jdbc.sql("""
                        SELECT k.*, a.display_name AS maker FROM organisation_key k JOIN account a ON a.id = k.created_by
                        WHERE k.id = ? AND k.organisation_id = ?""").params(id, org).query((rs, n) -> key(rs)).single();
    }

    private static Key key(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Key(rs.getLong("id"), rs.getString("name"), MemberRole.valueOf(rs.getString("scope")), rs.getString("last_four"),
                rs.getString("maker"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"));
    }

    private String secret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
