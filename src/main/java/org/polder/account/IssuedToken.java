package org.polder.account;

import java.time.Instant;

/** A bearer token for API clients. The token itself is shown once and stored only as a digest. */
public record IssuedToken(String token, String tokenType, Instant expiresAt, long accountId, java.util.Set<Role> roles) {
}
