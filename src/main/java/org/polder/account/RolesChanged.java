package org.polder.account;

import java.util.Set;

/** Published inside the transaction in which an admin changed an account's roles. */
public record RolesChanged(long accountId, long changedBy, Set<Role> before, Set<Role> after, Long organisationId) {
}
