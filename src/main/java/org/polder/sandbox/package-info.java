/**
 * Trying before paying: an organisation's sandbox, where its members run batches, shifts and errands with play money,
 * doing the work themselves as the sandbox's test worker. Above accounts and the ledger: the sandbox and its test
 * accounts are {@code PlayAccounts}, the play money is the ledger's, kept apart from real money by the ledger itself.
 */
package org.polder.sandbox;
