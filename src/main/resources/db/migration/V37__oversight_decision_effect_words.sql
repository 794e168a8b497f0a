-- What a decision did, as a message key and its arguments, so that each reader reads it in their own language.
-- The effect column keeps the English sentence (the export and the API); older decisions have only that.
ALTER TABLE decision ADD COLUMN effect_code VARCHAR(100);
ALTER TABLE decision ADD COLUMN effect_args TEXT;
