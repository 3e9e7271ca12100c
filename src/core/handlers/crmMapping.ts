import {
  CRM_PROPERTY_NAME,
  type crmMappingApi,
  type CrmMappingView,
  type MappingSource,
} from '../../contract/api/crmMapping.js';
import {
  FACT_NAMES,
  type AppError,
  type CrmKind,
  type FieldMapping,
  type FieldMappingEntry,
  type LeadClass,
} from '../../contract/index.js';
import type { Handlers } from '../../transport/dispatch.js';
import type { CrmConnector } from '../crm/connector.js';
import { HubSpotConnector } from '../crm/hubspot/connector.js';
import { LocalCrmConnector } from '../crm/local.js';
import { checkMapping } from '../crm/mapping.js';
import { HUBSPOT_TOKEN_KEY } from '../secrets.js';
import { activeConnection, getMapping, saveMapping } from '../crm/state.js';
import { activeRuleset } from '../rules/active.js';
import type { StoreContext } from '../store/context.js';
import * as trace from '../store/trace.js';
import type { CoreContext } from './context.js';

const CLASSES: LeadClass[] = ['qualified', 'needs_info', 'nurture', 'disqualified'];

const FACT_LABELS: Record<(typeof FACT_NAMES)[number], string> = {
  budget: 'Budget',
  timeline: 'Timeline',
  authority: 'Authority',
  company_size: 'Company size',
  need: 'Need',
  competitors: 'Competitors',
  disqualifier: 'Disqualifier',
};

const fail = (
  code: AppError['code'],
  message: string,
  path?: Array<string | number>,
): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, ...(path ? { path } : {}) },
});

/** The kind of the active connection; the local CRM when nothing is connected. */
const activeKind = (ctx: StoreContext): CrmKind => activeConnection(ctx)?.kind ?? 'local';

/** What a mapping line can read: the class, the score, each fact and the ruleset's custom facts. */
export function mappingSources(ctx: StoreContext): MappingSource[] {
  const custom = activeRuleset(ctx).ruleset.custom_facts.map((c) => ({
    value: `custom.${c.name}`,
    label: `${c.label} (custom)`,
    values: [],
  }));
  return [
    { value: 'class', label: 'Class', values: [...CLASSES] },
    { value: 'score', label: 'Score (0-100)', values: [] },
    ...FACT_NAMES.map((f) => ({ value: f, label: FACT_LABELS[f], values: [] })),
    ...custom,
  ];
}

/**
 * Checks what zod cannot: known sources, CRM property names, class values, and one enabled line
 * per property (a second line would be skipped at write time, which is a silent drop).
 */
export function validateEntries(
  entries: readonly FieldMappingEntry[],
  sources: readonly MappingSource[],
): { ok: true } | { ok: false; error: AppError } {
  const known = new Map(sources.map((s) => [s.value, s]));
  const seen = new Map<string, number>();
  for (const [i, e] of entries.entries()) {
    const src = known.get(e.source);
    // custom.* facts of an older ruleset version stay allowed: the line simply writes nothing until the fact exists.
    if (!src && !/^custom\.[a-z][a-z0-9_]*$/.test(e.source))
      return fail(
        'invalid_input',
        `Line ${i + 1}: "${e.source}" is not something a decision has; choose class, score or a fact.`,
        ['entries', i, 'source'],
      );
    if (!CRM_PROPERTY_NAME.test(e.property))
      return fail(
        'invalid_input',
        `Line ${i + 1}: "${e.property}" is not a CRM property name; use lowercase letters, digits and _ (e.g. sales_copilot_score).`,
        ['entries', i, 'property'],
      );
    if (e.source === 'class') {
      const bad = Object.keys(e.values).find((k) => !CLASSES.includes(k as LeadClass));
      if (bad)
        return fail(
          'invalid_input',
          `Line ${i + 1}: "${bad}" is not a class; use qualified, needs_info, nurture or disqualified.`,
          ['entries', i, 'values', bad],
        );
    }
    const empty = Object.entries(e.values).find(([, v]) => v.trim() === '');
    if (empty)
      return fail(
        'invalid_input',
        `Line ${i + 1}: the CRM value for "${empty[0]}" is empty; remove the value or fill it in.`,
        ['entries', i, 'values', empty[0]],
      );
    if (!e.enabled) continue;
    const first = seen.get(e.property);
    if (first !== undefined)
      return fail(
        'invalid_input',
        `Lines ${first + 1} and ${i + 1} both write "${e.property}"; switch one off or pick another property.`,
        ['entries', i, 'property'],
      );
    seen.set(e.property, i);
  }
  return { ok: true };
}

function view(ctx: StoreContext): CrmMappingView {
  const kind = activeKind(ctx);
  const row = ctx.db.prepare('SELECT updated_at FROM crm_mapping WHERE kind = ?').get(kind) as
    { updated_at: string } | undefined;
  return {
    kind,
    mapping: getMapping(ctx, kind),
    is_default: !row,
    updated_at: row?.updated_at ?? null,
    sources: mappingSources(ctx),
  };
}

/** The connector of the active connection, as the CRM handlers build it. */
function connectorOf(core: CoreContext): CrmConnector {
  const c = activeConnection(core.store);
  if (c?.kind === 'hubspot')
    return new HubSpotConnector({
      token: () => core.secrets.get(HUBSPOT_TOKEN_KEY),
      ...(c.base_url ? { baseUrl: c.base_url } : {}),
    });
  return new LocalCrmConnector(core.store);
}

/** Handlers of the field mapping in Settings. Nothing here creates a CRM property except an explicit createProperty call. */
export function crmMappingHandlers(core: CoreContext): Handlers<typeof crmMappingApi> {
  const ctx = core.store;
  const check = async () => {
    const kind = activeKind(ctx);
    const connector = connectorOf(core);
    const fields = await connector.describeFields();
    if (!fields.ok) return fields;
    const r = checkMapping(getMapping(ctx, kind), fields.value);
    const hubspot = kind === 'hubspot' && core.secrets.get(HUBSPOT_TOKEN_KEY) !== null;
    return {
      ok: true as const,
      value: {
        kind,
        ...r,
        can_create: hubspot,
        note: hubspot
          ? 'Each property is created in HubSpot only when you confirm it.'
          : 'Create these properties in HubSpot (Settings > Properties > Create property) with the internal name shown, or connect HubSpot to create them from here.',
      },
    };
  };
  return {
    'crm.mapping.get': () => ({ ok: true, value: view(ctx) }),
    'crm.mapping.set': ({ entries }) => {
      const v = validateEntries(entries, mappingSources(ctx));
      if (!v.ok) return v;
      const kind = activeKind(ctx);
      const mapping: FieldMapping = { crm: kind, entries };
      saveMapping(ctx, mapping);
      trace.append(ctx, {
        type: 'crm.mapping_saved',
        data: { kind, entries: entries.map((e) => ({ source: e.source, property: e.property, enabled: e.enabled })) },
      });
      core.bus.emit('changed', { topic: 'crm', ids: [] });
      return { ok: true, value: view(ctx) };
    },
    'crm.mapping.reset': () => {
      const kind = activeKind(ctx);
      ctx.db.prepare('DELETE FROM crm_mapping WHERE kind = ?').run(kind);
      trace.append(ctx, { type: 'crm.mapping_reset', data: { kind } });
      core.bus.emit('changed', { topic: 'crm', ids: [] });
      return { ok: true, value: view(ctx) };
    },
    'crm.mapping.check': () => check(),
    'crm.mapping.createProperty': async ({ name }) => {
      const c = activeConnection(ctx);
      const connector = connectorOf(core);
      if (c?.kind !== 'hubspot' || !(connector instanceof HubSpotConnector))
        return fail(
          'unsupported',
          'Properties can only be created in a connected HubSpot; with the local CRM, create it in HubSpot after connecting.',
        );
      // Re-check now: only a property the mapping still needs and the CRM still lacks may be created.
      const r = await check();
      if (!r.ok) return r;
      const proposal = r.value.create.find((p) => p.name === name);
      if (!proposal)
        return fail(
          'conflict',
          `"${name}" is not a pending proposal: the mapping does not need it or HubSpot already has it. Check the mapping again.`,
          ['name'],
        );
      const created = await connector.api.createProperty('contacts', {
        name: proposal.name,
        label: proposal.label,
        type: proposal.type,
        fieldType: proposal.field_type,
        groupName: proposal.group_name,
        options: proposal.options,
      });
      if (!created.ok) {
        trace.append(ctx, { type: 'crm.property_create_failed', data: { name, code: created.error.code } });
        return created;
      }
      trace.append(ctx, {
        type: 'crm.property_created',
        data: { kind: 'hubspot', name: proposal.name, label: proposal.label, type: proposal.type, approved_by: 'user' },
      });
      core.bus.emit('changed', { topic: 'crm', ids: [] });
      return { ok: true, value: { kind: 'hubspot' as const, created: proposal } };
    },
  };
}
