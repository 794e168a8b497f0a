/**
 * Errands, as couriers know them from Deliveroo and CoopCycle: pricing rules (base, per km, zones,
 * time of day) shown before booking, booking with escrow, offers to one courier at a time with a
 * decision record ({@link org.polder.errand.Dispatch}), batch matching of waiting errands
 * ({@link org.polder.errand.internal.Matching}), the courier's steps and proof of delivery
 * ({@link org.polder.errand.Delivery}), cancellation and failure pay, signed webhooks with retries,
 * the receiver's tracking page, couriers' duty and positions (taken only on duty, RIGHTS.md R2; time
 * on duty is active time, R7, paid at least the hourly floor, more where a zone guarantees it), and the geo index of couriers
 * on duty ({@link org.polder.errand.GeoIndex}: Uber's H3 cells in memory, or the database for
 * several nodes).
 */
package org.polder.errand;
