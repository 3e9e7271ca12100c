import type { Activity } from '../../../contract/index.js';
import { ENGAGEMENT_TO_CONTACT_TYPE, OBJECT_OF_ACTIVITY } from './shapes.js';

/** Body property of each engagement type: where the text and the idempotency marker live. */
export const BODY_PROPERTY = { note: 'hs_note_body', task: 'hs_task_body', meeting: 'hs_meeting_body' } as const;

// An HTML comment: HubSpot stores bodies as HTML, so the marker is invisible in the UI yet
// survives in the stored body, where reconciliation finds it after a crash.
const MARKER_RE = /<!-- sales-copilot:([A-Za-z0-9_-]{8,80}) -->/;

export const markerComment = (marker: string): string => `<!-- sales-copilot:${marker} -->`;

/** The marker a stored body carries, if any. */
export function markerOf(body: string | null | undefined): string | null {
  const m = body ? MARKER_RE.exec(body) : null;
  return m?.[1] ?? null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text to the small HTML HubSpot bodies use: one paragraph per line. */
export const textToHtml = (text: string): string =>
  text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');

/** HubSpot HTML bodies back to plain text for qualification (tags dropped, entities decoded, markers removed). */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The batch-create input of one activity, associated with its contact. */
export function activityInput(a: Activity) {
  const body = `${textToHtml(a.body)}${markerComment(a.marker)}`;
  const at = String(Date.parse(a.at));
  let properties: Record<string, string>;
  if (a.kind === 'note') properties = { hs_timestamp: at, hs_note_body: body };
  else if (a.kind === 'task') {
    properties = {
      hs_timestamp: at,
      hs_task_subject: a.title || 'Follow up',
      hs_task_body: body,
      hs_task_status: 'NOT_STARTED',
      hs_task_type: 'TODO',
    };
  } else {
    const end = a.end_at ? String(Date.parse(a.end_at)) : String(Date.parse(a.at) + 30 * 60_000);
    properties = {
      hs_timestamp: at,
      hs_meeting_title: a.title || 'Meeting',
      hs_meeting_body: body,
      hs_meeting_start_time: at,
      hs_meeting_end_time: end,
      hs_meeting_outcome: 'SCHEDULED',
    };
  }
  return {
    objectType: OBJECT_OF_ACTIVITY[a.kind],
    input: {
      properties,
      associations: [
        {
          to: { id: a.record_id },
          types: [
            { associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: ENGAGEMENT_TO_CONTACT_TYPE[a.kind] },
          ],
        },
      ],
    },
  };
}
