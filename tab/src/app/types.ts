/** Shapes of API answers the domain does not name. */
import type { Unit } from '../../../src/domain/model.js';
import type { Actor, Permission, Role } from '../../../src/domain/roles.js';

/**
 * GET /api/me: who the caller is; `permissions` in the unit asked about (the default unit when none), and
 * `permissionsByUnit` in every unit they may read (issue 14): the tab answers `can` for its current unit from it.
 */
export type Me = Actor & { permissions: Permission[]; permissionsByUnit: Record<string, Permission[]>; authMode: string };

/** A unit as the tab names it (GET /api/units). */
export type UnitInfo = Pick<Unit, 'id' | 'name' | 'nameEn' | 'organisation' | 'example' | 'archived'>;

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
