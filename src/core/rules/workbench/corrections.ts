import {
  ClassSchema,
  CorrectionCaseSchema,
  describeIssues,
  err,
  FACT_NAMES,
  FactsSchema,
  ok,
  type CaseVerdict,
  type Channel,
  type CorrectionCase,
  type Facts,
  type LeadClass,
  type PublishCheck,
  type Result,
  type Ruleset,
} from '../../../contract/index.js';
import type { StoreContext } from '../../store/context.js';
import * as decisions from '../../store/decisions.js';
import * as factsRepo from '../../store/facts.js';
import { createIdFactory } from '../../store/ids.js';
import * as leads from '../../store/leads.js';
import * as sources from '../../store/sources.js';
import * as trace from '../../store/trace.js';
import { activeRuleset } from '../active.js';
import { compileRuleset } from '../evaluate.js';
import { withCustomFacts } from './customFacts.js';
import { hasWorkbenchTables } from './schema.js';

const EMPTY = { value: null, evidence: [], source: 'embedded' as const };

export interface CorrectionInput {
  lead_id: string;
  author?: string | null;
  note?: string | null;
  /** The class the rep says is right; without it the class follows from the corrected facts. */
  class_override?: LeadClass;
  /** Corrected fact values by name (`budget`, `authority`, `custom.lead_source` ...). */
  corrections?: Record<string, unknown>;
}

const SOURCE_CHANNEL: Partial<Record<sources.SourceKind, Channel>> = {
  email: 'email',
  chat: 'chat',
  call_notes: 'call_notes',
  web_form: 'web_form',
  linkedin: 'linkedin',
  import: 'table',
  crm: 'crm',
};

/** The Facts the rules read, rebuilt from a lead's current rows plus the rep's corrections. */
function correctedFacts(ctx: StoreContext, leadId: string, corrections: Record<string, unknown>): Result<Facts> {
  const rows = factsRepo.current(ctx, leadId);
  const raw: Record<string, unknown> = { custom: {} };
  for (const name of FACT_NAMES) {
    const r = rows[name];
    raw[name] = r ? { value: r.value, evidence: r.evidence, source: r.source } : EMPTY;
  }
  const custom = raw['custom'] as Record<string, unknown>;
  for (const [name, r] of Object.entries(rows))
    if (name.startsWith('custom.')) custom[name.slice(7)] = { value: r.value, evidence: r.evidence, source: r.source };
  for (const [name, value] of Object.entries(corrections)) {
    const rep = { value, evidence: [], source: 'rep' };
    if (name.startsWith('custom.')) custom[name.slice(7)] = rep;
    else if ((FACT_NAMES as readonly string[]).includes(name)) raw[name] = rep;
    else
      return err('invalid_input', `"${name}" is not a fact; use one of ${FACT_NAMES.join(', ')} or custom.<name>`, {
        path: ['corrections', name],
      });
  }
  const parsed = FactsSchema.safeParse(raw);
  if (!parsed.success)
    return err('invalid_input', `The corrected facts are invalid: ${describeIssues(parsed.error.issues).join('; ')}`, {
      path: ['corrections'],
    });
  return ok(parsed.data);
}

/** Facts as SPEC.md labels them: unknown authority is `unknown`, unknown need is `unclear`. */
function toLabels(f: Facts): CorrectionCase['facts'] {
  const custom: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(f.custom)) if (v.value !== null) custom[k] = v.value;
  return {
    budget: f.budget.value,
    timeline_months: f.timeline.value?.months ?? null,
    authority: f.authority.value ?? 'unknown',
    company_size: f.company_size.value,
    need: f.need.value ?? 'unclear',
    competitors: f.competitors.value ?? [],
    disqualifier: f.disqualifier.value,
    ...(Object.keys(custom).length ? { custom } : {}),
  };
}

/** A saved case's labels as the Facts the engine reads. */
export function caseFacts(c: CorrectionCase): Facts {
  const l = c.facts;
  const fact = <T>(value: T) => ({ value, evidence: [], source: 'rep' as const });
  return {
    budget: fact(l.budget),
    timeline: fact(l.timeline_months === null ? null : { months: l.timeline_months }),
    authority: fact(l.authority),
    company_size: fact(l.company_size),
    need: fact(l.need),
    competitors: fact(l.competitors),
    disqualifier: fact(l.disqualifier),
    custom: Object.fromEntries(Object.entries(l.custom ?? {}).map(([k, v]) => [k, fact(v)])),
  };
}

const NO_TABLE =
  'The workbench tables are missing: the 4000_workbench_* migrations have not been applied to this database.';

/**
 * Saves a rep's fact correction or class override as an evaluation case in SPEC.md format:
 * the lead's text with the corrected labels and the expected class.
 */
export function saveCorrectionCase(ctx: StoreContext, input: CorrectionInput): Result<CorrectionCase> {
  if (!hasWorkbenchTables(ctx.db)) return err('unsupported', NO_TABLE);
  const lead = leads.get(ctx, input.lead_id);
  if (!lead) return err('not_found', `Lead ${input.lead_id} does not exist.`);
  if (!input.class_override && !Object.keys(input.corrections ?? {}).length) {
    return err('invalid_input', 'A correction case needs a class override or at least one corrected fact.');
  }
  if (input.class_override && !ClassSchema.safeParse(input.class_override).success)
    return err('invalid_input', `"${String(input.class_override)}" is not a class.`);
  const facts = correctedFacts(ctx, lead.id, input.corrections ?? {});
  if (!facts.ok) return facts;
  const active = activeRuleset(ctx);
  const full = withCustomFacts(facts.value, active.ruleset.custom_facts, lead.attributes);
  const d = compileRuleset(active.ruleset, active.version).evaluate(full);
  const src = sources.listForLead(ctx, lead.id).at(-1);
  const prev = decisions.latestForLead(ctx, lead.id);
  const expectedClass = input.class_override ?? d.classification.class;
  const id = createIdFactory('case', ctx.clock)();
  const doc: CorrectionCase = {
    id,
    channel: (src && SOURCE_CHANNEL[src.kind]) ?? (lead.source === 'import' ? 'table' : 'email'),
    received_at: (src?.received_at ?? lead.created_at).slice(0, 10),
    // Imported rows have no text; the case still replays through its labels.
    text: src?.text ?? '',
    facts: toLabels(full),
    expected: {
      class: expectedClass,
      missing: expectedClass === 'disqualified' ? [] : d.missing.map((m) => m.fact),
      escalate: prev?.escalate ?? false,
      escalation_reasons: prev?.escalation.reasons.map((r) => r.reason) ?? [],
    },
    notes: [
      input.class_override
        ? `Class set to ${input.class_override} by ${input.author ?? 'a rep'}`
        : `Facts corrected by ${input.author ?? 'a rep'}`,
      Object.keys(input.corrections ?? {}).length ? `(${Object.keys(input.corrections ?? {}).join(', ')})` : '',
      input.note ?? '',
    ]
      .filter(Boolean)
      .join(' ')
      .trim(),
  };
  const body = CorrectionCaseSchema.parse(doc);
  ctx.db
    .prepare(
      `INSERT INTO workbench_cases (id, lead_id, kind, body, author, note, ruleset_id, ruleset_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      lead.id,
      input.class_override ? 'class_override' : 'fact_correction',
      JSON.stringify(body),
      input.author ?? null,
      input.note ?? null,
      active.id,
      active.version,
      ctx.clock().toISOString(),
    );
  trace.append(ctx, {
    lead_id: lead.id,
    type: 'eval_case.saved',
    data: {
      case_id: id,
      kind: input.class_override ? 'class_override' : 'fact_correction',
      author: input.author ?? null,
      expected: expectedClass,
    },
  });
  return ok(body);
}

export interface StoredCase {
  case: CorrectionCase;
  lead_id: string | null;
  author: string | null;
  created_at: string;
}

/** Every saved case, oldest first; empty when the tables are not there yet. */
export function listCases(ctx: StoreContext): StoredCase[] {
  if (!hasWorkbenchTables(ctx.db)) return [];
  const rows = ctx.db
    .prepare('SELECT body, lead_id, author, created_at FROM workbench_cases ORDER BY created_at, id')
    .all() as Array<{
    body: string;
    lead_id: string | null;
    author: string | null;
    created_at: string;
  }>;
  return rows.map((r) => ({
    case: CorrectionCaseSchema.parse(JSON.parse(r.body)),
    lead_id: r.lead_id,
    author: r.author,
    created_at: r.created_at,
  }));
}

/** Runs saved cases on a ruleset: the class must match the corrected class. */
export function runCases(cases: readonly StoredCase[], rs: Ruleset): CaseVerdict[] {
  const rules = compileRuleset(rs);
  return cases.map(({ case: c, lead_id }) => {
    const d = rules.evaluate(caseFacts(c));
    const got = d.classification.class;
    const passed = got === c.expected.class;
    const blocking = d.classification.reasons
      .filter((r) => r.status === 'failed' && r.outcome === got)
      .map((r) => r.label);
    return {
      case_id: c.id,
      lead_id,
      expected: c.expected.class,
      got,
      passed,
      detail: passed
        ? 'ok'
        : blocking.length
          ? `fails: ${blocking.join('; ')}`
          : d.missing.length
            ? `missing: ${d.missing.map((m) => m.fact).join(', ')}`
            : 'no rule blocks it',
    };
  });
}

/** Saved cases that pass on the published ruleset and fail on the candidate. */
export function checkCases(ctx: StoreContext, published: Ruleset | null, candidate: Ruleset): PublishCheck {
  const cases = listCases(ctx);
  const next = runCases(cases, candidate);
  const before = published ? runCases(cases, published) : null;
  const broken = next.filter((v, i) => !v.passed && before !== null && before[i]!.passed);
  return {
    cases: cases.length,
    passed: next.filter((v) => v.passed).length,
    broken,
    needs_confirmation: broken.length > 0,
  };
}
