import { readFileSync } from 'node:fs';
import { extractEmbedded } from '../../src/core/extract/embedded/index.js';
import { parseText } from '../../src/core/intake/text/index.js';
for (const f of process.argv.slice(2)) {
  const c = JSON.parse(readFileSync(f, 'utf8'));
  const parsed = parseText(c.text);
  const x = extractEmbedded({ text: c.text, receivedAt: c.received_at, parsed });
  console.log('==', c.id, 'segments:', parsed.segments.map((s: any) => s.role + ':' + JSON.stringify(c.text.slice(s.start, s.end).slice(0, 40))).join(' | '));
  for (const k of ['budget', 'timeline', 'authority', 'company_size', 'disqualifier'] as const) {
    const fct: any = (x.facts as any)[k];
    console.log(' ', k, JSON.stringify(fct.value), fct.evidence.map((e: any) => e.quote).join(' || '));
  }
}
