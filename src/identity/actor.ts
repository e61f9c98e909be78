/**
 * The rules every path shares once it knows who a person is: which board roles their Entra app
 * role values grant and in which units, and what a known person reads - the one place those
 * defaults are written.
 *
 * Defaults (contract C2): a role that names no unit (an Entra app role, a demo user without `units`)
 * is that role in the default unit only, except Admin, which is every unit. Every known person reads
 * the default unit and the units of their grants; with READ_ALL_UNITS=true they read every unit.
 */
import { ALL_UNITS, APP_ROLES, ROLES, type Actor, type Grant, type Role, type UnitScope } from '../domain/roles.js';

/** Where roles without a unit apply, and what everyone reads. */
export interface UnitDefaults {
  defaultUnit: string;
  /** READ_ALL_UNITS: every known person reads every unit. */
  readAllUnits: boolean;
}

/** The defaults when a caller names none (DEFAULT_UNIT's own default, src/config.ts). */
export const DEFAULT_UNIT_DEFAULTS: UnitDefaults = { defaultUnit: 'intraservice', readAllUnits: false };

/** Board roles granted by app role values (a token's `roles` claim, a directory lookup); other values count for nothing. */
export function grantedRoles(values: unknown): Role[] {
  const list = Array.isArray(values) ? values : [];
  const known = (v: unknown): v is keyof typeof APP_ROLES => typeof v === 'string' && Object.hasOwn(APP_ROLES, v);
  return [...new Set(list.filter(known).map((v) => APP_ROLES[v]))];
}

/** Roles that name no unit: each in the default unit, the administrator in every unit. */
export function unscopedGrants(roles: readonly Role[], defaults: UnitDefaults): Grant[] {
  return roles.map((role) => ({ role, units: role === 'admin' ? ALL_UNITS : [defaults.defaultUnit] }));
}

/**
 * Grants named as `<role>:<unit>` (a unit group of ENTRA_UNIT_GROUPS, `dpo:*` for every unit); other
 * values (app role values such as DPO) are not unit grants and count for nothing here.
 */
export function unitGrants(values: readonly string[]): Grant[] {
  return values.flatMap((value) => {
    const [role, unit] = value.split(':');
    if (!unit || !(ROLES as readonly string[]).includes(role ?? '')) return [];
    return [{ role: role as Role, units: unit === ALL_UNITS ? ALL_UNITS : [unit] }];
  });
}

/** One grant per role: '*' wins, otherwise the units together (sorted); roles with no unit left out. */
export function mergeGrants(grants: readonly Grant[]): Grant[] {
  const byRole = new Map<Role, UnitScope>();
  for (const g of grants) {
    const before = byRole.get(g.role) ?? [];
    byRole.set(g.role, before === ALL_UNITS || g.units === ALL_UNITS ? ALL_UNITS : [...new Set([...before, ...g.units])].sort());
  }
  return ROLES.flatMap((role) => {
    const units = byRole.get(role);
    return units === undefined || (units !== ALL_UNITS && units.length === 0) ? [] : [{ role, units }];
  });
}

export interface Person {
  id: string;
  displayName: string;
  email?: string | undefined;
}

/**
 * The person with the grants given to them, and the read every known person has (the default unit,
 * or every unit with READ_ALL_UNITS). `roles` lists the roles held anywhere; with none, they read.
 */
export function actorOf(person: Person, grants: readonly Grant[], defaults: UnitDefaults): Actor {
  const everyone: Grant = { role: 'reader', units: defaults.readAllUnits ? ALL_UNITS : [defaults.defaultUnit] };
  const merged = mergeGrants([...grants, everyone]);
  const held = merged.map((g) => g.role).filter((r) => r !== 'reader');
  return {
    id: person.id,
    displayName: person.displayName,
    ...(person.email ? { email: person.email } : {}),
    roles: held.length > 0 ? held : ['reader'],
    grants: merged,
  };
}
