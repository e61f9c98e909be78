import { describe, expect, it } from 'vitest';
import { isStatusChange } from '../../src/domain/changes.js';
import {
  EVIDENCE_KINDS,
  isHttpsUrl,
  mayHandleEvidence,
  mayRemoveEvidence,
  sortEvidence,
  type Evidence,
} from '../../src/domain/evidence.js';
import { EVIDENCE_KIND_KEYS, TERMS } from '../../src/words/index.js';

describe('evidence rules', () => {
  it('has the kinds the catalog names, in Swedish and English', () => {
    expect([...EVIDENCE_KINDS]).toEqual([...EVIDENCE_KIND_KEYS]);
    for (const kind of EVIDENCE_KINDS) {
      expect(TERMS.sv.evidenceKind[kind]).toMatch(/\S/);
      expect(TERMS.en.evidenceKind[kind]).toMatch(/\S/);
    }
  });

  it('takes absolute https addresses only', () => {
    expect(isHttpsUrl('https://contoso.sharepoint.com/sites/dpo/Underlag/policy.pdf')).toBe(true);
    expect(isHttpsUrl('HTTPS://example.org/a')).toBe(true);
    for (const bad of [
      'http://example.org',
      'ftp://example.org/x',
      '//example.org/x',
      'https://',
      'https://u:p@example.org/',
      'data:text/html,x',
    ]) {
      expect(isHttpsUrl(bad), bad).toBe(false);
    }
    expect(isHttpsUrl(`https://example.org/${'a'.repeat(2000)}`)).toBe(false);
  });

  it('lets the DPO, the CISO and editors handle evidence, not readers', () => {
    const who = (role: 'dpo' | 'ciso' | 'editor' | 'reader', unitId = 'intraservice') =>
      mayHandleEvidence({ id: role, displayName: role, roles: [role], grants: [{ role, units: ['intraservice'] }] }, unitId);
    expect([who('dpo'), who('ciso'), who('editor'), who('reader')]).toEqual([true, true, true, false]);
    // only in the units of their grants
    expect([who('dpo', 'exempel-01'), who('ciso', 'exempel-01')]).toEqual([false, false]);
  });

  it('lets whoever added a link, or the DPO, remove it; nobody removes a library file here', () => {
    const actor = (id: string, role: 'dpo' | 'ciso' | 'editor' | 'reader') => ({
      id,
      displayName: id,
      roles: [role],
      grants: [{ role, units: ['intraservice'] }],
    });
    const link = { origin: 'link', addedBy: 'anna', unitId: 'intraservice' } as const;
    expect(mayRemoveEvidence(actor('anna', 'ciso'), link)).toBe(true);
    expect(mayRemoveEvidence(actor('erik', 'editor'), link)).toBe(false);
    expect(mayRemoveEvidence(actor('dag', 'dpo'), link)).toBe(true);
    // Someone who added a link and has since lost the role may not remove it.
    expect(mayRemoveEvidence(actor('anna', 'reader'), link)).toBe(false);
    expect(mayRemoveEvidence(actor('dag', 'dpo'), { origin: 'library', addedBy: 'dag', unitId: 'intraservice' })).toBe(false);
    // nor in a unit they hold no role in
    expect(mayRemoveEvidence(actor('anna', 'ciso'), { ...link, unitId: 'exempel-01' })).toBe(false);
  });

  it('is a change the channel hears about when added or removed', () => {
    expect(isStatusChange('evidence.added')).toBe(true);
    expect(isStatusChange('evidence.removed')).toBe(true);
  });

  it('sorts newest document first, then by title', () => {
    const item = (title: string, date: string) => ({ title, date }) as Evidence;
    const sorted = sortEvidence([item('b', '2024-01-01'), item('a', '2024-01-01'), item('c', '2024-06-01')]);
    expect(sorted.map((e) => e.title)).toEqual(['c', 'a', 'b']);
  });
});
