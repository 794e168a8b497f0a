-- Claiming takes the first open task of a batch in id order. Only open tasks are in this index, so a
-- claim reads a few entries however much of the batch is already done (the old index made it walk
-- every open task and sort them).
DROP INDEX task_claimable;
CREATE INDEX task_batch ON task (batch_id, id);
CREATE INDEX task_claimable ON task (batch_id, is_gold, id) WHERE open_slots > 0;
