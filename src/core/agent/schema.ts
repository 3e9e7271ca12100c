/**
 * Tables the agent needs beyond the store's (the lead integrator appends these to the migration
 * list). Per-field verdicts live here while a proposal is being reviewed, because a review may
 * come field by field and the proposal row only changes status once every field has a verdict.
 */
export const AGENT_MIGRATIONS = [
  {
    id: '3000_agent_field_verdicts',
    sql: /* sql */ `
CREATE TABLE agent_field_verdicts (
  proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('approve', 'edit', 'reject')),
  value TEXT CHECK (value IS NULL OR json_valid(value)),
  reason TEXT,
  reviewer TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (proposal_id, field)
);
`,
  },
] as const;
