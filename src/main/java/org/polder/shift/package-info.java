/**
 * Shifts, as requesters know them from Temper and YoungOnes: places and roles, posted shifts with
 * escrow, applications and selection (by hand, from a pool of trusted workers, or from a waitlist),
 * working-time limits, check-in and check-out, hours accepted or countered, and cancellation with
 * compensation. A shift is one task of kind SHIFT on the shared task and assignment tables; its
 * assignments move through the same lifecycle, trail, ledger and decisions as microtasks.
 */
package org.polder.shift;
