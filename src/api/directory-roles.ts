/**
 * ENTRA_ROLE_GROUPS: roles from Entra group membership for the tab's callers too, so the tab
 * and the bot give a person the same roles. The SSO token's app roles still count; the groups
 * add to them (looked up through Graph by the shared, cached role directory).
 */
import type { Role } from '../domain/roles.js';
import type { IdentityProvider } from './auth.js';
import { rolesFromClaim } from './entra-identity.js';

export interface RoleValueLookup {
  roleValues(userObjectId: string): Promise<string[]>;
}

export function withDirectoryRoles(identity: IdentityProvider, lookup: RoleValueLookup): IdentityProvider {
  return {
    mode: identity.mode,
    async identify(req) {
      const actor = await identity.identify(req);
      if (!actor) return null;
      const granted = (roles: Role[]) => roles.filter((r) => r !== 'reader');
      const roles = [...new Set([...granted(actor.roles), ...granted(rolesFromClaim(await lookup.roleValues(actor.id)))])];
      return { ...actor, roles: roles.length > 0 ? roles : ['reader'] };
    },
  };
}
