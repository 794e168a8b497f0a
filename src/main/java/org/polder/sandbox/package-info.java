/**
 * Trying before paying: an organisation's sandbox, where its members run batches, shifts and errands with play money,
 * doing the work themselves as the sandbox's test worker. It opens with a copy of the organisation's task templates,
 * shift locations and roles. Above accounts, the ledger and the kinds of work: the sandbox and its test accounts are
 * {@code PlayAccounts}; the play money is the ledger's, which keeps it apart from real money itself.
 */
package org.polder.sandbox;
