/**
 * A person's app roles looked up through Graph against the local test server's directory
 * (graph-directory.ts): app role assignments to the user and to groups the user is a direct
 * member of (https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments), or
 * membership of configured groups (https://learn.microsoft.com/en-us/graph/api/directoryobject-checkmembergroups);
 * the per-person cache (TTL, LRU bound, one request for concurrent lookups) and failures.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticTokenProvider } from '../../src/graph/auth.js';
import { EntraRoleDirectory } from '../../src/identity/entra-directory.js';
import { GraphApi } from '../../src/graph/client.js';
import type { ServicePrincipal } from '../graph/graph-directory.js';
import { GraphTestServer } from '../graph/graph-test-server.js';
import { fetchTrusting, testCert } from '../graph/tls.js';

const APP_ID = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';

describe('Entra roles through Graph', () => {
  let server: GraphTestServer;
  let graph: GraphApi;
  let sp: ServicePrincipal;
  const people: Record<string, string> = {};
  const groups: Record<string, string> = {};
  let clock = 0;

  beforeAll(async () => {
    server = await new GraphTestServer({ pageSize: 2, emptyFirstPages: true }).start();
    graph = new GraphApi({
      baseUrl: server.url,
      tokens: new StaticTokenProvider(server.token),
      fetch: fetchTrusting(testCert().cert),
      retry: { baseDelayMs: 5, maxDelayMs: 200, timeoutMs: 3000, maxRetries: 2 },
    });
    const d = server.directory;
    sp = d.addApp(APP_ID, 'DPO Board', ['DPO', 'CISO', 'Editor']);
    const other = d.addApp(crypto.randomUUID(), 'Another app', ['DPO', 'Admin']);
    groups.editors = d.addGroup('DPO Board editors');
    groups.outer = d.addGroup('All staff');
    groups.inner = d.addGroup('Security team', [groups.outer]);
    groups.cisoGroup = d.addGroup('CISO office', [groups.outer]);
    people.dpo = d.addUser('Dana Dataskydd');
    people.editor = d.addUser('Erik Editor', [groups.editors]);
    people.nested = d.addUser('Nils Nested', [groups.inner]);
    people.many = d.addUser('Maja Many', [groups.editors]);
    people.none = d.addUser('Nora Nobody');
    people.otherApp = d.addUser('Olle Other');
    d.assign(sp, people.dpo, 'DPO');
    d.assign(sp, groups.editors, 'Editor');
    d.assign(sp, groups.outer, 'CISO'); // nested members do not inherit it
    d.assign(sp, people.many, 'CISO');
    d.assign(sp, people.many, 'DPO');
    d.assign(other, people.otherApp, 'DPO');
  });
  afterAll(async () => server.stop());

  const directory = (extra: Partial<ConstructorParameters<typeof EntraRoleDirectory>[0]> = {}) =>
    new EntraRoleDirectory({ graph, appId: APP_ID, ttlMs: 60_000, now: () => clock, ...extra });

  it('reads direct and group (direct member) assignments to this app only', async () => {
    const roles = directory();
    expect(await roles.roleValues(people.dpo!)).toEqual(['DPO']);
    expect(await roles.roleValues(people.editor!)).toEqual(['Editor']);
    // three assignments over pages of two: every page is read
    expect(await roles.roleValues(people.many!)).toEqual(['CISO', 'DPO', 'Editor']);
    expect(await roles.roleValues(people.nested!)).toEqual([]);
    expect(await roles.roleValues(people.otherApp!)).toEqual([]);
    expect(await roles.roleValues(people.none!)).toEqual([]);
    const calls = server.requests.filter((r) => r.path.includes('appRoleAssignments'));
    // every page, nextLinks included, asked with $count (and so with ConsistencyLevel: eventual)
    expect(calls.length).toBeGreaterThan(6);
    expect(calls.every((r) => decodeURIComponent(r.path).includes('$count=true') && r.status === 200)).toBe(true);
  });

  it('a person the directory does not know has no roles; a malformed id is not sent to Graph', async () => {
    const roles = directory();
    const from = server.requests.length;
    expect(await roles.roleValues(crypto.randomUUID())).toEqual([]);
    expect(server.requests.slice(from).some((r) => r.status === 404)).toBe(true);
    const before = server.requests.length;
    expect(await roles.roleValues('../../sites/x')).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it('serves a person from the cache until the TTL, then sees a changed assignment', async () => {
    const roles = directory({ ttlMs: 1000 });
    clock = 0;
    const d = server.directory;
    const who = d.addUser('Tilda Temporary');
    const assignment = d.assign(sp, who, 'Editor');
    expect(await roles.roleValues(who)).toEqual(['Editor']);
    const from = server.requests.length;
    d.unassign(assignment);
    clock = 999;
    expect(await roles.roleValues(who)).toEqual(['Editor']);
    expect(server.requests.length).toBe(from);
    clock = 1001;
    expect(await roles.roleValues(who)).toEqual([]);
    expect(server.requests.slice(from).filter((r) => r.path.includes(`/users/${who}/appRoleAssignments`)).length).toBeGreaterThan(0);
  });

  it('concurrent lookups of one person share one request; the cache keeps at most maxEntries people', async () => {
    const roles = directory({ maxEntries: 2 });
    await Promise.all([1, 2, 3, 4].map(() => roles.roleValues(people.dpo!)));
    expect(roles.lookups).toBe(1);
    await roles.roleValues(people.editor!);
    await roles.roleValues(people.dpo!); // dpo is now the most recently used
    await roles.roleValues(people.none!); // evicts editor, the least recently used
    expect(roles.lookups).toBe(3);
    await roles.roleValues(people.dpo!);
    expect(roles.lookups).toBe(3);
    await roles.roleValues(people.editor!);
    expect(roles.lookups).toBe(4);
  });

  it('reads the app roles of the service principal once per TTL', async () => {
    const roles = directory();
    const from = server.requests.length;
    await roles.roleValues(people.dpo!);
    await roles.roleValues(people.editor!);
    const spReads = server.requests.slice(from).filter((r) => r.path.startsWith('/servicePrincipals('));
    expect(spReads).toHaveLength(1);
    expect(spReads[0]!.path).toContain('$select=id,appRoles');
  });

  it('uses the last known roles when Graph fails, and throws when there are none', async () => {
    const roles = directory({ ttlMs: 10 });
    clock = 0;
    expect(await roles.roleValues(people.dpo!)).toEqual(['DPO']);
    clock = 100;
    server.faults.push({ path: /appRoleAssignments/, status: 503, times: 10 });
    expect(await roles.roleValues(people.dpo!)).toEqual(['DPO']);
    await expect(roles.roleValues(people.editor!)).rejects.toThrow(/503/);
    server.faults.length = 0;
    // A failed person is answered the failure until the back-off (the TTL here) ends, without asking Graph.
    await expect(roles.roleValues(people.editor!)).rejects.toThrow(/503/);
    clock = 111;
    expect(await roles.roleValues(people.editor!)).toEqual(['Editor']);
  });

  it('with groups per role, membership decides, nested groups included (checkMemberGroups is transitive)', async () => {
    const roles = directory({ roleGroups: { Editor: [groups.editors!], CISO: [groups.outer!, groups.cisoGroup!] } });
    expect(await roles.roleValues(people.editor!)).toEqual(['Editor']);
    expect(await roles.roleValues(people.nested!)).toEqual(['CISO']);
    expect(await roles.roleValues(people.dpo!)).toEqual([]);
    expect(await roles.roleValues(crypto.randomUUID())).toEqual([]);
    const checks = server.requests.filter((r) => r.path.endsWith('/checkMemberGroups'));
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(checks.every((r) => r.method === 'POST')).toBe(true);
  });

  it('with groups per unit (ENTRA_UNIT_GROUPS), answers their keys beside the app roles, asking at most 20 groups per request', async () => {
    const d = server.directory;
    // 45 units with a CISO group each: three checkMemberGroups requests of at most 20 ids
    const unitGroups: Record<string, string[]> = {};
    for (let i = 1; i <= 45; i++) unitGroups[`ciso:enhet-${String(i).padStart(2, '0')}`] = [d.addGroup(`CISO enhet ${i}`)];
    const cityDpo = d.addGroup('Stadens dataskyddsfunktion');
    unitGroups['dpo:*'] = [cityDpo];
    const ulla = d.addUser('Ulla Unit', [unitGroups['ciso:enhet-44']![0]!, cityDpo]);
    d.assign(sp, ulla, 'Editor');
    const roles = directory({ unitGroups });
    const from = server.requests.length;
    expect(await roles.roleValues(ulla)).toEqual(['Editor', 'ciso:enhet-44', 'dpo:*']);
    const checks = server.requests.slice(from).filter((r) => r.path.endsWith('/checkMemberGroups'));
    expect(checks.map((r) => r.status)).toEqual([200, 200, 200]);
    // cached like the roles: no request for the next lookup
    const after = server.requests.length;
    expect(await roles.roleValues(ulla)).toEqual(['Editor', 'ciso:enhet-44', 'dpo:*']);
    expect(server.requests.length).toBe(after);
  });
});
