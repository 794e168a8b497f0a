-- Time on duty is paid at least the hourly floor by default; each spell on duty keeps what it guaranteed,
-- so that a day's later spells top up the day as a whole and never pay twice.
ALTER TABLE courier_duty_session ADD COLUMN guarantee_cents BIGINT;
