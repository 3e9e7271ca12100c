import { describe, expect, it } from 'vitest';
import { FieldMappingSchema } from '../../../../src/contract/index.js';
import { checkMapping, DEFAULT_HUBSPOT_MAPPING, proposeChanges } from '../../../../src/core/crm/mapping.js';
import { htmlToText, markerComment, markerOf, textToHtml } from '../../../../src/core/crm/hubspot/activities.js';

describe('field mapping', () => {
  it('maps class and score to HubSpot properties, before = current value, only real changes', () => {
    const ch = proposeChanges(
      DEFAULT_HUBSPOT_MAPPING,
      { class: 'qualified', score: 81.4 },
      { hs_lead_status: 'NEW', lifecyclestage: 'lead', sales_copilot_score: '81' },
    );
    expect(ch).toEqual([
      { field: 'hs_lead_status', before: 'NEW', after: 'IN_PROGRESS' },
      { field: 'lifecyclestage', before: 'lead', after: 'salesqualifiedlead' },
    ]);
  });

  it('never moves the lifecycle stage backwards and skips unmapped class values', () => {
    const ch = proposeChanges(
      DEFAULT_HUBSPOT_MAPPING,
      { class: 'disqualified', score: 5 },
      { hs_lead_status: 'OPEN', lifecyclestage: 'customer' },
    );
    expect(ch.map((c) => c.field)).toEqual(['hs_lead_status', 'sales_copilot_score']);
    const back = proposeChanges(
      DEFAULT_HUBSPOT_MAPPING,
      { class: 'needs_info', score: 50 },
      { lifecyclestage: 'opportunity' },
    );
    expect(back.some((c) => c.field === 'lifecyclestage')).toBe(false);
  });

  it('honours only_if_empty, disabled lines and the set of properties the CRM has', () => {
    const m = FieldMappingSchema.parse({
      crm: 'hubspot',
      entries: [
        { source: 'class', property: 'x', only_if_empty: true },
        { source: 'score', property: 'y', enabled: false },
      ],
    });
    expect(proposeChanges(m, { class: 'qualified', score: 1 }, { x: 'set' })).toEqual([]);
    expect(
      proposeChanges(DEFAULT_HUBSPOT_MAPPING, { class: 'qualified', score: 1 }, {}, new Set(['hs_lead_status'])).map(
        (c) => c.field,
      ),
    ).toEqual(['hs_lead_status']);
  });

  it('proposes missing custom properties and flags option values the CRM lacks', () => {
    const check = checkMapping(DEFAULT_HUBSPOT_MAPPING, [
      {
        name: 'hs_lead_status',
        label: 's',
        type: 'enumeration',
        field_type: 'radio',
        options: [{ value: 'OPEN', label: 'Open' }],
        read_only: false,
        custom: false,
      },
      {
        name: 'lifecyclestage',
        label: 'l',
        type: 'enumeration',
        field_type: 'radio',
        options: [],
        read_only: false,
        custom: false,
      },
    ]);
    expect(check.create.map((c) => c.name)).toEqual([
      'sales_copilot_score',
      'sales_copilot_budget',
      'sales_copilot_timeline',
    ]);
    expect(check.invalid.map((i) => i.value).sort()).toEqual(['BAD_TIMING', 'IN_PROGRESS', 'UNQUALIFIED']);
  });
});

describe('activity bodies', () => {
  it('hides the idempotency marker in an HTML comment and strips it from text', () => {
    const html = `${textToHtml('Hello <team>\nline 2')}${markerComment('sc0123456789abcdef')}`;
    expect(markerOf(html)).toBe('sc0123456789abcdef');
    expect(htmlToText(html)).toBe('Hello <team>\nline 2');
  });
});
