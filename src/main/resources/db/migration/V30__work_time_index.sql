-- The working-time limits read a worker's recent assignments on every claim.
CREATE INDEX assignment_worker_accepted ON assignment (worker_id, accepted_at);
