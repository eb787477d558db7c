-- tieline store schema, version 4.  Each event says how it was coded (``method``): ``rules`` (the
-- trigger tables and the CAMEO dictionary) or ``learned`` (the event coder's learned second opinion,
-- events/learned.py), so a reader can tell the model's proposals apart.  Stores written before hold
-- rule events only.
ALTER TABLE events ADD COLUMN IF NOT EXISTS method TEXT;
UPDATE events SET method = 'rules' WHERE method IS NULL
