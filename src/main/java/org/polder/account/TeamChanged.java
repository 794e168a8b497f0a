package org.polder.account;

import java.util.Map;

/**
 * Published inside the transaction in which an organisation's team changed: a member joined, left or got another
 * role, an invitation was made or withdrawn, an API key made or revoked. {@code by} is the member who did it.
 */
public record TeamChanged(long organisationId, long by, String change, Long about, Map<String, Object> details) {
}
