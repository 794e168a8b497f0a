package org.polder.account;

/**
 * What a member may do in their organisation. An owner does everything, and alone manages the team and its API keys;
 * a manager posts and reviews work of every kind; finance sees and moves the money (balance, statements, invoices,
 * the bank account); a viewer reads the work and changes nothing.
 */
public enum MemberRole {
    OWNER, MANAGER, FINANCE, VIEWER;

    /** Posts, changes and reviews work (batches, shifts, errands, templates, places, blocks, messages to workers). */
    public boolean mayWork() {
        return this == OWNER || this == MANAGER;
    }

    /** Sees and moves money: the balance, statements, invoices and the organisation's bank account. */
    public boolean mayHandleMoney() {
        return this == OWNER || this == FINANCE;
    }

    /** Invites and removes members, sets their roles, makes and revokes API keys. */
    public boolean mayManageTeam() {
        return this == OWNER;
    }

    /** Whether a key or invitation with this role may be given by a member holding {@code giver}. */
    public boolean notAbove(MemberRole giver) {
        return giver == OWNER || giver == this;
    }
}
