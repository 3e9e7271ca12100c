import { z } from 'zod';
import { AppErrorSchema } from '../errors.js';

/** One API call: the zod schemas of its input and output. */
export interface MethodSpec<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  input: I;
  output: O;
  /** One line for people reading the API. */
  summary: string;
}

export type ApiSpec = Record<string, MethodSpec>;

/** Declares a method; keeps the literal schema types for inference. */
export const method = <I extends z.ZodTypeAny, O extends z.ZodTypeAny>(summary: string, input: I, output: O): MethodSpec<I, O> => ({
  summary,
  input,
  output,
});

export type InputOf<S extends ApiSpec, K extends keyof S> = z.input<S[K]['input']>;
export type ParsedInputOf<S extends ApiSpec, K extends keyof S> = z.output<S[K]['input']>;
export type OutputOf<S extends ApiSpec, K extends keyof S> = z.output<S[K]['output']>;

/** The wire envelope every transport (IPC, HTTP, in-process) carries. */
export const EnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorSchema }),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** Progress of long work (bulk qualify, import, sync), pushed as an event. */
export const ProgressEventSchema = z.object({
  task_id: z.string(),
  kind: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  eta_ms: z.number().nullable(),
  message: z.string().default(''),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

/** Events the core pushes to every connected client. */
export const EventSchemas = {
  progress: ProgressEventSchema,
  changed: z.object({ topic: z.enum(['leads', 'proposals', 'rules', 'knowledge', 'crm', 'settings']), ids: z.array(z.string()).default([]) }),
} as const;
export type EventName = keyof typeof EventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof EventSchemas)[E]>;
