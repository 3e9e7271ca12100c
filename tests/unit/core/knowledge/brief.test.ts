import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Decision } from '../../../../src/contract/index.js';
import { MeetingBriefSchema } from '../../../../src/contract/index.js';
import { composeBrief } from '../../../../src/core/knowledge/brief/index.js';
import { proposeBriefToCrm } from '../../../../src/core/knowledge/brief/crm.js';
import { checkCitation } from '../../../../src/core/knowledge/citations.js';
import { briefToPdf } from '../../../../src/core/knowledge/export/brief-pdf.js';
import { briefToMarkdown } from '../../../../src/core/knowledge/export/markdown.js';
import { ingestPath } from '../../../../src/core/knowledge/ingest/files.js';
import { leadMemoryEntries, searchLeadMemory, syncLeadMemory } from '../../../../src/core/knowledge/memory/lead.js';
import { getPreferences, setPreferences } from '../../../../src/core/knowledge/memory/preferences.js';
import { SAMPLE_KB_DIR } from '../../../../src/core/knowledge/sample.js';
import { searchBm25 } from '../../../../src/core/knowledge/search/bm25.js';
import { createLlmClient } from '../../../../src/core/llm/client.js';
import { LlmSettingsSchema } from '../../../../src/core/llm/settings.js';
import * as decisions from '../../../../src/core/store/decisions.js';
import * as facts from '../../../../src/core/store/facts.js';
import * as leads from '../../../../src/core/store/leads.js';
import * as proposals from '../../../../src/core/store/proposals.js';
import * as sources from '../../../../src/core/store/sources.js';
import * as trace from '../../../../src/core/store/trace.js';
import { startFakeOpenAi, type FakeOpenAi } from './fakeOpenAi.js';
import { tempStore } from './helpers.js';

const MESSAGE = `Hi, I'm Dana Ruiz, VP Product at Northwind Retail (about 400 employees).
We need to understand where users drop off in our checkout funnel, and we want session replay to see what happens.
We currently use Mixpanel but it gets expensive. EU data residency is a must for our legal team.
Can you send pricing?`;

const quoteOf = (text: string, q: string) => ({ quote: q, start: text.indexOf(q), end: text.indexOf(q) + q.length });

const decision: Decision = {
  classification: {
    class: 'needs_info',
    score: 55,
    reasons: [
      { rule: 'company_size_min', label: 'Company has at least 50 employees', status: 'passed', actual: '400 employees', outcome: 'nurture', evidence: [quoteOf(MESSAGE, 'about 400 employees')] },
      { rule: 'budget_min', label: 'Budget of at least USD 10,000 a year', status: 'unknown', actual: null, outcome: 'nurture', evidence: [] },
    ],
    counterfactual: 'Would be qualified if the budget were at least USD 10,000 a year.',
  },
  missing: [
    { fact: 'budget', question: 'What budget have you set aside for this, and is it per year or per month?', decisive: true },
    { fact: 'timeline', question: 'When would you like to have a solution in place, or make the decision?', decisive: true },
  ],
  escalation: { escalate: false, reasons: [] },
  ruleset_version: 1,
  engine_version: 'rules@1.0.0',
};

let s: ReturnType<typeof tempStore>;
let leadId: string;
let fake: FakeOpenAi;

beforeAll(async () => {
  s = tempStore();
  await ingestPath(s.ctx, SAMPLE_KB_DIR);
  const lead = leads.insert(s.ctx, { source: 'paste', name: 'Dana Ruiz', title: 'VP Product', company: 'Northwind Retail', email: 'dana@northwind.example', owner: 'sam' });
  leadId = lead.id;
  const src = sources.insert(s.ctx, { lead_id: leadId, kind: 'email', text: MESSAGE, received_at: '2026-03-02' });
  facts.insert(s.ctx, { lead_id: leadId, source_id: src.id, name: 'company_size', value: 400, evidence: [quoteOf(MESSAGE, 'about 400 employees')], source: 'embedded' });
  facts.insert(s.ctx, { lead_id: leadId, source_id: src.id, name: 'competitors', value: ['Mixpanel'], evidence: [quoteOf(MESSAGE, 'We currently use Mixpanel')], source: 'embedded' });
  facts.insert(s.ctx, { lead_id: leadId, source_id: src.id, name: 'need', value: 'stated', evidence: [quoteOf(MESSAGE, 'We need to understand where users drop off in our checkout funnel')], source: 'embedded' });
  facts.insert(s.ctx, { lead_id: leadId, source_id: src.id, name: 'authority', value: 'decision_maker', evidence: [], source: 'rep', author: 'sam' });
  decisions.insert(s.ctx, { lead_id: leadId, decision });
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  s.close();
  await fake.close();
});

describe('embedded meeting brief', () => {
  it('has every section, and every citation verifies', async () => {
    const r = await composeBrief(s.ctx, leadId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const b = MeetingBriefSchema.parse(r.value);
    expect(b.composer).toBe('embedded@1');
    expect(b.sections.map((x) => x.title)).toEqual([
      'Who they are', 'Qualification status', 'Agenda', 'Discovery questions', 'Talking points', 'Competitor notes', 'Risks and open escalations', 'Proposed next step',
    ]);
    const sec = (t: string) => b.sections.find((x) => x.title === t)!;
    for (const x of b.sections) for (const it of x.items) for (const c of it.citations) expect(checkCitation(s.ctx, c)).toBeNull();
    // Product statements carry KB citations.
    expect(sec('Talking points').items.length).toBeGreaterThanOrEqual(2);
    for (const it of sec('Talking points').items) expect(it.citations.some((c) => !c.source.startsWith('lead:'))).toBe(true);
    expect(sec('Talking points').items.map((i) => i.text).join(' ')).toMatch(/funnel|replay|residency/i);
    expect(sec('Competitor notes').items.length).toBeGreaterThanOrEqual(1);
    expect(sec('Competitor notes').items.every((i) => i.citations[0]!.source.endsWith('battlecard-mixpanel.md'))).toBe(true);
    expect(sec('Discovery questions').items.map((i) => i.text).join('\n')).toMatch(/budget: What budget/);
    expect(sec('Qualification status').items[0]!.text).toMatch(/needs info, score 55/);
    expect(sec('Who they are').items[0]!.text).toContain('Dana Ruiz, VP Product at Northwind Retail');
    const size = sec('Who they are').items.find((i) => i.text.startsWith('Company size'))!;
    expect(size.citations[0]?.source).toMatch(/^lead:.+\/message\//);
  });

  it('follows the rep preference for brief length', async () => {
    setPreferences(s.ctx, { rep: 'sam', brief_length: 'short' });
    expect(getPreferences(s.ctx, 'sam')).toEqual({ rep: 'sam', brief_length: 'short', draft_language: 'en' });
    const short = await composeBrief(s.ctx, leadId);
    const detailed = await composeBrief(s.ctx, leadId, { length: 'detailed' });
    const n = (b: typeof short) => (b.ok ? b.value.sections.find((x) => x.title === 'Talking points')!.items.length : -1);
    expect(n(short)).toBeLessThanOrEqual(2);
    expect(n(detailed)).toBeGreaterThanOrEqual(n(short));
    expect(getPreferences(s.ctx, 'nobody').brief_length).toBe('standard');
  });

  it('reports a missing lead as not_found', async () => {
    const r = await composeBrief(s.ctx, 'lead_nope');
    expect(!r.ok && r.error.code).toBe('not_found');
  });
});

describe('model-drafted brief', () => {
  it('drops a statement whose quote the model invented, and traces the drop', async () => {
    const hit = searchBm25(s.ctx, 'session replay records what a user saw', { limit: 10 }).find((h) => h.chunk.heading_path.includes('Session replay'))!;
    const good = { source: hit.chunk.source, chunk_id: hit.chunk.id, quote: 'Session replay records what a user saw and did' };
    expect(hit.chunk.text).toContain(good.quote);
    const invented = { source: hit.chunk.source, chunk_id: hit.chunk.id, quote: 'Harbor guarantees a 50% lift in conversion for every customer' };
    const draft = {
      sections: [
        { title: 'Talking points', items: [
          { text: 'Session replay shows what users saw before they dropped off.', citations: [good] },
          { text: 'Harbor guarantees a 50% lift in conversion.', citations: [invented] },
          { text: 'Harbor is the cheapest tool on the market.', citations: [] },
          { text: 'Unknown chunk claim.', citations: [{ source: hit.chunk.source, chunk_id: 'kbc_doesnotexist', quote: 'x' }] },
        ] },
        { title: 'Agenda', items: [{ text: 'Walk through the checkout funnel together.', citations: [] }] },
      ],
    };
    const model = await startFakeOpenAi([JSON.stringify(draft)]);
    try {
      const client = await createLlmClient(LlmSettingsSchema.parse({ provider: 'openai', baseUrl: model.baseUrl, model: 'scripted', maxRetries: 0, redact: false }));
      expect(client.ok).toBe(true);
      if (!client.ok) return;
      const before = trace.list(s.ctx, { lead_id: leadId, type: 'citation_dropped' }).length;
      const r = await composeBrief(s.ctx, leadId, { llm: client.value });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.composer).toBe('model:scripted');
      const talking = r.value.sections.find((x) => x.title === 'Talking points')!;
      expect(talking.items.map((i) => i.text)).toEqual(['Session replay shows what users saw before they dropped off.']);
      expect(r.value.sections.find((x) => x.title === 'Agenda')!.items[0]!.text).toBe('Walk through the checkout funnel together.');
      const drops = trace.list(s.ctx, { lead_id: leadId, type: 'citation_dropped' }).slice(before);
      expect(drops).toHaveLength(3);
      expect(drops.map((d) => d.data['text'])).toContain('Harbor guarantees a 50% lift in conversion.');
      const inventedDrop = drops.find((d) => d.data['text'] === 'Harbor guarantees a 50% lift in conversion.')!;
      expect(JSON.stringify(inventedDrop.data['problems'])).toContain('quote_not_found');
      expect(r.value.dropped).toBeGreaterThanOrEqual(3);
      // The model saw the lead data only inside the delimited DATA block.
      const sent = JSON.stringify(model.requests[0]?.body);
      expect(sent).toContain('<DATA>');
    } finally {
      await model.close();
    }
  });

  it('falls back to the embedded brief when the model answers garbage', async () => {
    const model = await startFakeOpenAi(['not json']);
    try {
      const client = await createLlmClient(LlmSettingsSchema.parse({ provider: 'openai', baseUrl: model.baseUrl, model: 'scripted', maxRetries: 0 }));
      if (!client.ok) throw new Error(client.error.message);
      const r = await composeBrief(s.ctx, leadId, { llm: client.value });
      expect(r.ok && r.value.composer).toBe('embedded@1');
      expect(trace.list(s.ctx, { lead_id: leadId, type: 'brief_model_failed' }).length).toBeGreaterThan(0);
    } finally {
      await model.close();
    }
  });
});

describe('export and CRM', () => {
  it('exports Markdown with footnotes and a PDF whose text reads back', async () => {
    const r = await composeBrief(s.ctx, leadId, { length: 'standard' });
    if (!r.ok) throw new Error(r.error.message);
    const md = briefToMarkdown(r.value, 'Meeting brief: Northwind Retail');
    expect(md).toMatch(/^# Meeting brief: Northwind Retail/);
    expect(md).toContain('## Talking points');
    expect(md).toMatch(/\[\^1\]: .+\(kbc_|\[\^1\]: lead:/);
    const pdf = briefToPdf(r.value, 'Meeting brief: Northwind Retail');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain('Meeting brief: Northwind Retail');
    expect(text).toContain('Talking points');
  });

  it('"Add to CRM" creates a pending proposal', async () => {
    const r = await composeBrief(s.ctx, leadId);
    if (!r.ok) throw new Error(r.error.message);
    const p = proposeBriefToCrm(s.ctx, r.value, { as: 'task', due_at: '2026-03-05T09:00:00Z' });
    expect(p.ok && p.value.status).toBe('pending');
    expect(p.ok && p.value.kind).toBe('task');
    const note = proposeBriefToCrm(s.ctx, r.value, { as: 'meeting_note' });
    expect(note.ok && note.value.kind).toBe('meeting_brief');
    expect(proposals.list(s.ctx, { lead_id: leadId, status: 'pending' })).toHaveLength(2);
  });
});

describe('lead memory', () => {
  it('remembers messages, decisions, corrections and proposals, searchable in the lead scope only', () => {
    syncLeadMemory(s.ctx, leadId);
    const kinds = new Set(leadMemoryEntries(s.ctx, leadId).map((e) => e.kind));
    expect(kinds).toEqual(new Set(['message', 'decision', 'correction', 'proposal']));
    const r = searchLeadMemory(s.ctx, leadId, 'EU data residency legal');
    expect(r.ok && r.value[0]?.chunk.source).toMatch(/^lead:.+\/message\//);
    expect(r.ok && r.value.every((x) => x.chunk.scope === `lead:${leadId}`)).toBe(true);
    const corr = searchLeadMemory(s.ctx, leadId, 'rep correction authority');
    expect(corr.ok && corr.value[0]?.chunk.text).toMatch(/Rep correction by sam: authority set to decision_maker/);
    // The shared knowledge base never returns lead memory.
    expect(searchBm25(s.ctx, 'Northwind checkout').every((x) => x.chunk.scope === 'kb')).toBe(true);
    const second = syncLeadMemory(s.ctx, leadId);
    expect(second.changed).toBe(0);
  });
});
