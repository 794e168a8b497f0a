/**
 * Messages about the work: one thread per assignment (a task, a place on a shift, an errand) between the worker
 * and the requester's people, for every kind of work alike. A worker can report a message to the moderators; a
 * thread is part of the worker's data export; and nothing in a thread is read by any automated rule.
 */
package org.polder.talk;
