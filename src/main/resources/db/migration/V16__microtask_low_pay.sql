-- Measured pay per active hour below the floor (RIGHTS.md R7): when a batch's median falls below it,
-- the platform tops up every assignment by the same amount, or pauses the batch, by policy.
ALTER TABLE batch ADD COLUMN top_up BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE batch ADD COLUMN low_pay_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE batch ADD COLUMN low_pay_median BIGINT;
ALTER TABLE batch ADD COLUMN low_pay_floor BIGINT;
ALTER TABLE batch ADD COLUMN low_pay_measured INT;
ALTER TABLE batch ADD COLUMN low_pay_action VARCHAR(16);
ALTER TABLE assignment ADD COLUMN top_up BIGINT DEFAULT 0 NOT NULL;
