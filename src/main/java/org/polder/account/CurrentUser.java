package org.polder.account;

import org.polder.common.DomainException;

import java.util.Set;

/**
 * The account behind the current request, as modules see it; {@code member} is the role it holds in its organisation
 * (null outside one). Behind an organisation's API key it is the member who made the key, with the key's scope.
 * {@code playsIn} is the sandbox a test account plays in (null for every real account).
 */
public record CurrentUser(long id, String username, String displayName, Set<Role> roles, Long organisationId,
                          String language, MemberRole member, Long playsIn) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    /** For pages: whether this account may change its organisation's work (owners and managers; true outside a team's roles). */
    public boolean changesWork() {
        return member == null || member.mayWork();
    }

    /** Whether this member may do what {@code needs} asks of a member role; false outside an organisation. */
    public boolean may(java.util.function.Predicate<MemberRole> needs) {
        return organisationId != null && member != null && needs.test(member);
    }

    /** For pages: whether this is a sandbox's test account. */
    public boolean inSandbox() {
        return playsIn != null;
    }

    /**
     * Refuses a sandbox's test account (403): it tries work, and takes no part in the platform's own life (consultations,
     * elections, channels, representation).
     */
    public CurrentUser real() {
        if (playsIn != null) {
            throw DomainException.forbidden("This is a sandbox's test account: it tries work and has no part in the platform's consultations, "
                    + "elections or channels").code("problem.sandbox.notReal");
        }
        return this;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** For pages: {@code me.hasRole('WORKER')}. */
    public boolean hasRole(String role) {
        return has(Role.valueOf(role));
    }

    /** Refuses with 403 unless this account holds the role. */
    public CurrentUser require(Role role) {
        if (!has(role)) {
            throw DomainException.forbidden("This needs the " + role + " role, which your account does not have");
        }
        return this;
    }

    /**
     * A moderator acting on a case about {@code workerId} (an appeal, a suspension, a no-show, a safety
     * report, an override). Refuses with 403 unless this account is a moderator, and when the case is
     * about themselves: nobody decides their own case. Every moderation action asks here.
     */
    public CurrentUser moderating(long workerId) {
        require(Role.MODERATOR);
        if (workerId == id) {
            throw DomainException.forbidden("This case is about you; another moderator decides it").code("problem.moderation.ownCase");
        }
        return this;
    }

    /** The organisation of a requester; refuses with 403 for anyone else. */
    public long organisation() {
        require(Role.REQUESTER);
        if (organisationId == null) {
            throw DomainException.forbidden("Your account is not a member of an organisation");
        }
        return organisationId;
    }
}
