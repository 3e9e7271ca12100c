import { readFileSync } from 'node:fs';
import { err, type AppError, type Result, type Ruleset } from '../contract/index.js';
import { DEFAULT_RULESET } from '../core/rules/defaultRuleset.js';
import { parseRulesetJson } from '../core/rules/validate.js';

/** Prints data: JSON when asked, text otherwise. */
export function print(data: unknown, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${String(data)}\n`);
}

/** Reports an expected failure the way a person can act on it, and sets exit code 2. */
export function fail(e: AppError): void {
  process.stderr.write(`error (${e.code}): ${e.message}\n`);
  process.exitCode = 2;
}

/** Reads a ruleset file given on the command line, or the built-in default. */
export function loadRulesetOption(file: string | undefined): Result<Ruleset> {
  if (!file) return { ok: true, value: DEFAULT_RULESET };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return err('not_found', `Cannot read the ruleset ${file}: ${(e as Error).message}`);
  }
  return parseRulesetJson(text);
}

/** Reads a file argument, or standard input for "-". */
export function readInput(file: string): Result<{ text: string; name: string }> {
  try {
    if (file === '-') return { ok: true, value: { text: readFileSync(0, 'utf8'), name: 'stdin' } };
    return { ok: true, value: { text: readFileSync(file, 'utf8'), name: file } };
  } catch (e) {
    return err('not_found', `Cannot read ${file}: ${(e as Error).message}`);
  }
}
