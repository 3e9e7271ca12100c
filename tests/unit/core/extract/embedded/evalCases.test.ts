import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../../../../src/contract/index.js';
import { extractEmbedded } from '../../../../../src/core/extract/embedded/index.js';
import { parseText } from '../../../../../src/core/intake/text/index.js';
import { allEvidence } from './helpers.js';

interface Case {
  id: string;
  channel: 'email' | 'chat' | 'call_notes' | 'web_form' | 'linkedin';
  received_at: string;
  text: string;
}

const dirs = [new URL('../../../../../../shared/eval/cases/', import.meta.url), new URL('../../../../../tests/fixtures/eval-extra/', import.meta.url)]
  .map((u) => fileURLToPath(u))
  .filter((d) => existsSync(d));
const cases: Case[] = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(d + f, 'utf8')) as Case),
);

describe('every eval case', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: valid extraction, evidence matches its offsets exactly, deterministic', (_id, c) => {
    for (const parsed of [undefined, parseText(c.text, { receivedAt: c.received_at, channel: c.channel })]) {
      const x = extractEmbedded({ text: c.text, receivedAt: c.received_at, parsed });
      ExtractionSchema.parse(x);
      for (const e of allEvidence(x)) {
        expect(e.quote.length).toBeGreaterThan(0);
        expect(c.text.slice(e.start, e.end)).toBe(e.quote);
      }
      // Non-null facts carry evidence; null facts carry none.
      for (const f of [x.facts.budget, x.facts.timeline, x.facts.authority, x.facts.company_size, x.facts.need, x.facts.competitors, x.facts.disqualifier]) {
        if (f.value === null) expect(f.evidence).toEqual([]);
        else expect(f.evidence.length).toBeGreaterThan(0);
      }
      expect(x.facts.custom).toEqual({});
      expect(JSON.stringify(extractEmbedded({ text: c.text, receivedAt: c.received_at, parsed }))).toBe(JSON.stringify(x));
    }
  });
});
