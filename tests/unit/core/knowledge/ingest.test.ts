import { copyFileSync, cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunkText } from '../../../../src/core/knowledge/chunk.js';
import { chunksOf, documentText, getChunk, listDocuments, removeDocument } from '../../../../src/core/knowledge/documents.js';
import { ingestFile, ingestPath } from '../../../../src/core/knowledge/ingest/files.js';
import { htmlToText } from '../../../../src/core/knowledge/ingest/html.js';
import { SAMPLE_KB_DIR } from '../../../../src/core/knowledge/sample.js';
import { searchBm25 } from '../../../../src/core/knowledge/search/bm25.js';
import { FIXTURES, tempStore } from './helpers.js';

let s: ReturnType<typeof tempStore>;
beforeEach(() => (s = tempStore()));
afterEach(() => s.close());

const docsDir = join(FIXTURES, 'docs');
const byName = (name: string) => listDocuments(s.ctx).find((d) => basename(d.source) === name);

describe('chunking', () => {
  it('keeps heading paths and offsets that slice back to the chunk text', () => {
    const text = '# Title\n\nIntro paragraph.\n\n## Part A\n\nFirst.\n\nSecond.\n\n### Deeper\n\nDeep text.\n\n## Part B\n\n```\n# not a heading\n```\n';
    const chunks = chunkText(text);
    expect(chunks.map((c) => c.heading_path)).toEqual([['Title'], ['Title', 'Part A'], ['Title', 'Part A', 'Deeper'], ['Title', 'Part B']]);
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(chunks[1]!.text).toBe('First.\n\nSecond.');
  });

  it('splits an over-long paragraph at sentence ends', () => {
    const para = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about funnels.`).join(' ');
    const chunks = chunkText(para, { maxChars: 300 });
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(300);
      expect(para.slice(c.start, c.end)).toBe(c.text);
    }
  });
});

describe('ingest', () => {
  it('reads Markdown, text, HTML and PDF; a malformed PDF fails clearly and the rest still goes in', async () => {
    const r = await ingestPath(s.ctx, docsDir);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const status = Object.fromEntries(r.value.outcomes.map((o) => [basename(o.source), o.status]));
    expect(status).toEqual({ 'broken.pdf': 'failed', 'integrations.html': 'added', 'onboarding.md': 'added', 'renewal-terms.pdf': 'added', 'support-hours.txt': 'added' });
    const broken = r.value.outcomes.find((o) => o.source.endsWith('broken.pdf'))!;
    expect(broken.error?.message).toMatch(/broken\.pdf could not be read as a PDF/);
    expect(r.value.failed).toBe(1);
    expect(r.value.added).toBe(4);

    expect(byName('renewal-terms.pdf')?.format).toBe('pdf');
    expect(byName('renewal-terms.pdf')?.title).toBe('Renewal terms');
    const pdfHit = searchBm25(s.ctx, 'renewal price increase', { limit: 1 })[0];
    expect(pdfHit?.chunk.source).toMatch(/renewal-terms\.pdf$/);
    expect(pdfHit?.chunk.text).toContain('at most 5% a year');

    const html = byName('integrations.html')!;
    expect(html.title).toBe('Integrations & connectors');
    const htmlChunks = chunksOf(s.ctx, html.id);
    expect(htmlChunks.some((c) => c.heading_path.join('>') === 'Integrations & connectors>CRM')).toBe(true);
    expect(htmlChunks.map((c) => c.text).join(' ')).not.toContain('not text');

    const md = byName('onboarding.md')!;
    const mdChunks = chunksOf(s.ctx, md.id);
    expect(mdChunks.map((c) => c.heading_path.at(-1))).toEqual(['Onboarding guide', 'Tracking plan workshop', 'First dashboards']);
    const text = documentText(s.ctx, md.id)!;
    for (const c of mdChunks) expect(text.slice(c.start, c.end)).toBe(c.text);

    expect(byName('support-hours.txt')?.format).toBe('text');
  });

  it('skips unchanged documents by hash and replaces the chunks of a changed one', async () => {
    const dir = join(s.dir, 'kb');
    cpSync(docsDir, dir, { recursive: true });
    await ingestPath(s.ctx, dir);
    const again = await ingestPath(s.ctx, dir);
    expect(again.ok && again.value.unchanged).toBe(4);

    const file = join(dir, 'onboarding.md');
    const before = chunksOf(s.ctx, byName('onboarding.md')!.id);
    writeFileSync(file, '# Onboarding guide\n\nKickoff happens on day one with a named solutions engineer.\n');
    const o = await ingestFile(s.ctx, file);
    expect(o.status).toBe('updated');
    const after = chunksOf(s.ctx, byName('onboarding.md')!.id);
    expect(after).toHaveLength(1);
    expect(getChunk(s.ctx, before[1]!.id)).toBeNull();
    expect(searchBm25(s.ctx, 'tracking plan workshop').some((r) => r.chunk.source === file)).toBe(false);
    expect(searchBm25(s.ctx, 'kickoff day one')[0]?.chunk.source).toBe(file);
  });

  it('removes a document with its chunks and index entries', async () => {
    await ingestFile(s.ctx, join(docsDir, 'support-hours.txt'));
    const doc = byName('support-hours.txt')!;
    expect(searchBm25(s.ctx, 'hotline')).toHaveLength(1);
    expect(removeDocument(s.ctx, doc.id)).toBe(true);
    expect(searchBm25(s.ctx, 'hotline')).toHaveLength(0);
    expect(removeDocument(s.ctx, doc.id)).toBe(false);
  });

  it('reports unsupported files, missing paths and non-PDF bytes with a .pdf name', async () => {
    expect((await ingestFile(s.ctx, join(docsDir, 'ignored.csv'))).error?.code).toBe('unsupported');
    const missing = await ingestPath(s.ctx, join(s.dir, 'nope'));
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const fake = join(s.dir, 'fake.pdf');
    copyFileSync(join(docsDir, 'support-hours.txt'), fake);
    const o = await ingestFile(s.ctx, fake);
    expect(o.status).toBe('failed');
    expect(o.error?.message).toMatch(/is not a PDF/);
  });

  it('ingests the whole sample knowledge base', async () => {
    const r = await ingestPath(s.ctx, SAMPLE_KB_DIR);
    expect(r.ok && r.value.failed).toBe(0);
    expect(listDocuments(s.ctx)).toHaveLength(9);
    expect(listDocuments(s.ctx).some((d) => d.format === 'html')).toBe(true);
  });
});

describe('html', () => {
  it('turns headings into # lines and decodes entities', () => {
    const h = htmlToText('<h2>A &amp; B</h2><p>x&nbsp;y &#8364;5</p><table><tr><td>a</td><td>b</td></tr></table>');
    expect(h.text).toContain('## A & B');
    expect(h.text).toContain('x y €5');
    expect(h.text).toContain('a | b');
  });
});
