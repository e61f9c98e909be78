/**
 * Evidence on SharePoint: the shared evidence contract on the local Graph test server, and the
 * "DPO Underlag" document library, whose files are evidence by themselves once a person fills in
 * the control point (uploaded as a person would, https://learn.microsoft.com/en-us/graph/api/driveitem-put-content;
 * read as list items, https://learn.microsoft.com/en-us/graph/api/resources/listitem).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharePointSettings } from '../../../src/config.js';
import type { DomainError } from '../../../src/domain/errors.js';
import { createDirectEdits } from '../../../src/store/sharepoint/direct-edits.js';
import { seedContext } from '../../../src/store/open.js';
import { readSeedFile } from '../../../src/store/seed.js';
import { at, ctx, UNIT } from '../actors.js';
import { describeEvidenceContract } from '../evidence-contract.js';
import { anna, resolveEditor } from './editors.js';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { SharePointData } from '../../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../../src/store/sharepoint/open.js';
import { graphFor, startHarness, type Harness } from './harness.js';

describeEvidenceContract('SharePoint lists via Graph (local test server)', async () => {
  const h = await startHarness();
  return { store: h.store, dispose: () => h.dispose() };
});

const LIBRARY = 'DPO Underlag';

describe('the "DPO Underlag" document library', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.store.importSeed(readSeedFile(), seedContext(at));
  });
  afterEach(async () => {
    await h.dispose();
  });

  it('is provisioned as a document library, beside the list of links', () => {
    expect(h.server.list(LIBRARY)).toMatchObject({ template: 'documentLibrary' });
    expect(h.server.list('DPO Underlag (länkar)')).toMatchObject({ template: 'genericList' });
    const columns = h.server.list(LIBRARY).columns.map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['UnitKey', 'ControlPointNumber', 'Kind', 'DocumentDate']));
    // Uploading a file must not ask for a title.
    expect(h.server.list(LIBRARY).columns.find((c) => c.name === 'Title')?.required).toBe(false);
  });

  it('shows a file with a control point as evidence of that control point, by whoever uploaded it', async () => {
    const file = h.server.userUpload(
      LIBRARY,
      'Dataskyddspolicy 2024.pdf',
      { UnitKey: UNIT, ControlPointNumber: 1, Kind: 'Policy', DocumentDate: '2024-06-12' },
      anna,
    );
    const [evidence] = await h.store.evidence.list(UNIT, 1);
    expect(evidence).toMatchObject({
      id: `file:${file.id}`,
      unitId: UNIT,
      controlPoint: 1,
      title: 'Dataskyddspolicy 2024.pdf',
      kind: 'policy',
      date: '2024-06-12',
      origin: 'library',
      addedBy: anna.id,
      addedByName: anna.displayName,
    });
    expect(evidence!.url).toBe(`${h.server.siteUrl}/DPO%20Underlag/Dataskyddspolicy%202024.pdf`);
    expect(await h.store.evidence.countByControlPoint(UNIT)).toEqual(new Map([[1, 1]]));
  });

  it('takes the title a person gave the file, the kind "other" and the upload day when those are left empty', async () => {
    h.server.userUpload(LIBRARY, 'protokoll.docx', { Title: 'Protokoll ledningsgrupp', ControlPointNumber: 4 }, anna);
    const [evidence] = await h.store.evidence.list(UNIT, 4);
    expect(evidence).toMatchObject({ title: 'Protokoll ledningsgrupp', kind: 'other', origin: 'library' });
    expect(evidence!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('leaves out a file that names no control point, or another unit', async () => {
    h.server.userUpload(LIBRARY, 'mall.docx', {}, anna);
    h.server.userUpload(LIBRARY, 'annan.pdf', { UnitKey: 'another-unit', ControlPointNumber: 2 }, anna);
    expect(await h.store.evidence.countByControlPoint(UNIT)).toEqual(new Map());
  });

  it('lists files and links together, and removes a file only in the library', async () => {
    const link = await h.store.evidence.add(
      { unitId: UNIT, controlPoint: 2, title: 'Rutin', url: 'https://intranat.example/rutin', kind: 'routine', date: '2024-01-01' },
      ctx('ciso'),
    );
    const file = h.server.userUpload(LIBRARY, 'register.xlsx', { UnitKey: UNIT, ControlPointNumber: 2, Kind: 'Registerutdrag' }, anna);
    expect((await h.store.evidence.list(UNIT, 2)).map((e) => e.origin).sort()).toEqual(['library', 'link']);
    const error = await h.store.evidence.remove(UNIT, `file:${file.id}`, ctx('dpo')).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as DomainError).code).toBe('unprocessable');
    expect(h.server.items(LIBRARY)).toHaveLength(1);
    await h.store.evidence.remove(UNIT, link.id, ctx('ciso'));
    expect((await h.store.evidence.list(UNIT, 2)).map((e) => e.id)).toEqual([`file:${file.id}`]);
  });

  // The sync then checks it like an add in the app (tests/store/sharepoint/direct-edits-evidence.spec.ts).
  it('leaves out a link row someone added by hand in the list until the sync has checked it (no problem reported)', async () => {
    h.server.userCreate(
      'DPO Underlag (länkar)',
      {
        Title: 'Handskriven',
        UnitKey: UNIT,
        ControlPointNumber: 6,
        Url: 'https://example.org/x',
        Kind: 'Annat',
        DocumentDate: '2024-01-01',
      },
      anna,
    );
    expect(await h.store.evidence.list(UNIT, 6)).toEqual([]);
    expect(h.data.problems).toEqual([]);
  });

  it('is refused an item created through the list API, as SharePoint refuses it for a library', async () => {
    const lists = await h.data.lists();
    const error = await h.graph.request('POST', `${lists.listPath('evidenceLibrary')}/items`, { fields: { Title: 'x' } }).then(
      () => null,
      (e: unknown) => e as { status?: number },
    );
    expect(error?.status).toBe(400);
  });

  it('shows a file uploaded after a view was read once the sync has seen it (reads served from synced state)', async () => {
    const edits = createDirectEdits(h.data, h.state, settingsOf(h), { resolveEditor, onChanged: () => {} });
    const reads = edits.serveReads(h.store);
    await edits.schedule.poke();
    expect(await reads.evidence.list(UNIT, 3)).toEqual([]);
    h.server.userUpload(LIBRARY, 'incidentrutin.pdf', { UnitKey: UNIT, ControlPointNumber: 3, Kind: 'Rutin' }, anna);
    const before = h.server.countSince(0);
    // Served from memory to every viewer until the sync sees the file.
    expect(await reads.evidence.list(UNIT, 3)).toEqual([]);
    expect(await reads.evidence.list(UNIT, 3)).toEqual([]);
    expect(h.server.countSince(0)).toBe(before);
    await edits.schedule.poke();
    expect((await reads.evidence.list(UNIT, 3)).map((e) => e.title)).toEqual(['incidentrutin.pdf']);
    expect(await reads.evidence.countByControlPoint(UNIT)).toEqual(new Map([[3, 1]]));
    edits.stop();
  });

  it('posts a file that appears with a control point once (evidence.added by the uploader), across two instances, and its deletion once', async () => {
    const settings = settingsOf(h);
    const first = createDirectEdits(h.data, h.state, settings, { resolveEditor, onChanged: () => {} });
    const other = await startSecondInstance(h);
    const second = createDirectEdits(other.data, other.state, settings, { resolveEditor, onChanged: () => {} });
    await first.sync.poke();
    await second.sync.poke();
    const from = await h.store.latestChangeSeq();
    const file = h.server.userUpload(LIBRARY, 'utbildningsplan.pdf', { UnitKey: UNIT, ControlPointNumber: 5 }, anna);
    await first.sync.poke();
    await second.sync.poke();
    const added = (await h.store.changesSince(from)).filter((c) => c.kind.startsWith('evidence.'));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      kind: 'evidence.added',
      source: 'sharepoint',
      actorName: 'Anna Svensson',
      controlPoint: 5,
      entityId: `evidence:file:${file.id}`,
    });
    h.server.userDelete(LIBRARY, file.id);
    await second.sync.poke();
    await first.sync.poke();
    const all = (await h.store.changesSince(from)).filter((c) => c.kind.startsWith('evidence.'));
    expect(all.map((c) => c.kind)).toEqual(['evidence.added', 'evidence.removed']);
    expect(all[1]!.before).toMatchObject({ title: 'utbildningsplan.pdf', origin: 'library' });
    first.stop();
    second.stop();
  });

  it('posts nothing for what the library held before the first sync, nor for a file until it names a control point', async () => {
    h.server.userUpload(LIBRARY, 'gammal.pdf', { UnitKey: UNIT, ControlPointNumber: 1 }, anna);
    const edits = createDirectEdits(h.data, h.state, settingsOf(h), { resolveEditor, onChanged: () => {} });
    const from = await h.store.latestChangeSeq();
    await edits.sync.poke();
    const later = h.server.userUpload(LIBRARY, 'mall.docx', {}, anna);
    await edits.sync.poke();
    expect((await h.store.changesSince(from)).filter((c) => c.kind.startsWith('evidence.'))).toEqual([]);
    // A person fills in the control point afterwards: now it is evidence, and posted once.
    h.server.userEdit(LIBRARY, later.id, { ControlPointNumber: 2 }, anna);
    await edits.sync.poke();
    h.server.userEdit(LIBRARY, later.id, { Kind: 'Rutin' }, anna);
    await edits.sync.poke();
    const posted = (await h.store.changesSince(from)).filter((c) => c.kind.startsWith('evidence.'));
    expect(posted.map((c) => [c.kind, c.controlPoint, c.entityId])).toEqual([['evidence.added', 2, `evidence:file:${later.id}`]]);
    edits.stop();
  });
});

function settingsOf(h: Harness): SharePointSettings {
  return {
    site: h.server.siteUrl,
    graphBaseUrl: h.server.url,
    auth: { kind: 'token', token: h.server.token },
    timeoutMs: 5000,
    syncIntervalMs: 3_600_000,
    safetyPollMs: 3_600_000,
    readSyncMs: 3_600_000,
    publicUrl: undefined,
    webhookClientState: undefined,
  };
}

/** A second app instance on the same site: its own Graph client, data access and app state. */
async function startSecondInstance(h: Harness) {
  const data = new SharePointData({ graph: graphFor(h.server), site: h.server.siteUrl, scale: DEFAULT_SCALE, onProblem: () => {} });
  const { state } = sharePointOn(data);
  await data.lists();
  return { data, state };
}
