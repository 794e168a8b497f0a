-- The month a member whose contribution is set aside by itself was last told their balance was short for it: once a month.
ALTER TABLE circle_member ADD COLUMN short_told_for DATE;
