/**
 * Who may do what, and in which units. The server checks these; the UI only mirrors them.
 *
 * A person holds roles per unit (förvaltning): a Grant is a role in named units, or in every unit ('*').
 * Every check names the unit it is about: `can(actor, permission, unitId)`. Where grants come from
 * (the demo-users file, Entra app roles and groups, the units' people responsible) is src/identity's.
 */

export const ROLES = ['admin', 'dpo', 'ciso', 'editor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read',
  'assess',
  'writeStatus',
  'writeActivities',
  'writeInstructions',
  'writePlan',
  'startYear',
  /** The unit's contact in the report's closing slide: the DPO's report, the DPO's to keep. */
  'editContact',
  /** Ask the person responsible for a control point for a new status (issue 13, src/domain/status-requests.ts). */
  'requestStatus',
  /** Rename a unit, name its people responsible, archive it; creating a unit needs it in every unit ('*'). */
  'manageUnits',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PERMISSIONS_OF: Record<Role, readonly Permission[]> = {
  /** The administrator keeps the list of units; they read everything but assess and answer nothing. */
  admin: ['read', 'manageUnits'],
  dpo: ['read', 'assess', 'startYear', 'editContact', 'requestStatus', 'manageUnits'],
  ciso: ['read', 'writeStatus', 'writeActivities', 'writeInstructions', 'writePlan', 'startYear', 'requestStatus'],
  editor: ['read', 'writeStatus', 'writeActivities', 'writeInstructions', 'writePlan'],
  reader: ['read'],
};

/** Every unit, for a grant or an answer of unitsWhere. */
export const ALL_UNITS = '*' as const;
export type UnitScope = typeof ALL_UNITS | readonly string[];

/** A role held in named units, or in every unit. */
export interface Grant {
  role: Role;
  units: UnitScope;
}

/**
 * The app roles of the Microsoft Entra app registration (their `value` in aad.manifest.json) and
 * the board role each grants. An app role names no unit: src/identity grants it in the default unit
 * (Admin in every unit). Everyone else reads.
 */
export const APP_ROLES = { Admin: 'admin', DPO: 'dpo', CISO: 'ciso', Editor: 'editor' } as const satisfies Record<
  string,
  Exclude<Role, 'reader'>
>;
export type AppRoleValue = keyof typeof APP_ROLES;
export const APP_ROLE_VALUES = Object.keys(APP_ROLES) as AppRoleValue[];

/** The person behind a request, whichever way they were identified. */
export interface Actor {
  id: string;
  displayName: string;
  email?: string;
  /** Every role held anywhere, for display; what a person may do is decided by `grants`. */
  roles: Role[];
  grants: Grant[];
}

const covers = (scope: UnitScope, unitId: string) => scope === ALL_UNITS || scope.includes(unitId);

/** Whether the actor may do this in this unit. */
export function can(actor: Actor, permission: Permission, unitId: string): boolean {
  return actor.grants.some((g) => covers(g.units, unitId) && PERMISSIONS_OF[g.role].includes(permission));
}

/** Whether the actor may do this in at least one unit (to show a command or a page at all). */
export function canSomewhere(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => (g.units === ALL_UNITS || g.units.length > 0) && PERMISSIONS_OF[g.role].includes(permission));
}

/** The units where the actor may do this: every unit, or the named ones (sorted, without repeats). */
export function unitsWhere(actor: Actor, permission: Permission): typeof ALL_UNITS | string[] {
  const scopes = actor.grants.filter((g) => PERMISSIONS_OF[g.role].includes(permission)).map((g) => g.units);
  if (scopes.includes(ALL_UNITS)) return ALL_UNITS;
  return [...new Set(scopes.flatMap((s) => [...s]))].sort();
}

/** The roles the actor holds in this unit (who answers for a control point there). */
export function rolesIn(actor: Actor, unitId: string): Role[] {
  return actor.grants.filter((g) => covers(g.units, unitId)).map((g) => g.role);
}

/** What the actor may do in this unit. */
export function permissionsOf(actor: Actor, unitId: string): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p, unitId));
}

/** Grants of these roles in every unit (the system's own writers, tests). */
export function grantsEverywhere(roles: readonly Role[]): Grant[] {
  return roles.map((role) => ({ role, units: ALL_UNITS }));
}
