-- A worker who cannot come hands their place to another worker, who accepts or declines.
CREATE TABLE shift_handover (
    assignment_id BIGINT PRIMARY KEY REFERENCES assignment (id),
    shift_id      BIGINT NOT NULL REFERENCES shift (id),
    from_worker   BIGINT NOT NULL REFERENCES account (id),
    to_worker     BIGINT NOT NULL REFERENCES account (id),
    state         VARCHAR(16) NOT NULL,
    offered_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX shift_handover_to ON shift_handover (to_worker, state);
