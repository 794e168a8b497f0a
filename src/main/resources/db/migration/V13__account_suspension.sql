-- A suspended account takes no new work until the suspension ends or is lifted (RIGHTS.md R3): only a
-- moderator suspends, with a written reason; the history is in the decisions and the trail.
CREATE TABLE account_suspension (
    account_id  BIGINT PRIMARY KEY REFERENCES account (id),
    reason      VARCHAR(2000) NOT NULL,
    decided_by  BIGINT NOT NULL REFERENCES account (id),
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE
);
