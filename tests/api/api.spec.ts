/** The HTTP API over real HTTP, on a real SQLite file in a temp dir, seeded from the report. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const json = async (res: Response) => (await res.json()) as Record<string, any>;

/** Everything a write could have touched, to prove a refused write changed nothing. */
async function snapshot() {
  const board = await json(await server.call('reader', 'GET', '/api/board'));
  const plan = await json(await server.call('reader', 'GET', '/api/action-plan'));
  const changes = await json(await server.call('reader', 'GET', '/api/changes?since=0&limit=500'));
  return { board, plan, changes };
}

describe('reading the seeded board', () => {
  it('reports health without a user', async () => {
    const res = await server.call(null, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'sqlite' });
  });

  it('shows the twelve control points of the 2023 report with Swedish titles, DPO levels and focus 1, 4, 7', async () => {
    const res = await server.call('reader', 'GET', '/api/board');
    expect(res.status).toBe(200);
    const board = await json(res);
    expect(board.unit.name).toBe('Intraservice');
    expect(board.year).toBe(2023);
    expect(board.focusYear).toBe(2024);
    expect(board.controlPoints).toHaveLength(12);
    expect(board.controlPoints[3].title).toBe('Register över personuppgiftsbehandlingar');
    expect(board.controlPoints.filter((c: any) => c.focus).map((c: any) => c.number)).toEqual([1, 4, 7]);
    expect(board.controlPoints[5]).toMatchObject({ title: 'Utbildning', dpo: { level: 1 } });
    expect(board.controlPoints[0].unitStatus).toMatchObject({ statusDate: '2024-11-06', authorName: 'CISO Intraservice' });
    expect(board.controlPoints[0].unitStatus.text).toContain('Ny dataskyddsorganisation fastslagen av nämnd i juni 2024');
    expect(board.scale.levels).toHaveLength(5);
  });

  it('answers a repeated board read with 304 while nothing changed', async () => {
    const first = await server.call('reader', 'GET', '/api/board');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"board-/);
    const again = await server.call('reader', 'GET', '/api/board', undefined, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });

  it('shows one control point with its history and the action plan with 31 instructions', async () => {
    const detail = await json(await server.call('reader', 'GET', '/api/control-points/4'));
    expect(detail.controlPoint.title).toBe('Register över personuppgiftsbehandlingar');
    expect(detail.assessmentsByYear).toEqual([expect.objectContaining({ year: 2023, latest: expect.objectContaining({ level: 4 }) })]);
    expect(detail.activities.length).toBeGreaterThan(3);
    expect(detail.focusYears).toEqual([2024]);
    const plan = await json(await server.call('reader', 'GET', '/api/action-plan'));
    expect(plan.progress.total).toBe(31);
    expect(plan.instructions.done.map((i: any) => i.code)).toEqual(['IIFS 01', 'IIFS 02', 'IIFS 03', 'IIFS 04']);
    expect(plan.project.endDate).toBe('2026-06-30');
  });

  it('chooses unit and year by query, and says so when they do not exist', async () => {
    expect((await server.call('reader', 'GET', '/api/board?unit=intraservice&year=2023')).status).toBe(200);
    const missing = await server.call('reader', 'GET', '/api/board?year=2019');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Rapportåret finns inte.' } });
    // the DPO reads every unit, so hears it does not exist; a reader of the default unit is refused it (roles per unit)
    expect((await server.call('dpo', 'GET', '/api/board?unit=okand')).status).toBe(404);
    expect((await server.call('reader', 'GET', '/api/board?unit=okand')).status).toBe(403);
    expect((await server.call('reader', 'GET', '/api/control-points/13')).status).toBe(404);
  });
});

describe('who is calling', () => {
  it('refuses a missing or unknown user with 401, in Swedish or English after Accept-Language', async () => {
    const none = await server.call(null, 'GET', '/api/board');
    expect(none.status).toBe(401);
    expect((await json(none)).error.code).toBe('unauthenticated');
    const unknown = await server.call('mallory', 'GET', '/api/board', undefined, { 'Accept-Language': 'en-GB,en;q=0.9' });
    expect(unknown.status).toBe(401);
    expect((await json(unknown)).error.message).toBe('You are not signed in, or your identity is unknown.');
  });

  it('tells each user their roles and permissions', async () => {
    const me = await json(await server.call('ciso', 'GET', '/api/me'));
    expect(me).toMatchObject({ id: 'ciso', roles: ['ciso'], authMode: 'local' });
    expect(me.permissions).toContain('writeStatus');
    expect(me.permissions).not.toContain('assess');
  });
});

describe('writes by each role', () => {
  it('the DPO assesses a control point and the board shows it', async () => {
    const res = await server.call('dpo', 'POST', '/api/control-points/6/assessments', { level: 2, comment: 'Utbildningsplan antagen.' });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ level: 2, year: 2023, assessedBy: 'dpo' });
    const board = await json(await server.call('reader', 'GET', '/api/board'));
    expect(board.controlPoints[5].dpo).toMatchObject({ level: 2, comment: 'Utbildningsplan antagen.' });
  });

  it('the CISO adds a status update with the unit’s own level', async () => {
    const res = await server.call('ciso', 'POST', '/api/control-points/4/status-updates', {
      text: 'Systemstödet är i förvaltning.',
      unitLevel: 3,
      statusDate: '2026-11-27',
    });
    expect(res.status).toBe(201);
    const board = await json(await server.call('reader', 'GET', '/api/board'));
    expect(board.controlPoints[3]).toMatchObject({
      unitLevel: 3,
      unitStatus: { text: 'Systemstödet är i förvaltning.', statusDate: '2026-11-27' },
    });
  });

  it('an editor adds and updates an activity, and a stale version is a 409', async () => {
    const created = await json(
      await server.call('editor', 'POST', '/api/control-points/7/activities', { text: 'Uppdatera integritetspolicyn', dueTo: '2027-Q1' }),
    );
    expect(created).toMatchObject({ state: 'planned', version: 1 });
    const updated = await server.call('editor', 'PATCH', `/api/activities/${created.id}`, { state: 'ongoing', version: 1 });
    expect(updated.status).toBe(200);
    const stale = await server.call('ciso', 'PATCH', `/api/activities/${created.id}`, { state: 'done', version: 1 });
    expect(stale.status).toBe(409);
    expect((await json(stale)).error.code).toBe('conflict');
  });

  it('the CISO changes an instruction’s state and replans a control point', async () => {
    const res = await server.call('ciso', 'PATCH', '/api/instructions/10', { state: 'done' });
    expect(res.status).toBe(200);
    const plan = await json(await server.call('reader', 'GET', '/api/action-plan'));
    expect(plan.progress.done).toBe(5);
    const cp = await server.call('ciso', 'PATCH', '/api/control-points/7', { expectedEnd: '2027-06-30' });
    expect(cp.status).toBe(200);
  });

  it('a repeated request with the same Idempotency-Key is stored once', async () => {
    const before = (await json(await server.call('reader', 'GET', '/api/control-points/2'))).statusUpdates.length;
    const send = () =>
      server.call('editor', 'POST', '/api/control-points/2/status-updates', { text: 'Övning genomförd.' }, { 'Idempotency-Key': 'k-42' });
    const [a, b] = [await json(await send()), await json(await send())];
    expect(b.id).toBe(a.id);
    const after = (await json(await server.call('reader', 'GET', '/api/control-points/2'))).statusUpdates.length;
    expect(after).toBe(before + 1);
  });

  it('every write is in the change log with who, when, what, before and after', async () => {
    const { changes } = await json(await server.call('reader', 'GET', '/api/changes?since=1'));
    const kinds = changes.map((c: any) => `${c.kind}:${c.actorId}`);
    expect(kinds).toEqual(
      expect.arrayContaining(['assessment.added:dpo', 'status.added:ciso', 'activity.updated:editor', 'instruction.updated:ciso']),
    );
    const instruction = changes.find((c: any) => c.kind === 'instruction.updated');
    expect(instruction).toMatchObject({ before: { state: 'ongoing' }, after: { state: 'done' }, source: 'api' });
  });
});

describe('refused and malformed writes change nothing', () => {
  const cases: [string, string, string, string, unknown, number, string][] = [
    ['a reader assessing', 'reader', 'POST', '/api/control-points/1/assessments', { level: 3 }, 403, 'forbidden'],
    ['a reader writing status', 'reader', 'POST', '/api/control-points/1/status-updates', { text: 'x' }, 403, 'forbidden'],
    ['a reader adding an activity', 'reader', 'POST', '/api/control-points/1/activities', { text: 'x' }, 403, 'forbidden'],
    ['a reader changing an instruction', 'reader', 'PATCH', '/api/instructions/5', { state: 'done' }, 403, 'forbidden'],
    ['the DPO writing status', 'dpo', 'POST', '/api/control-points/1/status-updates', { text: 'x' }, 403, 'forbidden'],
    ['the CISO assessing', 'ciso', 'POST', '/api/control-points/1/assessments', { level: 3 }, 403, 'forbidden'],
    ['an unknown user', 'mallory', 'POST', '/api/control-points/1/assessments', { level: 3 }, 401, 'unauthenticated'],
    ['malformed JSON', 'dpo', 'POST', '/api/control-points/1/assessments', '{"level": 3,', 400, 'malformed_json'],
    ['a level of the wrong type', 'dpo', 'POST', '/api/control-points/1/assessments', { level: 'hög' }, 400, 'invalid_input'],
    ['a level off the scale', 'dpo', 'POST', '/api/control-points/1/assessments', { level: 7 }, 422, 'level_off_scale'],
    ['an unknown control point', 'dpo', 'POST', '/api/control-points/13/assessments', { level: 3 }, 404, 'not_found'],
    [
      'a comment over the limit',
      'dpo',
      'POST',
      '/api/control-points/1/assessments',
      { level: 3, comment: 'x'.repeat(2001) },
      400,
      'invalid_input',
    ],
    ['an unexpected field', 'dpo', 'POST', '/api/control-points/1/assessments', { level: 3, assessedBy: 'someone' }, 400, 'invalid_input'],
    [
      'status text over the limit',
      'ciso',
      'POST',
      '/api/control-points/1/status-updates',
      { text: 'x'.repeat(8001) },
      400,
      'invalid_input',
    ],
    ['an empty status text', 'ciso', 'POST', '/api/control-points/1/status-updates', { text: '   ' }, 400, 'invalid_input'],
    [
      'an impossible date',
      'ciso',
      'POST',
      '/api/control-points/1/status-updates',
      { text: 'x', statusDate: '2026-02-30' },
      400,
      'invalid_input',
    ],
    ['an unknown activity', 'ciso', 'PATCH', '/api/activities/99999', { state: 'done' }, 404, 'not_found'],
    ['an unknown activity state', 'ciso', 'PATCH', '/api/activities/1', { state: 'finished' }, 400, 'invalid_input'],
    ['an empty patch', 'ciso', 'PATCH', '/api/activities/1', { version: 1 }, 400, 'invalid_input'],
    [
      'an unknown work package',
      'ciso',
      'POST',
      '/api/control-points/1/activities',
      { text: 'x', workPackage: 'Okänt' },
      422,
      'unprocessable',
    ],
    ['an unknown instruction', 'ciso', 'PATCH', '/api/instructions/32', { state: 'done' }, 404, 'not_found'],
    ['a body over 64 kB', 'ciso', 'POST', '/api/control-points/1/status-updates', { text: 'x'.repeat(70_000) }, 413, 'payload_too_large'],
  ];

  it.each(cases)('%s', async (_name, user, method, path, body, status, code) => {
    const before = await snapshot();
    const res = await server.call(user, method, path, body);
    expect(res.status).toBe(status);
    const error = (await json(res)).error;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/\S/);
    expect(await snapshot()).toEqual(before);
  });

  it('words errors in English on request', async () => {
    const res = await server.call('dpo', 'POST', '/api/control-points/1/assessments', { level: 9 }, { 'Accept-Language': 'en' });
    expect((await json(res)).error.message).toBe('Level 9 is not on the scale (1–5).');
  });

  it('words the details of a refusal in the caller’s language too', async () => {
    const body = { text: 'x', workPackage: 'Okänt' };
    const sv = await json(await server.call('ciso', 'POST', '/api/control-points/1/activities', body));
    expect(sv.error.message).toBe('huvudpaketet Okänt finns inte');
    const en = await json(await server.call('ciso', 'POST', '/api/control-points/1/activities', body, { 'Accept-Language': 'en' }));
    expect(en.error.message).toBe('there is no work package Okänt');
    const reversed = { text: 'x', dueFrom: '2027-Q3', dueTo: '2027-Q1' };
    expect((await json(await server.call('ciso', 'POST', '/api/control-points/1/activities', reversed))).error.message).toBe(
      '2027-Q3 ligger efter 2027-Q1',
    );
  });

  it('answers an unknown API route with a JSON 404', async () => {
    const res = await server.call('reader', 'GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
  });
});
