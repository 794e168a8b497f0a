-- Several drop-offs in one ride: errands booked together from one pickup share the ride of the first in the planned
-- route (its lead, which carries the ride's offers), and stop_number is each one's place in that route.
ALTER TABLE errand ADD COLUMN ride_id BIGINT;
ALTER TABLE errand ADD COLUMN stop_number INT;
CREATE INDEX errand_ride ON errand (ride_id);
