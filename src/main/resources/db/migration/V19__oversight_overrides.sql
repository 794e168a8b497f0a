-- A moderator overrides an automated decision at most once (RIGHTS.md R5); the override is itself a decision.
CREATE TABLE decision_override (
    decision_id  BIGINT PRIMARY KEY REFERENCES decision (id),
    override_id  BIGINT NOT NULL REFERENCES decision (id)
);
