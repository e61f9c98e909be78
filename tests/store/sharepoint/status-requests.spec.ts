/**
 * Status requests on SharePoint: the shared status-request contract on the local Graph test server
 * (tests/graph/graph-test-server.ts), and the list as provisioned (its columns and choices).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedContext } from '../../../src/store/open.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { at, ctx, UNIT } from '../actors.js';
import { describeStatusRequestContract } from '../status-requests-contract.js';
import { startHarness, type Harness } from './harness.js';

describeStatusRequestContract('SharePoint lists via Graph (local test server)', async () => {
  const h = await startHarness();
  return { store: h.store, dispose: () => h.dispose() };
});

describe('the list "DPO Statusförfrågningar"', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.store.importSeed(readSeedFile(), seedContext(at));
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('is provisioned with the request, who was asked, the due date and its state as a choice', () => {
    const list = h.server.list('DPO Statusförfrågningar');
    const columns = list.columns.map((c) => c.name);
    expect(columns).toEqual(
      expect.arrayContaining(['UnitKey', 'Year', 'ControlPointNumber', 'AskedId', 'AskedName', 'DueDate', 'RequestState', 'RequestId']),
    );
    expect(list.columns.find((c) => c.name === 'RequestState')).toMatchObject({
      required: true,
      def: { choice: { choices: ['Öppen', 'Besvarad'] } },
    });
  });

  it('keeps a request as an item a person can read in the list: Swedish state, the due date as a date', async () => {
    const request = await h.store.statusRequests.create(
      { unitId: UNIT, year: 2023, controlPoint: 4, askedId: '29:ciso', askedName: 'Megan Bowen', dueDate: '2026-12-05' },
      ctx('dpo'),
    );
    const item = h.server.list('DPO Statusförfrågningar').items.get(Number(request.id));
    expect(item?.fields).toMatchObject({ RequestState: 'Öppen', AskedName: 'Megan Bowen', ControlPointNumber: 4 });
    expect(String(item?.fields.DueDate)).toMatch(/^2026-12-05/);
  });
});
