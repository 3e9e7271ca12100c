import type { StoreContext } from './context.js';

/**
 * `lead_facts_current`: one narrow row per lead naming the value of every fact that counts
 * now, i.e. exactly what `facts.current()` picks: a rep's newest correction wins over any
 * extractor, otherwise the newest row not superseded.
 *
 * It is a projection of the facts table kept by SQLite triggers, so every write path (the
 * repository, a correction, a bulk import with raw INSERTs, a cascade delete) updates it in
 * the same statement, hence the same transaction: it cannot disagree with the facts, and a
 * rolled-back write rolls it back too.
 *
 * Built-in facts and signals are stored as integer codes into `lead_fact_values`, a dictionary
 * of the distinct JSON texts: a cold what-if over 100,000 leads then reads 100,000 rows of
 * small integers (no string per fact crosses into JavaScript) and parses each distinct value
 * once, instead of grouping ~700,000 fact rows.
 */

/** Built-in facts with a column each; `signals` is the latest extraction's escalation signals. */
export const CURRENT_FACT_COLUMNS = [
  'budget',
  'timeline',
  'authority',
  'company_size',
  'need',
  'competitors',
  'disqualifier',
  'signals',
] as const;
export type CurrentFactColumn = (typeof CURRENT_FACT_COLUMNS)[number];

const CODED = CURRENT_FACT_COLUMNS.map((c) => `'${c}'`).join(', ');
const isCustom = (name: string) => `${name} >= 'custom.' AND ${name} < 'custom/'`;

// The code of the row that counts for one (lead, name); facts_lead makes it a short range read.
const pick = (lead: string, name: string) =>
  `(SELECT code FROM lead_fact_values WHERE value = (
     SELECT value FROM facts WHERE lead_id = ${lead} AND name = ${name} AND superseded_by IS NULL
     ORDER BY source = 'rep' DESC, created_at DESC, id DESC LIMIT 1))`;

// Current custom facts of one lead as a JSON object {name: value}; NULL when there are none.
// `repOnly` keeps the ones a rep corrected (they override a ruleset's computed column).
const customOf = (lead: string, repOnly: boolean) =>
  `(SELECT nullif(json_group_object(substr(name, 8), json(value)), '{}') FROM (
     SELECT name, value, source, row_number() OVER (PARTITION BY name
       ORDER BY source = 'rep' DESC, created_at DESC, id DESC) AS rn
     FROM facts WHERE lead_id = ${lead} AND ${isCustom('name')} AND superseded_by IS NULL)
   WHERE rn = 1${repOnly ? " AND source = 'rep'" : ''})`;

// Every value of a coded fact enters the dictionary when written, so a later pick always finds it.
const remember = (row: string) =>
  `INSERT INTO lead_fact_values (value) SELECT ${row}.value
   WHERE ${row}.value IS NOT NULL AND ${row}.name IN (${CODED}) ON CONFLICT (value) DO NOTHING;`;

// Recomputes the column of fact `name` (and the custom objects for custom.*) of one lead;
// `upsert` creates the lead's row first when it has none.
const refresh = (lead: string, name: string, upsert: boolean) => {
  const set = [
    ...CURRENT_FACT_COLUMNS.map((c) => `${c} = CASE WHEN ${name} = '${c}' THEN ${pick(lead, name)} ELSE ${c} END`),
    `custom = CASE WHEN ${isCustom(name)} THEN ${customOf(lead, false)} ELSE custom END`,
    `custom_rep = CASE WHEN ${isCustom(name)} THEN ${customOf(lead, true)} ELSE custom_rep END`,
  ].join(',\n    ');
  return upsert
    ? `INSERT INTO lead_facts_current (lead_id) VALUES (${lead}) ON CONFLICT (lead_id) DO NOTHING;
  UPDATE lead_facts_current SET
    ${set}
  WHERE lead_id = ${lead};`
    : `UPDATE lead_facts_current SET
    ${set}
  WHERE lead_id = ${lead};`;
};

// The backfill: every (lead, name)'s winning row in one pass over the facts table.
const BACKFILL = /* sql */ `
INSERT INTO lead_fact_values (value)
SELECT DISTINCT value FROM facts WHERE value IS NOT NULL AND name IN (${CODED});
INSERT INTO lead_facts_current (lead_id, ${CURRENT_FACT_COLUMNS.join(', ')}, custom, custom_rep)
SELECT lead_id,
${CURRENT_FACT_COLUMNS.map((c) => `  max(CASE WHEN name = '${c}' THEN (SELECT code FROM lead_fact_values v WHERE v.value = w.value) END),`).join('\n')}
  nullif(json_group_object(substr(name, 8), json(value)) FILTER (WHERE ${isCustom('name')}), '{}'),
  nullif(json_group_object(substr(name, 8), json(value)) FILTER (WHERE ${isCustom('name')} AND source = 'rep'), '{}')
FROM (
  SELECT lead_id, name, value, source, row_number() OVER (PARTITION BY lead_id, name
    ORDER BY source = 'rep' DESC, created_at DESC, id DESC) AS rn
  FROM facts WHERE superseded_by IS NULL) AS w
WHERE rn = 1
GROUP BY lead_id;`;

/**
 * The migration that creates, backfills and maintains the projection. Shipped SQL: the text is
 * generated from the constants above, so never change them; append a new migration instead.
 */
export const CURRENT_FACTS_MIGRATION = {
  id: '0002_lead_facts_current',
  sql: /* sql */ `
-- The distinct JSON values of the coded facts; only ever grows (a code never changes meaning).
CREATE TABLE lead_fact_values (
  code INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
);
CREATE TABLE lead_facts_current (
  lead_id TEXT PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
${CURRENT_FACT_COLUMNS.map((c) => `  ${c} INTEGER,`).join('\n')}
  -- {name: value} of the current custom.<name> facts, and of those a rep corrected.
  custom TEXT,
  custom_rep TEXT
);
${BACKFILL}
CREATE TRIGGER facts_current_insert AFTER INSERT ON facts BEGIN
  ${remember('NEW')}
  ${refresh('NEW.lead_id', 'NEW.name', true)}
END;
-- A correction supersedes a row: the winner of that (lead, name) may change.
CREATE TRIGGER facts_current_update AFTER UPDATE ON facts BEGIN
  ${remember('NEW')}
  ${refresh('NEW.lead_id', 'NEW.name', true)}
END;
-- Never done by the app, but a row moved to another lead or name leaves its old place too.
CREATE TRIGGER facts_current_move AFTER UPDATE OF lead_id, name ON facts
WHEN OLD.lead_id IS NOT NEW.lead_id OR OLD.name IS NOT NEW.name BEGIN
  ${refresh('OLD.lead_id', 'OLD.name', false)}
END;
CREATE TRIGGER facts_current_delete AFTER DELETE ON facts BEGIN
  ${refresh('OLD.lead_id', 'OLD.name', false)}
END;
`,
};

/** One lead's projected current values: JSON parsed, custom facts keyed `custom.<name>`. */
export interface CurrentFactValues {
  values: Record<string, unknown>;
  /** Names (`custom.<name>`) of the custom facts whose current row is a rep's correction. */
  repCustom: string[];
}

/** The projected current values of one lead (null when it has no fact rows at all). */
export function getCurrentValues(ctx: StoreContext, leadId: string): CurrentFactValues | null {
  const cols = CURRENT_FACT_COLUMNS.map((c) => `(SELECT value FROM lead_fact_values WHERE code = ${c}) AS ${c}`);
  const row = ctx.db
    .prepare(`SELECT ${cols.join(', ')}, custom, custom_rep FROM lead_facts_current WHERE lead_id = ?`)
    .get(leadId) as Record<string, string | null> | undefined;
  if (!row) return null;
  const values: Record<string, unknown> = {};
  for (const c of CURRENT_FACT_COLUMNS) values[c] = row[c] === null ? null : (JSON.parse(row[c]!) as unknown);
  const custom = row['custom'] ? (JSON.parse(row['custom']) as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(custom)) values[`custom.${k}`] = v;
  const rep = row['custom_rep'] ? (JSON.parse(row['custom_rep']) as Record<string, unknown>) : {};
  return { values, repCustom: Object.keys(rep).map((k) => `custom.${k}`) };
}

/** The dictionary texts of the given codes, in the same order. */
export function valuesOfCodes(ctx: StoreContext, codes: readonly number[]): string[] {
  if (!codes.length) return [];
  const rows = ctx.db
    .prepare('SELECT v.value FROM json_each(?) AS j JOIN lead_fact_values AS v ON v.code = j.value ORDER BY j.key')
    .pluck()
    .all(JSON.stringify(codes)) as string[];
  if (rows.length !== codes.length) throw new Error('lead_fact_values lost a code the projection names');
  return rows;
}
