import type { Usage } from '../../contract/agent.js';
import type { LlmSettings } from './settings.js';

export const ZERO_USAGE: Usage = { calls: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0 };

/** Cost in USD of one call under the configured prices. */
export function costOf(s: Pick<LlmSettings, 'pricePer1kIn' | 'pricePer1kOut'>, tokensIn: number, tokensOut: number): number {
  return Math.round(((tokensIn / 1000) * s.pricePer1kIn + (tokensOut / 1000) * s.pricePer1kOut) * 1e6) / 1e6;
}

export const addUsage = (a: Usage, b: Usage): Usage => ({
  calls: a.calls + b.calls,
  tokens_in: a.tokens_in + b.tokens_in,
  tokens_out: a.tokens_out + b.tokens_out,
  cost_usd: Math.round((a.cost_usd + b.cost_usd) * 1e6) / 1e6,
});

/** Counts tokens and cost per run and per lead for one batch (bulk qualify, eval). */
export class UsageMeter {
  readonly #byRun = new Map<string, Usage>();
  readonly #byLead = new Map<string, Usage>();
  #total: Usage = ZERO_USAGE;

  record(u: Usage, keys: { runId?: string | null; leadId?: string | null } = {}): void {
    this.#total = addUsage(this.#total, u);
    if (keys.runId) this.#byRun.set(keys.runId, addUsage(this.#byRun.get(keys.runId) ?? ZERO_USAGE, u));
    if (keys.leadId) this.#byLead.set(keys.leadId, addUsage(this.#byLead.get(keys.leadId) ?? ZERO_USAGE, u));
  }
  total(): Usage {
    return this.#total;
  }
  run(id: string): Usage {
    return this.#byRun.get(id) ?? ZERO_USAGE;
  }
  lead(id: string): Usage {
    return this.#byLead.get(id) ?? ZERO_USAGE;
  }
  leads(): Map<string, Usage> {
    return new Map(this.#byLead);
  }
}
