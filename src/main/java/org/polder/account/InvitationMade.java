package org.polder.account;

/** Published when an invitation names an e-mail address, so that the link can be mailed there (after commit). */
public record InvitationMade(String email, String organisation, String invitedBy, MemberRole role, String link, String language) {
}
