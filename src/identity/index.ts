/**
 * Who a caller is, in one place. The API (a request: X-Local-User or an Entra bearer token), the
 * bot (a Teams account) and the SharePoint sync (the editor of a list item) all ask an Identity,
 * and get an Actor with grants: roles per unit (src/domain/roles.ts holds the role names and permissions).
 *
 * Where grants come from (README "Roller per förvaltning / Roles per unit"):
 *  - local mode: the demo-users file (roles and units per user), read again when it changes;
 *  - Entra: app roles (the default unit only; Admin every unit) and, with ENTRA_UNIT_GROUPS, groups per unit;
 *  - both: the units' people responsible (Unit.responsible, the store's synced state), by object id or e-mail.
 *
 * Where the paths decide differently, on purpose (each is tested in tests/identity/identity.spec.ts):
 *  - roles: a token brings its own `roles` claim (the directory adds group roles only with
 *    ENTRA_ROLE_GROUPS or ENTRA_UNIT_GROUPS); a Teams user and a SharePoint editor have no token, so the role
 *    directory (Graph, cached) is always asked for them.
 *  - who is refused: a request without an acceptable identity gets null (401), an app-only token
 *    not_a_person (403), a Teams user from a tenant that is not allowed `unauthenticated`. A
 *    known person nobody granted a role reads, on every path (src/identity/actor.ts).
 *  - Teams users of another allowed tenant read: the home directory cannot speak for them.
 *    A SharePoint editor is always in the site's (the home) tenant.
 */
import type { Actor, Grant } from '../domain/roles.js';
import { DomainError } from '../domain/errors.js';
import type { Config } from '../config.js';
import type { GraphApi } from '../graph/client.js';
import { actorOf, DEFAULT_UNIT_DEFAULTS, grantedRoles, unitGrants, unscopedGrants, type Person, type UnitDefaults } from './actor.js';
import { bearerToken, entraTokenVerifier, personOfToken, type TokenVerifier } from './entra-token.js';
import { grantsOfLocalUser, LOCAL_USER_HEADER, LocalDirectory, LocalUsersFile, type LocalUser, type LocalUsers } from './local.js';
import { responsibleGrants, type KnownAs, type UnitPeopleSource } from './responsible.js';
import type { RequestHeaders, SharePointEditor, TeamsAccount } from './types.js';

export type { RequestHeaders, SharePointEditor, TeamsAccount } from './types.js';
export { bearerToken, type EntraSettings, type TokenVerifier } from './entra-token.js';
export { LOCAL_USER_HEADER, LocalDirectory, LocalUsersFile, readTeamsUserMapping, type TeamsUserMapping } from './local.js';
export type { UnitDefaults } from './actor.js';
export { cachedUnitPeople, type UnitPeopleSource } from './responsible.js';

export interface Identity {
  readonly mode: 'local' | 'entra';
  /** The caller of an HTTP request, or null when it carries no acceptable identity (answer 401). */
  fromRequest(req: RequestHeaders): Promise<Actor | null>;
  /** The person behind a Teams activity; throws `unauthenticated` for a tenant that is not allowed. */
  fromTeamsAccount(account: TeamsAccount): Promise<Actor>;
  /** The person who edited a SharePoint list item directly (its lastModifiedBy/createdBy user). */
  fromSharePointEditor(editor: SharePointEditor): Promise<Actor>;
  /** AUTH_MODE=local: the demo users as the demo-users file says now (the same list requests are identified by). */
  readonly demoUsers?: () => LocalUsers;
}

/** The app role values, and the `<role>:<unit>` values of unit groups, a person holds (EntraRoleDirectory, Graph). */
export interface RoleLookup {
  roleValues(userObjectId: string): Promise<string[]>;
}

/** Where grants come from besides the person's own roles: the default unit, and the units' people responsible. */
export interface UnitSettings {
  defaults?: UnitDefaults | undefined;
  /** The units and their people responsible (the store); undefined = no grants from there. */
  units?: UnitPeopleSource | undefined;
}

/** Builds actors: the person's own grants, the grants of the units' people responsible, the read everyone has. */
function actors(settings: UnitSettings) {
  const defaults = settings.defaults ?? DEFAULT_UNIT_DEFAULTS;
  return {
    defaults,
    async of(person: Person, own: readonly Grant[], knownAs: KnownAs): Promise<Actor> {
      return actorOf(person, [...own, ...(await responsibleGrants(settings.units, knownAs))], defaults);
    },
    /** Someone no directory knows: known by what the channel says about them; they read (and the units may name them). */
    stranger(prefix: string, id: string | undefined, displayName: string | undefined, knownAs: KnownAs = { objectIds: [], emails: [] }) {
      const key = id ?? displayName ?? 'unknown';
      return this.of({ id: `${prefix}:${key}`, displayName: displayName ?? key }, [], knownAs);
    },
  };
}

/** The values given, without the missing ones. */
const present = (...values: (string | undefined)[]) => values.filter((v): v is string => Boolean(v));

export function localIdentity(directory: LocalDirectory, settings: UnitSettings = {}): Identity {
  const make = actors(settings);
  const actor = (user: LocalUser) =>
    make.of(user, grantsOfLocalUser(user, make.defaults), { objectIds: directory.objectIdsOf(user), emails: present(user.email) });
  return {
    mode: 'local',
    demoUsers: () => directory.demoUsers(),
    async fromRequest(req) {
      const user = directory.user(req.get(LOCAL_USER_HEADER));
      return user ? actor(user) : null;
    },
    fromTeamsAccount(account) {
      const user = directory.teamsUser(account);
      return user ? actor(user) : make.stranger('teams', account.aadObjectId ?? account.id, account.name);
    },
    fromSharePointEditor(editor) {
      const user = directory.sharePointEditor(editor);
      if (user) return actor(user);
      const knownAs = { objectIds: present(editor.id), emails: present(editor.email) };
      return make.stranger('sharepoint', editor.id ?? editor.email, editor.displayName ?? editor.email, knownAs);
    },
  };
}

export interface EntraIdentityOptions extends UnitSettings {
  verifier: TokenVerifier;
  /** Tenants whose people may act; the first is the home tenant unless homeTenant says otherwise. */
  allowedTenants: string[];
  /** The tenant `directory` reads (the app's and the site's). */
  homeTenant: string;
  /** Where people without a token get their roles (and everyone their unit groups); undefined = they read only. */
  directory: RoleLookup | undefined;
  /** ENTRA_ROLE_GROUPS or ENTRA_UNIT_GROUPS: the directory's roles are added to a token's `roles` claim too. */
  directoryForTokens: boolean;
}

export function entraIdentity(options: EntraIdentityOptions): Identity {
  const make = actors(options);
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  const home = options.homeTenant.toLowerCase();
  /** App roles name no unit (the default unit); unit groups name theirs. */
  const grantsOf = (values: readonly string[]): Grant[] => [...unscopedGrants(grantedRoles(values), make.defaults), ...unitGrants(values)];
  const lookUp = async (oid: string): Promise<Grant[]> => grantsOf(options.directory ? await options.directory.roleValues(oid) : []);
  const person = async (who: Person): Promise<Actor> =>
    make.of(who, await lookUp(who.id), { objectIds: [who.id], emails: present(who.email) });
  return {
    mode: 'entra',
    async fromRequest(req) {
      const token = bearerToken(req);
      const claims = token ? await options.verifier.verify(token) : null;
      if (!claims) return null;
      const { person: who, roleValues } = personOfToken(claims);
      const fromToken = unscopedGrants(grantedRoles(roleValues), make.defaults);
      const fromDirectory = options.directoryForTokens ? await lookUp(who.id) : [];
      return make.of(who, [...fromToken, ...fromDirectory], { objectIds: [who.id], emails: present(who.email) });
    },
    async fromTeamsAccount(account) {
      const tenant = account.tenantId?.toLowerCase();
      if (!tenant || !allowed.has(tenant)) throw new DomainError('unauthenticated');
      const oid = account.aadObjectId?.toLowerCase();
      if (!oid) return make.stranger('teams', account.id, account.name);
      // The same actor id as the tab's (the token's oid), so changes read alike from both.
      const who = { id: oid, displayName: account.name ?? oid };
      // Teams users of another allowed tenant read: the home directory (and its units' lists) cannot speak for them.
      return tenant === home ? person(who) : actorOf(who, [], make.defaults);
    },
    async fromSharePointEditor(editor) {
      const oid = editor.id?.toLowerCase();
      if (!oid) return make.stranger('sharepoint', editor.email, editor.displayName, { objectIds: [], emails: present(editor.email) });
      return person({ id: oid, displayName: editor.displayName ?? editor.email ?? oid, email: editor.email });
    },
  };
}

export interface IdentityDeps {
  /** The Graph client role lookups use (the SharePoint store's); one is made from config.directory when absent. */
  graph?: GraphApi | undefined;
  /** Token check seam for tests; default: the tenant's signing keys (config.entra). */
  verifier?: TokenVerifier;
  /** The units and their people responsible (the store, read from synced state). */
  units?: UnitPeopleSource | undefined;
  /** The role cache's clock (tests step it past ENTRA_ROLE_CACHE_SECONDS); Date.now by default. */
  now?: () => number;
}

/** The Identity the configuration asks for: one per process, shared by the API, the bot and the sync (one role cache). */
export function createIdentity(config: Config, deps: IdentityDeps = {}): Identity {
  const units: UnitSettings = { defaults: { defaultUnit: config.defaultUnit, readAllUnits: config.readAllUnits }, units: deps.units };
  if (config.authMode === 'local' || !config.entra) {
    const users = config.localUsersFile ? new LocalUsersFile(config.localUsersFile, config.localUsers) : config.localUsers.users;
    return localIdentity(new LocalDirectory(users, config.teamsUsers), units);
  }
  const d = config.directory;
  if (!d) console.warn('AUTH_MODE=entra without Graph credentials (GRAPH_*): Teams users and SharePoint editors may only read');
  return entraIdentity({
    ...units,
    verifier: deps.verifier ?? entraTokenVerifier(config.entra),
    allowedTenants: config.entra.allowedTenants,
    homeTenant: d?.graph.auth.kind === 'app' ? d.graph.auth.tenantId : config.entra.allowedTenants[0]!,
    directory: d ? lazyRoleDirectory(d, deps) : undefined,
    directoryForTokens: d?.roleGroups !== undefined || d?.unitGroups !== undefined,
  });
}

/** The Graph SDK is loaded on the first lookup, not at start (local mode never loads it). */
function lazyRoleDirectory(settings: NonNullable<Config['directory']>, deps: IdentityDeps): RoleLookup {
  let directory: Promise<RoleLookup> | undefined;
  const build = async (): Promise<RoleLookup> => {
    const { EntraRoleDirectory } = await import('./entra-directory.js');
    const client = deps.graph ?? (await import('../graph/factory.js')).createGraphApi(settings.graph);
    return new EntraRoleDirectory({
      graph: client,
      appId: settings.appId,
      roleGroups: settings.roleGroups,
      unitGroups: settings.unitGroups,
      ttlMs: settings.cacheTtlMs,
      ...(deps.now ? { now: deps.now } : {}),
    });
  };
  return {
    async roleValues(userObjectId) {
      if (!directory) {
        directory = build();
        directory.catch(() => (directory = undefined));
      }
      return (await directory).roleValues(userObjectId);
    },
  };
}
