-- Login attempts are counted per username and per source address (the attacker's, not only the
-- victim's account); a row is written before the password is checked, so parallel guesses are counted.
ALTER TABLE login_failure ADD COLUMN source VARCHAR(64) NOT NULL DEFAULT '';
CREATE INDEX login_failure_source ON login_failure (source, failed_at);
-- When a password last changed: sessions that began before it end.
ALTER TABLE account ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
