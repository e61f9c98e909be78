/** Shapes of API answers the domain does not name. */
import type { Actor, Permission, Role } from '../../../src/domain/roles.js';

export type Me = Actor & { permissions: Permission[]; authMode: string };

export interface DemoUser {
  id: string;
  displayName: string;
  roles: Role[];
}

/** GET /api/session: the auth mode, and in AUTH_MODE=local the demo users. */
export interface SessionInfo {
  authMode: string;
  demo?: { defaultUser: string; users: DemoUser[] };
  /** AUTH_MODE=entra: the app registration's public values, for the consent page. */
  entra?: { clientId: string; tenantId: string; appIdUri: string | null; authorityHost: string };
}
