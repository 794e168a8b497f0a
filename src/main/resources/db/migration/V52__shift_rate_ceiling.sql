-- A requester may let an unfilled shift's hourly rate rise by itself, up to a ceiling (as Temper does): in four
-- steps, at 48, 24, 12 and 6 hours before the start, each a quarter of the way from the rate first posted.
ALTER TABLE shift ADD COLUMN rate_ceiling BIGINT;
ALTER TABLE shift ADD COLUMN base_rate BIGINT;
ALTER TABLE shift ADD COLUMN rate_raises INT DEFAULT 0 NOT NULL;
