/**
 * A person's app roles looked up in Microsoft Entra ID through Graph (app-only), for callers
 * that have no token with a `roles` claim - Teams users of the bot and editors of the SharePoint
 * lists - and for the tab's callers with ENTRA_ROLE_GROUPS. Two sources:
 *  - app role assignments (default): GET /users/{id}/appRoleAssignments lists the roles granted
 *    to the user and to the groups the user is a direct member of (group assignment is not
 *    inherited through nested groups), filtered to this app's service principal; the role ids
 *    are turned into values (DPO, CISO, Editor) with the service principal's appRoles.
 *    https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments
 *    https://learn.microsoft.com/en-us/graph/api/serviceprincipal-get
 *  - configured groups per role value: POST /users/{id}/checkMemberGroups (transitive, at most
 *    20 groups per request, so more groups are asked in requests of 20).
 *  - and always, with ENTRA_UNIT_GROUPS, groups per unit (`ciso:intraservice`, `dpo:*`), asked the
 *    same way; their keys are returned beside the role values (src/identity/actor.ts unitGrants).
 *    https://learn.microsoft.com/en-us/graph/api/user-checkmembergroups
 * Application permissions: Directory.Read.All for the assignments (the least that API accepts);
 * User.Read.All and GroupMember.Read.All for the groups.
 * Cost per person (a card's refresh asks once per viewer): results are cached per person for a TTL
 * (ENTRA_ROLE_CACHE_SECONDS) in a bounded LRU map, so a person's refreshes within it cost Graph nothing
 * after the first, and N people at most one lookup each per TTL; concurrent lookups of one person share
 * one request; a person Graph does not know (404) has no roles. When Graph fails, a person's last known
 * roles are used if there are any, otherwise the error is thrown; either way that person is not asked
 * again before `failureBackoffMs`, so a failing Graph is not asked once per refresh either.
 */
import { GraphHttpError, type GraphApi } from '../graph/client.js';

export interface RoleLookup {
  /** The app role values (e.g. DPO, CISO, Editor) the person holds in this app. */
  roleValues(userObjectId: string): Promise<string[]>;
}

export interface EntraRoleDirectoryOptions {
  graph: GraphApi;
  /** The app (client) id whose service principal the roles belong to. */
  appId: string;
  /** Role value -> group object ids; when given, group membership decides instead of app role assignments. */
  roleGroups?: Record<string, string[]> | undefined;
  /** `<role>:<unit>` -> group object ids (ENTRA_UNIT_GROUPS); asked beside the roles. */
  unitGroups?: Record<string, string[]> | undefined;
  ttlMs: number;
  /** After a failed lookup, how long the person is not asked again (default: the TTL, at most 30 s). */
  failureBackoffMs?: number;
  /** People kept in the cache at most; the least recently used leave first. */
  maxEntries?: number;
  now?: () => number;
}

interface AppRole {
  id: string;
  value: string | null;
  isEnabled?: boolean;
}

interface ServicePrincipal {
  id: string;
  appRoles?: AppRole[];
}

interface AppRoleAssignment {
  appRoleId: string;
  resourceId: string;
  principalType?: string;
}

interface Entry {
  values: string[];
  expires: number;
}

/** checkMemberGroups checks at most 20 groups per request. */
const CHECK_MEMBER_GROUPS_MAX = 20;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The default back-off after a failed lookup, at most. */
const FAILURE_BACKOFF_MS = 30_000;

export class EntraRoleDirectory implements RoleLookup {
  private readonly cache = new Map<string, Entry>();
  /** People whose last lookup failed with nothing known of them: the error, until when it is answered again. */
  private readonly failed = new Map<string, { error: Error; until: number }>();
  private readonly inflight = new Map<string, Promise<string[]>>();
  private principal: { value: Promise<ServicePrincipal>; expires: number } | undefined;
  private readonly maxEntries: number;
  private readonly failureBackoffMs: number;
  private readonly now: () => number;

  constructor(private readonly options: EntraRoleDirectoryOptions) {
    this.maxEntries = options.maxEntries ?? 5000;
    this.failureBackoffMs = options.failureBackoffMs ?? Math.min(options.ttlMs, FAILURE_BACKOFF_MS);
    this.now = options.now ?? Date.now;
  }

  /** Graph requests made by lookups (for tests and logs). */
  lookups = 0;

  roleValues(userObjectId: string): Promise<string[]> {
    const id = userObjectId.toLowerCase();
    if (!GUID.test(id)) return Promise.resolve([]);
    const cached = this.cache.get(id);
    if (cached && cached.expires > this.now()) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return Promise.resolve([...cached.values]);
    }
    const failure = this.failed.get(id);
    if (failure && failure.until > this.now()) return Promise.reject(failure.error);
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = this.lookup(id, cached).finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    return pending.then((values) => [...values]);
  }

  private async lookup(id: string, stale: Entry | undefined): Promise<string[]> {
    let values: string[];
    try {
      const { roleGroups, unitGroups = {} } = this.options;
      values = roleGroups
        ? await this.fromGroups(id, { ...roleGroups, ...unitGroups })
        : [...(await this.fromAssignments(id)), ...(await this.fromGroups(id, unitGroups))];
    } catch (error) {
      if (!(error instanceof GraphHttpError && error.status === 404)) return this.failedLookup(id, stale, error);
      values = [];
    }
    this.failed.delete(id);
    this.remember(id, values, this.options.ttlMs);
    return values;
  }

  /** Graph failed: the last known roles (kept for the back-off), or the error (answered for the back-off). */
  private failedLookup(id: string, stale: Entry | undefined, error: unknown): string[] {
    if (stale) {
      console.warn(`Entra roles: lookup failed, using the last known roles of ${id}: ${(error as Error).message}`);
      this.remember(id, stale.values, this.failureBackoffMs);
      return stale.values;
    }
    this.failed.set(id, { error: error instanceof Error ? error : new Error(String(error)), until: this.now() + this.failureBackoffMs });
    while (this.failed.size > this.maxEntries) this.failed.delete(this.failed.keys().next().value!);
    throw error;
  }

  private remember(id: string, values: string[], forMs: number): void {
    this.cache.delete(id);
    this.cache.set(id, { values, expires: this.now() + forMs });
    while (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
  }

  private async fromAssignments(id: string): Promise<string[]> {
    const sp = await this.servicePrincipal();
    this.lookups += 1;
    // ConsistencyLevel + $count: complete results for users with many indirect (group) assignments.
    const { items } = await this.options.graph.getAll<AppRoleAssignment>(`/users/${id}/appRoleAssignments?$count=true`, {
      ConsistencyLevel: 'eventual',
    });
    const byId = new Map((sp.appRoles ?? []).filter((r) => r.isEnabled !== false && r.value).map((r) => [r.id, r.value!]));
    const values = items.filter((a) => a.resourceId === sp.id).flatMap((a) => (byId.has(a.appRoleId) ? [byId.get(a.appRoleId)!] : []));
    return [...new Set(values)].sort();
  }

  private async fromGroups(id: string, roleGroups: Record<string, string[]>): Promise<string[]> {
    const groupIds = [...new Set(Object.values(roleGroups).flat())];
    const member = new Set<string>();
    for (let i = 0; i < groupIds.length; i += CHECK_MEMBER_GROUPS_MAX) {
      this.lookups += 1;
      const body = { groupIds: groupIds.slice(i, i + CHECK_MEMBER_GROUPS_MAX) };
      const { value } = (await this.options.graph.request<{ value?: string[] }>('POST', `/users/${id}/checkMemberGroups`, body)).body;
      for (const g of value ?? []) member.add(g.toLowerCase());
    }
    return Object.entries(roleGroups)
      .filter(([, groups]) => groups.some((g) => member.has(g.toLowerCase())))
      .map(([role]) => role)
      .sort();
  }

  /** This app's service principal (its id and app roles), read once per TTL. */
  private servicePrincipal(): Promise<ServicePrincipal> {
    if (this.principal && this.principal.expires > this.now()) return this.principal.value;
    const appId = this.options.appId.replace(/'/g, "''");
    const value = this.options.graph.get<ServicePrincipal>(`/servicePrincipals(appId='${appId}')?$select=id,appRoles`);
    this.principal = { value, expires: this.now() + this.options.ttlMs };
    value.catch(() => (this.principal = undefined));
    return value;
  }
}
