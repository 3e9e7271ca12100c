import { z } from 'zod';
import { CrmKindSchema, FieldMappingEntrySchema, FieldMappingSchema, PropertyCreationProposalSchema } from '../crm.js';
import { method } from './define.js';

// The CRM field mapping in Settings (issue 5): where the class, the score and each fact land in the
// CRM. Custom properties the CRM lacks are proposed for creation and only created on a person's click.

/** HubSpot's rule for internal property names; the local CRM follows it too, so a mapping moves between them. */
export const CRM_PROPERTY_NAME = /^[a-z][a-z0-9_]{0,99}$/;

/** What a mapping line can read from a decision. */
export const MappingSourceSchema = z.object({
  value: z.string(),
  label: z.string(),
  /** For `class`: the values a line can translate (qualified, needs_info ...). */
  values: z.array(z.string()).default([]),
});
export type MappingSource = z.infer<typeof MappingSourceSchema>;

export const CrmMappingViewSchema = z.object({
  kind: CrmKindSchema,
  mapping: FieldMappingSchema,
  /** True until someone saves a mapping: the built-in default applies. */
  is_default: z.boolean(),
  updated_at: z.string().nullable(),
  sources: z.array(MappingSourceSchema),
});
export type CrmMappingView = z.infer<typeof CrmMappingViewSchema>;

export const CrmMappingCheckSchema = z.object({
  kind: CrmKindSchema,
  /** Custom properties the mapping writes to but the CRM lacks: proposals, never created silently. */
  create: z.array(PropertyCreationProposalSchema),
  /** Mapped option values the CRM's enumeration does not have. */
  invalid: z.array(z.object({ property: z.string(), value: z.string(), allowed: z.array(z.string()) })),
  /** Mapped properties the CRM reports as read-only. */
  read_only: z.array(z.string()),
  /** Whether the app can create a proposed property (HubSpot connected); otherwise the person creates it in the CRM. */
  can_create: z.boolean(),
  note: z.string(),
});
export type CrmMappingCheck = z.infer<typeof CrmMappingCheckSchema>;

export const crmMappingApi = {
  'crm.mapping.get': method(
    'The field mapping of the connected CRM (the default until one is saved) and the sources a line can use.',
    z.object({}),
    CrmMappingViewSchema,
  ),
  'crm.mapping.set': method(
    'Saves the field mapping after checking sources, property names, class values and duplicate properties.',
    z.object({ entries: z.array(FieldMappingEntrySchema).max(100) }),
    CrmMappingViewSchema,
  ),
  'crm.mapping.reset': method('Goes back to the built-in mapping.', z.object({}), CrmMappingViewSchema),
  'crm.mapping.check': method(
    "Compares the mapping with the CRM's fields: custom properties to propose for creation, invalid option values, read-only fields.",
    z.object({}),
    CrmMappingCheckSchema,
  ),
  'crm.mapping.createProperty': method(
    'Creates one proposed custom property in HubSpot. Only called after a person confirmed that proposal.',
    z.object({ name: z.string().regex(CRM_PROPERTY_NAME, 'a lowercase property name such as sales_copilot_score') }),
    z.object({ kind: CrmKindSchema, created: PropertyCreationProposalSchema }),
  ),
} as const;
