-- An assignment's batch is checked through its task instead of against the batch row. The old key
-- made every claim lock the batch row (FOR KEY SHARE), so that all the claims on one batch running at
-- once shared that lock through a multixact; the task row is locked by the claim already. The new key
-- also holds the assignment's batch to its task's, which the old one did not.
ALTER TABLE task ADD CONSTRAINT task_id_batch UNIQUE (id, batch_id);
ALTER TABLE assignment DROP CONSTRAINT assignment_batch_id_fkey;
ALTER TABLE assignment ADD CONSTRAINT assignment_task_batch FOREIGN KEY (task_id, batch_id) REFERENCES task (id, batch_id);
