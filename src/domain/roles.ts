/** Who may do what. The server checks these; the UI only mirrors them. */

export const ROLES = ['dpo', 'ciso', 'editor', 'reader'] as const;
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  dpo: ['read', 'assess', 'startYear', 'editContact', 'requestStatus'],
  ciso: ['read', 'writeStatus', 'writeActivities', 'writeInstructions', 'writePlan', 'startYear', 'requestStatus'],
  editor: ['read', 'writeStatus', 'writeActivities', 'writeInstructions', 'writePlan'],
  reader: ['read'],
};

/**
 * The app roles of the Microsoft Entra app registration (their `value` in aad.manifest.json) and
 * the board role each grants. Everyone else reads.
 */
export const APP_ROLES = { DPO: 'dpo', CISO: 'ciso', Editor: 'editor' } as const satisfies Record<string, Exclude<Role, 'reader'>>;
export type AppRoleValue = keyof typeof APP_ROLES;
export const APP_ROLE_VALUES = Object.keys(APP_ROLES) as AppRoleValue[];

/** The person behind a request, whichever way they were identified. */
export interface Actor {
  id: string;
  displayName: string;
  roles: Role[];
  email?: string;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((role) => GRANTS[role].includes(permission));
}

export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p));
}
