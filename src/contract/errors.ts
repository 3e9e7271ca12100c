import { z } from 'zod';

/** Codes of expected failures; each one tells a person what to fix. */
export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'invalid_ruleset',
  'invalid_row',
  'not_found',
  'conflict',
  'stale',
  'duplicate',
  'unsupported',
  'model_error',
  'tool_blocked',
  'crm_error',
  'crm_auth',
  'rate_limited',
  'budget_exceeded',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Where the problem is: a JSON path, a row number, a field name. */
  path: z.array(z.union([z.string(), z.number()])).optional(),
  details: z.unknown().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** Turns zod issues into messages that name the path and the problem. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
}
