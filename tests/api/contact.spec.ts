/**
 * The unit's contact (the report's closing slide, lines 759–765) over real HTTP, on a real SQLite
 * file seeded from the report: everyone reads it with the action plan, only the DPO changes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionPlanView } from '../../src/domain/views.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.dispose();
});

const plan = async (): Promise<ActionPlanView> => (await (await server.call('reader', 'GET', '/api/action-plan')).json()) as ActionPlanView;
const errorCode = async (res: Response): Promise<string> => ((await res.json()) as { error: { code: string } }).error.code;

describe('the contact and the action plan as the report states them', () => {
  it('the action plan carries the seeded contact, the items that are neither instructions nor trainings, and honest counts', async () => {
    const view = await plan();
    expect(view.contact).toMatchObject({ name: 'Anna (Anna-Lena) Björk', email: 'anna.bjork@intraservice.goteborg.se', version: 1 });
    expect(view.items[0]).toMatchObject({ text: 'Införande av PU-register och informationssäkerhetsdatabas', dueDate: '2024-12-31' });
    expect(view.progress).toMatchObject({ done: 4, ongoing: 3, planned: 0, notStated: 24, total: 31 });
  });

  it('the DPO changes the contact under its version; a stale version is a conflict', async () => {
    const res = await server.call('dpo', 'PATCH', '/api/contact', { role: 'Enhetschef', version: 1 });
    expect(res.status).toBe(200);
    expect((await plan()).contact).toMatchObject({ role: 'Enhetschef', version: 2, name: 'Anna (Anna-Lena) Björk' });
    const stale = await server.call('dpo', 'PATCH', '/api/contact', { role: 'Annan', version: 1 });
    expect(stale.status).toBe(409);
    expect(await errorCode(stale)).toBe('conflict');
  });

  it('refuses the CISO and readers, a bad address and an empty change, and stores nothing', async () => {
    const before = (await plan()).contact;
    const cases: [string, unknown, number, string][] = [
      ['ciso', { name: 'CISO' }, 403, 'forbidden'],
      ['reader', { name: 'Läsare' }, 403, 'forbidden'],
      ['dpo', { email: 'inte en adress' }, 400, 'invalid_input'],
      ['dpo', {}, 400, 'invalid_input'],
      ['dpo', { phone: '031-000000' }, 400, 'invalid_input'],
    ];
    for (const [who, body, status, code] of cases) {
      const res = await server.call(who, 'PATCH', '/api/contact', body);
      expect([who, res.status, await errorCode(res)]).toEqual([who, status, code]);
    }
    expect((await plan()).contact).toEqual(before);
  });

  it('an instruction takes a period of quarters and the state "not stated"', async () => {
    const res = await server.call('ciso', 'PATCH', '/api/instructions/11', {
      state: 'notStated',
      plannedFrom: '2024-Q4',
      plannedQuarter: '2025-Q1',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'notStated', plannedFrom: '2024-Q4', plannedQuarter: '2025-Q1' });
  });
});
