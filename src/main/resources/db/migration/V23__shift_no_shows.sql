-- A requester's report that a selected worker did not come, the worker's side, and the moderator's
-- decision (never automatic): CONFIRMED (a no-show), EXCUSED (did not work, not held against them) or
-- WORKED (they were there and check out with their hours).
CREATE TABLE shift_no_show (
    assignment_id    BIGINT PRIMARY KEY REFERENCES assignment (id),
    shift_id         BIGINT NOT NULL REFERENCES shift (id),
    worker_id        BIGINT NOT NULL REFERENCES account (id),
    reported_by      BIGINT NOT NULL REFERENCES account (id),
    note             VARCHAR(1000) NOT NULL,
    reported_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    worker_statement VARCHAR(2000),
    state            VARCHAR(16) NOT NULL,
    decided_by       BIGINT REFERENCES account (id),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_id      BIGINT REFERENCES decision (id)
);
CREATE INDEX shift_no_show_state ON shift_no_show (state, reported_at);
