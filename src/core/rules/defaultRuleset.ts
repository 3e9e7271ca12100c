import type { Ruleset } from '../../contract/index.js';

/**
 * The reference policy of the evaluation SPEC (Harbor Analytics), as the ruleset a new
 * install starts from. Managers edit copies of it; this object is never mutated.
 */
export const DEFAULT_RULESET: Ruleset = {
  name: 'Harbor Analytics reference policy',
  description:
    'Qualified: budget >= USD 10,000 a year, timeline <= 6 months, a decision maker or influencer, 50+ employees and a stated need.',
  base_currency: 'USD',
  // Exactly the reference policy's fixed rates. A budget in any other currency cannot be
  // normalised, so it counts as unknown and the rep is asked for it in a listed currency; a
  // manager who wants more currencies adds their rates in a draft and publishes it.
  currency_rates: {
    USD: 1,
    EUR: 1.08,
    GBP: 1.27,
    CAD: 0.73,
    AUD: 0.66,
  },
  period_multipliers: { year: 1, month: 12, quarter: 4, one_off: 1 },
  required: ['budget', 'timeline', 'authority', 'company_size', 'need'],
  unknown_values: { authority: ['unknown', 'end_user'], need: ['unclear'] },
  disqualifiers: ['spam', 'personal', 'too_small', 'no_budget', 'competitor', 'job_seeker', 'vendor_pitch', 'wrong_recipient'],
  rules: [
    {
      id: 'company_size_floor',
      label: 'Company has at least 10 employees',
      fact: 'company_size',
      op: '>=',
      value: 10,
      outcome: 'disqualified',
      weight: 0,
    },
    {
      id: 'budget_min',
      label: 'Budget of at least USD 10,000 a year',
      fact: 'budget_annual',
      op: '>=',
      value: 10000,
      outcome: 'nurture',
      weight: 30,
    },
    {
      id: 'timeline_max',
      label: 'Decision within 6 months',
      fact: 'timeline_months',
      op: '<=',
      value: 6,
      outcome: 'nurture',
      weight: 20,
    },
    {
      id: 'company_size_min',
      label: 'Company has at least 50 employees',
      fact: 'company_size',
      op: '>=',
      value: 50,
      outcome: 'nurture',
      weight: 15,
    },
    {
      id: 'authority',
      label: 'Talking to a decision maker or influencer',
      fact: 'authority',
      op: 'in',
      value: ['decision_maker', 'influencer'],
      outcome: 'needs_info',
      weight: 20,
    },
    {
      id: 'need_stated',
      label: 'A need is stated',
      fact: 'need',
      op: '==',
      value: 'stated',
      outcome: 'needs_info',
      weight: 15,
    },
  ],
  class_order: ['disqualified', 'nurture', 'needs_info', 'qualified'],
  questions: {
    budget: 'What budget have you set aside for this, and is it per year or per month?',
    timeline: 'When would you like to have a solution in place, or make the decision?',
    authority: 'Who else is involved in choosing and signing off on a tool like this?',
    company_size: 'Roughly how many people work at your company?',
    need: 'What problem are you hoping to solve with product analytics?',
  },
  escalation: {
    triggers: ['cancellation', 'refund', 'payment', 'legal', 'discount', 'frustration', 'security', 'suspicious_instructions'],
    discount_max_pct: 15,
  },
  tool_policy: {
    new_inquiry: ['get_lead', 'search_leads', 'search_knowledge', 'get_crm_record', 'propose_crm_update', 'propose_task', 'propose_followup_email', 'propose_meeting_brief', 'escalate_to_human'],
    pricing: ['get_lead', 'search_knowledge', 'get_crm_record', 'propose_crm_update', 'propose_task', 'propose_followup_email', 'escalate_to_human'],
    demo: ['get_lead', 'search_knowledge', 'get_crm_record', 'propose_crm_update', 'propose_task', 'propose_followup_email', 'propose_meeting_brief', 'escalate_to_human'],
    renewal: ['get_lead', 'search_knowledge', 'get_crm_record', 'propose_crm_update', 'propose_task', 'propose_followup_email', 'escalate_to_human'],
    support: ['get_lead', 'search_knowledge', 'get_crm_record', 'propose_task', 'escalate_to_human'],
    cancellation: ['get_lead', 'get_crm_record', 'escalate_to_human'],
    refund: ['get_lead', 'get_crm_record', 'escalate_to_human'],
    billing: ['get_lead', 'get_crm_record', 'escalate_to_human'],
    complaint: ['get_lead', 'get_crm_record', 'propose_task', 'escalate_to_human'],
    partnership: ['get_lead', 'search_knowledge', 'propose_crm_update', 'propose_task', 'escalate_to_human'],
    job_application: ['get_lead', 'propose_crm_update'],
    vendor_pitch: ['get_lead', 'propose_crm_update'],
    spam: ['get_lead', 'propose_crm_update'],
    personal: ['get_lead', 'propose_crm_update', 'propose_followup_email'],
    wrong_recipient: ['get_lead', 'propose_crm_update'],
    other: ['get_lead', 'search_knowledge', 'get_crm_record', 'propose_crm_update', 'propose_task', 'escalate_to_human'],
  },
  custom_facts: [],
};
