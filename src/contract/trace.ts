import { z } from 'zod';

/**
 * Event types the agent writes to the append-only trace; the metrics read only these names,
 * so a new type must be added here first.
 */
export const AgentTraceTypeSchema = z.enum([
  'run_started',
  'step',
  'model_call',
  'model_failure',
  'recovery',
  'evidence_invalid',
  'merge_disagreement',
  'tool_call',
  'tool_blocked',
  'escalation',
  'proposal_created',
  'proposal_approved',
  'proposal_edited',
  'proposal_rejected',
  'proposal_stale',
  'writeback',
  'writeback_skipped',
  'fact_corrected',
  'run_finished',
]);
export type AgentTraceType = z.infer<typeof AgentTraceTypeSchema>;

/** The steps of one run, in order (DESIGN.md "The execution loop"). */
export const AgentStepSchema = z.enum(['interpret', 'extract', 'merge', 'decide', 'tools', 'propose', 'next_action']);
export type AgentStep = z.infer<typeof AgentStepSchema>;
