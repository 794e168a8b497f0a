-- When requesters were told that a batch's work is all in, and last reminded that answers will be approved
-- without review; when workers were reminded that a consultation closes; when an organisation was told its
-- balance runs low (cleared when it is topped up again).
ALTER TABLE batch ADD COLUMN finished_told_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE batch ADD COLUMN review_reminded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE consultation ADD COLUMN closing_told_at TIMESTAMP WITH TIME ZONE;
CREATE TABLE ledger_low_balance (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisation (id),
    told_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
