/**
 * The rules every path shares once it knows who a person is: which board roles their Entra app
 * role values grant, and that a known person nobody granted a role reads - the one place that
 * fallback is written.
 */
import { APP_ROLES, type Actor, type Role } from '../domain/roles.js';

/** Board roles granted by app role values (a token's `roles` claim, a directory lookup); other values count for nothing. */
export function grantedRoles(values: unknown): Role[] {
  const list = Array.isArray(values) ? values : [];
  const known = (v: unknown): v is keyof typeof APP_ROLES => typeof v === 'string' && Object.hasOwn(APP_ROLES, v);
  return [...new Set(list.filter(known).map((v) => APP_ROLES[v]))];
}

export interface Person {
  id: string;
  displayName: string;
  email?: string | undefined;
}

/** The person with the roles granted to them; with none, they read. */
export function actorOf(person: Person, roles: readonly Role[]): Actor {
  const granted = [...new Set(roles.filter((r) => r !== 'reader'))];
  return {
    id: person.id,
    displayName: person.displayName,
    roles: granted.length > 0 ? granted : ['reader'],
    ...(person.email ? { email: person.email } : {}),
  };
}
