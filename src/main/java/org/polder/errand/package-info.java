/**
 * Errands, as couriers know them from Deliveroo and CoopCycle. So far: going on and off duty, position
 * updates accepted only while on duty (RIGHTS.md R2) and deleted after a set number of days, time on
 * duty counted as active time (R7), and the geo index of couriers on duty (Uber's H3 cells, in memory,
 * behind {@link org.polder.errand.GeoIndex}).
 */
package org.polder.errand;
