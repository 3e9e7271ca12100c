import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kbApi, type KbDocumentView, type KbSearchHit } from '../../../../src/contract/api/kb.js';
import type { KbIngestReport } from '../../../../src/contract/index.js';
import { createCore, type Core } from '../../../../src/core/createCore.js';
import { kbHandlers } from '../../../../src/core/handlers/kb.js';
import { ageLabel, freshnessOf } from '../../../../src/core/knowledge/freshness.js';
import * as trace from '../../../../src/core/store/trace.js';
import type { Handlers } from '../../../../src/transport/dispatch.js';
import { dispatchCalls } from './dispatchCalls.js';

const DOCS = new URL('../../../fixtures/knowledge/docs/', import.meta.url).pathname;
const DAY = 86_400_000;

const PRICING = `# Pricing

## Team plan

The Team plan costs USD 40 per seat per month and includes SSO with Okta and Azure AD.

## Enterprise

Enterprise adds audit logs, a 99.9% uptime SLA and a named success manager.
`;

describe('kb handlers (Knowledge screen)', () => {
  let dir: string;
  let core: Core;
  let now: Date;
  let handlers: Handlers<typeof kbApi>;
  const { call, callErr } = dispatchCalls(kbApi, () => handlers);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-handlers-'));
    now = new Date('2026-03-02T10:00:00Z');
    core = createCore({ dbPath: join(dir, 'app.db'), clock: () => now });
    handlers = kbHandlers(core.context);
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts empty and adds uploads, reporting each bad file without dropping the good ones', async () => {
    expect(await call('kb.list', {})).toEqual([]);
    const report = await call<KbIngestReport>('kb.add', {
      files: [
        { name: 'pricing.md', content: PRICING },
        { name: 'support-hours.txt', content: readFileSync(join(DOCS, 'support-hours.txt'), 'utf8') },
        { name: 'notes.docx', content: 'binary' },
        { name: 'empty-choice.md' },
        { name: 'bad.pdf', content_base64: '%%% not base64 %%%' },
        { name: 'renewal-terms.pdf', content_base64: readFileSync(join(DOCS, 'renewal-terms.pdf')).toString('base64') },
      ],
    });
    expect(report).toMatchObject({ added: 3, updated: 0, unchanged: 0, failed: 3 });
    const failed = report.outcomes.filter((o) => o.status === 'failed');
    expect(failed.map((o) => [o.source, o.error?.code])).toEqual([
      ['upload/notes.docx', 'unsupported'],
      ['upload/empty-choice.md', 'invalid_input'],
      ['upload/bad.pdf', 'invalid_input'],
    ]);
    for (const f of failed) expect(f.error?.message).toMatch(/notes\.docx|empty-choice\.md|bad\.pdf/);

    const docs = await call<KbDocumentView[]>('kb.list', {});
    expect(docs.map((d) => [d.source, d.format])).toEqual([
      ['upload/pricing.md', 'markdown'],
      ['upload/renewal-terms.pdf', 'pdf'],
      ['upload/support-hours.txt', 'text'],
    ]);
    const pricing = docs[0]!;
    expect(pricing.title).toBe('Pricing');
    expect(pricing.chunk_count).toBeGreaterThan(0);
    expect(pricing.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pricing.bytes).toBe(Buffer.byteLength(PRICING));
    expect(pricing.freshness).toMatchObject({ label: 'updated today', stale: false, age_days: 0 });

    const ev = trace.list(core.context.store, { type: 'kb.uploaded' });
    expect(ev).toHaveLength(1);
    expect(ev[0]!.data).toMatchObject({ added: 3, failed: 3 });
  });

  it('keeps the path out of an upload name, skips unchanged content and updates changed content', async () => {
    const first = await call<KbIngestReport>('kb.add', { files: [{ name: '../../etc/pricing.md', content: PRICING }] });
    expect(first.outcomes[0]).toMatchObject({ source: 'upload/pricing.md', status: 'added' });
    const again = await call<KbIngestReport>('kb.add', { files: [{ name: 'pricing.md', content: PRICING }] });
    expect(again.outcomes[0]!.status).toBe('unchanged');
    const edited = await call<KbIngestReport>('kb.add', {
      files: [{ name: 'pricing.md', content: PRICING.replace('USD 40', 'USD 45') }],
    });
    expect(edited.outcomes[0]!.status).toBe('updated');
    const docs = await call<KbDocumentView[]>('kb.list', {});
    expect(docs).toHaveLength(1);
  });

  it('labels freshness from the content time and flags documents older than 90 days as stale', async () => {
    await call('kb.add', { files: [{ name: 'pricing.md', content: PRICING }] });
    now = new Date(now.getTime() + 3 * DAY);
    let [doc] = await call<KbDocumentView[]>('kb.list', {});
    expect(doc!.freshness).toMatchObject({ label: 'updated 3 days ago', stale: false, age_days: 3 });
    now = new Date(now.getTime() + 97 * DAY);
    [doc] = await call<KbDocumentView[]>('kb.list', {});
    expect(doc!.freshness).toMatchObject({ label: 'updated 3 months ago', stale: true, age_days: 100 });
  });

  it('searches with the heading path and a verbatim citation, and finds nothing once removed', async () => {
    await call('kb.add', { files: [{ name: 'pricing.md', content: PRICING }] });
    const hits = await call<KbSearchHit[]>('kb.search', { query: 'SSO Okta', limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    const top = hits[0]!;
    expect(top.title).toBe('Pricing');
    expect(top.heading_path).toEqual(['Pricing', 'Team plan']);
    expect(top.text).toContain(top.citation.quote);
    expect(top.citation.quote).toMatch(/SSO/);
    expect(top.citation.source).toBe('upload/pricing.md');

    const [doc] = await call<KbDocumentView[]>('kb.list', {});
    expect(await call('kb.remove', { id: doc!.id })).toEqual({ id: doc!.id, removed: true });
    expect(await call('kb.search', { query: 'SSO Okta' })).toEqual([]);
    expect((await callErr('kb.remove', { id: doc!.id })).code).toBe('not_found');
    expect(trace.list(core.context.store, { type: 'kb.removed' })).toHaveLength(1);
  });

  it('refuses an empty query and an empty upload at the boundary', async () => {
    expect((await callErr('kb.search', { query: '   ' })).code).toBe('invalid_input');
    expect((await callErr('kb.add', { files: [] })).code).toBe('invalid_input');
  });

  it('loads the bundled sample knowledge base', async () => {
    const r = await call<KbIngestReport>('kb.loadSample', {});
    expect(r.failed).toBe(0);
    expect(r.added).toBeGreaterThanOrEqual(5);
    const hits = await call<KbSearchHit[]>('kb.search', { query: 'Mixpanel' });
    expect(hits.length).toBeGreaterThan(0);
  });
});

describe('freshness labels', () => {
  it('reads like a person would say it', () => {
    expect([0, 1, 3, 13, 14, 59, 60, 400, 800].map(ageLabel)).toEqual([
      'today',
      'yesterday',
      '3 days ago',
      '13 days ago',
      '2 weeks ago',
      '8 weeks ago',
      '2 months ago',
      '13 months ago',
      '2 years ago',
    ]);
  });

  it("prefers the file's own modification time over the ingest time", () => {
    const now = new Date('2026-03-02T00:00:00Z');
    const f = freshnessOf({ modified_at: '2025-03-02T00:00:00Z', updated_at: '2026-03-01T00:00:00Z' }, now);
    expect(f).toMatchObject({ as_of: '2025-03-02T00:00:00Z', age_days: 365, stale: true });
    expect(freshnessOf({ modified_at: null, updated_at: '2026-03-01T00:00:00Z' }, now).stale).toBe(false);
  });
});
