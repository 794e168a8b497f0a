-- Dynamic overlap: a batch starts each task with its minimum number of answers and adds one more
-- only while the task's answer is below the confidence bar, up to a maximum.
ALTER TABLE batch ADD COLUMN overlap_max INT;
ALTER TABLE batch ADD COLUMN overlap_confidence INT;
