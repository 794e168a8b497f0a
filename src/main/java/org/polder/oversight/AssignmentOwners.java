package org.polder.oversight;

import java.util.Optional;

/**
 * Which organisation an assignment of a worker belongs to; empty when it is not that worker's.
 * Each kind of work provides one, so oversight can take reports about any kind of work.
 */
public interface AssignmentOwners {

    Optional<Long> organisationOf(long workerId, long assignmentId);
}
