/**
 * Schema migrations, applied in order; index + 1 is the schema version (PRAGMA user_version).
 * Never edit a released migration: append a new one.
 * Money is integer nano-dollars (1e-9 USD); times are epoch milliseconds (UTC).
 */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    strategy TEXT NOT NULL,
    window_tokens INTEGER,
    overlap_tokens INTEGER,
    encoding TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX documents_sha256 ON documents(sha256);

  CREATE TABLE pages (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page_number INTEGER NOT NULL,
    text TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    PRIMARY KEY (document_id, page_number)
  ) WITHOUT ROWID;

  CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    page_start INTEGER NOT NULL,
    page_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    UNIQUE (document_id, ord)
  );

  CREATE TABLE queries (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    question TEXT NOT NULL,
    document_ids TEXT NOT NULL,
    document_names TEXT NOT NULL,
    mode TEXT NOT NULL,
    model TEXT NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT,
    prompt_tokens INTEGER,
    cached_tokens INTEGER,
    completion_tokens INTEGER,
    estimated_prompt_tokens INTEGER,
    estimated_nano_usd INTEGER,
    cost_nano_usd INTEGER,
    cost_is_estimate INTEGER NOT NULL DEFAULT 0,
    full_context_nano_usd INTEGER,
    full_context_fits INTEGER,
    latency_ms INTEGER,
    answer TEXT,
    citations TEXT NOT NULL DEFAULT '[]',
    extra TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX queries_created_at ON queries(created_at);

  CREATE TABLE reservations (
    id TEXT PRIMARY KEY,
    query_id TEXT,
    created_at INTEGER NOT NULL,
    month TEXT NOT NULL,
    reserved_nano_usd INTEGER NOT NULL,
    settled_nano_usd INTEGER,
    status TEXT NOT NULL CHECK (status IN ('reserved', 'settled', 'released'))
  );
  CREATE INDEX reservations_month ON reservations(month, status);

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE prices (
    model TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  // The answer cache: a question's cache key (normalised question, documents, mode, model), so the
  // latest good answer to the same question is found by index.
  `
  ALTER TABLE queries ADD COLUMN cache_key TEXT;
  CREATE INDEX queries_cache_key ON queries(cache_key, created_at);
  `,
];
