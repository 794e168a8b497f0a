package org.polder.talk;

import java.time.Instant;

/** One message in a thread: who wrote it (the worker, or one of the requester's people), when, and whether it was reported. */
public record Message(long id, long assignmentId, long authorId, String author, boolean fromWorker, String body, Instant createdAt,
                      Instant reportedAt, String reportReason) {
}
