/**
 * Bad input the API refuses (issue 11, item 3), over real HTTP on a real SQLite file:
 * control characters, closed and far-off years, a reused Idempotency-Key, numbers that are
 * not decimal digits, and bodies sent by callers who may not write.
 */
import http from 'node:http';
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
const errorOf = async (res: Response) => (await json(res)).error as { code: string; message: string };
const EN = { 'Accept-Language': 'en' };

describe('control characters in texts', () => {
  it('a status with a NUL is refused with 400, naming the character in Swedish or English; nothing is stored', async () => {
    const seq = await server.store.latestChangeSeq();
    const res = await server.call('ciso', 'POST', '/api/control-points/3/status-updates', { text: 'Klart\u0000' });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({
      code: 'invalid_input',
      message: expect.stringContaining('texten innehåller ett otillåtet styrtecken (U+0000'),
    });
    const en = await server.call('dpo', 'POST', '/api/control-points/3/assessments', { level: 2, comment: 'a\u001bb' }, EN);
    expect((await errorOf(en)).message).toContain('the comment contains a control character that is not allowed (U+001B, character 2)');
    const note = await server.call('ciso', 'PATCH', '/api/instructions/5', { note: 'x\u0008' });
    expect(note.status).toBe(400);
    expect(await server.store.latestChangeSeq()).toBe(seq);
  });

  it('keeps tabs and newlines, and stores Windows line ends as newlines', async () => {
    const res = await server.call('ciso', 'POST', '/api/control-points/3/status-updates', { text: 'Rad 1\r\nRad\t2' });
    expect(res.status).toBe(201);
    expect((await json(res)).text).toBe('Rad 1\nRad\t2');
  });
});

describe('numbers in paths and queries are decimal digits', () => {
  it.each(['0x2', '1e0', '%202', '+2', '2.0', '-2', '٢'])('/api/control-points/%s is refused with 400', async (raw) => {
    const res = await server.call('reader', 'GET', `/api/control-points/${raw}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_input');
  });

  it('refuses them in writes and queries too, and takes plain digits', async () => {
    expect((await server.call('ciso', 'PATCH', '/api/instructions/0x5', { state: 'done' })).status).toBe(400);
    expect((await server.call('ciso', 'PATCH', '/api/activities/1e0', { state: 'done' })).status).toBe(400);
    expect((await server.call('reader', 'GET', '/api/board?year=0x7E7')).status).toBe(400);
    expect((await server.call('reader', 'GET', '/api/changes?since=1e2')).status).toBe(400);
    expect((await server.call('reader', 'GET', '/api/reports?year=2023.0')).status).toBe(400);
    expect((await server.call('reader', 'GET', '/api/control-points/02')).status).toBe(200);
    expect((await server.call('reader', 'GET', '/api/board?year=2023')).status).toBe(200);
  });
});

describe('the body is read only after the caller and their role are checked', () => {
  it('a caller who may not write gets 401 or 403, not a complaint about the body', async () => {
    const broken = '{"level": 3,';
    expect((await errorOf(await server.call(null, 'POST', '/api/control-points/1/assessments', broken))).code).toBe('unauthenticated');
    expect((await errorOf(await server.call('reader', 'POST', '/api/control-points/1/assessments', broken))).code).toBe('forbidden');
    const huge = { text: 'x'.repeat(70_000) };
    expect((await errorOf(await server.call('reader', 'POST', '/api/control-points/1/status-updates', huge))).code).toBe('forbidden');
  });

  it('answers 401 without waiting for a body that never comes', async () => {
    const url = new URL('/api/control-points/1/assessments', server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  const path = '/api/control-points/11/status-updates';

  it('a repeat of the same request gets the same record; the key with another body or target gets 422', async () => {
    const key = { 'Idempotency-Key': 'input-spec-1' };
    const first = await json(await server.call('editor', 'POST', path, { text: 'Första', unitLevel: 2 }, key));
    const repeat = await server.call('editor', 'POST', path, { unitLevel: 2, text: 'Första' }, key);
    expect(repeat.status).toBe(201);
    expect((await json(repeat)).id).toBe(first.id);
    const seq = await server.store.latestChangeSeq();

    const otherBody = await server.call('editor', 'POST', path, { text: 'Andra' }, key);
    expect(otherBody.status).toBe(422);
    expect(await errorOf(otherBody)).toEqual({ code: 'idempotency_key_reused', message: expect.stringContaining('Idempotency-Key') });
    const otherTarget = await server.call('editor', 'POST', '/api/control-points/12/status-updates', { text: 'Första', unitLevel: 2 }, key);
    expect(otherTarget.status).toBe(422);
    const otherKind = await server.call('editor', 'POST', '/api/control-points/11/activities', { text: 'Första' }, { ...key, ...EN });
    expect((await errorOf(otherKind)).message).toMatch(/already used for a different request/);
    expect(await server.store.latestChangeSeq()).toBe(seq);
    // The refusal is not remembered as a binding: the same mismatch is refused again.
    expect((await server.call('editor', 'POST', path, { text: 'Andra' }, key)).status).toBe(422);
  });

  it('after a conflict the same change goes again with its key on the newer version (version is a precondition)', async () => {
    const key = { 'Idempotency-Key': 'input-spec-3' };
    const current = (await json(await server.call('reader', 'GET', '/api/action-plan'))).instructions;
    const instruction = [...current.done, ...current.ongoing, ...current.planned, ...current.notStated].find((i: any) => i.number === 7);
    expect((await server.call('editor', 'PATCH', '/api/instructions/7', { note: 'Någon annan' })).status).toBe(200);
    const stale = await server.call('ciso', 'PATCH', '/api/instructions/7', { note: 'Min anteckning', version: instruction.version }, key);
    expect(stale.status).toBe(409);
    const again = await server.call(
      'ciso',
      'PATCH',
      '/api/instructions/7',
      { note: 'Min anteckning', version: instruction.version + 1 },
      key,
    );
    expect(again.status).toBe(200);
    expect((await server.call('ciso', 'PATCH', '/api/instructions/7', { note: 'Något annat' }, key)).status).toBe(422);
  });

  it('keys are per person: another person may use the same key', async () => {
    const key = { 'Idempotency-Key': 'input-spec-2' };
    expect((await server.call('editor', 'POST', path, { text: 'Redaktören' }, key)).status).toBe(201);
    expect((await server.call('ciso', 'POST', path, { text: 'CISO' }, key)).status).toBe(201);
  });
});

describe('report years', () => {
  it('a repeat of POST /api/years with its Idempotency-Key answers the year the first started, and starts no other', async () => {
    const other = await startTestServer();
    try {
      const key = { 'Idempotency-Key': 'input-spec-year' };
      const res = await other.call('dpo', 'POST', '/api/years', {}, key);
      expect(res.status).toBe(201);
      const first = await json(res);
      const seq = await other.store.latestChangeSeq();
      const repeats = await Promise.all([1, 2, 3].map(() => other.call('dpo', 'POST', '/api/years', {}, key)));
      for (const repeat of repeats) {
        // At the same moment as another repeat, one may be told the first is still being started (409), never a new year.
        expect([201, 409]).toContain(repeat.status);
        if (repeat.status === 201) expect((await json(repeat)).year).toBe(first.year);
      }
      const again = await other.call('dpo', 'POST', '/api/years', {}, key);
      expect(await json(again)).toEqual(first);
      expect(await other.store.latestChangeSeq()).toBe(seq);
      expect((await json(await other.call('reader', 'GET', '/api/years'))).years).toEqual([2023, 2024]);
    } finally {
      await other.dispose();
    }
  });

  it('a new year must be the one after the newest: 2100 is refused with 409 and nothing is started', async () => {
    const res = await server.call('dpo', 'POST', '/api/years', { year: 2100 });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({
      code: 'year_not_next',
      message: 'Nästa rapportår är 2024: ett nytt år börjar alltid året efter det senaste (2023).',
    });
    expect((await json(await server.call('reader', 'GET', '/api/years'))).years).toEqual([2023]);
  });

  it('once 2024 is started, ?year=2023 writes nothing into the closed year (409), in Swedish or English', async () => {
    expect((await server.call('dpo', 'POST', '/api/years', { year: 2024 })).status).toBe(201);
    const seq = await server.store.latestChangeSeq();
    const status = await server.call('ciso', 'POST', '/api/control-points/1/status-updates?year=2023', { text: 'Sent svar' });
    expect(status.status).toBe(409);
    expect(await errorOf(status)).toEqual({
      code: 'year_closed',
      message: 'Rapportåret 2023 är stängt: bara det öppna året, 2024, kan ändras.',
    });
    const assessment = await server.call('dpo', 'POST', '/api/control-points/1/assessments?year=2023', { level: 2 }, EN);
    expect(assessment.status).toBe(409);
    expect((await errorOf(assessment)).message).toBe('Report year 2023 is closed: only the open year, 2024, can be changed.');
    expect(await server.store.latestChangeSeq()).toBe(seq);
    expect((await server.call('ciso', 'POST', '/api/control-points/1/status-updates?year=2024', { text: 'I tid' })).status).toBe(201);
  });
});
