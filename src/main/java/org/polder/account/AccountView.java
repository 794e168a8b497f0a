package org.polder.account;

import java.time.Instant;
import java.util.Set;

/** An account as shown to its owner and to admins; never carries the password hash. */
public record AccountView(long id, String username, String displayName, Set<Role> roles, Long organisationId,
                          String organisationName, String language, Instant createdAt,
                          @io.swagger.v3.oas.annotations.media.Schema(nullable = true, description = "the role in the organisation; none outside one")
                          MemberRole memberRole,
                          @io.swagger.v3.oas.annotations.media.Schema(nullable = true, description = "for a sandbox's test account, the sandbox organisation it plays in; none for real accounts")
                          Long playsIn) {
}
