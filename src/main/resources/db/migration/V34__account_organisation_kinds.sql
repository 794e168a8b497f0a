-- The kinds of work an organisation posts (MICROTASK, SHIFT, ERRAND, comma-separated): its menu and start page show those.
ALTER TABLE organisation ADD COLUMN kinds VARCHAR(64) DEFAULT 'MICROTASK,SHIFT,ERRAND' NOT NULL;
