import { z } from 'zod';

// Response bodies of the HubSpot endpoints the connector uses, as documented. Objects are
// loose (`z.object` strips unknown keys) because HubSpot adds fields over time; what we read is checked.

/** HubSpot's error body (4xx/5xx, and each entry of a batch's `errors`). */
export const HsErrorSchema = z.object({
  status: z.string(),
  message: z.string(),
  correlationId: z.string().optional(),
  category: z.string(),
  subCategory: z.unknown().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        code: z.string().optional(),
        in: z.string().optional(),
        context: z.unknown().optional(),
      }),
    )
    .optional(),
});
export type HsError = z.infer<typeof HsErrorSchema>;

const PropertiesSchema = z.record(z.string(), z.string().nullable());

export const HsObjectSchema = z.object({
  id: z.string(),
  properties: PropertiesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
});
export type HsObject = z.infer<typeof HsObjectSchema>;

export const HsSearchResponseSchema = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(HsObjectSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});
export type HsSearchResponse = z.infer<typeof HsSearchResponseSchema>;

/** Batch read, update and create: 200 (all done) or 207 (multi-status, with `errors`). */
export const HsBatchResponseSchema = z.object({
  status: z.string(),
  results: z.array(HsObjectSchema),
  errors: z.array(HsErrorSchema).optional(),
  numErrors: z.number().int().optional(),
  startedAt: z.string().optional(),
  completedAt: z.string().optional(),
});
export type HsBatchResponse = z.infer<typeof HsBatchResponseSchema>;

export const HsAssociationBatchSchema = z.object({
  status: z.string(),
  results: z.array(
    z.object({
      from: z.object({ id: z.string() }),
      to: z.array(
        z.object({
          // v4 returns numeric ids here while everything else uses strings.
          toObjectId: z.union([z.number(), z.string()]).transform(String),
          associationTypes: z.array(
            z.object({ category: z.string(), typeId: z.number().int(), label: z.string().nullable().optional() }),
          ),
        }),
      ),
      paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
    }),
  ),
  errors: z.array(HsErrorSchema).optional(),
});
export type HsAssociationBatch = z.infer<typeof HsAssociationBatchSchema>;

export const HsPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string().optional(),
  options: z.array(z.object({ label: z.string(), value: z.string(), hidden: z.boolean().optional() })).default([]),
  hubspotDefined: z.boolean().optional(),
  calculated: z.boolean().optional(),
  modificationMetadata: z.object({ readOnlyValue: z.boolean() }).partial().optional(),
});
export type HsProperty = z.infer<typeof HsPropertySchema>;

export const HsPropertiesResponseSchema = z.object({ results: z.array(HsPropertySchema) });

export const HsListResponseSchema = z.object({
  results: z.array(HsObjectSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

/** HubSpot-defined association type ids from an engagement to a contact. */
export const ENGAGEMENT_TO_CONTACT_TYPE: Record<'note' | 'task' | 'meeting', number> = {
  note: 202,
  task: 204,
  meeting: 200,
};

export const OBJECT_OF_ACTIVITY = { note: 'notes', task: 'tasks', meeting: 'meetings' } as const;
