import { err, ok, LeadFilterSchema, describeIssues, type LeadFilter, type Result } from '../../../contract/index.js';
import { attributeSql } from '../../store/attributes.js';
import { importLeadsSql } from '../../store/imports.js';
import type { StoreContext } from '../../store/context.js';

/** The WHERE clause (with named parameters) selecting the leads a filter names; over `FROM leads` unaliased. */
export function leadWhere(ctx: StoreContext, f: LeadFilter): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const eq = (col: string, key: string, v: string | undefined) => {
    if (v === undefined) return;
    where.push(`${col} = @${key}`);
    params[key] = v;
  };
  eq('latest_class', 'f_class', f.class);
  eq('source', 'f_source', f.source);
  eq('lead_source', 'f_lead_source', f.lead_source);
  eq('owner', 'f_owner', f.owner);
  if (f.import_id !== undefined) {
    where.push(importLeadsSql('f_import'));
    params['f_import'] = f.import_id;
  }
  if (f.escalated !== undefined)
    where.push(f.escalated ? 'latest_escalate = 1' : '(latest_escalate IS NULL OR latest_escalate = 0)');
  if (f.from !== undefined) {
    where.push('created_at >= @f_from');
    params['f_from'] = f.from;
  }
  if (f.to !== undefined) {
    where.push('created_at < @f_to');
    params['f_to'] = f.to;
  }
  Object.entries(f.attribute ?? {}).forEach(([column, value], i) => {
    const attr = attributeSql(ctx, column, `f_attr${i}`);
    where.push(`${attr.sql} = @f_attr_value${i}`);
    Object.assign(params, attr.params);
    params[`f_attr_value${i}`] = value;
  });
  if (f.lead_ids) {
    // json_each keeps a list of any length to one bound parameter.
    where.push('id IN (SELECT value FROM json_each(@f_ids))');
    params['f_ids'] = JSON.stringify(f.lead_ids);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * Parses the CLI's `--filter` words: `class=nurture`, `escalated=true`, `source=import`,
 * `lead_source=...`, `owner=...`, `import=...`, `from=2026-01-01`, `to=...`, `id=a,b`, and
 * `attr.<Column>=<value>` for an imported column.
 */
export function parseFilterArgs(args: readonly string[]): Result<LeadFilter> {
  const f: Record<string, unknown> = {};
  const attribute: Record<string, string> = {};
  for (const a of args) {
    const eqAt = a.indexOf('=');
    if (eqAt <= 0)
      return err(
        'invalid_input',
        `filter "${a}" must look like key=value (e.g. class=nurture or attr.Lead Source=Google)`,
      );
    const key = a.slice(0, eqAt).trim();
    const value = a.slice(eqAt + 1).trim();
    if (key.startsWith('attr.')) attribute[key.slice(5)] = value;
    else if (key === 'escalated') f['escalated'] = value === 'true' || value === '1' || value === 'yes';
    else if (key === 'id' || key === 'ids')
      f['lead_ids'] = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (key === 'import') f['import_id'] = value;
    else if (['class', 'source', 'lead_source', 'owner', 'from', 'to'].includes(key)) f[key] = value;
    else
      return err(
        'invalid_input',
        `unknown filter "${key}"; use class, escalated, source, lead_source, owner, import, from, to, id or attr.<Column>`,
      );
  }
  if (Object.keys(attribute).length) f['attribute'] = attribute;
  const parsed = LeadFilterSchema.safeParse(f);
  if (!parsed.success) return err('invalid_input', `bad filter: ${describeIssues(parsed.error.issues).join('; ')}`);
  return ok(parsed.data);
}
