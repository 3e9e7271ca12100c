/**
 * Tables of the CRM area, applied after the store's own migrations (the lead wires the list in).
 * The store's `writeback_journal` keeps one row per approved action; `crm_writeback_ops` adds what
 * reconciliation needs to finish or undo-proof that action after a crash.
 */
export const CRM_MIGRATIONS = [
  {
    id: '2000_crm_init',
    sql: /* sql */ `
CREATE TABLE crm_connection (
  kind TEXT PRIMARY KEY CHECK (kind IN ('local', 'hubspot')),
  base_url TEXT,
  connected_at TEXT NOT NULL,
  -- 'needs_reconnect' after a 401/403: every call fails until a person reconnects.
  state TEXT NOT NULL DEFAULT 'connected' CHECK (state IN ('connected', 'needs_reconnect', 'disconnected')),
  message TEXT,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX crm_connection_one_active ON crm_connection(active) WHERE active = 1;

CREATE TABLE crm_sync_state (
  kind TEXT PRIMARY KEY,
  cursor TEXT,
  last_sync_at TEXT,
  records_synced INTEGER NOT NULL DEFAULT 0,
  last_report TEXT CHECK (last_report IS NULL OR json_valid(last_report))
);

-- What a CRM record looked like when we last read it: the "before" of proposals and the base of
-- the freshness check. gone_at is set when the CRM says the record no longer exists.
CREATE TABLE crm_snapshots (
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  lead_id TEXT REFERENCES leads(id) ON DELETE SET NULL,
  properties TEXT NOT NULL CHECK (json_valid(properties)),
  company TEXT CHECK (company IS NULL OR json_valid(company)),
  remote_updated_at TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  gone_at TEXT,
  PRIMARY KEY (kind, record_id)
);
CREATE INDEX crm_snapshots_lead ON crm_snapshots(lead_id) WHERE lead_id IS NOT NULL;

-- Notes, tasks and meetings of the embedded (local) CRM.
CREATE TABLE crm_activities (
  id TEXT PRIMARY KEY,
  record_id TEXT NOT NULL REFERENCES crm_records(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('note', 'task', 'meeting', 'email')),
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  at TEXT NOT NULL,
  end_at TEXT,
  marker TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX crm_activities_record ON crm_activities(record_id, at);

CREATE TABLE crm_writeback_ops (
  journal_id TEXT PRIMARY KEY REFERENCES writeback_journal(id),
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('update', 'note', 'task', 'meeting')),
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  marker TEXT,
  remote_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  -- Set right before a request leaves: a row with sent_at and no outcome is what a crash leaves behind.
  sent_at TEXT,
  outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  last_error TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX crm_writeback_ops_record ON crm_writeback_ops(kind, record_id);

CREATE TABLE crm_mapping (
  kind TEXT PRIMARY KEY,
  body TEXT NOT NULL CHECK (json_valid(body)),
  updated_at TEXT NOT NULL
);
`,
  },
  {
    // The CRM time up to which the last completed sync saw every change: the write-back's
    // freshness check asks only for records modified after it.
    id: '2001_crm_watermark',
    sql: /* sql */ `ALTER TABLE crm_sync_state ADD COLUMN watermark TEXT;`,
  },
] as const;
