/**
 * The Microsoft Entra directory part of the Graph test server: the few endpoints DPO Board uses
 * to find a person's roles, in the documented wire format.
 *  - GET  /servicePrincipals(appId='{appId}')?$select=id,appRoles
 *         https://learn.microsoft.com/en-us/graph/api/serviceprincipal-get (alternate key appId)
 *  - GET  /users/{id}/appRoleAssignments  the user's own assignments and those of the groups the
 *         user is a DIRECT member of (group assignment is not inherited through nesting); $count
 *         needs ConsistencyLevel: eventual (advanced query); unknown user -> 404 Request_ResourceNotFound
 *         https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments
 *         https://learn.microsoft.com/en-us/graph/aad-advanced-queries
 *  - POST /users/{id}/checkMemberGroups {groupIds}  transitive, at most 20 ids
 *         https://learn.microsoft.com/en-us/graph/api/directoryobject-checkmembergroups
 */
import crypto from 'node:crypto';

type Json = Record<string, unknown>;

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  isEnabled: boolean;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoles: AppRole[];
}

export interface Assignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: 'User' | 'Group';
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}

export class DirectoryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DirectoryRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface DirectoryAnswer {
  status: number;
  body: Json;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = (id: string) =>
  new DirectoryError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export class GraphDirectory {
  readonly servicePrincipals: ServicePrincipal[] = [];
  /** User object id -> display name and the groups the user is a direct member of. */
  readonly users = new Map<string, { displayName: string; memberOf: string[] }>();
  /** Group object id -> display name and the groups it is itself a member of (nesting). */
  readonly groups = new Map<string, { displayName: string; memberOf: string[] }>();
  readonly assignments: Assignment[] = [];

  addApp(appId: string, displayName: string, roleValues: string[]): ServicePrincipal {
    const sp: ServicePrincipal = {
      id: crypto.randomUUID(),
      appId,
      displayName,
      appRoles: roleValues.map((value) => ({ id: crypto.randomUUID(), value, displayName: value, isEnabled: true })),
    };
    this.servicePrincipals.push(sp);
    return sp;
  }

  addUser(displayName: string, memberOf: string[] = [], id: string = crypto.randomUUID()): string {
    this.users.set(id, { displayName, memberOf });
    return id;
  }

  addGroup(displayName: string, memberOf: string[] = []): string {
    const id = crypto.randomUUID();
    this.groups.set(id, { displayName, memberOf });
    return id;
  }

  /** Assigns the app role with `value` to a user or group (as an admin does in Enterprise applications). */
  assign(sp: ServicePrincipal, principalId: string, value: string): Assignment {
    const role = sp.appRoles.find((r) => r.value === value);
    if (!role) throw new Error(`no app role ${value}`);
    const user = this.users.get(principalId);
    const group = this.groups.get(principalId);
    if (!user && !group) throw new Error(`no principal ${principalId}`);
    const assignment: Assignment = {
      id: crypto.randomBytes(32).toString('base64url'),
      appRoleId: role.id,
      principalId,
      principalType: user ? 'User' : 'Group',
      principalDisplayName: (user ?? group)!.displayName,
      resourceId: sp.id,
      resourceDisplayName: sp.displayName,
      createdDateTime: new Date().toISOString(),
    };
    this.assignments.push(assignment);
    return assignment;
  }

  unassign(assignment: Assignment): void {
    this.assignments.splice(this.assignments.indexOf(assignment), 1);
  }

  /** Answers a directory request, or returns null when the path is not a directory path. */
  route(req: DirectoryRequest, page: (all: Json[]) => DirectoryAnswer): DirectoryAnswer | null {
    let m = /^\/servicePrincipals\(appId='([^']*)'\)$/.exec(req.path);
    if (m && req.method === 'GET') return this.servicePrincipal(m[1]!, req);
    m = /^\/users\/([^/]+)\/appRoleAssignments$/.exec(req.path);
    if (m && req.method === 'GET') return this.userAssignments(m[1]!, req, page);
    m = /^\/users\/([^/]+)\/(?:microsoft\.graph\.)?checkMemberGroups$/.exec(req.path);
    if (m && req.method === 'POST') return this.checkMemberGroups(m[1]!, req);
    if (/^\/(servicePrincipals|users)\b/.test(req.path))
      throw new DirectoryError(400, 'Request_BadRequest', `Unsupported directory request ${req.method} ${req.path}`);
    return null;
  }

  private servicePrincipal(appId: string, req: DirectoryRequest): DirectoryAnswer {
    const sp = this.servicePrincipals.find((s) => s.appId === appId);
    if (!sp) throw notFound(appId);
    const select = req.query
      .get('$select')
      ?.split(',')
      .map((s) => s.trim());
    const full: Json = {
      id: sp.id,
      appId: sp.appId,
      displayName: sp.displayName,
      appRoles: sp.appRoles.map((r) => ({ ...r, allowedMemberTypes: ['User'], description: r.displayName, origin: 'Application' })),
    };
    const body: Json = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity' };
    for (const [k, v] of Object.entries(full)) if (!select || select.includes(k)) body[k] = v;
    return { status: 200, body };
  }

  private userOf(id: string) {
    const user = GUID.test(id) ? this.users.get(id.toLowerCase()) : undefined;
    if (!user) throw notFound(id);
    return user;
  }

  private userAssignments(id: string, req: DirectoryRequest, page: (all: Json[]) => DirectoryAnswer): DirectoryAnswer {
    const user = this.userOf(id);
    if (req.query.has('$count') && req.headers['consistencylevel'] !== 'eventual') {
      throw new DirectoryError(
        400,
        'Request_BadRequest',
        "$count is not currently supported without the 'ConsistencyLevel' header set to 'eventual'.",
      );
    }
    const principals = new Set([id.toLowerCase(), ...user.memberOf]);
    const mine = this.assignments.filter((a) => principals.has(a.principalId)).map((a) => ({ ...a, deletedDateTime: null }));
    const answer = page(mine);
    if (req.query.get('$count') === 'true') answer.body['@odata.count'] = mine.length;
    return answer;
  }

  private checkMemberGroups(id: string, req: DirectoryRequest): DirectoryAnswer {
    const user = this.userOf(id);
    const groupIds = (req.body as { groupIds?: unknown } | undefined)?.groupIds;
    if (!Array.isArray(groupIds) || groupIds.some((g) => typeof g !== 'string' || !GUID.test(g))) {
      throw new DirectoryError(400, 'Request_BadRequest', 'Invalid groupIds.');
    }
    if (groupIds.length > 20) throw new DirectoryError(400, 'Request_BadRequest', 'The number of group ids exceeds the limit of 20.');
    const all = this.transitiveGroups(user.memberOf);
    return {
      status: 200,
      body: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)',
        value: (groupIds as string[]).filter((g) => all.has(g.toLowerCase())),
      },
    };
  }

  private transitiveGroups(direct: string[]): Set<string> {
    const seen = new Set<string>();
    const queue = [...direct];
    while (queue.length > 0) {
      const g = queue.shift()!;
      if (seen.has(g)) continue;
      seen.add(g);
      queue.push(...(this.groups.get(g)?.memberOf ?? []));
    }
    return seen;
  }
}
