/**
 * The bot's cards say which DPO marks are read from the report (issue 12, item 1): the board, focus,
 * control-point and assess cards show "tolkad från rapporten" / "interpreted from the report" beside
 * such a level until the DPO confirms it; a change of the scale (scale.changed) is posted like any
 * other change, in both languages. Rendered from the real seed on a real SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessCard, boardCard, controlPointCard, digestCard, focusCard, statusChangeCard, type ChangeContext } from '../../bot/cards.js';
import type { ChangeRecord, Locale } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { buildBoard, buildControlPointDetail } from '../../src/domain/views.js';
import { importSeedFile } from '../../src/store/open.js';
import { LiveScale, ScaleSetupService } from '../../src/store/scale-setup.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

const dir = tempDataDir();
const scale = new LiveScale(DEFAULT_SCALE);
let store: SqliteStore;
const dpo = {
  id: 'dpo',
  displayName: 'Dataskyddsombud (demo)',
  roles: ['dpo' as const],
  grants: [{ role: 'dpo' as const, units: '*' as const }],
};
const now = new Date('2026-11-28T10:00:00Z');
const text = (card: { content: unknown }) => JSON.stringify(card.content);
const evidence = { count: 0, url: 'http://localhost/tab/control-points/4#evidence' };

beforeAll(async () => {
  store = openSqliteStore({ file: path.join(dir, 'cards.sqlite'), scale });
  await importSeedFile(store);
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const board = async () => buildBoard(await store.getBoardData('intraservice'), scale, '2026-11-28');
const detail = async (n: number) => buildControlPointDetail(await store.getControlPointData('intraservice', n), scale, '2026-11-28');

describe('cards of interpreted marks', () => {
  it('note every interpreted level on the board and focus cards, in Swedish and English', async () => {
    const view = await board();
    const sv = boardCard('sv', view, 'http://localhost/tab/');
    expect(text(sv).match(/\(tolkad från rapporten\)/g)).toHaveLength(12);
    expect(text(boardCard('en', view, 'http://localhost/tab/')).match(/\(interpreted from the report\)/g)).toHaveLength(12);
    const focus = focusCard('sv', view, (n) => `http://localhost/tab/control-points/${n}`);
    expect(text(focus)).toContain('Nivå 5 av 5 (tolkad från rapporten)');
  });

  it('note it on the control-point and assess cards until the DPO confirms the mark', async () => {
    const before = await detail(4);
    const input = {
      detail: before,
      unitId: 'intraservice',
      year: 2023,
      canAssess: true,
      userIds: [],
      tabUrl: 'http://localhost/tab/',
      evidence,
    };
    expect(text(controlPointCard('sv', before, 2023, 'http://localhost/tab/', evidence))).toContain('(tolkad från rapporten)');
    expect(text(assessCard('en', input))).toContain('(interpreted from the report)');
    await store.addAssessment(
      { unitId: 'intraservice', year: 2023, controlPoint: 4, level: 3, comment: 'Bekräftad.' },
      { actor: dpo, source: 'bot', now },
    );
    const after = await detail(4);
    expect(text(controlPointCard('sv', after, 2023, 'http://localhost/tab/', evidence))).not.toContain('tolkad från rapporten');
    expect(text(assessCard('sv', { ...input, detail: after }))).not.toContain('tolkad från rapporten');
    const card = (await board()).controlPoints.find((c) => c.number === 4)!;
    expect(card.dpo).toMatchObject({ level: 3, interpreted: false });
  });
});

describe('a change of the scale, posted', () => {
  let change: ChangeRecord;
  const ctx: ChangeContext = {
    scale,
    titleOf: () => undefined,
    linkOf: () => 'http://localhost/tab/scale',
    boardUrl: 'http://localhost/tab/',
  };

  beforeAll(async () => {
    const cursor = await store.latestChangeSeq();
    await new ScaleSetupService(store, scale).change(
      { count: 5, direction: 'lowRight', labels: null, version: 0 },
      { actor: dpo, source: 'tab', now },
    );
    change = (await store.changesSince(cursor)).find((c) => c.kind === 'scale.changed')!;
  });

  it('says who changed what, and how many interpreted marks were read again', () => {
    expect(change).toMatchObject({ actorName: 'Dataskyddsombud (demo)', source: 'tab' });
    const said: Record<Locale, string> = { sv: text(statusChangeCard('sv', change, ctx)), en: text(statusChangeCard('en', change, ctx)) };
    expect(said.sv).toContain('Skalan ändrades');
    expect(said.sv).toContain('5 nivåer, lägst till vänster, neutrala benämningar → 5 nivåer, lägst till höger, neutrala benämningar');
    expect(said.sv).toMatch(/\d+ tolkade markeringar lästes om/);
    expect(said.en).toContain('The scale changed');
    expect(said.en).toMatch(/\d+ interpreted marks were read again/);
  });

  it('is a row of its own in a digest', () => {
    const digest = text(digestCard('sv', [change], ctx));
    expect(digest).toContain('"Skalan"');
  });
});
