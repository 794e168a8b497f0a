/**
 * The trail: the append-only record of every event, hash-chained per worker so that a worker's
 * export can be verified offline.
 */
package org.polder.trail;
