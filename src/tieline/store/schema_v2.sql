-- tieline store schema, version 2.  Secondary indexes on event_actors become each backend's own
-- physical design: DuckDB answers "which events involve country X" faster with a scan than
-- through an ART index (a probe for a common country walks hundreds of thousands of row ids), and
-- PostgreSQL creates the indexes that suit it (store/postgres.py).
DROP INDEX IF EXISTS idx_event_actors_country;
DROP INDEX IF EXISTS idx_event_actors_event;
