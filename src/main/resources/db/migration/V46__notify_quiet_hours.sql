-- Quiet hours hold mail and pushes (all but errand offers, which come only while on duty), with or without an
-- e-mail address: they move from the address to a table of their own.
CREATE TABLE notify_quiet (
    account_id  BIGINT   PRIMARY KEY REFERENCES account (id),
    quiet_from  SMALLINT NOT NULL,
    quiet_until SMALLINT NOT NULL
);
INSERT INTO notify_quiet (account_id, quiet_from, quiet_until)
    SELECT account_id, quiet_from, quiet_until FROM notify_address WHERE quiet_from IS NOT NULL AND quiet_until IS NOT NULL;
ALTER TABLE notify_address DROP COLUMN quiet_from;
ALTER TABLE notify_address DROP COLUMN quiet_until;
