-- The time a worker spent on a task, set when it is handed in. A worker may hold several tasks at once
-- (a task suite): each counts only the time since the worker's last hand-in, shared among the tasks handed
-- in together, so that no second counts twice. Null for work handed in before this column existed
-- (its time is then hand-in minus claim, as before).
ALTER TABLE assignment ADD COLUMN active_seconds BIGINT;
