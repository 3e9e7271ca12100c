import { createHash } from 'node:crypto';

/** sha256 hex of text or bytes: the content hash that decides whether a document changed. */
export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A document id derived from where it lives, so re-adding the same path finds the same row. */
export const docIdOf = (scope: string, source: string): string => `kbd_${sha256Hex(`${scope}\n${source}`).slice(0, 20)}`;

/**
 * A chunk id derived from its document, position and words: an edited chunk gets a new id, so an
 * old citation to it no longer resolves instead of silently pointing at different words.
 */
export const chunkIdOf = (docId: string, ordinal: number, text: string): string =>
  `kbc_${sha256Hex(`${docId}\n${ordinal}\n${text}`).slice(0, 20)}`;
