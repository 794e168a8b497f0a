/**
 * Money in and out through the bank: bank accounts (IBAN) of workers and organisations, top-ups recognised
 * in the bank's statements (ISO 20022 camt.053), payout runs as SEPA credit-transfer files (pain.001), and
 * the bank's confirmation or return of each payout. Above the ledger: it moves money only through the
 * ledger's verbs ({@code Funding}, {@code Payouts}).
 */
package org.polder.bank;
