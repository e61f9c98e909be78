/** The people and the moment the store contract suites write as. */
import type { Actor } from '../../src/domain/roles.js';
import type { WriteContext } from '../../src/domain/rules.js';

export const UNIT = 'intraservice';
export const at = new Date('2026-11-28T10:00:00Z');

export const actors = {
  dpo: { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo'], grants: [{ role: 'dpo' as const, units: '*' as const }] },
  ciso: { id: 'ciso', displayName: 'CISO', roles: ['ciso'], grants: [{ role: 'ciso' as const, units: '*' as const }] },
  editor: { id: 'editor', displayName: 'Redaktör', roles: ['editor'], grants: [{ role: 'editor' as const, units: '*' as const }] },
  reader: { id: 'reader', displayName: 'Läsare', roles: ['reader'], grants: [{ role: 'reader' as const, units: '*' as const }] },
} satisfies Record<string, Actor>;

export const ctx = (who: keyof typeof actors, requestId?: string): WriteContext => ({
  actor: actors[who],
  source: 'api',
  now: at,
  ...(requestId ? { requestId } : {}),
});
