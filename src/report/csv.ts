/**
 * CSV per RFC 4180, in UTF-8 with a byte order mark so Excel opens Swedish letters
 * correctly. Fields with a separator, quote or line break are quoted; quotes are doubled.
 * Lines end with CRLF. Excel in Swedish locales expects ';' as the separator.
 */
import type { Cell, Table } from './tables.js';

export const BOM = '\uFEFF';

export type Separator = ',' | ';';

function field(value: Cell, separator: Separator): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would make a spreadsheet evaluate the field as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return safe.includes(separator) || /["\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(table: Table, separator: Separator = ';'): Buffer {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map((v) => field(v, separator)).join(separator));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
