import {
  FieldMappingSchema,
  type CrmValue,
  type FieldChange,
  type FieldDescriptor,
  type FieldMapping,
  type Facts,
  type LeadClass,
  type PropertyCreationProposal,
} from '../../contract/index.js';

/** HubSpot's default lifecycle stages, earliest first; a stage never moves backwards. */
export const LIFECYCLE_ORDER = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
];

/** The default mapping shown in Settings; every line can be changed or switched off there. */
export const DEFAULT_HUBSPOT_MAPPING: FieldMapping = FieldMappingSchema.parse({
  crm: 'hubspot',
  entries: [
    {
      source: 'class',
      property: 'hs_lead_status',
      values: { qualified: 'IN_PROGRESS', needs_info: 'OPEN', nurture: 'BAD_TIMING', disqualified: 'UNQUALIFIED' },
    },
    {
      source: 'class',
      property: 'lifecyclestage',
      values: { qualified: 'salesqualifiedlead', needs_info: 'lead', nurture: 'lead' },
    },
    { source: 'score', property: 'sales_copilot_score' },
    { source: 'budget', property: 'sales_copilot_budget' },
    { source: 'timeline', property: 'sales_copilot_timeline' },
  ],
});

/** Custom properties the default mapping can propose, with the type each needs. */
const CUSTOM_DEFS: Record<string, Pick<PropertyCreationProposal, 'label' | 'type' | 'field_type'>> = {
  sales_copilot_score: { label: 'Sales Copilot score', type: 'number', field_type: 'number' },
  sales_copilot_budget: { label: 'Sales Copilot budget', type: 'string', field_type: 'text' },
  sales_copilot_timeline: { label: 'Sales Copilot timeline', type: 'string', field_type: 'text' },
  sales_copilot_class: { label: 'Sales Copilot class', type: 'string', field_type: 'text' },
};

/** What a decision says about a lead, in the terms mapping sources use. */
export interface MappingInput {
  class: LeadClass;
  score: number;
  facts?: Partial<Facts> | null;
}

function sourceValue(source: string, input: MappingInput): string | null {
  if (source === 'class') return input.class;
  if (source === 'score') return String(Math.round(input.score));
  const f = input.facts;
  if (!f) return null;
  if (source === 'budget') {
    const b = f.budget?.value;
    return b ? `${b.currency} ${b.amount} / ${b.period.replace('_', '-')}` : null;
  }
  if (source === 'timeline') {
    const t = f.timeline?.value;
    return t ? (t.date ?? `${t.months} months`) : null;
  }
  if (source.startsWith('custom.')) {
    const v = f.custom?.[source.slice(7)]?.value;
    return v === undefined || v === null ? null : String(v);
  }
  const v = (f as Record<string, { value: unknown } | undefined>)[source]?.value;
  if (v === undefined || v === null) return null;
  return Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

const norm = (v: CrmValue | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);

/**
 * The field changes a decision implies for one record, given its current (snapshot) values.
 * Only real changes come out; an unmapped class value, an empty fact, a filled `only_if_empty`
 * field or a backwards lifecycle move give nothing.
 */
export function proposeChanges(
  mapping: FieldMapping,
  input: MappingInput,
  current: Record<string, CrmValue>,
  available?: ReadonlySet<string>,
): FieldChange[] {
  const out = new Map<string, FieldChange>();
  for (const e of mapping.entries) {
    if (!e.enabled || out.has(e.property)) continue;
    if (available && !available.has(e.property)) continue;
    const raw = sourceValue(e.source, input);
    if (raw === null) continue;
    const after = Object.keys(e.values).length > 0 ? (e.values[raw] ?? null) : raw;
    if (after === null) continue;
    const before = norm(current[e.property]);
    if (before === after) continue;
    if (e.only_if_empty && before !== null) continue;
    if (e.property === 'lifecyclestage' && before !== null) {
      const from = LIFECYCLE_ORDER.indexOf(before);
      const to = LIFECYCLE_ORDER.indexOf(after);
      if (from === -1 || to <= from) continue;
    }
    out.set(e.property, { field: e.property, before, after });
  }
  return [...out.values()];
}

export interface MappingCheck {
  /** Custom properties to propose for creation (never created without a person's approval). */
  create: PropertyCreationProposal[];
  /** Mapped option values the CRM's enumeration does not have. */
  invalid: Array<{ property: string; value: string; allowed: string[] }>;
  /** Properties the CRM reports as read-only. */
  read_only: string[];
}

/** Compares the mapping with the CRM's fields: what is missing, what would be refused. */
export function checkMapping(mapping: FieldMapping, fields: readonly FieldDescriptor[]): MappingCheck {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const check: MappingCheck = { create: [], invalid: [], read_only: [] };
  const proposed = new Set<string>();
  for (const e of mapping.entries) {
    if (!e.enabled) continue;
    const f = byName.get(e.property);
    if (!f) {
      if (proposed.has(e.property)) continue;
      proposed.add(e.property);
      const def = CUSTOM_DEFS[e.property] ?? {
        label: e.property,
        type: 'string' as const,
        field_type: 'text' as const,
      };
      check.create.push({
        name: e.property,
        ...def,
        group_name: 'contactinformation',
        options: [],
        reason: `The mapping writes ${e.source} to "${e.property}", which this CRM does not have.`,
      });
      continue;
    }
    if (f.read_only) check.read_only.push(f.name);
    if (f.options.length > 0) {
      const allowed = f.options.map((o) => o.value);
      for (const v of Object.values(e.values))
        if (!allowed.includes(v)) check.invalid.push({ property: f.name, value: v, allowed });
    }
  }
  return check;
}
