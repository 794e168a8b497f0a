/**
 * Money: a double-entry ledger in integer cents, escrow for published work, the platform fee,
 * worker earnings and payouts. Every transaction's postings sum to zero; corrections are new
 * postings, never edits.
 */
package org.polder.ledger;
