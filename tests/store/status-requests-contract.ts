/**
 * The status-request contract (BoardStore.statusRequests, issue 13 item 3): who may ask, the open
 * list, the reminders' work list, and an answer stored once as a status update under the
 * answerer's name. Every store that keeps status requests passes it: call
 * describeStatusRequestContract from a spec with a factory that gives a fresh store.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { NewStatusRequest } from '../../src/domain/status-requests.js';
import { answerStatusRequest, type StatusRequestStore } from '../../src/store/status-requests.js';
import { at, ctx, UNIT } from './actors.js';
import { useSeededStore, type StoreUnderTest } from './contract.js';

const ask: NewStatusRequest = {
  unitId: UNIT,
  year: 2023,
  controlPoint: 4,
  askedId: '29:ciso-teams-id',
  askedName: 'CISO',
  dueDate: '2026-12-05',
};

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

export function describeStatusRequestContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`status-request contract: ${name}`, () => {
    const seeded = useSeededStore(make);
    let requests: StatusRequestStore;
    /** The store as answerStatusRequest takes it: its status updates and its requests. */
    const answering = () => ({
      addStatusUpdate: seeded.store.addStatusUpdate.bind(seeded.store),
      appState: seeded.store.appState,
      statusRequests: requests,
    });
    beforeEach(() => {
      if (!seeded.store.statusRequests) throw new Error(`${name} keeps no status requests`);
      requests = seeded.store.statusRequests;
    });

    it('stores a request from the DPO or the CISO with who asked whom, open until answered', async () => {
      const byDpo = await requests.create(ask, ctx('dpo'));
      expect(byDpo).toMatchObject({
        ...ask,
        requestedBy: 'dpo',
        requestedByName: 'Dataskyddsombud',
        requestedAt: at.toISOString(),
        state: 'open',
        answeredBy: null,
        answeredByName: null,
        answeredAt: null,
        statusUpdateId: null,
      });
      const byCiso = await requests.create({ ...ask, controlPoint: 7, dueDate: '2026-12-01' }, ctx('ciso'));
      expect(await requests.get(UNIT, byDpo.id)).toEqual(byDpo);
      expect((await requests.listOpen(UNIT)).map((r) => r.id)).toEqual([byCiso.id, byDpo.id]);
    });

    it('refuses an editor and a reader, an unknown control point, year or unit, and a request nobody is to answer', async () => {
      expect(await codeOf(requests.create(ask, ctx('editor')))).toBe('forbidden');
      expect(await codeOf(requests.create(ask, ctx('reader')))).toBe('forbidden');
      expect(await codeOf(requests.create({ ...ask, controlPoint: 13 }, ctx('dpo')))).toBe('not_found');
      expect(await codeOf(requests.create({ ...ask, year: 1999 }, ctx('dpo')))).toBe('not_found');
      expect(await codeOf(requests.create({ ...ask, unitId: 'nowhere' }, ctx('dpo')))).toBe('not_found');
      expect(await codeOf(requests.create({ ...ask, askedId: ' ' }, ctx('dpo')))).toBe('invalid_input');
      expect(await requests.listOpen(UNIT)).toEqual([]);
      expect(await codeOf(requests.get(UNIT, '999999'))).toBe('not_found');
      expect(await codeOf(requests.get(UNIT, 'not-an-id'))).toBe('not_found');
    });

    it('answers a repeated create (same request id) with the first request', async () => {
      const first = await requests.create(ask, ctx('dpo', 'tab:dpo:key-1'));
      const cursor = await seeded.store.latestChangeSeq();
      const again = await requests.create(ask, ctx('dpo', 'tab:dpo:key-1'));
      expect(again).toEqual(first);
      expect(await requests.listOpen(UNIT)).toHaveLength(1);
      expect(await seeded.store.changesSince(cursor)).toEqual([]);
    });

    it('logs statusRequest.created: who asked whom about which control point and by when, never the Teams account id', async () => {
      const cursor = await seeded.store.latestChangeSeq();
      const request = await requests.create(ask, ctx('ciso', 'tab:ciso:key-2'));
      const logged = await seeded.store.changesSince(cursor);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        kind: 'statusRequest.created',
        actorId: 'ciso',
        actorName: 'CISO',
        source: 'api',
        at: at.toISOString(),
        unitId: UNIT,
        year: 2023,
        controlPoint: 4,
        entityId: `statusRequest:${request.id}`,
        before: null,
        after: { id: request.id, askedName: 'CISO', dueDate: '2026-12-05', requestedByName: 'CISO' },
      });
      const said = JSON.stringify(logged[0]);
      expect(said).not.toContain(ask.askedId);
      expect(said).not.toContain('tab:ciso:key-2');
    });

    it('logs nothing for a refused request', async () => {
      const cursor = await seeded.store.latestChangeSeq();
      expect(await codeOf(requests.create(ask, ctx('reader')))).toBe('forbidden');
      expect(await codeOf(requests.create({ ...ask, controlPoint: 13 }, ctx('dpo')))).toBe('not_found');
      expect(await seeded.store.changesSince(cursor)).toEqual([]);
    });

    it('lists open requests past their due date for the reminders, and no others', async () => {
      const due = await requests.create({ ...ask, dueDate: '2026-12-01' }, ctx('dpo'));
      await requests.create({ ...ask, controlPoint: 5, dueDate: '2026-12-03' }, ctx('dpo'));
      expect(await requests.listPastDue('2026-12-01')).toEqual([]);
      expect((await requests.listPastDue('2026-12-02')).map((r) => r.id)).toEqual([due.id]);
      expect(await requests.listPastDue('2026-12-04')).toHaveLength(2);
    });

    it("stores the answer once as a status update under the answerer's name, and closes the request", async () => {
      const request = await requests.create(ask, ctx('dpo'));
      const before = (await seeded.store.getControlPointData(UNIT, 4)).statusUpdates.length;
      const answer = { text: 'Rutinen för personuppgiftsincidenter är beslutad.', unitLevel: 3 };
      const first = await answerStatusRequest(answering(), UNIT, request.id, answer, {
        ...ctx('ciso'),
        source: 'bot',
      });
      expect(first.stored).toBe(true);
      expect(first.request).toMatchObject({ state: 'answered', answeredBy: 'ciso', answeredByName: 'CISO', answeredAt: at.toISOString() });
      const again = await answerStatusRequest(answering(), UNIT, request.id, answer, {
        ...ctx('editor'),
        source: 'bot',
      });
      expect(again).toEqual({ request: first.request, stored: false });
      const updates = (await seeded.store.getControlPointData(UNIT, 4)).statusUpdates;
      expect(updates).toHaveLength(before + 1);
      const stored = updates.find((u) => u.id === first.request.statusUpdateId);
      expect(stored).toMatchObject({
        text: answer.text,
        unitLevel: 3,
        author: 'ciso',
        authorName: 'CISO',
        statusDate: '2026-11-28',
        year: 2023,
      });
      expect(await requests.listOpen(UNIT)).toEqual([]);
      expect(await requests.listPastDue('2027-01-01')).toEqual([]);
    });

    it('refuses an answer from a reader and from the DPO (who does not write status), and keeps the request open', async () => {
      const request = await requests.create(ask, ctx('ciso'));
      const answer = { text: 'Läsaren försöker svara.', unitLevel: null };
      const store = answering();
      expect(await codeOf(answerStatusRequest(store, UNIT, request.id, answer, ctx('reader')))).toBe('forbidden');
      expect(await codeOf(answerStatusRequest(store, UNIT, request.id, answer, ctx('dpo')))).toBe('forbidden');
      expect(await codeOf(answerStatusRequest(store, UNIT, request.id, { text: '', unitLevel: null }, ctx('ciso')))).toBe('invalid_input');
      expect((await requests.get(UNIT, request.id)).state).toBe('open');
    });

    it('keeps the first answer when the request is marked answered twice, and says which call closed it', async () => {
      const request = await requests.create(ask, ctx('dpo'));
      const first = { statusUpdateId: 101, answeredBy: 'ciso', answeredByName: 'CISO', answeredAt: '2026-11-29T08:00:00.000Z' };
      const closing = await requests.markAnswered(UNIT, request.id, first);
      expect(closing).toMatchObject({ first: true, request: { state: 'answered', ...first } });
      const later = await requests.markAnswered(UNIT, request.id, { ...first, statusUpdateId: 102, answeredBy: 'editor' });
      expect(later).toEqual({ first: false, request: closing.request });
      expect(await codeOf(requests.markAnswered(UNIT, '999999', first))).toBe('not_found');
    });

    it('stores one status update when answers arrive at the same time, and tells only one of them it closed the request', async () => {
      const request = await requests.create(ask, ctx('dpo'));
      const before = (await seeded.store.getControlPointData(UNIT, 4)).statusUpdates.length;
      const answer = { text: 'Samtidiga svar.', unitLevel: null };
      const results = await Promise.all(
        (['ciso', 'ciso', 'editor'] as const).map((who) => answerStatusRequest(answering(), UNIT, request.id, answer, ctx(who))),
      );
      expect(results.filter((r) => r.stored)).toHaveLength(1);
      // A caller that lost the race answers the request as it found it (open while the winner still writes, or answered).
      const closed = await requests.get(UNIT, request.id);
      expect(closed.statusUpdateId).toBe(results.find((r) => r.stored)!.request.statusUpdateId);
      expect((await seeded.store.getControlPointData(UNIT, 4)).statusUpdates).toHaveLength(before + 1);
    });
  });
}
