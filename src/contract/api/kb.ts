import { z } from 'zod';
import { CitationSchema, KbDocumentSchema, KbIngestReportSchema } from '../knowledge.js';
import { method } from './define.js';

// The Knowledge screen (issue 6): the shared knowledge base's documents, uploads and search.

/** A document is stale when its content has not changed for this many days. */
export const KB_STALE_AFTER_DAYS = 90;

/** How old a document's content is, as the documents table shows it. */
export const KbFreshnessSchema = z.object({
  /** `modified_at` (the file's own time) when known, otherwise when the content last changed here. */
  as_of: z.string(),
  age_days: z.number().int().nonnegative(),
  /** "updated today", "updated 3 days ago", "updated 4 months ago". */
  label: z.string(),
  stale: z.boolean(),
});
export type KbFreshness = z.infer<typeof KbFreshnessSchema>;

export const KbDocumentViewSchema = KbDocumentSchema.extend({ freshness: KbFreshnessSchema });
export type KbDocumentView = z.infer<typeof KbDocumentViewSchema>;

/** Upload size limits: a rep's notes and PDFs, not a data dump through the bridge. */
export const KB_MAX_TEXT_CHARS = 2_000_000;
export const KB_MAX_BASE64_CHARS = 14_000_000;

/**
 * One uploaded file. Text formats travel as `content`, PDF as `content_base64`. A file with
 * neither (or both) is reported as a failed outcome, so the rest of the upload still goes in.
 */
export const KbUploadFileSchema = z.object({
  name: z.string().trim().min(1, 'a file name such as pricing.md').max(255),
  content: z.string().max(KB_MAX_TEXT_CHARS).optional(),
  content_base64: z.string().max(KB_MAX_BASE64_CHARS).optional(),
});
export type KbUploadFile = z.infer<typeof KbUploadFileSchema>;

export const KbSearchHitSchema = z.object({
  chunk_id: z.string(),
  doc_id: z.string(),
  /** The document's title, for the result heading. */
  title: z.string(),
  source: z.string(),
  /** Headings above the chunk, outermost first. */
  heading_path: z.array(z.string()),
  text: z.string(),
  score: z.number(),
  ranker: z.enum(['bm25', 'vector', 'rrf']),
  /** The sentence that best answers the query, verbatim from the chunk. */
  citation: CitationSchema,
});
export type KbSearchHit = z.infer<typeof KbSearchHitSchema>;

export const kbApi = {
  'kb.list': method(
    'Documents of the shared knowledge base, with size, chunks, content hash and freshness.',
    z.object({}),
    z.array(KbDocumentViewSchema),
  ),
  'kb.add': method(
    'Adds or updates uploaded documents (.md, .txt, .html as text; .pdf as base64); per-file outcomes, nothing dropped silently.',
    z.object({ files: z.array(KbUploadFileSchema).min(1, 'choose at least one file').max(50) }),
    KbIngestReportSchema,
  ),
  'kb.loadSample': method(
    'Adds the bundled sample knowledge base (product overview, pricing, battlecards, case studies).',
    z.object({}),
    KbIngestReportSchema,
  ),
  'kb.remove': method(
    'Removes a document and its chunks from the knowledge base.',
    z.object({ id: z.string().min(1) }),
    z.object({ id: z.string(), removed: z.literal(true) }),
  ),
  'kb.search': method(
    'Searches the knowledge base; each hit carries its heading path and a verbatim citation.',
    z.object({ query: z.string().trim().min(1).max(500), limit: z.number().int().min(1).max(50).default(10) }),
    z.array(KbSearchHitSchema),
  ),
} as const;
