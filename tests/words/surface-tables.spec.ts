/**
 * The surfaces' own tables (the tab's and the bot's texts beside the catalog): every text in both
 * languages, none empty, and the same `{name}` placeholders in Swedish and English, so the one
 * filler (src/words/fill.ts) fills the same parameters whichever language a person reads.
 */
import { describe, expect, it } from 'vitest';
import { STRINGS as BOT } from '../../bot/i18n.js';
import { placeholdersOf } from '../../src/words/index.js';
import { STRINGS as TAB } from '../../tab/src/i18n/strings.js';

/** Every text of a table as [dotted path, text]; functions and numbers are left out. */
function leaves(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe.each([
  ['tab', TAB],
  ['bot', BOT],
] as const)('the %s table', (_, table) => {
  const sv = new Map(leaves(table.sv));
  const en = new Map(leaves(table.en));

  it('has every text in both languages, none empty', () => {
    expect([...en.keys()].sort()).toEqual([...sv.keys()].sort());
    for (const [key, text] of [...sv, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in Swedish and English', () => {
    for (const [key, text] of sv) expect(placeholdersOf(en.get(key) ?? ''), key).toEqual(placeholdersOf(text));
  });
});
