import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crmMappingApi, type CrmMappingCheck, type CrmMappingView } from '../../../../src/contract/api/crmMapping.js';
import type { FieldMappingEntry } from '../../../../src/contract/index.js';
import { createCore, type Core } from '../../../../src/core/createCore.js';
import { HUBSPOT_TOKEN_KEY } from '../../../../src/core/secrets.js';
import { saveConnection } from '../../../../src/core/crm/state.js';
import { crmMappingHandlers } from '../../../../src/core/handlers/crmMapping.js';
import * as trace from '../../../../src/core/store/trace.js';
import type { Handlers } from '../../../../src/transport/dispatch.js';
import { dispatchCalls } from './dispatchCalls.js';

const line = (source: string, property: string, extra: Partial<FieldMappingEntry> = {}) => ({
  source,
  property,
  ...extra,
});

/** A HubSpot stand-in on loopback: the contact properties, and a log of every property creation. */
async function fakeHubSpot(): Promise<{
  url: string;
  created: Array<Record<string, unknown>>;
  close(): Promise<void>;
}> {
  const props: Array<Record<string, unknown>> = [
    { name: 'email', label: 'Email', type: 'string', fieldType: 'text', options: [], hubspotDefined: true },
    {
      name: 'hs_lead_status',
      label: 'Lead status',
      type: 'enumeration',
      fieldType: 'select',
      hubspotDefined: true,
      options: ['NEW', 'OPEN', 'IN_PROGRESS', 'UNQUALIFIED', 'BAD_TIMING'].map((v) => ({ label: v, value: v })),
    },
    {
      name: 'lifecyclestage',
      label: 'Lifecycle stage',
      type: 'enumeration',
      fieldType: 'select',
      hubspotDefined: true,
      options: ['subscriber', 'lead', 'salesqualifiedlead', 'customer'].map((v) => ({ label: v, value: v })),
    },
  ];
  const created: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Bearer pat-test-token') {
        res.statusCode = 401;
        return res.end(JSON.stringify({ status: 'error', message: 'bad token', category: 'INVALID_AUTHENTICATION' }));
      }
      if (req.url === '/crm/v3/properties/contacts' && req.method === 'GET')
        return res.end(JSON.stringify({ results: props }));
      if (req.url === '/crm/v3/properties/contacts' && req.method === 'POST') {
        const p = JSON.parse(body) as Record<string, unknown>;
        created.push(p);
        const prop = { ...p, hubspotDefined: false };
        props.push(prop);
        res.statusCode = 201;
        return res.end(JSON.stringify(prop));
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ status: 'error', message: 'not found', category: 'OBJECT_NOT_FOUND' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    created,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('CRM field mapping handlers (Settings)', () => {
  let dir: string;
  let core: Core;
  let handlers: Handlers<typeof crmMappingApi>;
  const { call, callErr } = dispatchCalls(crmMappingApi, () => handlers);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-mapping-'));
    core = createCore({ dbPath: join(dir, 'app.db'), clock: () => new Date('2026-03-02T10:00:00Z') });
    handlers = crmMappingHandlers(core.context);
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the built-in mapping and what a line can read', async () => {
    const v = await call<CrmMappingView>('crm.mapping.get', {});
    expect(v).toMatchObject({ kind: 'local', is_default: true, updated_at: null });
    expect(v.mapping.entries.map((e) => e.property)).toEqual([
      'hs_lead_status',
      'lifecyclestage',
      'sales_copilot_score',
      'sales_copilot_budget',
      'sales_copilot_timeline',
    ]);
    expect(v.sources.find((s) => s.value === 'class')?.values).toEqual([
      'qualified',
      'needs_info',
      'nurture',
      'disqualified',
    ]);
    expect(v.sources.map((s) => s.value)).toEqual(
      expect.arrayContaining(['score', 'budget', 'authority', 'company_size']),
    );
  });

  it('saves a valid mapping, audits it, and resets to the default', async () => {
    const entries = [
      line('class', 'hs_lead_status', { values: { qualified: 'IN_PROGRESS', disqualified: 'UNQUALIFIED' } }),
      line('authority', 'sales_copilot_authority'),
      line('score', 'sales_copilot_score', { enabled: false }),
      line('score', 'sales_copilot_score'),
    ];
    const saved = await call<CrmMappingView>('crm.mapping.set', { entries });
    expect(saved.is_default).toBe(false);
    expect(saved.updated_at).toBe('2026-03-02T10:00:00.000Z');
    expect(saved.mapping.entries).toHaveLength(4);
    expect(saved.mapping.entries[1]).toMatchObject({
      source: 'authority',
      values: {},
      only_if_empty: false,
      enabled: true,
    });
    expect((await call<CrmMappingView>('crm.mapping.get', {})).mapping).toEqual(saved.mapping);
    expect(trace.list(core.context.store, { type: 'crm.mapping_saved' })).toHaveLength(1);

    const reset = await call<CrmMappingView>('crm.mapping.reset', {});
    expect(reset.is_default).toBe(true);
    expect(reset.mapping.entries).toHaveLength(5);
  });

  it('refuses a mapping that would write nothing or write twice, naming the line', async () => {
    const cases: Array<[unknown[], string, Array<string | number>]> = [
      [[line('favourite_colour', 'sales_copilot_colour')], 'not something a decision has', ['entries', 0, 'source']],
      [[line('score', 'Score Field')], 'not a CRM property name', ['entries', 0, 'property']],
      [
        [line('class', 'hs_lead_status', { values: { hot: 'OPEN' } })],
        '"hot" is not a class',
        ['entries', 0, 'values', 'hot'],
      ],
      [
        [line('class', 'hs_lead_status', { values: { qualified: ' ' } })],
        'is empty',
        ['entries', 0, 'values', 'qualified'],
      ],
      [
        [line('score', 'sales_copilot_score'), line('budget', 'sales_copilot_score')],
        'Lines 1 and 2 both write',
        ['entries', 1, 'property'],
      ],
    ];
    for (const [entries, message, path] of cases) {
      const e = await callErr('crm.mapping.set', { entries });
      expect(e.code).toBe('invalid_input');
      expect(e.message).toContain(message);
      expect(e.path).toEqual(path);
    }
    expect((await call<CrmMappingView>('crm.mapping.get', {})).is_default).toBe(true);
  });

  it('on the local CRM, proposes a missing custom property but cannot create it', async () => {
    await call('crm.mapping.set', {
      entries: [line('score', 'sales_copilot_score'), line('need', 'sales_copilot_need')],
    });
    const c = await call<CrmMappingCheck>('crm.mapping.check', {});
    expect(c.kind).toBe('local');
    expect(c.create.map((p) => p.name)).toEqual(['sales_copilot_need']);
    expect(c.can_create).toBe(false);
    expect(c.note).toMatch(/HubSpot/);
    const e = await callErr('crm.mapping.createProperty', { name: 'sales_copilot_need' });
    expect(e.code).toBe('unsupported');
  });

  describe('with HubSpot connected', () => {
    let hs: Awaited<ReturnType<typeof fakeHubSpot>>;
    beforeEach(async () => {
      hs = await fakeHubSpot();
      saveConnection(core.context.store, 'hubspot', hs.url);
      core.context.secrets.set(HUBSPOT_TOKEN_KEY, 'pat-test-token');
    });
    afterEach(() => hs.close());

    it('proposes the missing custom properties and creates one only when asked, once', async () => {
      const c = await call<CrmMappingCheck>('crm.mapping.check', {});
      expect(c.kind).toBe('hubspot');
      expect(c.can_create).toBe(true);
      expect(c.create.map((p) => [p.name, p.type])).toEqual([
        ['sales_copilot_score', 'number'],
        ['sales_copilot_budget', 'string'],
        ['sales_copilot_timeline', 'string'],
      ]);
      expect(c.invalid).toEqual([]);
      // Checking never creates anything.
      expect(hs.created).toEqual([]);

      const r = await call<{ kind: string; created: { name: string } }>('crm.mapping.createProperty', {
        name: 'sales_copilot_score',
      });
      expect(r).toMatchObject({ kind: 'hubspot', created: { name: 'sales_copilot_score' } });
      expect(hs.created).toEqual([
        expect.objectContaining({
          name: 'sales_copilot_score',
          type: 'number',
          fieldType: 'number',
          groupName: 'contactinformation',
        }),
      ]);
      expect(trace.list(core.context.store, { type: 'crm.property_created' })).toHaveLength(1);

      const after = await call<CrmMappingCheck>('crm.mapping.check', {});
      expect(after.create.map((p) => p.name)).toEqual(['sales_copilot_budget', 'sales_copilot_timeline']);
      // Already there now: a second click is a conflict, not a second property.
      expect((await callErr('crm.mapping.createProperty', { name: 'sales_copilot_score' })).code).toBe('conflict');
      expect(hs.created).toHaveLength(1);
    });

    it('refuses to create a property the mapping does not need', async () => {
      const e = await callErr('crm.mapping.createProperty', { name: 'anything_else' });
      expect(e.code).toBe('conflict');
      expect(hs.created).toEqual([]);
    });

    it('reports option values HubSpot would refuse', async () => {
      await call('crm.mapping.set', { entries: [line('class', 'hs_lead_status', { values: { qualified: 'HOT' } })] });
      const c = await call<CrmMappingCheck>('crm.mapping.check', {});
      expect(c.invalid).toEqual([expect.objectContaining({ property: 'hs_lead_status', value: 'HOT' })]);
    });
  });
});
