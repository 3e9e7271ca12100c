/**
 * Tables of the rules workbench. The store's migration list applies them (the lead appends
 * WORKBENCH_MIGRATIONS to MIGRATIONS); ids in the 4000 range belong to this area.
 */
export const WORKBENCH_MIGRATIONS: ReadonlyArray<{ id: string; sql: string }> = [
  {
    id: '4000_workbench_cases',
    sql: /* sql */ `
-- Evaluation cases saved from a rep's correction (SPEC.md label format, in body).
-- Publishing a ruleset runs them; rows are kept even when the lead is deleted.
CREATE TABLE workbench_cases (
  id TEXT PRIMARY KEY,
  lead_id TEXT REFERENCES leads(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fact_correction', 'class_override')),
  body TEXT NOT NULL CHECK (json_valid(body)),
  author TEXT,
  note TEXT,
  ruleset_id TEXT,
  ruleset_version INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX workbench_cases_lead ON workbench_cases(lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX workbench_cases_created ON workbench_cases(created_at);
`,
  },
];

/** True when the workbench tables exist (the migrations were wired and applied). */
export function hasWorkbenchTables(db: { prepare(sql: string): { get(...a: unknown[]): unknown } }): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workbench_cases'").get() !== undefined
  );
}
