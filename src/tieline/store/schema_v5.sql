-- tieline store schema, version 5.  Each event says where its trigger word starts in the document
-- (``trigger_start``, characters), so two events one sentence tells with two uses of one verb ("killed
-- the six attackers ... and later killed 50 militants") can be told apart: the story linker compares
-- their own clauses, a summary is made from the right one.  Stores written before leave it null.
ALTER TABLE events ADD COLUMN IF NOT EXISTS trigger_start INTEGER
