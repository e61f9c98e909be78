/**
 * Imports a SeedPlan into the SharePoint lists: reads what is there in one batch, then
 * creates only what is missing, in batches of 20 (lists that are looked up first, then the
 * entries that point at them). A re-run adds nothing; an item people changed is left as it is.
 */
import type { WriteContext } from '../../domain/rules.js';
import type { ImportResult, SeedPlan } from '../port.js';
import type { NewItem, SharePointData } from './data-access.js';
import { write, type ListItem } from './items.js';
import type { ListKey } from './schema.js';
import { odataString } from './site.js';

interface Planned extends NewItem {
  result: keyof ImportResult | null;
}

const f = (item: ListItem, name: string): unknown => item.fields?.[name];

export async function importSeedPlan(store: SharePointData, plan: SeedPlan, ctx: WriteContext): Promise<ImportResult> {
  const u = plan.unit.id;
  const now = ctx.now.toISOString();
  const filter = `fields/UnitKey eq ${odataString(u)}`;
  const keys: ListKey[] = [
    'units',
    'years',
    'workPackages',
    'controlPoints',
    'focusAreas',
    'assessments',
    'statusUpdates',
    'activities',
    'instructions',
    'trainings',
    'actionPlanItems',
    'contacts',
    'subProjects',
    'projects',
  ];
  const have = await store.readMany(
    Object.fromEntries(keys.map((k) => [k, { list: k, filter }])) as Record<ListKey, { list: ListKey; filter: string }>,
  );
  const own = (k: ListKey) => (have[k] ?? []).filter((i) => f(i, 'UnitKey') === u);
  const seedKeys = (k: ListKey) =>
    new Set(
      own(k)
        .map((i) => f(i, 'SeedKey'))
        .filter((key): key is string => typeof key === 'string'),
    );
  const numbers = (k: ListKey) => new Set(own(k).map((i) => Number(f(i, 'Number'))));

  const first: Planned[] = [];
  if (own('units').length === 0) {
    first.push({ result: 'units', list: 'units', fields: write.unit({ ...plan.unit, archived: false, version: 1 }) });
    plan.unit.responsible.forEach((p, i) => first.push({ result: null, list: 'unitPeople', fields: write.unitPerson(u, p, i) }));
  }
  if (!own('years').some((i) => Number(f(i, 'Year')) === plan.year)) {
    first.push({ result: 'years', list: 'years', fields: write.year(u, plan.year, now) });
  }
  const wpKeys = new Set(own('workPackages').map((i) => String(f(i, 'Title'))));
  for (const w of plan.workPackages) {
    if (!wpKeys.has(w.key)) first.push({ result: 'workPackages', list: 'workPackages', fields: write.workPackage({ ...w, unitId: u }) });
  }
  const cps = numbers('controlPoints');
  for (const c of plan.controlPoints) {
    if (!cps.has(c.number))
      first.push({ result: 'controlPoints', list: 'controlPoints', fields: write.controlPoint({ ...c, unitId: u, version: 1 }) });
  }
  const focus = new Set(own('focusAreas').map((i) => `${Number(f(i, 'Year'))}:${Number(f(i, 'ControlPointNumber'))}`));
  for (const a of plan.focusAreas) {
    if (!focus.has(`${a.year}:${a.controlPoint}`))
      first.push({ result: 'focusAreas', list: 'focusAreas', fields: write.focusArea({ ...a, unitId: u }) });
  }
  const instructions = numbers('instructions');
  for (const i of plan.instructions) {
    if (!instructions.has(i.number)) {
      first.push({
        result: 'instructions',
        list: 'instructions',
        fields: write.instruction({ ...i, unitId: u, version: 1, updatedAt: now, updatedBy: ctx.actor.id }),
      });
    }
  }
  const trainings = seedKeys('trainings');
  for (const t of plan.trainings) {
    if (!trainings.has(t.seedKey)) first.push({ result: 'trainings', list: 'trainings', fields: write.training(u, t, t.seedKey) });
  }
  const items = seedKeys('actionPlanItems');
  for (const a of plan.actionPlanItems) {
    if (!items.has(a.seedKey))
      first.push({
        result: 'actionPlanItems',
        list: 'actionPlanItems',
        fields: write.actionPlanItem({ ...a, unitId: u, version: 1, updatedAt: now, updatedBy: ctx.actor.id }, { seedKey: a.seedKey }),
      });
  }
  if (plan.contact && own('contacts').length === 0) {
    const contact = { ...plan.contact, unitId: u, version: 1, updatedAt: now, updatedBy: ctx.actor.id };
    first.push({ result: 'contacts', list: 'contacts', fields: write.contact(contact) });
  }
  const subs = seedKeys('subProjects');
  for (const s of plan.subProjects) {
    if (!subs.has(s.seedKey)) first.push({ result: 'subProjects', list: 'subProjects', fields: write.subProject(u, s) });
  }
  if (own('projects').length === 0) first.push({ result: null, list: 'projects', fields: write.project({ ...plan.project, unitId: u }) });

  const result: ImportResult = {
    units: 0,
    years: 0,
    workPackages: 0,
    controlPoints: 0,
    focusAreas: 0,
    assessments: 0,
    statusUpdates: 0,
    activities: 0,
    instructions: 0,
    trainings: 0,
    actionPlanItems: 0,
    subProjects: 0,
    contacts: 0,
  };
  const created = await createAll(store, first, result);

  // Lookup targets: existing items plus the ones just created.
  const cpItem = new Map<number, number>();
  const wpItem = new Map<string, number>();
  for (const item of [...own('controlPoints'), ...created.filter((c) => c.list === 'controlPoints').map((c) => c.item)]) {
    cpItem.set(Number(f(item, 'Number')), Number(item.id));
  }
  for (const item of [...own('workPackages'), ...created.filter((c) => c.list === 'workPackages').map((c) => c.item)]) {
    wpItem.set(String(f(item, 'Title')), Number(item.id));
  }
  const cp = (n: number) => {
    const id = cpItem.get(n);
    if (id === undefined) throw new Error(`seed: control point ${n} has no item in SharePoint`);
    return id;
  };

  const second: Planned[] = [];
  const assessments = seedKeys('assessments');
  for (const a of plan.assessments) {
    if (assessments.has(a.seedKey)) continue;
    const { seedKey, ...rest } = a;
    second.push({
      result: 'assessments',
      list: 'assessments',
      fields: write.assessment({ ...rest, unitId: u }, store.scale, cp(a.controlPoint), { seedKey }),
    });
  }
  const statuses = seedKeys('statusUpdates');
  for (const s of plan.statusUpdates) {
    if (statuses.has(s.seedKey)) continue;
    const { seedKey, ...rest } = s;
    second.push({
      result: 'statusUpdates',
      list: 'statusUpdates',
      fields: write.statusUpdate({ ...rest, unitId: u }, store.scale, cp(s.controlPoint), { seedKey }),
    });
  }
  const activities = seedKeys('activities');
  for (const a of plan.activities) {
    if (activities.has(a.seedKey)) continue;
    const { seedKey, ...rest } = a;
    const record = { ...rest, unitId: u, version: 1, updatedAt: now, updatedBy: ctx.actor.id };
    const wp = a.workPackage === null ? null : (wpItem.get(a.workPackage) ?? null);
    second.push({ result: 'activities', list: 'activities', fields: write.activity(record, cp(a.controlPoint), wp, { seedKey }) });
  }
  await createAll(store, second, result);
  return result;
}

/** Creates the planned items in $batches of 20; counts what was added; throws after the batch if any failed. */
async function createAll(store: SharePointData, planned: Planned[], result: ImportResult): Promise<{ list: ListKey; item: ListItem }[]> {
  const answers = await store.createMany(planned);
  const created: { list: ListKey; item: ListItem }[] = [];
  const failures: string[] = [];
  answers.forEach((answer, i) => {
    if (!answer.ok) {
      failures.push(`${answer.list}: ${answer.error.message}`);
      return;
    }
    created.push({ list: answer.list, item: answer.item });
    const counted = planned[i]!.result;
    if (counted) result[counted] += 1;
  });
  if (failures.length > 0)
    throw new Error(`seed import: ${failures.length} items could not be created (a re-run adds only what is missing): ${failures[0]}`);
  return created;
}
