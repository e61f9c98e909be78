/**
 * Who a caller is, in one place. The API (a request: X-Local-User or an Entra bearer token), the
 * bot (a Teams account) and the SharePoint sync (the editor of a list item) all ask an Identity,
 * and get an Actor with roles (src/domain/roles.ts holds the role names and grants).
 *
 * Where the paths decide differently, on purpose (each is tested in tests/identity/identity.spec.ts):
 *  - roles: a token brings its own `roles` claim (the directory adds group roles only with
 *    ENTRA_ROLE_GROUPS); a Teams user and a SharePoint editor have no token, so the role
 *    directory (Graph, cached) is always asked for them.
 *  - who is refused: a request without an acceptable identity gets null (401), an app-only token
 *    not_a_person (403), a Teams user from a tenant that is not allowed `unauthenticated`. A
 *    known person nobody granted a role reads, on every path (src/identity/actor.ts).
 *  - Teams users of another allowed tenant read: the home directory cannot speak for them.
 *    A SharePoint editor is always in the site's (the home) tenant.
 */
import type { Actor, Role } from '../domain/roles.js';
import { DomainError } from '../domain/errors.js';
import type { Config } from '../config.js';
import type { GraphApi } from '../graph/client.js';
import { actorOf, grantedRoles, type Person } from './actor.js';
import { bearerToken, entraTokenVerifier, personOfToken, type TokenVerifier } from './entra-token.js';
import { LOCAL_USER_HEADER, LocalDirectory } from './local.js';
import type { RequestHeaders, SharePointEditor, TeamsAccount } from './types.js';

export type { RequestHeaders, SharePointEditor, TeamsAccount } from './types.js';
export { bearerToken, type EntraSettings, type TokenVerifier } from './entra-token.js';
export { LOCAL_USER_HEADER, LocalDirectory, readTeamsUserMapping, type TeamsUserMapping } from './local.js';

export interface Identity {
  readonly mode: 'local' | 'entra';
  /** The caller of an HTTP request, or null when it carries no acceptable identity (answer 401). */
  fromRequest(req: RequestHeaders): Promise<Actor | null>;
  /** The person behind a Teams activity; throws `unauthenticated` for a tenant that is not allowed. */
  fromTeamsAccount(account: TeamsAccount): Promise<Actor>;
  /** The person who edited a SharePoint list item directly (its lastModifiedBy/createdBy user). */
  fromSharePointEditor(editor: SharePointEditor): Promise<Actor>;
}

/** The app role values a person holds (EntraRoleDirectory, Graph). */
export interface RoleLookup {
  roleValues(userObjectId: string): Promise<string[]>;
}

/** Someone no directory knows: known by what the channel says about them, and a reader. */
function stranger(prefix: string, id: string | undefined, displayName: string | undefined): Actor {
  const key = id ?? displayName ?? 'unknown';
  return actorOf({ id: `${prefix}:${key}`, displayName: displayName ?? key }, []);
}

export function localIdentity(directory: LocalDirectory): Identity {
  return {
    mode: 'local',
    fromRequest: (req) => Promise.resolve(directory.user(req.get(LOCAL_USER_HEADER))),
    fromTeamsAccount: (account) =>
      Promise.resolve(directory.teamsUser(account) ?? stranger('teams', account.aadObjectId ?? account.id, account.name)),
    fromSharePointEditor: (editor) =>
      Promise.resolve(
        directory.sharePointEditor(editor) ?? stranger('sharepoint', editor.id ?? editor.email, editor.displayName ?? editor.email),
      ),
  };
}

export interface EntraIdentityOptions {
  verifier: TokenVerifier;
  /** Tenants whose people may act; the first is the home tenant unless homeTenant says otherwise. */
  allowedTenants: string[];
  /** The tenant `directory` reads (the app's and the site's). */
  homeTenant: string;
  /** Where people without a token get their roles; undefined = they read only. */
  directory: RoleLookup | undefined;
  /** ENTRA_ROLE_GROUPS: the directory's roles are added to a token's `roles` claim too. */
  directoryForTokens: boolean;
}

export function entraIdentity(options: EntraIdentityOptions): Identity {
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  const home = options.homeTenant.toLowerCase();
  const lookUp = async (oid: string): Promise<Role[]> => grantedRoles(options.directory ? await options.directory.roleValues(oid) : []);
  const person = async (who: Person): Promise<Actor> => actorOf(who, await lookUp(who.id));
  return {
    mode: 'entra',
    async fromRequest(req) {
      const token = bearerToken(req);
      const claims = token ? await options.verifier.verify(token) : null;
      if (!claims) return null;
      const { person: who, roleValues } = personOfToken(claims);
      const fromDirectory = options.directoryForTokens ? await lookUp(who.id) : [];
      return actorOf(who, [...grantedRoles(roleValues), ...fromDirectory]);
    },
    async fromTeamsAccount(account) {
      const tenant = account.tenantId?.toLowerCase();
      if (!tenant || !allowed.has(tenant)) throw new DomainError('unauthenticated');
      const oid = account.aadObjectId?.toLowerCase();
      if (!oid) return stranger('teams', account.id, account.name);
      // The same actor id as the tab's (the token's oid), so changes read alike from both.
      const who = { id: oid, displayName: account.name ?? oid };
      return tenant === home ? person(who) : actorOf(who, []);
    },
    async fromSharePointEditor(editor) {
      const oid = editor.id?.toLowerCase();
      if (!oid) return stranger('sharepoint', editor.email, editor.displayName);
      return person({ id: oid, displayName: editor.displayName ?? editor.email ?? oid, email: editor.email });
    },
  };
}

export interface IdentityDeps {
  /** The Graph client role lookups use (the SharePoint store's); one is made from config.directory when absent. */
  graph?: GraphApi | undefined;
  /** Token check seam for tests; default: the tenant's signing keys (config.entra). */
  verifier?: TokenVerifier;
}

/** The Identity the configuration asks for: one per process, shared by the API, the bot and the sync (one role cache). */
export function createIdentity(config: Config, deps: IdentityDeps = {}): Identity {
  if (config.authMode === 'local' || !config.entra) return localIdentity(new LocalDirectory(config.localUsers.users, config.teamsUsers));
  const d = config.directory;
  if (!d) console.warn('AUTH_MODE=entra without Graph credentials (GRAPH_*): Teams users and SharePoint editors may only read');
  return entraIdentity({
    verifier: deps.verifier ?? entraTokenVerifier(config.entra),
    allowedTenants: config.entra.allowedTenants,
    homeTenant: d?.graph.auth.kind === 'app' ? d.graph.auth.tenantId : config.entra.allowedTenants[0]!,
    directory: d ? lazyRoleDirectory(d, deps.graph) : undefined,
    directoryForTokens: d?.roleGroups !== undefined,
  });
}

/** The Graph SDK is loaded on the first lookup, not at start (local mode never loads it). */
function lazyRoleDirectory(settings: NonNullable<Config['directory']>, graph: GraphApi | undefined): RoleLookup {
  let directory: Promise<RoleLookup> | undefined;
  const build = async (): Promise<RoleLookup> => {
    const { EntraRoleDirectory } = await import('./entra-directory.js');
    const client = graph ?? (await import('../graph/factory.js')).createGraphApi(settings.graph);
    return new EntraRoleDirectory({ graph: client, appId: settings.appId, roleGroups: settings.roleGroups, ttlMs: settings.cacheTtlMs });
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
