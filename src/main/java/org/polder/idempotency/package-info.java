/**
 * Requests that create work or move money may carry an {@code Idempotency-Key}: a repeat of the same
 * request with the same key returns the first answer and repeats no effect.
 */
package org.polder.idempotency;
