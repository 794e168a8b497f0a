package org.polder.oversight;

import java.util.Optional;

/**
 * Which organisation an assignment of a worker belongs to; empty when it is not that worker's.
 * Each kind of work provides one, so oversight can take reports about any kind of work.
 */
public interface AssignmentOwners {

    Optional<Long> organisationOf(long workerId, long assignmentId);

    /** Whether the worker ever held work of this kind for the organisation (one query, however much work there was). */
    boolean workedFor(long workerId, long organisationId);
}
