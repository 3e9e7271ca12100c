import type { DiffChange, DiffSection, Rule, Ruleset, RulesetDiff } from '../../../contract/index.js';

// A structural diff: rules are matched by id and every change is phrased for a manager.
// A text diff of the JSON would show moved lines and brackets instead of "threshold 10000 -> 5000".

const show = (v: unknown): string =>
  Array.isArray(v) ? v.map(show).join(', ') : v === null || v === undefined ? '(none)' : String(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function setChanges(
  section: DiffSection,
  path: string,
  what: string,
  a: readonly string[],
  b: readonly string[],
): DiffChange[] {
  const out: DiffChange[] = [];
  for (const x of b)
    if (!a.includes(x))
      out.push({ section, kind: 'added', path: `${path}.${x}`, after: x, summary: `${what}: added ${x}` });
  for (const x of a)
    if (!b.includes(x))
      out.push({ section, kind: 'removed', path: `${path}.${x}`, before: x, summary: `${what}: removed ${x}` });
  return out;
}

function ruleChanges(a: Rule, b: Rule): DiffChange[] {
  const out: DiffChange[] = [];
  const p = `rules.${b.id}`;
  const name = b.label;
  if (!same(a.value, b.value)) {
    // A new value on the same fact is a threshold move; on another fact the rule was rewritten.
    const threshold = a.fact === b.fact;
    out.push({
      section: threshold ? 'thresholds' : 'rules',
      kind: 'changed',
      path: `${p}.value`,
      before: a.value,
      after: b.value,
      summary: `${name}: ${Array.isArray(b.value) ? 'accepted values' : 'threshold'} ${show(a.value)} -> ${show(b.value)}`,
    });
  }
  if (a.op !== b.op)
    out.push({
      section: 'thresholds',
      kind: 'changed',
      path: `${p}.op`,
      before: a.op,
      after: b.op,
      summary: `${name}: comparison ${a.op} -> ${b.op}`,
    });
  if (a.fact !== b.fact)
    out.push({
      section: 'rules',
      kind: 'changed',
      path: `${p}.fact`,
      before: a.fact,
      after: b.fact,
      summary: `${name}: tests ${a.fact} -> ${b.fact}`,
    });
  if (a.outcome !== b.outcome) {
    out.push({
      section: 'rules',
      kind: 'changed',
      path: `${p}.outcome`,
      before: a.outcome,
      after: b.outcome,
      summary: `${name}: when it fails ${a.outcome ?? 'score only'} -> ${b.outcome ?? 'score only'}`,
    });
  }
  if (a.weight !== b.weight)
    out.push({
      section: 'score_weights',
      kind: 'changed',
      path: `${p}.weight`,
      before: a.weight,
      after: b.weight,
      summary: `${name}: weight ${a.weight} -> ${b.weight}`,
    });
  if (a.label !== b.label)
    out.push({
      section: 'rules',
      kind: 'changed',
      path: `${p}.label`,
      before: a.label,
      after: b.label,
      summary: `rule ${b.id} renamed "${a.label}" -> "${b.label}"`,
    });
  return out;
}

const describeRule = (r: Rule): string =>
  `${r.label} (${r.fact} ${r.op} ${show(r.value)}, if it fails: ${r.outcome ?? 'score only'}, weight ${r.weight})`;

/** What changed from `a` to `b`, section by section. */
export function diffRulesets(a: Ruleset, b: Ruleset, fromLabel = 'a', toLabel = 'b'): RulesetDiff {
  const changes: DiffChange[] = [];
  const push = (c: DiffChange) => changes.push(c);
  if (a.name !== b.name)
    push({
      section: 'meta',
      kind: 'changed',
      path: 'name',
      before: a.name,
      after: b.name,
      summary: `name "${a.name}" -> "${b.name}"`,
    });
  if (a.description !== b.description)
    push({
      section: 'meta',
      kind: 'changed',
      path: 'description',
      before: a.description,
      after: b.description,
      summary: 'description changed',
    });

  const aRules = new Map(a.rules.map((r) => [r.id, r]));
  const bRules = new Map(b.rules.map((r) => [r.id, r]));
  for (const r of b.rules) {
    const old = aRules.get(r.id);
    if (!old)
      push({
        section: 'rules',
        kind: 'added',
        path: `rules.${r.id}`,
        after: r,
        summary: `new rule: ${describeRule(r)}`,
      });
    else changes.push(...ruleChanges(old, r));
  }
  for (const r of a.rules)
    if (!bRules.has(r.id))
      push({
        section: 'rules',
        kind: 'removed',
        path: `rules.${r.id}`,
        before: r,
        summary: `rule removed: ${describeRule(r)}`,
      });
  const order = (rs: Ruleset) => rs.rules.map((r) => r.id).filter((id) => aRules.has(id) && bRules.has(id));
  if (!same(order(a), order(b)))
    push({
      section: 'rules',
      kind: 'changed',
      path: 'rules',
      before: order(a),
      after: order(b),
      summary: `rule order ${show(order(a))} -> ${show(order(b))}`,
    });

  changes.push(...setChanges('required_facts', 'required', 'required facts', a.required, b.required));
  const uvKeys = new Set([...Object.keys(a.unknown_values), ...Object.keys(b.unknown_values)]);
  for (const k of uvKeys)
    changes.push(
      ...setChanges(
        'required_facts',
        `unknown_values.${k}`,
        `values of ${k} that count as unknown`,
        a.unknown_values[k] ?? [],
        b.unknown_values[k] ?? [],
      ),
    );

  const qKeys = new Set([...Object.keys(a.questions), ...Object.keys(b.questions)]) as Set<keyof Ruleset['questions']>;
  for (const k of qKeys) {
    const qa = a.questions[k];
    const qb = b.questions[k];
    if (qa === qb) continue;
    push({
      section: 'questions',
      kind: qa === undefined ? 'added' : qb === undefined ? 'removed' : 'changed',
      path: `questions.${k}`,
      before: qa,
      after: qb,
      summary:
        qb === undefined ? `question for ${k} removed` : `question for ${k}: "${qb}"${qa ? ` (was "${qa}")` : ''}`,
    });
  }

  if (!same(a.class_order, b.class_order)) {
    push({
      section: 'classes',
      kind: 'changed',
      path: 'class_order',
      before: a.class_order,
      after: b.class_order,
      summary: `class order ${a.class_order.join(' > ')} -> ${b.class_order.join(' > ')}`,
    });
  }
  changes.push(...setChanges('disqualifiers', 'disqualifiers', 'disqualifiers', a.disqualifiers, b.disqualifiers));

  changes.push(
    ...setChanges(
      'escalation',
      'escalation.triggers',
      'escalation triggers',
      a.escalation.triggers,
      b.escalation.triggers,
    ),
  );
  if (a.escalation.discount_max_pct !== b.escalation.discount_max_pct) {
    push({
      section: 'escalation',
      kind: 'changed',
      path: 'escalation.discount_max_pct',
      before: a.escalation.discount_max_pct,
      after: b.escalation.discount_max_pct,
      summary: `escalate discounts over ${a.escalation.discount_max_pct}% -> over ${b.escalation.discount_max_pct}%`,
    });
  }

  const intents = new Set([...Object.keys(a.tool_policy), ...Object.keys(b.tool_policy)]) as Set<
    keyof Ruleset['tool_policy']
  >;
  for (const k of intents) {
    const ta = a.tool_policy[k];
    const tb = b.tool_policy[k];
    if (ta && !tb)
      push({
        section: 'tool_policy',
        kind: 'removed',
        path: `tool_policy.${k}`,
        before: ta,
        summary: `tool policy for ${k} removed (was ${show(ta)})`,
      });
    else if (!ta && tb)
      push({
        section: 'tool_policy',
        kind: 'added',
        path: `tool_policy.${k}`,
        after: tb,
        summary: `tool policy for ${k}: ${show(tb)}`,
      });
    else if (ta && tb) changes.push(...setChanges('tool_policy', `tool_policy.${k}`, `tools for ${k}`, ta, tb));
  }

  const aCustom = new Map(a.custom_facts.map((c) => [c.name, c]));
  const bCustom = new Map(b.custom_facts.map((c) => [c.name, c]));
  for (const c of b.custom_facts) {
    const old = aCustom.get(c.name);
    if (!old)
      push({
        section: 'custom_facts',
        kind: 'added',
        path: `custom_facts.${c.name}`,
        after: c,
        summary: `new custom fact custom.${c.name} from column "${c.column}" (${c.type})`,
      });
    else if (!same(old, c)) {
      push({
        section: 'custom_facts',
        kind: 'changed',
        path: `custom_facts.${c.name}`,
        before: old,
        after: c,
        summary: `custom.${c.name}: column "${old.column}" (${old.type}) -> "${c.column}" (${c.type})`,
      });
    }
  }
  for (const c of a.custom_facts)
    if (!bCustom.has(c.name))
      push({
        section: 'custom_facts',
        kind: 'removed',
        path: `custom_facts.${c.name}`,
        before: c,
        summary: `custom fact custom.${c.name} removed`,
      });

  if (a.base_currency !== b.base_currency)
    push({
      section: 'currency',
      kind: 'changed',
      path: 'base_currency',
      before: a.base_currency,
      after: b.base_currency,
      summary: `base currency ${a.base_currency} -> ${b.base_currency}`,
    });
  for (const cur of new Set([...Object.keys(a.currency_rates), ...Object.keys(b.currency_rates)])) {
    const ra = a.currency_rates[cur];
    const rb = b.currency_rates[cur];
    if (ra !== rb)
      push({
        section: 'currency',
        kind: ra === undefined ? 'added' : rb === undefined ? 'removed' : 'changed',
        path: `currency_rates.${cur}`,
        before: ra,
        after: rb,
        summary: `rate of ${cur}: ${show(ra)} -> ${show(rb)}`,
      });
  }
  for (const per of new Set([...Object.keys(a.period_multipliers), ...Object.keys(b.period_multipliers)]) as Set<
    keyof Ruleset['period_multipliers']
  >) {
    const ma = a.period_multipliers[per];
    const mb = b.period_multipliers[per];
    if (ma !== mb)
      push({
        section: 'currency',
        kind: 'changed',
        path: `period_multipliers.${per}`,
        before: ma,
        after: mb,
        summary: `budget per ${per} counts x${show(ma)} -> x${show(mb)}`,
      });
  }
  return { from: fromLabel, to: toLabel, changes };
}

const SECTION_TITLES: Record<DiffSection, string> = {
  meta: 'Name and description',
  thresholds: 'Thresholds',
  score_weights: 'Score weights',
  rules: 'Rules',
  required_facts: 'Required facts',
  questions: 'Questions',
  classes: 'Classes',
  disqualifiers: 'Disqualifiers',
  escalation: 'Escalation triggers',
  tool_policy: 'Tool policy',
  custom_facts: 'Custom facts',
  currency: 'Currency',
};

/** The diff as text, grouped by section, with + / - / ~ marks. */
export function formatDiff(d: RulesetDiff): string {
  if (!d.changes.length) return `${d.from} -> ${d.to}: no changes.`;
  const lines = [`${d.from} -> ${d.to}: ${d.changes.length} change${d.changes.length === 1 ? '' : 's'}`];
  for (const section of Object.keys(SECTION_TITLES) as DiffSection[]) {
    const cs = d.changes.filter((c) => c.section === section);
    if (!cs.length) continue;
    lines.push('', `${SECTION_TITLES[section]}:`);
    for (const c of cs) lines.push(`  ${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'} ${c.summary}`);
  }
  return lines.join('\n');
}
