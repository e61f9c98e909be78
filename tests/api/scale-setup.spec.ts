/**
 * The DPO's scale setup and "About this data" over real HTTP, on the real SQLite file the server
 * seeds from seed/intraservice-2023.json (issue 12, item 1).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

let server: TestServer;
const dir = tempDataDir();
beforeAll(async () => {
  server = await startTestServer({}, dir);
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = async (res: Response): Promise<any> => res.json();
const about = async () => json(await server.call('reader', 'GET', '/api/about-data'));
const markOf = (a: any, cp: number) => a.marks.find((m: any) => m.controlPoint === cp);
const dpoLevel = async (cp: number) =>
  (await json(await server.call('reader', 'GET', '/api/board'))).controlPoints.find((c: any) => c.number === cp).dpo.level;

describe('About this data', () => {
  it('shows how the seed read the report: the method, every X with its column and line, the notes', async () => {
    const a = await about();
    expect(a.year).toBe(2023);
    expect(a.reading.reportFile).toBe('dpo-annual-report-2023.txt');
    expect(a.reading.method).toMatch(/blanksteg/);
    expect(a.reading.columns).toEqual({ left: 4, right: 10 });
    expect(a.reading.notes.length).toBeGreaterThan(3);
    expect(a.marks).toHaveLength(12);
    expect(markOf(a, 1)).toMatchObject({ column: 10, line: 175, level: 5, interpreted: true });
    expect(markOf(a, 6)).toMatchObject({ column: 4, line: 365, level: 1, interpreted: true });
  });

  it('uses neutral labels until the DPO names the levels', async () => {
    const setup = await json(await server.call('reader', 'GET', '/api/scale/setup'));
    expect(setup).toMatchObject({ canEdit: false, setup: { count: 5, direction: 'lowLeft', labels: null, version: 0 } });
    expect(setup.scale.levels[0].label).toEqual({ sv: 'Nivå 1 av 5', en: 'Level 1 of 5' });
    expect((await json(await server.call('reader', 'GET', '/api/scale'))).levels[4].label.sv).toBe('Nivå 5 av 5');
  });
});

describe('the scale setup', () => {
  it('is the DPO’s alone', async () => {
    for (const user of ['reader', 'ciso', 'editor']) {
      const res = await server.call(user, 'PUT', '/api/scale/setup', { count: 5, direction: 'lowRight', labels: null, version: 0 });
      expect(res.status).toBe(403);
    }
    expect((await json(await server.call('dpo', 'GET', '/api/scale/setup'))).canEdit).toBe(true);
  });

  it('a mark the DPO confirmed is the DPO’s own: no longer interpreted', async () => {
    const cardOf = async (cp: number) =>
      (await json(await server.call('reader', 'GET', '/api/board'))).controlPoints.find((c: any) => c.number === cp);
    expect((await cardOf(6)).dpo).toMatchObject({ level: 1, interpreted: true });
    const res = await server.call(
      'dpo',
      'POST',
      '/api/control-points/6/assessments',
      { level: 1, comment: 'Bekräftad.' },
      { 'X-DPO-Client': 'tab' },
    );
    expect(res.status).toBe(201);
    expect(markOf(await about(), 6)).toMatchObject({ level: 1, interpreted: false });
    expect((await cardOf(6)).dpo).toMatchObject({ level: 1, interpreted: false, assessedBy: 'dpo' });
    const detail = await json(await server.call('reader', 'GET', '/api/control-points/6'));
    const history = detail.assessmentsByYear.find((y: any) => y.year === 2023);
    expect(history.assessments.map((a: any) => [a.level, a.interpreted])).toEqual([
      [1, true],
      [1, false],
    ]);
  });

  it('turning the direction re-reads the interpreted marks, never the DPO’s own, and logs it', async () => {
    const seq = await server.store.latestChangeSeq();
    const res = await server.call(
      'dpo',
      'PUT',
      '/api/scale/setup',
      { count: 5, direction: 'lowRight', labels: null, version: 0 },
      { 'X-DPO-Client': 'tab' },
    );
    expect(res.status).toBe(200);
    const view = await json(res);
    expect(view.setup).toMatchObject({ direction: 'lowRight', version: 1, changedBy: 'dpo' });
    expect(view.log[0]).toMatchObject({ version: 1, by: 'dpo', from: { direction: 'lowLeft' }, to: { direction: 'lowRight' } });
    expect(view.log[0].remapped).toContainEqual({ controlPoint: 1, from: 5, to: 1, column: 10, unitId: 'intraservice', year: 2023 });
    expect(view.log[0].remapped.map((r: any) => r.controlPoint)).not.toContain(6);
    expect(await dpoLevel(1)).toBe(1);
    expect(await dpoLevel(6)).toBe(1);
    expect(markOf(await about(), 1)).toMatchObject({ level: 1, interpreted: true });
    const changes = await json(await server.call('reader', 'GET', `/api/changes?since=${seq}&limit=100`));
    const added = changes.changes.filter((c: any) => c.kind === 'assessment.added');
    expect(added.length).toBe(view.log[0].remapped.length);
    expect(added.every((c: any) => c.actorName === 'Tolkning av rapporten')).toBe(true);
    const logged = changes.changes.filter((c: any) => c.kind === 'scale.changed');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorId: 'dpo',
      source: 'tab',
      before: { count: 5, direction: 'lowLeft', labels: null },
      after: { count: 5, direction: 'lowRight', labels: null, version: 1, remapped: view.log[0].remapped.length },
    });
    expect(logged[0].seq).toBeGreaterThan(Math.max(...added.map((c: any) => c.seq)));
  });

  it('refuses a change made from an old version, and a scale too small for the DPO’s own marks', async () => {
    const stale = await server.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowLeft', labels: null, version: 0 });
    expect(stale.status).toBe(409);
    await server.call('dpo', 'POST', '/api/control-points/2/assessments', { level: 4, comment: '' });
    const small = await server.call('dpo', 'PUT', '/api/scale/setup', { count: 3, direction: 'lowRight', labels: null, version: 1 });
    expect(small.status).toBe(400);
    expect((await json(small)).error.message).toMatch(/minst 4 nivåer/);
  });

  it('takes the DPO’s labels in Swedish and English; the board and the assessment form follow', async () => {
    const labels = ['Svag', 'Låg', 'Medel', 'God', 'Stark'].map((sv, i) => ({ sv, en: ['Weak', 'Low', 'Medium', 'Good', 'Strong'][i] }));
    const res = await server.call('dpo', 'PUT', '/api/scale/setup', { count: 5, direction: 'lowRight', labels, version: 1 });
    expect(res.status).toBe(200);
    const board = await json(await server.call('reader', 'GET', '/api/board'));
    expect(board.scale.levels.map((l: any) => l.label.sv)).toEqual(['Svag', 'Låg', 'Medel', 'God', 'Stark']);
    const refused = await server.call('dpo', 'POST', '/api/control-points/3/assessments', { level: 6, comment: '' });
    expect(refused.status).toBe(422);
  });

  it('keeps the setup across a restart', async () => {
    await server.close();
    const again = await startServer(server.config);
    try {
      const setup = await json(await fetch(`${again.url}/api/scale/setup`, { headers: { 'X-Local-User': 'reader' } }));
      expect(setup.setup).toMatchObject({ version: 2, direction: 'lowRight' });
      expect(again.store.scale.levels[0]!.label.sv).toBe('Svag');
    } finally {
      await again.close();
      server = await startTestServer({}, dir);
    }
  });
});
