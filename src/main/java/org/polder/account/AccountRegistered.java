package org.polder.account;

import java.util.Set;

/** Published inside the registering transaction. */
public record AccountRegistered(long accountId, String username, Set<Role> roles, Long organisationId) {
}
