import { z } from 'zod';
import { method } from './define.js';

export const CrmStatusSchema = z.object({
  kind: z.enum(['local', 'hubspot']),
  connected: z.boolean(),
  /** Human summary: "Local CRM (SQLite), 12 records", "HubSpot portal 1234". */
  label: z.string(),
  last_sync_at: z.string().nullable(),
});

export const CrmRecordViewSchema = z.object({
  id: z.string(),
  lead_id: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  updated_at: z.string(),
});
export type CrmRecordView = z.infer<typeof CrmRecordViewSchema>;

export const crmApi = {
  'crm.status': method('Which CRM is connected.', z.object({}), CrmStatusSchema),
  'crm.connect': method(
    "Connects HubSpot with a private-app token (kept in the host's secret store) or switches back to the local CRM.",
    z.object({ kind: z.enum(['local', 'hubspot']), token: z.string().max(500).optional() }),
    CrmStatusSchema,
  ),
  'crm.sync': method(
    'Pulls contacts from the connected CRM as leads; progress arrives as events.',
    z.object({}),
    z.object({ task_id: z.string().nullable(), pulled: z.number().int(), message: z.string() }),
  ),
  'crm.record': method(
    'The CRM record of a lead in the connected CRM, or null.',
    z.object({ lead_id: z.string().min(1) }),
    CrmRecordViewSchema.nullable(),
  ),
} as const;
