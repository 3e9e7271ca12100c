import type { Facts, QualifyResult } from '../../contract/index.js';
import type { CompiledRuleset } from '../rules/evaluate.js';

export type RulesWithId = CompiledRuleset & { rulesetId: string };

/** The facts as `qualify --json` prints them: value, evidence and source per name. */
export function factsView(facts: Facts): QualifyResult['facts'] {
  const out: QualifyResult['facts'] = {};
  for (const [name, f] of Object.entries(facts)) {
    if (name === 'custom') continue;
    const fact = f as Facts['budget'];
    out[name] = { value: fact.value, evidence: fact.evidence, source: fact.source };
  }
  for (const [name, f] of Object.entries(facts.custom)) out[`custom.${name}`] = { value: f.value, evidence: f.evidence, source: f.source };
  return out;
}
