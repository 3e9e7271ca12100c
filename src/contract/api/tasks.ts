import { z } from 'zod';
import { ProgressEventSchema, method } from './define.js';

export const tasksApi = {
  'tasks.list': method(
    'Background tasks still known to the core (bulk qualify, sync).',
    z.object({}),
    z.array(ProgressEventSchema),
  ),
  'tasks.cancel': method(
    'Asks a background task to stop after the current item.',
    z.object({ task_id: z.string().min(1) }),
    z.object({ cancelled: z.boolean() }),
  ),
  'app.info': method(
    'Version and capabilities of the host, for the status bar and Settings.',
    z.object({}),
    z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser', 'test']),
      missing: z.array(z.string()),
      lead_count: z.number().int(),
    }),
  ),
} as const;
