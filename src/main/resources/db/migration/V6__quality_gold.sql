-- Gold (control) questions: rows of a batch with a known answer, mixed into workers' streams.
ALTER TABLE task ADD COLUMN is_gold BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE task ADD COLUMN gold TEXT;
ALTER TABLE task ADD COLUMN gold_hint VARCHAR(2000);
ALTER TABLE batch ADD COLUMN gold_percent INT DEFAULT 0 NOT NULL;
ALTER TABLE batch ADD COLUMN gold_assignments_per_task INT DEFAULT 0 NOT NULL;
ALTER TABLE batch ADD COLUMN gold_count INT DEFAULT 0 NOT NULL;
ALTER TABLE assignment ADD COLUMN gold_correct BOOLEAN;
CREATE INDEX assignment_gold ON assignment (worker_id, batch_id, gold_correct);
