import { z } from 'zod';
import { MissingSchema } from '../decision.js';
import { method } from './define.js';

export const BriefSectionSchema = z.object({
  title: z.string(),
  items: z.array(z.object({ text: z.string(), source: z.string().nullable() })),
});

export const MeetingBriefSchema = z.object({
  lead_id: z.string(),
  /** `knowledge` when the knowledge base wrote it; `facts` when only the lead's facts were available. */
  kind: z.enum(['knowledge', 'facts']),
  title: z.string(),
  summary: z.string(),
  sections: z.array(BriefSectionSchema),
  gaps: z.array(MissingSchema),
  questions: z.array(z.string()),
});
export type MeetingBrief = z.infer<typeof MeetingBriefSchema>;

export const KnowledgeHitSchema = z.object({
  doc: z.string(),
  title: z.string(),
  snippet: z.string(),
  score: z.number(),
});

export const knowledgeApi = {
  'knowledge.brief': method(
    'A meeting brief for a lead: the knowledge base when present, otherwise its facts, gaps and questions.',
    z.object({ lead_id: z.string().min(1) }),
    MeetingBriefSchema,
  ),
  'knowledge.exportBrief': method(
    'The cited knowledge brief of a lead as a Markdown or PDF file.',
    z.object({ lead_id: z.string().min(1), format: z.enum(['markdown', 'pdf']) }),
    z.object({ file_name: z.string(), mime: z.string(), content_base64: z.string() }),
  ),
  'knowledge.briefToCrm': method(
    'Adds the brief to the CRM as a meeting note or a preparation task: a pending proposal a person approves.',
    z.object({ lead_id: z.string().min(1), as: z.enum(['meeting_note', 'task']) }),
    z.object({ proposal_id: z.string() }),
  ),
  'knowledge.search': method(
    'Full-text search in the knowledge base.',
    z.object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(50).default(10) }),
    z.array(KnowledgeHitSchema),
  ),
} as const;
