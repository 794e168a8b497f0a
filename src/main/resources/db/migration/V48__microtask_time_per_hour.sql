-- Online tasks' working time, summed per worker and clock hour of claiming (whole hours since 1970-01-01T00:00Z)
-- as tasks are handed in, given back or expire. The working-time check on every claim then reads at most a
-- week of hours, not every task of the worker's week. Filled here from the work done so far.
CREATE TABLE microtask_time_hour (
    worker_id  BIGINT                   NOT NULL,
    clock_hour BIGINT                   NOT NULL,
    first_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    seconds    BIGINT                   NOT NULL,
    PRIMARY KEY (worker_id, clock_hour)
);

INSERT INTO microtask_time_hour (worker_id, clock_hour, first_at, last_at, seconds)
SELECT worker_id, CAST(FLOOR(EXTRACT(EPOCH FROM accepted_at) / 3600) AS BIGINT), MIN(accepted_at),
       MAX(COALESCE(submitted_at, ended_at)),
       CAST(ROUND(SUM(COALESCE(active_seconds, EXTRACT(EPOCH FROM COALESCE(submitted_at, ended_at)) - EXTRACT(EPOCH FROM accepted_at)))) AS BIGINT)
FROM assignment
WHERE kind = 'MICROTASK' AND state <> 'STARTED' AND COALESCE(submitted_at, ended_at) IS NOT NULL
GROUP BY worker_id, CAST(FLOOR(EXTRACT(EPOCH FROM accepted_at) / 3600) AS BIGINT);

-- A hand-in counts the time since the worker's last hand-in: the end of this index.
CREATE INDEX assignment_worker_kind_submitted ON assignment (worker_id, kind, submitted_at);
-- A worker's assignments of one kind (shift hours for working time), without walking every online task they did.
CREATE INDEX assignment_worker_kind ON assignment (worker_id, kind, state);
