/**
 * The one rule for control characters in what people type. U+0000–U+001F other than tab
 * and newline have no place in a status, comment or note, and XML 1.0 (the PPTX and XLSX
 * formats, SharePoint's web services) cannot carry most of them. Writes refuse them
 * (checkPlainText, called by the domain rules every store applies); text that arrives
 * already stored, from a direct SharePoint edit or an older file, is cleaned (plainText).
 */
import { details, DomainError } from './errors.js';
import type { Localized } from './model.js';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000B-\u001F]/g;

/** Windows (CRLF) and old Mac (CR) line ends as the newline they mean. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The first control character that is not allowed, with its position, or null. */
export function findControlCharacter(text: string): { index: number; codePoint: string } | null {
  const match = CONTROL.exec(text);
  if (!match) return null;
  return { index: match.index, codePoint: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}

/** True when the text has no control character other than tab and newline. */
export function isPlainText(text: string): boolean {
  return !CONTROL.test(text);
}

/** The text with line ends normalized and every other control character removed. */
export function plainText(text: string): string {
  return normalizeNewlines(text).replace(CONTROL_ALL, '');
}

/** Refuses a text holding a control character (after normalizing line ends), naming the field, in both languages. */
export function checkPlainText(text: string, field: Localized): void {
  const found = findControlCharacter(normalizeNewlines(text));
  if (!found) return;
  const place = found.index + 1;
  throw new DomainError(
    'invalid_input',
    details(
      `${field.sv} innehåller ett otillåtet styrtecken (${found.codePoint}, tecken ${place})`,
      `${field.en} contains a control character that is not allowed (${found.codePoint}, character ${place})`,
    ),
  );
}
