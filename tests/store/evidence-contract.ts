/**
 * The evidence contract (BoardStore.evidence): links on a control point, who may add and remove
 * them, https only. Every store that keeps evidence passes it: call describeEvidenceContract from a
 * spec with a factory that gives a fresh store (seeded here with the 2023 report).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { NewEvidence } from '../../src/domain/evidence.js';
import type { EvidenceStore } from '../../src/store/evidence.js';
import { ctx, UNIT } from './actors.js';
import { useSeededStore, type StoreUnderTest } from './contract.js';

const policy: NewEvidence = {
  unitId: UNIT,
  controlPoint: 1,
  title: 'Dataskyddspolicy, beslutad av förvaltningsledningen',
  url: 'https://intraservice.sharepoint.com/sites/dpo/Underlag/dataskyddspolicy.pdf',
  kind: 'policy',
  date: '2024-06-12',
};

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

export function describeEvidenceContract(name: string, make: () => Promise<StoreUnderTest>): void {
  describe(`evidence contract: ${name}`, () => {
    const seeded = useSeededStore(make);
    let evidence: EvidenceStore;
    beforeEach(() => {
      if (!seeded.store.evidence) throw new Error(`${name} keeps no evidence`);
      evidence = seeded.store.evidence;
    });

    it('starts with no evidence on a seeded control point', async () => {
      expect(await evidence.list(UNIT, 1)).toEqual([]);
      expect(await evidence.countByControlPoint(UNIT)).toEqual(new Map());
    });

    it('adds a link with who added it and when, and lists it on its control point only', async () => {
      const added = await evidence.add(policy, ctx('dpo'));
      expect(added).toMatchObject({
        ...policy,
        origin: 'link',
        addedBy: 'dpo',
        addedByName: 'Dataskyddsombud',
        addedAt: '2026-11-28T10:00:00.000Z',
      });
      expect(added.id).toMatch(/\S/);
      expect(await evidence.list(UNIT, 1)).toEqual([added]);
      expect(await evidence.list(UNIT, 2)).toEqual([]);
      expect(await evidence.countByControlPoint(UNIT)).toEqual(new Map([[1, 1]]));
    });

    it('lets the CISO and an editor add evidence, never a reader', async () => {
      await evidence.add({ ...policy, kind: 'routine', title: 'Rutin för incidenthantering' }, ctx('ciso'));
      await evidence.add({ ...policy, kind: 'minutes', title: 'Protokoll ledningsgrupp', date: '2024-09-01' }, ctx('editor'));
      expect(await codeOf(evidence.add(policy, ctx('reader')))).toBe('forbidden');
      const titles = (await evidence.list(UNIT, 1)).map((e) => e.title);
      expect(titles).toEqual(['Protokoll ledningsgrupp', 'Rutin för incidenthantering']);
    });

    it('takes https links only and refuses bad input without storing anything', async () => {
      for (const url of [
        'http://intranet.example/policy.pdf',
        'javascript:alert(1)',
        'file:///c:/policy.pdf',
        'https://user:pw@example.org/x',
        'policy.pdf',
      ]) {
        expect(await codeOf(evidence.add({ ...policy, url }, ctx('dpo')))).toBe('invalid_input');
      }
      expect(await codeOf(evidence.add({ ...policy, title: '   ' }, ctx('dpo')))).toBe('invalid_input');
      expect(await codeOf(evidence.add({ ...policy, date: '12/6 2024' }, ctx('dpo')))).toBe('invalid_input');
      expect(await codeOf(evidence.add({ ...policy, kind: 'memo' as NewEvidence['kind'] }, ctx('dpo')))).toBe('invalid_input');
      expect(await codeOf(evidence.add({ ...policy, controlPoint: 13 }, ctx('dpo')))).toBe('not_found');
      expect(await codeOf(evidence.add({ ...policy, unitId: 'nowhere' }, ctx('dpo')))).toBe('not_found');
      expect(await evidence.list(UNIT, 1)).toEqual([]);
    });

    it('stores a repeated add (same request id) once and answers the first one', async () => {
      const first = await evidence.add(policy, ctx('ciso', 'req-evidence-1'));
      expect(await evidence.add(policy, ctx('ciso', 'req-evidence-1'))).toEqual(first);
      expect(await evidence.list(UNIT, 1)).toEqual([first]);
    });

    it('trims the title and the link', async () => {
      const added = await evidence.add({ ...policy, title: '  Policy  ', url: ` ${policy.url} ` }, ctx('dpo'));
      expect(added).toMatchObject({ title: 'Policy', url: policy.url });
    });

    it('lets only who added a link, or the DPO, remove it', async () => {
      const byEditor = await evidence.add(policy, ctx('editor'));
      const byCiso = await evidence.add({ ...policy, title: 'Rutin' }, ctx('ciso'));
      const error = await evidence.remove(UNIT, byEditor.id, ctx('ciso')).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('forbidden');
      expect((error as DomainError).params.permission).toBe('removeEvidence');
      expect(await evidence.remove(UNIT, byEditor.id, ctx('editor'))).toEqual(byEditor);
      expect(await evidence.remove(UNIT, byCiso.id, ctx('dpo'))).toEqual(byCiso);
      expect(await evidence.list(UNIT, 1)).toEqual([]);
    });

    it('refuses a reader with the evidence permission word, not a borrowed one', async () => {
      const error = await evidence.add(policy, ctx('reader')).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as DomainError).params.permission).toBe('addEvidence');
    });

    it('appends one change record for each add and each removal (evidence.added / evidence.removed)', async () => {
      const from = await seeded.store.latestChangeSeq();
      const added = await evidence.add(policy, ctx('ciso', 'req-evidence-change'));
      await evidence.add(policy, ctx('ciso', 'req-evidence-change'));
      await evidence.remove(UNIT, added.id, ctx('ciso'));
      const log = await seeded.store.changesSince(from);
      expect(log.map((c) => c.kind)).toEqual(['evidence.added', 'evidence.removed']);
      expect(log[0]).toMatchObject({
        unitId: UNIT,
        controlPoint: 1,
        entityId: `evidence:${added.id}`,
        actorId: 'ciso',
        before: null,
        after: added,
      });
      expect(log[1]).toMatchObject({ entityId: `evidence:${added.id}`, before: added, after: null });
    });

    it('removes a link (not for a reader), answers what it removed, and says not_found after', async () => {
      const added = await evidence.add(policy, ctx('editor'));
      expect(await codeOf(evidence.remove(UNIT, added.id, ctx('reader')))).toBe('forbidden');
      expect(await evidence.remove(UNIT, added.id, ctx('dpo'))).toEqual(added);
      expect(await evidence.list(UNIT, 1)).toEqual([]);
      expect(await codeOf(evidence.remove(UNIT, added.id, ctx('dpo')))).toBe('not_found');
      expect(await codeOf(evidence.remove(UNIT, 'no-such-id', ctx('dpo')))).toBe('not_found');
    });

    it('does not remove another unit’s evidence', async () => {
      const added = await evidence.add(policy, ctx('dpo'));
      expect(await codeOf(evidence.remove('another-unit', added.id, ctx('dpo')))).toBe('not_found');
      expect(await evidence.list(UNIT, 1)).toHaveLength(1);
    });

    it('says not_found for an unknown unit or control point when listing', async () => {
      expect(await codeOf(evidence.list('nowhere', 1))).toBe('not_found');
      expect(await codeOf(evidence.list(UNIT, 0))).toBe('not_found');
      expect(await codeOf(evidence.countByControlPoint('nowhere'))).toBe('not_found');
    });
  });
}
