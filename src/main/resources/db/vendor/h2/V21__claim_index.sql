-- Claiming takes the first open task of a batch in id order. H2 has no partial indexes: this one
-- gives the order, and the done tasks at its start are skipped.
DROP INDEX task_claimable;
CREATE INDEX task_batch ON task (batch_id, id);
CREATE INDEX task_claimable ON task (batch_id, is_gold, id);
