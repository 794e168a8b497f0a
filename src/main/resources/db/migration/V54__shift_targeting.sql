-- A shift may ask for languages (all of them) and regions (one of them), as a batch may: workers' own statements.
ALTER TABLE shift ADD COLUMN languages VARCHAR(100);
ALTER TABLE shift ADD COLUMN regions VARCHAR(200);
