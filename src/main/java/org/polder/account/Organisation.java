package org.polder.account;

import java.time.Instant;

/** The requester side: a data team, a restaurant, a shop. */
public record Organisation(long id, String name, Instant createdAt) {
}
