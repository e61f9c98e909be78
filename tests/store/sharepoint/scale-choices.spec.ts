/**
 * SharePoint follows the DPO's scale (issue 12, item 1): after a change of the setup, the level choice columns
 * (DPO Bedömningar.Level, DPO Statusuppdateringar.UnitLevel) offer the new labels, through a PATCH of the
 * columnDefinition (https://learn.microsoft.com/graph/api/columndefinition-update), against the strict Graph test
 * server, which refuses a choice value that is not among the column's choices (as SharePoint does). So the marks
 * the change re-reads, and every later assessment and status, are written with the DPO's labels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../../src/domain/scale.js';
import { importSeedFile } from '../../../src/store/open.js';
import { LiveScale, ScaleSetupService } from '../../../src/store/scale-setup.js';
import { SharePointData } from '../../../src/store/sharepoint/data-access.js';
import { followLevelChoices } from '../../../src/store/sharepoint/provision.js';
import { ctx, UNIT } from '../actors.js';
import { startHarness, type Harness } from './harness.js';

const labels = ['Svag', 'Låg', 'Medel', 'God', 'Stark'].map((sv, i) => ({ sv, en: ['Weak', 'Low', 'Medium', 'Good', 'Strong'][i]! }));
/** The choices a column of a list offers on the test server, as a person editing the list sees them. */
function choicesOf(h: Harness, list: string, column: string): string[] {
  const def = [...h.server.lists.values()].find((l) => l.displayName === list)!.columns.find((c) => c.name === column)!.def;
  return (def.choice as { choices: string[] }).choices;
}

describe('the level choice columns after a change of the scale', () => {
  const scale = new LiveScale(DEFAULT_SCALE);
  let h: Harness;
  let setup: ScaleSetupService;
  let patched: string[][] = [];

  beforeAll(async () => {
    h = await startHarness({}, { data: (options) => new SharePointData({ ...options, scale }) });
    await importSeedFile(h.store);
    setup = new ScaleSetupService(h.store, scale, [
      async (next) => void patched.push(await followLevelChoices(h.graph, await h.data.lists(), next)),
    ]);
    await setup.load();
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('start as provisioned: the neutral labels', () => {
    expect(choicesOf(h, 'DPO Bedömningar', 'Level')).toEqual([
      '1 – Nivå 1 av 5',
      '2 – Nivå 2 av 5',
      '3 – Nivå 3 av 5',
      '4 – Nivå 4 av 5',
      '5 – Nivå 5 av 5',
    ]);
  });

  it('offer the DPO’s labels once they are set, and the re-read marks are written with them', async () => {
    patched = [];
    const view = await setup.change({ count: 5, direction: 'lowRight', labels, version: 0 }, ctx('dpo'));
    expect(patched).toEqual([['DPO Bedömningar.Level', 'DPO Statusuppdateringar.UnitLevel']]);
    const want = ['1 – Svag', '2 – Låg', '3 – Medel', '4 – God', '5 – Stark'];
    expect(choicesOf(h, 'DPO Bedömningar', 'Level')).toEqual(want);
    expect(choicesOf(h, 'DPO Statusuppdateringar', 'UnitLevel')).toEqual(want);
    expect(view.log[0]!.remapped.length).toBeGreaterThan(0);
    const levels = h.server.items('DPO Bedömningar').map((i) => i.fields.Level);
    expect(levels).toContain('1 – Svag');
    const board = await h.store.getBoardData(UNIT);
    const cp1 = board.assessments.filter((a) => a.controlPoint === 1).at(-1)!;
    expect(cp1).toMatchObject({ level: 1, assessedBy: 'dataskyddsombud' });
  });

  it('take the DPO’s own assessments and the unit’s levels under the new labels', async () => {
    await h.store.addAssessment({ unitId: UNIT, year: 2023, controlPoint: 2, level: 3, comment: '' }, ctx('dpo'));
    await h.store.addStatusUpdate(
      { unitId: UNIT, year: 2023, controlPoint: 2, statusDate: '2026-11-28', text: 'Uppdaterad.', unitLevel: 4 },
      ctx('ciso'),
    );
    const fields = h.server.items('DPO Statusuppdateringar').map((i) => i.fields.UnitLevel);
    expect(fields).toContain('4 – God');
  });

  it('are left alone when the labels do not change', async () => {
    patched = [];
    await setup.change({ count: 5, direction: 'lowLeft', labels, version: 1 }, ctx('dpo'));
    expect(patched).toEqual([[]]);
  });
});
