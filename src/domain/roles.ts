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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  dpo: ['read', 'assess', 'startYear'],
  ciso: ['read', 'writeStatus', 'writeActivities', 'writeInstructions', 'writePlan', 'startYear'],
  editor: ['read', 'writeStatus', 'writeActivities', 'writeInstructions', 'writePlan'],
  reader: ['read'],
};

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
