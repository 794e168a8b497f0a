-- A consultation can propose a whole set of rules (the errand pricing, as JSON), not only a number.
ALTER TABLE consultation ALTER COLUMN old_value SET DATA TYPE VARCHAR(65536);
ALTER TABLE consultation ALTER COLUMN new_value SET DATA TYPE VARCHAR(65536);
