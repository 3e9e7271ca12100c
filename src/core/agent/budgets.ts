import { z } from 'zod';

/** Caps of one run; hitting one ends the model part and the run finishes on embedded facts. */
export const AgentBudgetsSchema = z.object({
  maxSteps: z.number().int().min(1).max(100).default(12).describe('tool calls per run'),
  maxTokens: z.number().int().min(100).default(16_000).describe('prompt + completion tokens per run'),
  maxWallMs: z.number().int().min(100).default(60_000).describe('wall time of the whole run'),
});
export type AgentBudgets = z.infer<typeof AgentBudgetsSchema>;
