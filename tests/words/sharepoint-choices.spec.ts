/**
 * SharePoint's choice values are the catalog's states, and a site provisioned before the one
 * vocabulary still reads: a training row holding "Genomförd" (the label earlier versions wrote) is
 * done, provisioning adds "Klar" beside it without removing the old choice, and the store writes "Klar".
 * Against the strict Graph test server, which refuses a choice value the column does not list
 * (https://learn.microsoft.com/en-us/graph/api/resources/choicecolumn, allowTextEntry false).
 */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_STATES, INSTRUCTION_STATES, TRAINING_STATES, WORK_PACKAGE_STATES } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { seedContext } from '../../src/store/open.js';
import { readSeedFile } from '../../src/store/seed.js';
import { provisionLists } from '../../src/store/sharepoint/provision.js';
import { CHOICES, listDefinitions } from '../../src/store/sharepoint/schema.js';
import { stateLabel } from '../../src/words/index.js';
import { startHarness } from '../store/sharepoint/harness.js';

const ANNA = { id: 'aad-anna', displayName: 'Anna' };

describe('SharePoint choice values', () => {
  it('are the catalog’s Swedish states, for every state column', () => {
    const expectOf = (states: readonly string[]) => Object.fromEntries(states.map((s) => [s, stateLabel(s as never, 'sv')]));
    expect(CHOICES.activityState).toEqual(expectOf(ACTIVITY_STATES));
    expect(CHOICES.instructionState).toEqual(expectOf(INSTRUCTION_STATES));
    expect(CHOICES.trainingState).toEqual(expectOf(TRAINING_STATES));
    expect(CHOICES.workPackageState).toEqual(expectOf(WORK_PACKAGE_STATES));
    const stateColumns = listDefinitions(DEFAULT_SCALE).flatMap((l) => l.columns.filter((c) => c.name === 'State'));
    for (const column of stateColumns) {
      if (!('choice' in column.type)) throw new Error(`${column.displayName} is not a choice column`);
      for (const choice of column.type.choice.choices) expect(['Planerad', 'Pågående', 'Klar', 'Ej angivet']).toContain(choice);
    }
  });

  it('a site provisioned with "Genomförd" keeps reading it as done, and provisioning adds "Klar" beside it', async () => {
    const h = await startHarness();
    try {
      await h.store.importSeed(readSeedFile(), seedContext());
      const seedDone = readSeedFile().trainings.filter((t) => t.state === 'done').length;
      // The site as the earlier version left it: the training column's choices and its rows' labels.
      const list = h.server.list('DPO Utbildningar');
      const column = list.columns.find((c) => c.name === 'State')!;
      column.def = { ...column.def, choice: { ...(column.def.choice as object), choices: ['Genomförd', 'Planerad'] } };
      for (const row of h.server.items('DPO Utbildningar').filter((i) => i.fields.State === 'Klar')) {
        h.server.userEdit('DPO Utbildningar', row.id, { State: 'Genomförd' }, ANNA);
      }
      expect(h.server.items('DPO Utbildningar').filter((i) => i.fields.State === 'Genomförd')).toHaveLength(seedDone);

      await provisionLists(h.graph, h.server.siteUrl, DEFAULT_SCALE);
      expect((column.def.choice as { choices: string[] }).choices).toEqual(['Genomförd', 'Planerad', 'Klar']);

      const plan = await h.store.getActionPlanData('intraservice');
      expect(plan.trainings.filter((t) => t.state === 'done')).toHaveLength(seedDone);
      expect(plan.trainings.filter((t) => t.state === 'planned')).toHaveLength(readSeedFile().trainings.length - seedDone);
    } finally {
      await h.dispose();
    }
  });
});
