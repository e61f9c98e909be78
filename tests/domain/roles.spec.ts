import { describe, expect, it } from 'vitest';
import { can, permissionsOf, type Actor, type Role } from '../../src/domain/roles.js';

const as = (...roles: Role[]): Actor => ({ id: 'x', displayName: 'X', roles });

describe('role permissions', () => {
  it('the DPO assesses but does not write status', () => {
    expect(can(as('dpo'), 'assess')).toBe(true);
    expect(can(as('dpo'), 'writeStatus')).toBe(false);
  });

  it('the CISO and editors write status, activities and instructions but do not assess', () => {
    for (const role of ['ciso', 'editor'] as const) {
      expect(['writeStatus', 'writeActivities', 'writeInstructions'].every((p) => can(as(role), p as never))).toBe(true);
      expect(can(as(role), 'assess')).toBe(false);
    }
  });

  it('readers only read; roles add up', () => {
    expect(permissionsOf(as('reader'))).toEqual(['read']);
    expect(permissionsOf(as())).toEqual([]);
    expect(permissionsOf(as('dpo', 'editor'))).toEqual(expect.arrayContaining(['assess', 'writeStatus']));
  });
});
