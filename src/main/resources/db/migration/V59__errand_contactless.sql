-- The receiver may ask for the delivery to be left at the door: a photo is then the proof (the proof asked before is
-- kept, to return to if they change their mind), with where to leave it.
ALTER TABLE errand ADD COLUMN leave_at_door BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE errand ADD COLUMN door_note VARCHAR(300);
ALTER TABLE errand ADD COLUMN proof_asked VARCHAR(20);
