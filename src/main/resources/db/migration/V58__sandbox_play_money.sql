-- A sandbox: an organisation's double where work of every kind runs with play money, and the test accounts that play
-- in it (its requester and its test worker). Play money and real money never meet: ledger accounts in play are marked.
ALTER TABLE organisation ADD COLUMN sandbox_of BIGINT REFERENCES organisation (id);
CREATE UNIQUE INDEX organisation_sandbox_of ON organisation (sandbox_of);
ALTER TABLE account ADD COLUMN plays_in BIGINT REFERENCES organisation (id);
CREATE INDEX account_plays_in ON account (plays_in);
ALTER TABLE ledger_account ADD COLUMN play BOOLEAN DEFAULT FALSE NOT NULL;
