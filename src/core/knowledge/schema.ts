/** The knowledge area's tables; the lead appends KNOWLEDGE_MIGRATIONS to the store's list. */

const INIT = /* sql */ `
CREATE TABLE kb_documents (
  id TEXT PRIMARY KEY,
  -- 'kb' for the shared knowledge base, 'lead:<id>' for one lead's long-term memory.
  scope TEXT NOT NULL DEFAULT 'kb',
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('markdown', 'text', 'html', 'pdf')),
  sha256 TEXT NOT NULL,
  -- The extracted text; chunk offsets point into it, so it is stored and never rewritten in place.
  text TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  chunk_count INTEGER NOT NULL DEFAULT 0,
  modified_at TEXT,
  ingested_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (scope, source)
);

-- rowid is the FTS5 content rowid; id is the stable public chunk id used in citations.
CREATE TABLE kb_chunks (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL REFERENCES kb_documents(id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  heading_path TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(heading_path)),
  heading TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL
);
CREATE INDEX kb_chunks_doc ON kb_chunks(doc_id, ordinal);
CREATE INDEX kb_chunks_scope ON kb_chunks(scope);

-- External-content FTS5: the text lives once, in kb_chunks; triggers keep the index in step.
-- Porter stemming lets "integrations" match "integration"; headings are a separately weighted column.
CREATE VIRTUAL TABLE kb_chunks_fts USING fts5(
  heading, text, content='kb_chunks', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
-- Persistent rank function: ORDER BY rank then uses FTS5's optimised top-k path with these weights.
INSERT INTO kb_chunks_fts(kb_chunks_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
CREATE TRIGGER kb_chunks_ai AFTER INSERT ON kb_chunks BEGIN
  INSERT INTO kb_chunks_fts(rowid, heading, text) VALUES (new.rowid, new.heading, new.text);
END;
CREATE TRIGGER kb_chunks_ad AFTER DELETE ON kb_chunks BEGIN
  INSERT INTO kb_chunks_fts(kb_chunks_fts, rowid, heading, text) VALUES ('delete', old.rowid, old.heading, old.text);
END;
CREATE TRIGGER kb_chunks_au AFTER UPDATE ON kb_chunks BEGIN
  INSERT INTO kb_chunks_fts(kb_chunks_fts, rowid, heading, text) VALUES ('delete', old.rowid, old.heading, old.text);
  INSERT INTO kb_chunks_fts(rowid, heading, text) VALUES (new.rowid, new.heading, new.text);
END;

-- Embeddings as float32 BLOBs searched by brute-force cosine (sqlite-vec is not a dependency).
-- Keyed by model so that changing the embeddings model never mixes vector spaces.
CREATE TABLE kb_vectors (
  chunk_rowid INTEGER NOT NULL REFERENCES kb_chunks(rowid) ON DELETE CASCADE,
  model TEXT NOT NULL,
  dim INTEGER NOT NULL,
  vec BLOB NOT NULL,
  PRIMARY KEY (chunk_rowid, model)
);

CREATE TABLE rep_preferences (
  rep TEXT PRIMARY KEY,
  brief_length TEXT NOT NULL DEFAULT 'standard' CHECK (brief_length IN ('short', 'standard', 'detailed')),
  draft_language TEXT NOT NULL DEFAULT 'en',
  updated_at TEXT NOT NULL
);
`;

export interface KnowledgeMigration {
  id: string;
  sql: string;
}

/** Appended after the store's migrations; never edit a shipped entry, append a new one. */
export const KNOWLEDGE_MIGRATIONS: readonly KnowledgeMigration[] = [{ id: '1000_knowledge_init', sql: INIT }];
