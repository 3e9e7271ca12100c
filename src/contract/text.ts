import { z } from 'zod';

export const ChannelSchema = z.enum(['email', 'chat', 'call_notes', 'web_form', 'linkedin', 'table', 'crm']);
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * Who wrote a span of the source text. Only `lead` spans are the lead's own words; a
 * seller's quoted reply, forwarded history from others, headers and signatures are kept apart
 * so that their numbers never become the lead's facts.
 */
export const SegmentRoleSchema = z.enum(['lead', 'seller', 'other', 'header', 'signature', 'quoted']);
export type SegmentRole = z.infer<typeof SegmentRoleSchema>;

/** A span of the stored source text, `text.slice(start, end)`. */
export const SegmentSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  role: SegmentRoleSchema,
  /** Display name or address of the author, when the thread says. */
  author: z.string().optional(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const ContactSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** E.164 when libphonenumber could parse it, otherwise null. */
  phone: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  website: z.string().nullable(),
});
export type Contact = z.infer<typeof ContactSchema>;

/** A pasted text after intake: the original kept byte for byte plus its structure. */
export const ParsedTextSchema = z.object({
  text: z.string(),
  channel: ChannelSchema,
  /** ISO date of the newest message, when the text carries one. */
  sentAt: z.string().nullable(),
  segments: z.array(SegmentSchema),
  contact: ContactSchema,
});
export type ParsedText = z.infer<typeof ParsedTextSchema>;
