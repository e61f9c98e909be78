/**
 * AUTH_MODE=entra: a Teams user is the Microsoft Entra person in the activity
 * (from.aadObjectId, conversation.tenantId - both set by Teams and covered by the Bot Framework
 * token the adapter checks). Their roles come from the same place as the tab's `roles` claim:
 * the app roles DPO, CISO and Editor assigned to them (or to a group they are a direct member
 * of) in the app's Enterprise application - or, when configured, membership of Entra groups per
 * role - looked up through Graph and cached (src/graph/app-roles.ts).
 * A person from a tenant that is not allowed is refused; a person the directory cannot answer
 * for (no object id, another allowed tenant than the one Graph reads, no assignment) reads.
 */
import { DomainError } from '../src/domain/errors.js';
import type { Actor, Role } from '../src/domain/roles.js';
import type { TeamsAccount, TeamsIdentity } from './identity.js';

export interface EntraTeamsIdentityOptions {
  /** Looks up the app role values (DPO, CISO, Editor) of a person in the home tenant. */
  directory: { roleValues(userObjectId: string): Promise<string[]> } | undefined;
  /** The tenant whose directory `directory` reads (the app's home tenant). */
  homeTenant: string;
  allowedTenants: string[];
  /** App role values -> board roles; a person with none reads. */
  toRoles: (values: string[]) => Role[];
}

export function entraTeamsIdentity(options: EntraTeamsIdentityOptions): TeamsIdentity {
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  return {
    mode: 'entra',
    async identify(account: TeamsAccount): Promise<Actor> {
      const tenant = account.tenantId?.toLowerCase();
      if (!tenant || !allowed.has(tenant)) throw new DomainError('unauthenticated');
      const oid = account.aadObjectId?.toLowerCase();
      const displayName = account.name ?? oid ?? account.id;
      if (!oid) return { id: `teams:${account.id}`, displayName, roles: ['reader'] };
      const canLookUp = options.directory !== undefined && tenant === options.homeTenant.toLowerCase();
      const values = canLookUp ? await options.directory!.roleValues(oid) : [];
      // The same actor id as the tab's (the token's oid), so changes read alike from both.
      return { id: oid, displayName, roles: options.toRoles(values) };
    },
  };
}
