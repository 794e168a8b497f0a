package org.polder.account;

/** What an account may do. One account can hold several roles. */
public enum Role {
    /** Does work. */
    WORKER,
    /** Member of an organisation that posts work. */
    REQUESTER,
    /** Platform staff who take human decisions. */
    MODERATOR,
    /** Elected by workers; sees aggregate data only. */
    REPRESENTATIVE,
    /** Runs the platform: funds, payouts, accounts. */
    ADMIN
}
