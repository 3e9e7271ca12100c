import { describeIssues, err, ok, RulesetSchema, type Result, type Ruleset } from '../../contract/index.js';

/** Parses and checks a ruleset document; errors name each path and problem. */
export function validateRuleset(input: unknown): Result<Ruleset> {
  const parsed = RulesetSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const problems = describeIssues(parsed.error.issues);
  return err('invalid_ruleset', `The ruleset is invalid:\n  ${problems.join('\n  ')}`, {
    details: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}

/** Parses ruleset JSON text; a syntax error is reported with its position. */
export function parseRulesetJson(text: string): Result<Ruleset> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return err('invalid_ruleset', `The ruleset is not valid JSON: ${(e as Error).message}`);
  }
  return validateRuleset(doc);
}
