import { z } from 'zod';

/** Formats the knowledge base reads; PDF is reduced to its text layer. */
export const KbFormatSchema = z.enum(['markdown', 'text', 'html', 'pdf']);
export type KbFormat = z.infer<typeof KbFormatSchema>;

/**
 * Where a chunk belongs: `kb` is the shared knowledge base; `lead:<id>` is one lead's
 * long-term memory, searched by the same index but never mixed into the shared results.
 */
export const KbScopeSchema = z.union([z.literal('kb'), z.string().regex(/^lead:.+$/, 'a lead scope is lead:<lead id>')]);
export type KbScope = z.infer<typeof KbScopeSchema>;

/** A clickable pointer to the words that support a statement. */
export const CitationSchema = z.object({
  /** The document's source (a file path, or `lead:<id>/<kind>/<row id>` for lead memory). */
  source: z.string().min(1),
  chunk_id: z.string().min(1),
  /** Verbatim words of the chunk; verification checks `chunk.text.includes(quote)`. */
  quote: z.string().min(1),
});
export type Citation = z.infer<typeof CitationSchema>;

export const KbDocumentSchema = z.object({
  id: z.string(),
  scope: KbScopeSchema,
  source: z.string(),
  title: z.string(),
  format: KbFormatSchema,
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  chunk_count: z.number().int().nonnegative(),
  /** When the file last changed on disk (ISO), for the freshness column. */
  modified_at: z.string().nullable(),
  ingested_at: z.string(),
  updated_at: z.string(),
});
export type KbDocument = z.infer<typeof KbDocumentSchema>;

export const KbChunkSchema = z.object({
  id: z.string(),
  doc_id: z.string(),
  scope: KbScopeSchema,
  source: z.string(),
  ordinal: z.number().int().nonnegative(),
  /** Headings above the chunk, outermost first (document title first when it has one). */
  heading_path: z.array(z.string()),
  text: z.string(),
  /** Offsets into the document's extracted text: `doc.text.slice(start, end) === text`. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type KbChunk = z.infer<typeof KbChunkSchema>;

export const KbSearchQuerySchema = z.object({
  query: z.string().trim().min(1).max(500),
  limit: z.number().int().min(1).max(100).default(8),
  scope: KbScopeSchema.default('kb'),
  /** `hybrid` silently falls back to BM25 when no embeddings endpoint is configured. */
  mode: z.enum(['bm25', 'vector', 'hybrid']).default('hybrid'),
});
export type KbSearchQuery = z.input<typeof KbSearchQuerySchema>;

export const KbSearchResultSchema = z.object({
  chunk: KbChunkSchema,
  /** Higher is better; BM25 (sign flipped), cosine, or the fused RRF score. */
  score: z.number(),
  ranker: z.enum(['bm25', 'vector', 'rrf']),
  citation: CitationSchema,
});
export type KbSearchResult = z.infer<typeof KbSearchResultSchema>;

export const KbIngestOutcomeSchema = z.object({
  source: z.string(),
  status: z.enum(['added', 'updated', 'unchanged', 'failed']),
  doc_id: z.string().nullable(),
  chunks: z.number().int().nonnegative(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type KbIngestOutcome = z.infer<typeof KbIngestOutcomeSchema>;

export const KbIngestReportSchema = z.object({
  outcomes: z.array(KbIngestOutcomeSchema),
  added: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  duration_ms: z.number().nonnegative(),
});
export type KbIngestReport = z.infer<typeof KbIngestReportSchema>;

export const BriefLengthSchema = z.enum(['short', 'standard', 'detailed']);
export type BriefLength = z.infer<typeof BriefLengthSchema>;

/** A rep's saved preferences. */
export const RepPreferencesSchema = z.object({
  rep: z.string().min(1),
  brief_length: BriefLengthSchema.default('standard'),
  /** BCP 47 tag of the language drafts are written in. */
  draft_language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or de-CH').default('en'),
});
export type RepPreferences = z.infer<typeof RepPreferencesSchema>;

export const BriefItemSchema = z.object({
  text: z.string().min(1),
  citations: z.array(CitationSchema),
});
export type BriefItem = z.infer<typeof BriefItemSchema>;

export const BriefSectionSchema = z.object({
  title: z.string().min(1),
  items: z.array(BriefItemSchema),
});
export type BriefSection = z.infer<typeof BriefSectionSchema>;

/** A meeting brief: every statement that is not a fact about the lead carries a verified citation. */
export const MeetingBriefSchema = z.object({
  lead_id: z.string(),
  generated_at: z.string(),
  /** `embedded@1` (templates + facts + search) or `model:<name>`. */
  composer: z.string(),
  sections: z.array(BriefSectionSchema),
  /** Statements removed because a citation did not verify (each one is traced). */
  dropped: z.number().int().nonnegative(),
});
export type MeetingBrief = z.infer<typeof MeetingBriefSchema>;
