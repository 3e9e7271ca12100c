import { useMemo } from 'react';
import type { CurrentFact, SourceView } from '../../../../src/contract/api/leads.js';
import type { Evidence } from '../../../../src/contract/evidence.js';
import { humanize } from '../../format.js';

export interface Highlight {
  key: string;
  label: string;
  evidence: Evidence[];
}

interface Piece {
  text: string;
  keys: string[];
  title: string;
}

/** Splits the text at every evidence boundary so overlapping quotes still highlight correctly. */
function pieces(text: string, highlights: Highlight[]): Piece[] {
  const spans = highlights.flatMap((h) =>
    h.evidence
      .filter((e) => e.end <= text.length && e.start < e.end && text.slice(e.start, e.end) === e.quote)
      .map((e) => ({ ...e, key: h.key, label: h.label })),
  );
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    out.push({
      text: text.slice(a, b),
      keys: [...new Set(covering.map((s) => s.key))],
      title: covering.map((s) => `${s.label}: “${s.quote}”`).join('\n'),
    });
  }
  return out;
}

/** The source text exactly as stored, with each fact's evidence marked; hovering a mark names the fact and its quote. */
export function SourceText({
  source,
  highlights,
  active,
  onHover,
}: {
  source: SourceView;
  highlights: Highlight[];
  active: string | null;
  onHover(key: string | null): void;
}) {
  const parts = useMemo(() => pieces(source.text, highlights), [source.text, highlights]);
  return (
    <pre className="source-text" aria-label="Source text" tabIndex={0}>
      {parts.map((p, i) =>
        p.keys.length ? (
          <mark
            key={i}
            className={`ev${active && p.keys.includes(active) ? ' is-active' : ''}`}
            title={p.title}
            data-facts={p.keys.join(' ')}
            onMouseEnter={() => onHover(p.keys[0] ?? null)}
            onMouseLeave={() => onHover(null)}
          >
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </pre>
  );
}

/** The highlights of one source: facts that cite it (or the first source when a fact names none). */
export function highlightsFor(
  source: SourceView,
  isFirst: boolean,
  facts: CurrentFact[],
  extra: Highlight[],
): Highlight[] {
  return [
    ...facts
      .filter((f) => f.evidence.length && (f.source_id === source.id || (f.source_id === null && isFirst)))
      .map((f) => ({ key: f.name, label: humanize(f.name), evidence: f.evidence })),
    ...extra,
  ];
}
