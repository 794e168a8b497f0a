-- What a worker says of themselves, never inferred: the languages they work in and the region they live in.
-- A batch may ask for languages (all of them) and regions (one of them).
CREATE TABLE worker_profile (
    account_id BIGINT PRIMARY KEY REFERENCES account (id),
    languages  VARCHAR(100) NOT NULL,
    region     VARCHAR(10)
);
ALTER TABLE batch ADD COLUMN languages VARCHAR(100);
ALTER TABLE batch ADD COLUMN regions VARCHAR(200);
