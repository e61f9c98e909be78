/**
 * Property-based tests of every API write, over real HTTP on the real server and a real SQLite file (issue 11,
 * item 6). Whatever the path, query, headers and body: the answer is either a valid write (2xx, a JSON record, one
 * change logged, its version one above the last) or a clean refusal (4xx JSON `{ error: { code, message } }`, no
 * stack, nothing logged); an Idempotency-Key sent again with the same request gives the same record and logs nothing;
 * the server keeps answering, and afterwards every view still reads and holds no forbidden control character.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  encodePathPart,
  expectCleanRefusal,
  expectNoInternals,
  FORBIDDEN_CONTROL,
  hostileString,
  jsonValue,
  mostly,
  nearlyValid,
  RUNS,
  SEED,
  stringsIn,
  wireBody,
  type WireBody,
} from './arbitraries.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

// Good values, with a few that look good and are not (a quarter written 2026-K1, 30 February, a stray character).
const quarter = mostly(
  fc.constantFrom('2025-Q1', '2025-Q4', '2026-Q2', '2026-Q3', null),
  fc.constantFrom('2026-K1', '2025-Q5', '25-Q1', '2025-q3'),
);
const isoDate = mostly(fc.constantFrom('2024-11-06', '2025-06-30', null), fc.constantFrom('2024-02-30', '2024-1-6'));
const text = mostly(
  fc.oneof(fc.constantFrom('Rutin införd.', 'Rad 1\nRad 2', 'Rad 1\r\nRad\t2', '  Klart  '), fc.string({ minLength: 1, maxLength: 80 })),
  hostileString,
);
const version = fc.integer({ min: 1, max: 4 });
const num = (min: number, max: number) =>
  fc.oneof(
    { arbitrary: fc.integer({ min, max }).map(String), weight: 8 },
    { arbitrary: fc.constantFrom('0', '02', '999999999', '1e0', '0x2', '-1', '2.0', '%202'), weight: 1 },
    { arbitrary: hostileString.map(encodePathPart), weight: 1 },
  );

interface WriteRoute {
  name: string;
  method: 'POST' | 'PATCH';
  /** The role allowed to make this write. */
  user: string;
  path: fc.Arbitrary<string>;
  body: fc.Arbitrary<unknown>;
}

const ROUTES: WriteRoute[] = [
  {
    name: 'PATCH /api/control-points/:number',
    method: 'PATCH',
    user: 'ciso',
    path: num(1, 13).map((n) => `/api/control-points/${n}`),
    body: nearlyValid(
      { workPackages: fc.array(fc.constantFrom('Incident', 'Utbildning', 'Systemstod'), { maxLength: 3 }), expectedEnd: isoDate, version },
      ['expectedEnd'],
    ),
  },
  {
    name: 'POST /api/control-points/:number/assessments',
    method: 'POST',
    user: 'dpo',
    path: num(1, 13).map((n) => `/api/control-points/${n}/assessments`),
    body: nearlyValid({ level: fc.integer({ min: 0, max: 6 }), comment: text }, ['level']),
  },
  {
    name: 'POST /api/control-points/:number/status-updates',
    method: 'POST',
    user: 'ciso',
    path: num(1, 13).map((n) => `/api/control-points/${n}/status-updates`),
    body: nearlyValid({ text, statusDate: isoDate, unitLevel: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(null)) }, ['text']),
  },
  {
    name: 'POST /api/control-points/:number/activities',
    method: 'POST',
    user: 'editor',
    path: num(1, 13).map((n) => `/api/control-points/${n}/activities`),
    body: nearlyValid(
      {
        text,
        state: fc.constantFrom('planned', 'ongoing', 'done', 'closed'),
        dueFrom: quarter,
        dueTo: quarter,
        workPackage: fc.constantFrom('Incident', 'Okänt', null),
      },
      ['text'],
    ),
  },
  {
    name: 'PATCH /api/activities/:id',
    method: 'PATCH',
    user: 'editor',
    path: num(1, 40).map((n) => `/api/activities/${n}`),
    body: nearlyValid(
      {
        text,
        state: fc.constantFrom('planned', 'ongoing', 'done'),
        dueFrom: quarter,
        dueTo: quarter,
        workPackage: fc.constantFrom('Incident', null),
        version,
      },
      ['state'],
    ),
  },
  {
    name: 'PATCH /api/instructions/:number',
    method: 'PATCH',
    user: 'ciso',
    path: num(1, 32).map((n) => `/api/instructions/${n}`),
    body: nearlyValid(
      {
        state: fc.constantFrom('done', 'ongoing', 'planned', 'started'),
        plannedQuarter: quarter,
        note: fc.oneof(text, fc.constant(null)),
        version,
      },
      ['state'],
    ),
  },
  {
    name: 'POST /api/years',
    method: 'POST',
    user: 'dpo',
    path: fc.constant('/api/years'),
    body: nearlyValid({ year: fc.integer({ min: 2022, max: 2027 }) }),
  },
];

/** Mostly no query (the default unit and the open year), else a unit and a year of any kind. */
const query = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc.record(
      {
        unit: fc.oneof(fc.constant('intraservice'), hostileString),
        year: fc.oneof(fc.integer({ min: 2022, max: 2026 }).map(String), hostileString),
      },
      { requiredKeys: [] },
    ),
    weight: 1,
  },
);
/** Idempotency-Keys from a small pool, so some are sent again, with the same request or with another. */
const idempotencyKey = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.constantFrom('key-a', 'key-b', 'key-c', 'key-d', 'key-e', 'key-f', 'key-g', 'f'.repeat(200)), weight: 1 },
);
const caller = (route: WriteRoute) =>
  fc.oneof(
    { arbitrary: fc.constant(route.user), weight: 8 },
    { arbitrary: fc.constantFrom('reader', 'stranger', 'dpo', 'ciso'), weight: 2 },
  );

interface Attempt {
  route: WriteRoute;
  user: string;
  path: string;
  query: Record<string, string> | undefined;
  key: string | undefined;
  body: WireBody;
  fromTab: boolean;
}

const attempt = fc.constantFrom(...ROUTES).chain((route) =>
  fc.record({
    route: fc.constant(route),
    user: caller(route),
    path: route.path,
    query,
    key: idempotencyKey,
    body: wireBody(route.body),
    fromTab: fc.boolean(),
  }),
);

/** What the run has seen succeed: the answer per idempotent request, and the last version per record. */
interface Model {
  byKey: Map<string, { request: string; answer: string }>;
  versions: Map<string, number>;
  /** Changes logged by the writes that succeeded. */
  changes: number;
}

async function send(a: Attempt): Promise<{ status: number; contentType: string | null; text: string }> {
  const qs = a.query ? `?${new URLSearchParams(a.query).toString()}` : '';
  const res = await fetch(`${server.url}${a.path}${qs}`, {
    method: a.route.method,
    headers: {
      'X-Local-User': a.user,
      ...(a.body.contentType ? { 'Content-Type': a.body.contentType } : {}),
      ...(a.key ? { 'Idempotency-Key': a.key } : {}),
      ...(a.fromTab ? { 'X-DPO-Client': 'tab' } : {}),
    },
    body: a.body.text,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

/** JSON with object keys sorted. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a successful write asked for, as the Idempotency-Key contract defines "the same request": method, path,
 * query and body, keys in any order, without `version` (the precondition, like If-Match, not the change).
 */
function requestIdentity(a: Attempt): string {
  // The server reads a body only as application/json; no body (or another type) is none.
  const isJson = /^application\/json\s*(;|$)/.test(a.body.contentType ?? '') && a.body.text.trim() !== '';
  const body = isJson ? (JSON.parse(a.body.text) as unknown) : null;
  const content = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, version: undefined } : body;
  return canonical([a.route.method, a.path, a.query ?? {}, JSON.parse(JSON.stringify(content ?? null))]);
}

async function check(a: Attempt, model: Model): Promise<void> {
  const before = await server.store.latestChangeSeq();
  const { status, contentType, text } = await send(a);
  const logged = (await server.store.changesSince(before, 1000)).length;
  expect(status, text).not.toBeGreaterThanOrEqual(500);
  if (status >= 400) {
    expectCleanRefusal(status, contentType, text);
    expect(logged, `a refused write logged a change: ${text}`).toBe(0);
    return;
  }
  expect(status).toBeGreaterThanOrEqual(200);
  expect(contentType ?? '').toMatch(/^application\/json/);
  expectNoInternals(text);
  const record = JSON.parse(text) as Record<string, unknown>;
  for (const s of stringsIn(record)) expect(s, 'a stored text holds a control character').not.toMatch(FORBIDDEN_CONTROL);

  const request = requestIdentity(a);
  const keyed = a.key ? `${a.user}:${a.key}` : undefined;
  const earlier = keyed ? model.byKey.get(keyed) : undefined;
  if (earlier) {
    // The same key again: only the same request may succeed, and it gets the first answer without a new change.
    expect(earlier.request, 'a reused Idempotency-Key with another request must be refused (422)').toBe(request);
    expect(logged).toBe(0);
    const first = JSON.parse(earlier.answer) as Record<string, unknown>;
    expect([record.id, record.number, record.year]).toEqual([first.id, first.number, first.year]);
    return;
  }
  if (keyed) model.byKey.set(keyed, { request, answer: text });
  model.changes += logged;
  if (a.route.name === 'POST /api/years') expect(logged).toBeGreaterThanOrEqual(1);
  else expect(logged, 'one valid write, one change').toBe(1);
  if (a.route.method === 'PATCH' && typeof record.version === 'number') {
    // The record's own id: /api/activities/02 and /api/activities/2 are one activity.
    const id = `${a.route.name}:${a.query?.unit ?? 'intraservice'}:${String(record.id ?? record.number)}`;
    const last = model.versions.get(id);
    if (last !== undefined) expect(record.version, `${id}: the version goes up by one per change`).toBe(last + 1);
    model.versions.set(id, record.version);
  }
}

/** Every view still reads, for every role, and shows no forbidden control character. */
async function expectConsistentViews(): Promise<void> {
  const paths = ['/api/board', '/api/action-plan', '/api/years', ...Array.from({ length: 12 }, (_, i) => `/api/control-points/${i + 1}`)];
  for (const path of paths) {
    const res = await server.call('reader', 'GET', path);
    const text = await res.text();
    expect(res.status, `${path}: ${text}`).toBe(200);
    for (const s of stringsIn(JSON.parse(text))) expect(s, path).not.toMatch(FORBIDDEN_CONTROL);
  }
  const changes = await server.store.changesSince(0, 100_000);
  const seqs = changes.map((c) => c.seq);
  expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
  expect(new Set(seqs).size).toBe(seqs.length);
}

describe('every API write, fuzzed', { timeout: 600_000 }, () => {
  it('answers a valid write or a clean 4xx, logs one change per write, and keeps the store readable', async () => {
    const model: Model = { byKey: new Map(), versions: new Map(), changes: 0 };
    const start = await server.store.latestChangeSeq();
    await fc.assert(
      fc.asyncProperty(attempt, (a) => check(a, model)),
      { numRuns: RUNS * ROUTES.length, ...SEED },
    );
    expect(model.changes, 'the runs made some valid writes').toBeGreaterThan(0);
    await expectConsistentViews();
    // Nothing but the successful writes changed the store.
    expect(await server.store.changesSince(start, 100_000)).toHaveLength(model.changes);
    expect((await server.call('reader', 'GET', '/api/health')).status).toBe(200);
  });

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s: well-formed JSON bodies of any shape', async (_name, route) => {
    const model: Model = { byKey: new Map(), versions: new Map(), changes: 0 };
    await fc.assert(
      fc.asyncProperty(route.path, query, fc.oneof(route.body, jsonValue), async (path, q, body) => {
        await check(
          {
            route,
            user: route.user,
            path,
            query: q,
            key: undefined,
            body: { contentType: 'application/json', text: JSON.stringify(body) ?? 'null' },
            fromTab: true,
          },
          model,
        );
      }),
      { numRuns: RUNS, ...SEED },
    );
    await expectConsistentViews();
  });
});
