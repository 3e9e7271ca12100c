import { describeIssues, type AppError } from '../contract/index.js';
import type { ApiSpec, Envelope, OutputOf, ParsedInputOf } from '../contract/api/define.js';

/** What a handler returns: data, or an expected failure as a value. */
export type HandlerResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

export type Handlers<S extends ApiSpec> = {
  [K in keyof S]: (input: ParsedInputOf<S, K>) => Promise<HandlerResult<OutputOf<S, K>>> | HandlerResult<OutputOf<S, K>>;
};

/**
 * The one path every host takes into the core: validate the input, run the handler, validate
 * the output, wrap it in the envelope. A bug (a thrown exception, an output that breaks its
 * schema) becomes an `internal` error instead of crashing the host.
 */
export async function dispatch<S extends ApiSpec>(spec: S, handlers: Handlers<S>, name: string, raw: unknown): Promise<Envelope> {
  const m = Object.prototype.hasOwnProperty.call(spec, name) ? spec[name] : undefined;
  if (!m) return { ok: false, error: { code: 'not_found', message: `Unknown API call "${name}"` } };
  const input = m.input.safeParse(raw ?? {});
  if (!input.success) {
    return { ok: false, error: { code: 'invalid_input', message: `${name}: ${describeIssues(input.error.issues).join('; ')}` } };
  }
  try {
    const handler = handlers[name as keyof S] as (i: unknown) => Promise<HandlerResult<unknown>> | HandlerResult<unknown>;
    const r = await handler(input.data);
    if (!r.ok) return { ok: false, error: r.error };
    const out = m.output.safeParse(r.value);
    if (!out.success) {
      return { ok: false, error: { code: 'internal', message: `${name} produced an invalid result: ${describeIssues(out.error.issues).join('; ')}` } };
    }
    return { ok: true, data: out.data };
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `${name} failed: ${(e as Error).message}` } };
  }
}
