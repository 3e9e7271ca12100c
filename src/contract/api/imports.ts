import { z } from 'zod';
import { ImportReportSchema, MappingOverrideSchema } from '../store.js';
import { method } from './define.js';

const ImportInputSchema = z.object({
  /** The file's text; the renderer reads the file, so no host path crosses the wire. */
  text: z.string().min(1, 'the file is empty').max(200_000_000),
  file_name: z.string().max(500).optional(),
  /** Column header -> field, `attribute` or `ignore`; overrides the guessed mapping. */
  mapping: MappingOverrideSchema.optional(),
});

export const ImportSummarySchema = z.object({
  id: z.string(),
  file_name: z.string().nullable(),
  created_at: z.string(),
  imported: z.number().int().nullable(),
  invalid: z.number().int().nullable(),
});

export const importsApi = {
  'imports.preview': method(
    'Reads a table without storing it: the guessed column mapping, the first rows and every row error.',
    ImportInputSchema,
    ImportReportSchema,
  ),
  'imports.run': method(
    'Imports a table: good rows go in, bad rows are reported by line and column.',
    ImportInputSchema,
    ImportReportSchema,
  ),
  'imports.list': method('Recent imports, newest first.', z.object({}), z.array(ImportSummarySchema)),
} as const;
