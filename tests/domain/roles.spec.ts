import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_UNITS,
  can,
  canSomewhere,
  PERMISSIONS,
  permissionsOf,
  ROLES,
  rolesIn,
  unitsWhere,
  type Actor,
  type Grant,
  type Role,
} from '../../src/domain/roles.js';

const UNIT = 'intraservice';
const OTHER = 'exempel-01';
const as = (grants: Grant[]): Actor => ({ id: 'x', displayName: 'X', roles: [...new Set(grants.map((g) => g.role))], grants });
const inUnit = (...roles: Role[]) => as(roles.map((role) => ({ role, units: [UNIT] })));

describe('role permissions in a unit', () => {
  it('the DPO assesses but does not write status', () => {
    expect(can(inUnit('dpo'), 'assess', UNIT)).toBe(true);
    expect(can(inUnit('dpo'), 'writeStatus', UNIT)).toBe(false);
  });

  it('the CISO and editors write status, activities and instructions but do not assess', () => {
    for (const role of ['ciso', 'editor'] as const) {
      for (const p of ['writeStatus', 'writeActivities', 'writeInstructions'] as const) expect(can(inUnit(role), p, UNIT)).toBe(true);
      expect(can(inUnit(role), 'assess', UNIT)).toBe(false);
    }
  });

  it('readers only read; roles add up', () => {
    expect(permissionsOf(inUnit('reader'), UNIT)).toEqual(['read']);
    expect(permissionsOf(as([]), UNIT)).toEqual([]);
    expect(permissionsOf(inUnit('dpo', 'editor'), UNIT)).toEqual(expect.arrayContaining(['assess', 'writeStatus']));
  });

  it('manageUnits: the administrator and the DPO; not the CISO, editors or readers', () => {
    expect(can(as([{ role: 'admin', units: ALL_UNITS }]), 'manageUnits', OTHER)).toBe(true);
    expect(can(inUnit('dpo'), 'manageUnits', UNIT)).toBe(true);
    expect(can(inUnit('dpo'), 'manageUnits', OTHER)).toBe(false);
    for (const role of ['ciso', 'editor', 'reader'] as const) expect(can(inUnit(role), 'manageUnits', UNIT)).toBe(false);
    // the administrator keeps the list of units; the DPO's and the unit's work are not theirs
    expect(permissionsOf(as([{ role: 'admin', units: ALL_UNITS }]), UNIT)).toEqual(['read', 'manageUnits']);
  });

  it('a CISO of one unit writes that unit only', () => {
    const ciso = inUnit('ciso');
    expect(can(ciso, 'writeStatus', UNIT)).toBe(true);
    expect(can(ciso, 'writeStatus', OTHER)).toBe(false);
    expect(can(ciso, 'read', OTHER)).toBe(false);
    expect(canSomewhere(ciso, 'writeStatus')).toBe(true);
    expect(canSomewhere(ciso, 'assess')).toBe(false);
    expect(unitsWhere(ciso, 'writeStatus')).toEqual([UNIT]);
    expect(rolesIn(ciso, UNIT)).toEqual(['ciso']);
    expect(rolesIn(ciso, OTHER)).toEqual([]);
  });

  it("'*' grants match every unit, and unitsWhere says so", () => {
    const dpo = as([
      { role: 'dpo', units: ALL_UNITS },
      { role: 'ciso', units: [OTHER] },
    ]);
    expect(can(dpo, 'assess', 'any-unit')).toBe(true);
    expect(unitsWhere(dpo, 'assess')).toBe(ALL_UNITS);
    expect(unitsWhere(dpo, 'writeStatus')).toEqual([OTHER]);
    expect(unitsWhere(as([]), 'read')).toEqual([]);
    expect(canSomewhere(as([{ role: 'ciso', units: [] }]), 'writeStatus')).toBe(false);
  });
});

describe('can() never grants outside the grants (property)', () => {
  const unitId = fc.stringMatching(/^[a-z0-9-]{2,12}$/);
  const grant = fc.record({
    role: fc.constantFrom(...ROLES),
    units: fc.oneof(fc.constant(ALL_UNITS), fc.uniqueArray(unitId, { maxLength: 4 })),
  });
  const grants = fc.array(grant, { maxLength: 5 });

  it('a permission in a unit is allowed only by a grant that covers the unit and whose role has the permission', () => {
    fc.assert(
      fc.property(grants, fc.constantFrom(...PERMISSIONS), unitId, (gs, permission, unit) => {
        const actor = as(gs);
        const allowed = can(actor, permission, unit);
        const covering = gs.filter((g) => g.units === ALL_UNITS || g.units.includes(unit));
        // never more than a covering grant allows: a grant in other units counts for nothing here
        expect(allowed).toBe(covering.some((g) => can(as([g]), permission, unit)));
        if (covering.length === 0) expect(allowed).toBe(false);
        // what unitsWhere says agrees with can()
        const where = unitsWhere(actor, permission);
        expect(allowed).toBe(where === ALL_UNITS || where.includes(unit));
        expect(canSomewhere(actor, permission)).toBe(where === ALL_UNITS || where.length > 0);
      }),
      { numRuns: 500 },
    );
  });

  it('a unit named in no grant is refused everything unless a grant is for every unit', () => {
    fc.assert(
      fc.property(grants, fc.constantFrom(...PERMISSIONS), (gs, permission) => {
        const stranger = 'unit-named-nowhere';
        const named = gs.some((g) => g.units !== ALL_UNITS && g.units.includes(stranger));
        fc.pre(!named);
        const everywhere = gs.filter((g) => g.units === ALL_UNITS);
        expect(can(as(gs), permission, stranger)).toBe(can(as(everywhere), permission, 'any'));
      }),
      { numRuns: 300 },
    );
  });
});
