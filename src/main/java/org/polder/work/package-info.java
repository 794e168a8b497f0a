/**
 * The shared model of work: the kinds of work and the one assignment lifecycle that microtasks,
 * shifts and errands all move through, so that trail, ledger and pay-per-hour work the same way;
 * and the platform's rule parameters (the pay floor, the low-pay policy) that every kind of work reads.
 */
package org.polder.work;
