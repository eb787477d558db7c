-- tieline store schema, version 1.  Portable SQL for DuckDB and PostgreSQL (later versions: schema_v2.sql, ...
-- JSON-valued columns are TEXT holding JSON, so both backends read them the same way.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT, sha256 TEXT NOT NULL, fingerprint TEXT,
    path TEXT, format TEXT, lang TEXT, text TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'ingested',
    ingested_at TIMESTAMP, analyzed_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id TEXT NOT NULL, idx INTEGER NOT NULL, start_char INTEGER, end_char INTEGER, paragraph INTEGER,
    text TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL, sentence INTEGER, start_char INTEGER, end_char INTEGER, text TEXT, label TEXT,
    actor_id TEXT, name TEXT, country TEXT, sector TEXT, kind TEXT, role TEXT, method TEXT, confidence DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS actors (
    actor_id TEXT PRIMARY KEY, name TEXT, kind TEXT, country TEXT, sector TEXT, aliases TEXT, roles TEXT);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, event TEXT NOT NULL, mode TEXT, context TEXT,
    actor TEXT, recipient TEXT, date TEXT, date_text TEXT, date_source TEXT, event_loc TEXT,
    event_text TEXT, start_char INTEGER, end_char INTEGER, sentence INTEGER, certainty TEXT, amounts TEXT,
    quote_ids TEXT, story_id TEXT, confidence DOUBLE PRECISION, trigger_word TEXT);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL, doc_id TEXT NOT NULL, side TEXT NOT NULL, actor_id TEXT, name TEXT,
    country TEXT, sector TEXT);
CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, text TEXT, start_char INTEGER, end_char INTEGER,
    speaker TEXT, speaker_id TEXT, speaker_country TEXT, cue TEXT, sentence INTEGER, event_ids TEXT);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, event TEXT, date TEXT, actor TEXT, recipient TEXT, event_ids TEXT, doc_ids TEXT,
    sources INTEGER, summary TEXT, conflicts TEXT, place TEXT);
CREATE TABLE IF NOT EXISTS rejects (
    path TEXT, reason TEXT, kind TEXT, doc_id TEXT, sha256 TEXT, detail TEXT, rejected_at TIMESTAMP);
CREATE INDEX IF NOT EXISTS idx_documents_sha ON documents (sha256);
CREATE INDEX IF NOT EXISTS idx_events_doc ON events (doc_id);
CREATE INDEX IF NOT EXISTS idx_event_actors_country ON event_actors (country);
CREATE INDEX IF NOT EXISTS idx_event_actors_event ON event_actors (event_id);
CREATE INDEX IF NOT EXISTS idx_mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS idx_quotes_doc ON quotes (doc_id);
