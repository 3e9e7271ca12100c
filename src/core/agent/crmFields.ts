/** CRM fields the agent may propose changes to (the local CRM's qualification block). */
export const CRM_FIELDS = [
  'qualification_class',
  'qualification_score',
  'budget',
  'timeline_months',
  'authority',
  'company_size',
  'need',
  'competitors',
  'escalation',
  'next_step',
] as const;
export type CrmField = (typeof CRM_FIELDS)[number];

/** Only the rules engine sets these; a model proposing them is blocked (`model_sets_class`). */
export const DECISION_FIELDS: readonly CrmField[] = ['qualification_class', 'qualification_score', 'escalation'];

/** What a model's propose_crm_update may touch: facts backed by quotes, and the next step. */
export const MODEL_WRITABLE_FIELDS: readonly CrmField[] = CRM_FIELDS.filter((f) => !DECISION_FIELDS.includes(f));
