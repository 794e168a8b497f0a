-- An assignment's batch is held to its task's (on PostgreSQL this key also replaces the one against the
-- batch row, which made concurrent claims share a lock on it; H2 keeps both).
ALTER TABLE task ADD CONSTRAINT task_id_batch UNIQUE (id, batch_id);
ALTER TABLE assignment ADD CONSTRAINT assignment_task_batch FOREIGN KEY (task_id, batch_id) REFERENCES task (id, batch_id);
