/** Section titles, in the order a brief shows them; the model drafts under the same titles. */
export const SECTION = {
  who: 'Who they are',
  qualification: 'Qualification status',
  agenda: 'Agenda',
  questions: 'Discovery questions',
  talking: 'Talking points',
  competitors: 'Competitor notes',
  risks: 'Risks and open escalations',
  next: 'Proposed next step',
} as const;

export const SECTION_ORDER = [
  SECTION.who,
  SECTION.qualification,
  SECTION.agenda,
  SECTION.questions,
  SECTION.talking,
  SECTION.competitors,
  SECTION.risks,
  SECTION.next,
] as const;

/** Statements about the seller's product: every one needs a knowledge-base citation. */
export const EMBEDDED_CITATION_REQUIRED: ReadonlySet<string> = new Set([SECTION.talking, SECTION.competitors]);

/**
 * A model may phrase anything, so only agenda items and questions (plans, not claims) may go
 * without a citation; everything else it drafts must be supported.
 */
export const MODEL_CITATION_REQUIRED: ReadonlySet<string> = new Set([SECTION.talking, SECTION.competitors, SECTION.next, SECTION.risks, SECTION.who, SECTION.qualification]);

/** Sections the model drafts; the rest always come from facts and templates. */
export const MODEL_SECTIONS = [SECTION.agenda, SECTION.talking, SECTION.competitors, SECTION.next] as const;
