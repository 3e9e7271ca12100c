import { z } from 'zod';
import type { PermissionClass } from '../../contract/agent.js';
import type { Result } from '../../contract/errors.js';
import type { StoreContext } from '../store/context.js';

/** A knowledge-base search the host provides (FTS5 by default); the agent only reads it. */
export type KnowledgeSearch = (query: string, limit: number) => Array<{ title: string; snippet: string }>;

/** What a tool sees when it runs: always one lead, one run. */
export interface ToolContext {
  store: StoreContext;
  leadId: string;
  runId: string;
  /** The original lead text, for evidence checks. */
  text: string;
  knowledge: KnowledgeSearch;
}

/** One tool of the catalog: described zod schemas in and out, and its permission class. */
export interface ToolDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  permission: PermissionClass;
  input: I;
  output: O;
  /** Absent for destructive tools: they cannot run, whatever the policy says. */
  run?: (ctx: ToolContext, args: z.output<I>) => Result<z.input<O>>;
}

/** Keeps the literal schema types of a tool definition. */
export const tool = <I extends z.ZodType, O extends z.ZodType>(def: ToolDef<I, O>): ToolDef<I, O> => def;

export const LeadIdArg = z.string().min(1).describe('id of the current lead (lead_...); other leads are refused');
