import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssues, err, EvalCaseSchema, ok, type EvalCase, type Result } from '../../contract/index.js';

export { EvalCaseSchema, type EvalCase } from '../../contract/index.js';

/** Loads every `*.json` case of a folder, sorted by file name; a bad file is an error naming it. */
export function loadCases(dir: string): Result<EvalCase[]> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    return err('not_found', `Cannot read the case folder ${dir}: ${(e as Error).message}`);
  }
  if (!names.length) return err('invalid_input', `No *.json cases in ${dir}`);
  const cases: EvalCase[] = [];
  for (const n of names) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, n), 'utf8'));
    } catch (e) {
      return err('invalid_input', `${n}: not valid JSON (${(e as Error).message})`);
    }
    const parsed = EvalCaseSchema.safeParse(doc);
    if (!parsed.success) return err('invalid_input', `${n}: ${describeIssues(parsed.error.issues).join('; ')}`);
    cases.push(parsed.data);
  }
  return ok(cases);
}
