import type { z } from 'zod';

/** The stored JSON is written by this code only; a mismatch is corruption, hence a throw. */
export function readJson<S extends z.ZodType>(schema: S, text: string | null, what: string): z.output<S> {
  let raw: unknown;
  try {
    raw = text === null ? null : JSON.parse(text);
  } catch {
    throw new Error(`stored ${what} is not valid JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}
