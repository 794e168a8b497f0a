-- When a selected worker was reminded of their shift (once, an hour before it starts).
ALTER TABLE shift_hours ADD COLUMN reminded_at TIMESTAMP WITH TIME ZONE;
