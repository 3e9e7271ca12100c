import type { RuleIssue } from '../../../../src/contract/api/rules.js';
import { RequiredFactSchema, type Rule, type Ruleset } from '../../../../src/contract/index.js';
import { humanize } from '../../format.js';

const FACTS = [
  'budget_annual',
  'timeline_months',
  'authority',
  'company_size',
  'need',
  'competitor_count',
  'disqualifier',
];
const OPS: Rule['op'][] = ['>=', '>', '<=', '<', '==', '!=', 'in', 'not_in'];
const OUTCOMES = ['', 'disqualified', 'nurture', 'needs_info'] as const;

/** Issues at exactly this path (or below it), for showing next to the control. */
const issuesAt = (issues: RuleIssue[], path: string) =>
  issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));

function FieldIssues({ issues, path }: { issues: RuleIssue[]; path: string }) {
  const list = issuesAt(issues, path);
  if (!list.length) return null;
  return (
    <span className="field-error" id={`err-${path}`} role="alert">
      {list.map((i) => i.message).join('; ')}
    </span>
  );
}

const valueText = (v: Rule['value']): string => (Array.isArray(v) ? v.join(', ') : String(v));
function parseScalar(s: string): string | number | boolean {
  const t = s.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && !Number.isNaN(Number(t)) ? Number(t) : t;
}
const parseValue = (s: string, op: Rule['op']): Rule['value'] =>
  op === 'in' || op === 'not_in'
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map(parseScalar)
    : parseScalar(s);

/** The ruleset as a form: every rule a row, errors shown next to the control they concern. */
export function RuleForm({
  body,
  issues,
  onChange,
}: {
  body: Ruleset;
  issues: RuleIssue[];
  onChange(b: Ruleset): void;
}) {
  const setRule = (i: number, patch: Partial<Rule>) =>
    onChange({ ...body, rules: body.rules.map((r, j) => (j === i ? ({ ...r, ...patch } as Rule) : r)) });
  const inv = (path: string) =>
    issuesAt(issues, path).length ? { 'aria-invalid': true as const, 'aria-describedby': `err-${path}` } : {};
  return (
    <div className="stack" style={{ gap: 14 }}>
      <div className="row" style={{ alignItems: 'flex-start' }}>
        <label className="field" style={{ flex: 2 }}>
          Ruleset name
          <input
            type="text"
            value={body.name}
            onChange={(e) => onChange({ ...body, name: e.target.value })}
            {...inv('name')}
          />
          <FieldIssues issues={issues} path="name" />
        </label>
        <label className="field" style={{ width: 130 }}>
          Base currency
          <input
            type="text"
            maxLength={3}
            value={body.base_currency}
            onChange={(e) => onChange({ ...body, base_currency: e.target.value.toUpperCase() })}
            {...inv('base_currency')}
          />
          <FieldIssues issues={issues} path="base_currency" />
        </label>
      </div>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="muted" style={{ fontSize: 12.5, fontWeight: 550 }}>
          Required facts
        </legend>
        <div className="row">
          {RequiredFactSchema.options.map((f) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={body.required.includes(f)}
                onChange={(e) =>
                  onChange({
                    ...body,
                    required: e.target.checked ? [...body.required, f] : body.required.filter((x) => x !== f),
                  })
                }
              />
              {humanize(f)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <h3>Rules</h3>
        <div className="rule-row muted" aria-hidden="true" style={{ fontSize: 12, fontWeight: 600 }}>
          <span>Id</span>
          <span>Label</span>
          <span>Fact</span>
          <span>Op</span>
          <span>Value</span>
          <span>When it fails</span>
          <span>Weight</span>
          <span />
        </div>
        {body.rules.map((r, i) => {
          const p = `rules.${i}`;
          const name = r.label || r.id || `rule ${i + 1}`;
          return (
            <div className="rule-row" key={i} role="group" aria-label={`Rule ${name}`}>
              <span>
                <input
                  type="text"
                  aria-label={`Id of ${name}`}
                  value={r.id}
                  onChange={(e) => setRule(i, { id: e.target.value })}
                  {...inv(`${p}.id`)}
                />
                <FieldIssues issues={issues} path={`${p}.id`} />
              </span>
              <span>
                <input
                  type="text"
                  aria-label={`Label of ${name}`}
                  value={r.label}
                  onChange={(e) => setRule(i, { label: e.target.value })}
                  {...inv(`${p}.label`)}
                />
                <FieldIssues issues={issues} path={`${p}.label`} />
              </span>
              <span>
                <select
                  aria-label={`Fact of ${name}`}
                  value={r.fact}
                  onChange={(e) => setRule(i, { fact: e.target.value })}
                  {...inv(`${p}.fact`)}
                >
                  {[...new Set([r.fact, ...FACTS, ...body.custom_facts.map((c) => `custom.${c.name}`)])].map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
                <FieldIssues issues={issues} path={`${p}.fact`} />
              </span>
              <span>
                <select
                  aria-label={`Operator of ${name}`}
                  value={r.op}
                  onChange={(e) => setRule(i, { op: e.target.value as Rule['op'] })}
                >
                  {OPS.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </span>
              <span>
                <input
                  type="text"
                  aria-label={`Value of ${name}`}
                  defaultValue={valueText(r.value)}
                  key={`${i}-${r.op}-${valueText(r.value)}`}
                  onBlur={(e) => setRule(i, { value: parseValue(e.target.value, r.op) })}
                  onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                  {...inv(`${p}.value`)}
                />
                <FieldIssues issues={issues} path={`${p}.value`} />
              </span>
              <span>
                <select
                  aria-label={`Outcome of ${name}`}
                  value={r.outcome ?? ''}
                  onChange={(e) =>
                    setRule(i, { outcome: e.target.value === '' ? null : (e.target.value as Rule['outcome']) })
                  }
                >
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {o === '' ? 'score only' : humanize(o)}
                    </option>
                  ))}
                </select>
              </span>
              <span>
                <input
                  type="number"
                  min={0}
                  max={100}
                  aria-label={`Weight of ${name}`}
                  value={r.weight}
                  onChange={(e) => setRule(i, { weight: Number(e.target.value) })}
                  {...inv(`${p}.weight`)}
                />
                <FieldIssues issues={issues} path={`${p}.weight`} />
              </span>
              <button
                type="button"
                className="btn btn-sm btn-danger"
                aria-label={`Remove ${name}`}
                onClick={() => onChange({ ...body, rules: body.rules.filter((_, j) => j !== i) })}
              >
                ✕
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="btn btn-sm"
          style={{ marginTop: 8 }}
          onClick={() =>
            onChange({
              ...body,
              rules: [
                ...body.rules,
                {
                  id: `rule_${body.rules.length + 1}`,
                  label: 'New rule',
                  fact: 'company_size',
                  op: '>=',
                  value: 0,
                  outcome: null,
                  weight: 0,
                },
              ],
            })
          }
        >
          Add rule
        </button>
      </div>
      <div>
        <h3>Follow-up questions</h3>
        {body.required.map((f) => (
          <label key={f} className="field" style={{ marginBottom: 6 }}>
            Question for {humanize(f)}
            <input
              type="text"
              value={body.questions[f] ?? ''}
              onChange={(e) => onChange({ ...body, questions: { ...body.questions, [f]: e.target.value } })}
              {...inv(`questions.${f}`)}
            />
            <FieldIssues issues={issues} path={`questions.${f}`} />
          </label>
        ))}
      </div>
    </div>
  );
}
