-- A requester's block of a worker from their organisation's work (every kind): with the decision record the
-- worker reads and can appeal. An upheld appeal, or the requester, lifts it (the row goes).
CREATE TABLE requester_block (
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    worker_id       BIGINT NOT NULL REFERENCES account (id),
    decision_id     BIGINT NOT NULL REFERENCES decision (id),
    reason          VARCHAR(1000) NOT NULL,
    blocked_by      BIGINT NOT NULL REFERENCES account (id),
    blocked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (organisation_id, worker_id)
);
CREATE INDEX requester_block_worker ON requester_block (worker_id);
CREATE INDEX requester_block_decision ON requester_block (decision_id);
