/**
 * The production BoardStore: SharePoint lists on the unit's site, read and written through
 * Microsoft Graph (@microsoft/microsoft-graph-client, see src/graph).
 *
 * - A board is read in one round trip: a JSON $batch of the list reads
 *   (items?expand=fields(select=...)) plus the change log's delta, then every
 *   @odata.nextLink is followed to the end.
 * - Every write checks the domain rules first (exactly as the SQLite store does), then
 *   writes the item; updates send If-Match with the item's eTag, and a 412 is re-read and
 *   merged when the other change touched other fields, or reported as a conflict.
 * - Each write appends one change record to the change log list (item id = seq). Graph has
 *   no transactions across lists, so a failed append undoes the item write.
 * - A write whose context carries the person's credential (ctx.onBehalfOf, the on-behalf-of
 *   flow) sends its item writes, its change record and any undo with the person's token, so
 *   SharePoint's "Created by"/"Modified by" show them; the reads around it stay app-only.
 */
import {
  applyActionPlanItemPatch,
  checkNewActionPlanItem,
  type ActionPlanItemPatch,
  type NewActionPlanItem,
} from '../../domain/action-plan.js';
import * as changes from '../../domain/changes.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type {
  ActionPlanData,
  ActionPlanItem,
  Activity,
  Assessment,
  BoardData,
  ChangeRecord,
  Contact,
  ControlPoint,
  ControlPointData,
  Instruction,
  NewChange,
  ReportYear,
  StatusUpdate,
  Unit,
} from '../../domain/model.js';
import {
  applyActivityPatch,
  applyContactPatch,
  applyControlPointPatch,
  applyInstructionPatch,
  checkAssessment,
  checkNewActivity,
  checkNewReportYear,
  checkStatusUpdate,
  checkWorkPackageKnown,
  type ActivityPatch,
  type ContactPatch,
  type ControlPointPatch,
  type InstructionPatch,
  type NewActivity,
  type NewAssessment,
  type NewReportYear,
  type NewStatusUpdate,
  type WriteContext,
} from '../../domain/rules.js';
import type { Scale } from '../../domain/scale.js';
import type { NewUnit, UnitPatch } from '../../domain/units.js';
import { GraphHttpError } from '../../graph/client.js';
import type { EvidenceStore } from '../evidence.js';
import type { AppStateStore, BoardStore, DelegatedCredential, ImportResult, SeedPlan, StoreWriteContext } from '../port.js';
import type { SharePointAppState } from './app-state.js';
import { SharePointAppStateStore } from './app-state-store.js';
import { SharePointEvidence } from './evidence.js';
import { SharePointStatusRequests } from './status-requests.js';
import type { Reads, SharePointData } from './data-access.js';
import { emptyLookups, etagOf, FieldReader, ItemProblem, read, write, type ListItem, type Lookups } from './items.js';
import type { ListKey } from './schema.js';
import { importSeedPlan } from './seed-import.js';
import { SharePointUnits } from './units.js';
import { odataString, type SiteLists } from './site.js';

type Fields = Record<string, unknown>;

const MAX_MERGES = 3;

/** The lists a board is made of. */
const BOARD_LISTS = [
  'units',
  'years',
  'workPackages',
  'controlPoints',
  'assessments',
  'statusUpdates',
  'activities',
  'focusAreas',
] as const;

export class SharePointStore implements BoardStore {
  readonly kind = 'sharepoint' as const;
  readonly scale: Scale;
  readonly appState: AppStateStore;
  readonly evidence: EvidenceStore;
  /** Status requests: the list 'DPO Statusförfrågningar' (./status-requests.ts). */
  readonly statusRequests: SharePointStatusRequests;
  private readonly units: SharePointUnits;

  /** `state`: the shared app state on the same lists (the bot's conversations, cursors and claims). */
  constructor(
    private readonly data: SharePointData,
    state: SharePointAppState,
  ) {
    this.scale = data.scale;
    this.appState = new SharePointAppStateStore(state);
    this.evidence = new SharePointEvidence(data, state);
    this.statusRequests = new SharePointStatusRequests(data);
    this.units = new SharePointUnits(data);
  }

  /** Direct list changes the sync has seen: part of the cache key of views (see BoardStore.contentTag). */
  contentTag(): string {
    return String(this.data.listChangeCount);
  }

  private readMany<K extends string>(specs: Reads<K>, withChanges = false): Promise<Record<K, ListItem[]>> {
    return this.data.readMany(specs, withChanges);
  }

  private parse<T>(key: ListKey, items: ListItem[], fn: (r: FieldReader) => T, lists: SiteLists): T[] {
    return this.data.parse(key, items, fn, lists);
  }

  /**
   * The one server-side filter: the unit key. Graph filters on one indexed field at a time
   * (https://learn.microsoft.com/en-us/graph/api/listitem-list), so numbers and lookups are matched here.
   */
  private unitFilter(unitId: string): string {
    return `fields/UnitKey eq ${odataString(unitId)}`;
  }

  /** The unit's rows of these lists in one batch; with the unit, its people responsible too (DPO Ansvariga). */
  private unitReads(unitId: string, keys: readonly ListKey[]): Reads<string> {
    const withPeople: readonly ListKey[] = keys.includes('units') ? [...keys, 'unitPeople'] : keys;
    return Object.fromEntries(withPeople.map((k) => [k, { list: k, filter: this.unitFilter(unitId) }]));
  }

  /** The unit (with its people when they were read beside it), or not_found. */
  private requireUnit(lists: SiteLists, r: { units?: ListItem[]; unitPeople?: ListItem[] }, unitId: string): Unit {
    const unit = this.units.join(lists, r.units ?? [], r.unitPeople ?? []).find((u) => u.id === unitId);
    if (!unit) throw notFound('unit');
    return unit;
  }

  private lookups(lists: SiteLists, cpItems: ListItem[], wpItems: ListItem[], unitId: string): Lookups {
    const l = emptyLookups();
    for (const item of cpItems) {
      const [cp] = this.parse('controlPoints', [item], read.controlPoint, lists);
      if (cp && cp.unitId === unitId) {
        l.controlPointNumber.set(Number(item.id), cp.number);
        l.controlPointItem.set(cp.number, Number(item.id));
      }
    }
    for (const item of wpItems) {
      const [wp] = this.parse('workPackages', [item], read.workPackage, lists);
      if (wp && wp.unitId === unitId) {
        l.workPackageKey.set(Number(item.id), wp.key);
        l.workPackageItem.set(wp.key, Number(item.id));
      }
    }
    return l;
  }

  // ---- reads ----------------------------------------------------------------------------------

  async listUnits(): Promise<Unit[]> {
    return (await this.units.list()).sort((a, b) => a.name.localeCompare(b.name, 'sv') || a.id.localeCompare(b.id));
  }

  createUnit(input: NewUnit, ctx: StoreWriteContext): Promise<Unit> {
    return this.units.create(input, ctx);
  }

  updateUnit(id: string, patch: UnitPatch, ctx: StoreWriteContext): Promise<Unit> {
    return this.units.update(id, patch, ctx);
  }

  async listYears(unitId: string): Promise<number[]> {
    const lists = await this.data.lists();
    const r = await this.readMany(this.unitReads(unitId, ['units', 'years']));
    this.requireUnit(lists, r, unitId);
    return this.yearsOf(lists, r.years!, unitId);
  }

  private yearsOf(lists: SiteLists, items: ListItem[], unitId: string): number[] {
    const own = items.filter((i) => i.fields?.UnitKey === unitId);
    return [...new Set(this.parse('years', own, read.year, lists))].sort((a, b) => a - b);
  }

  async getBoardData(unitId: string, year?: number): Promise<BoardData> {
    const lists = await this.data.lists();
    const r = await this.readMany(this.unitReads(unitId, BOARD_LISTS), true);
    this.requireUnit(lists, r, unitId);
    const years = this.yearsOf(lists, r.years!, unitId);
    const chosen = year ?? years.at(-1);
    if (chosen === undefined || !years.includes(chosen)) throw notFound('year');
    return this.boardFrom(lists, r, unitId, chosen, years, (await this.data.changeLog()).latest());
  }

  /**
   * Every year's board of every unit from ONE read of the board's lists (whole lists, paged), for the city
   * view: its Graph cost is one board's, however many units there are (reading unit by unit it grew with them).
   */
  async getAllBoards(): Promise<Record<string, BoardData[]>> {
    const lists = await this.data.lists();
    const keys = [...BOARD_LISTS, 'unitPeople'] as const;
    const all = await this.readMany(Object.fromEntries(keys.map((k) => [k, { list: k }])) as Reads<(typeof keys)[number]>, true);
    const changeSeq = (await this.data.changeLog()).latest();
    const byUnit = new Map<string, Partial<Record<ListKey, ListItem[]>>>();
    for (const key of keys) {
      for (const item of all[key]) {
        const unitKey = item.fields?.UnitKey;
        const unitId = typeof unitKey === 'string' ? unitKey : '';
        const rows = byUnit.get(unitId) ?? {};
        (rows[key] ??= []).push(item);
        byUnit.set(unitId, rows);
      }
    }
    const out: Record<string, BoardData[]> = {};
    for (const [unitId, r] of byUnit) {
      if (!r.units) continue;
      const years = this.yearsOf(lists, r.years ?? [], unitId);
      out[unitId] = years.map((year) => this.boardFrom(lists, r, unitId, year, years, changeSeq));
    }
    return out;
  }

  /** The unit's board of `year` from its rows of the board's lists (read by getBoardData or getAllBoards). */
  private boardFrom(
    lists: SiteLists,
    r: Partial<Record<ListKey, ListItem[]>>,
    unitId: string,
    year: number,
    years: number[],
    changeSeq: number,
  ): BoardData {
    const unit = this.requireUnit(lists, r, unitId);
    const l = this.lookups(lists, r.controlPoints ?? [], r.workPackages ?? [], unitId);
    const own = <T extends { unitId: string }>(xs: T[]) => xs.filter((x) => x.unitId === unitId);
    const rows = (key: ListKey) => r[key] ?? [];
    return {
      unit,
      year,
      years,
      controlPoints: own(this.parse('controlPoints', rows('controlPoints'), read.controlPoint, lists)).sort((a, b) => a.number - b.number),
      assessments: own(this.parse('assessments', rows('assessments'), (x) => read.assessment(x, this.scale, l), lists))
        .filter((a) => a.year === year)
        .sort((a, b) => a.id - b.id),
      statusUpdates: own(this.parse('statusUpdates', rows('statusUpdates'), (x) => read.statusUpdate(x, this.scale, l), lists))
        .filter((s) => s.year === year)
        .sort((a, b) => a.id - b.id),
      activities: own(this.parse('activities', rows('activities'), (x) => read.activity(x, l), lists)).sort(
        (a, b) => a.controlPoint - b.controlPoint || a.position - b.position || a.id - b.id,
      ),
      workPackages: own(this.parse('workPackages', rows('workPackages'), read.workPackage, lists)).sort((a, b) =>
        a.key.localeCompare(b.key),
      ),
      focusAreas: own(this.parse('focusAreas', rows('focusAreas'), read.focusArea, lists))
        .filter((f) => f.year === year)
        .sort((a, b) => a.controlPoint - b.controlPoint),
      changeSeq,
    };
  }

  async getControlPointData(unitId: string, number: number): Promise<ControlPointData> {
    const lists = await this.data.lists();
    const keys: ListKey[] = ['units', 'workPackages', 'controlPoints', 'assessments', 'statusUpdates', 'activities', 'focusAreas'];
    const r = await this.readMany(this.unitReads(unitId, keys), true);
    const unit = this.requireUnit(lists, r, unitId);
    const l = this.lookups(lists, r.controlPoints!, r.workPackages!, unitId);
    const own = <T extends { unitId: string; controlPoint: number }>(xs: T[]) =>
      xs.filter((x) => x.unitId === unitId && x.controlPoint === number);
    const controlPoint = this.parse('controlPoints', r.controlPoints!, read.controlPoint, lists).find(
      (c) => c.unitId === unitId && c.number === number,
    );
    if (!controlPoint) throw notFound('controlPoint');
    return {
      unit,
      controlPoint,
      assessments: own(this.parse('assessments', r.assessments!, (x) => read.assessment(x, this.scale, l), lists)).sort(
        (a, b) => a.id - b.id,
      ),
      statusUpdates: own(this.parse('statusUpdates', r.statusUpdates!, (x) => read.statusUpdate(x, this.scale, l), lists)).sort(
        (a, b) => a.id - b.id,
      ),
      activities: own(this.parse('activities', r.activities!, (x) => read.activity(x, l), lists)).sort(
        (a, b) => a.position - b.position || a.id - b.id,
      ),
      workPackages: this.parse('workPackages', r.workPackages!, read.workPackage, lists)
        .filter((w) => w.unitId === unitId)
        .sort((a, b) => a.key.localeCompare(b.key)),
      focusAreas: own(this.parse('focusAreas', r.focusAreas!, read.focusArea, lists)).sort((a, b) => a.year - b.year),
      changes: (await this.data.changeLog()).forControlPoint(unitId, number),
      changeSeq: (await this.data.changeLog()).latest(),
    };
  }

  async getActionPlanData(unitId: string): Promise<ActionPlanData> {
    const lists = await this.data.lists();
    const keys: ListKey[] = [
      'units',
      'projects',
      'instructions',
      'trainings',
      'actionPlanItems',
      'subProjects',
      'workPackages',
      'contacts',
    ];
    const r = await this.readMany(this.unitReads(unitId, keys), true);
    const unit = this.requireUnit(lists, r, unitId);
    const own = <T extends { unitId: string }>(xs: T[]) => xs.filter((x) => x.unitId === unitId);
    return {
      unit,
      project: own(this.parse('projects', r.projects!, read.project, lists))[0] ?? null,
      instructions: own(this.parse('instructions', r.instructions!, read.instruction, lists)).sort((a, b) => a.number - b.number),
      trainings: own(this.parse('trainings', r.trainings!, read.training, lists)).sort((a, b) => a.id - b.id),
      items: own(this.parse('actionPlanItems', r.actionPlanItems!, read.actionPlanItem, lists)).sort(
        (a, b) => a.position - b.position || a.id - b.id,
      ),
      subProjects: own(this.parse('subProjects', r.subProjects!, read.subProject, lists)).sort(
        (a, b) => a.position - b.position || a.id - b.id,
      ),
      workPackages: own(this.parse('workPackages', r.workPackages!, read.workPackage, lists)).sort((a, b) => a.key.localeCompare(b.key)),
      contact: own(this.parse('contacts', r.contacts!, read.contact, lists))[0] ?? null,
      changeSeq: (await this.data.changeLog()).latest(),
    };
  }

  async changesSince(cursor: number, limit = 500): Promise<ChangeRecord[]> {
    return (await this.data.freshChangeLog()).since(cursor, limit);
  }

  async latestChangeSeq(): Promise<number> {
    return (await this.data.freshChangeLog()).latest();
  }

  async logSettingChange(change: NewChange): Promise<ChangeRecord> {
    if (!changes.isSettingChange(change.kind)) throw new RangeError(`${change.kind} is not the change of a setting`);
    return await this.data.appendChange(change);
  }

  async isEmpty(): Promise<boolean> {
    const { units } = await this.readMany({ units: { list: 'units' } });
    return units.length === 0;
  }

  // ---- appends --------------------------------------------------------------------------------

  /** Unit, year and control point of a new entry, read in one batch, with an earlier answer to the same request. */
  private async entryContext(key: ListKey, unitId: string, year: number | null, cpNumber: number, requestId?: string) {
    const lists = await this.data.lists();
    const reads: Reads<string> = {
      units: { list: 'units', filter: this.unitFilter(unitId) },
      controlPoints: { list: 'controlPoints', filter: this.unitFilter(unitId) },
      workPackages: { list: 'workPackages', filter: this.unitFilter(unitId) },
      ...(year !== null ? { years: { list: 'years', filter: this.unitFilter(unitId) } } : {}),
      ...(requestId ? { repeat: { list: key, filter: `fields/RequestId eq ${odataString(requestId)}` } } : {}),
    };
    const r = await this.readMany(reads);
    const l = this.lookups(lists, r.controlPoints!, r.workPackages!, unitId);
    const repeat = (r.repeat ?? []).filter((i) => i.fields?.RequestId === requestId);
    return { lists, r, l, repeat };
  }

  async addAssessment(input: NewAssessment, ctx: StoreWriteContext): Promise<Assessment> {
    checkAssessment(ctx.actor, this.scale, input);
    const { lists, r, l, repeat } = await this.entryContext('assessments', input.unitId, input.year, input.controlPoint, ctx.requestId);
    if (repeat.length > 0) return read.assessment(new FieldReader(lists.def('assessments').displayName, repeat[0]!), this.scale, l);
    this.requireUnit(lists, r, input.unitId);
    if (!this.yearsOf(lists, r.years!, input.unitId).includes(input.year)) throw notFound('year');
    const cpItem = l.controlPointItem.get(input.controlPoint);
    if (cpItem === undefined) throw notFound('controlPoint');
    const record: Omit<Assessment, 'id'> = {
      unitId: input.unitId,
      year: input.year,
      controlPoint: input.controlPoint,
      level: input.level,
      comment: input.comment,
      assessedBy: ctx.actor.id,
      assessedByName: ctx.actor.displayName,
      assessedAt: ctx.now.toISOString(),
    };
    const extra = ctx.requestId ? { requestId: ctx.requestId } : {};
    const created = await this.data.createItem('assessments', write.assessment(record, this.scale, cpItem, extra), ctx.onBehalfOf);
    const saved: Assessment = { id: Number(created.id), ...record };
    await this.data.appendChangeOrUndo(
      changes.assessmentAdded(saved, ctx),
      () => this.data.deleteItem('assessments', created.id, undefined, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return saved;
  }

  async addStatusUpdate(input: NewStatusUpdate, ctx: StoreWriteContext): Promise<StatusUpdate> {
    checkStatusUpdate(ctx.actor, this.scale, input);
    const { lists, r, l, repeat } = await this.entryContext('statusUpdates', input.unitId, input.year, input.controlPoint, ctx.requestId);
    if (repeat.length > 0) return read.statusUpdate(new FieldReader(lists.def('statusUpdates').displayName, repeat[0]!), this.scale, l);
    this.requireUnit(lists, r, input.unitId);
    if (!this.yearsOf(lists, r.years!, input.unitId).includes(input.year)) throw notFound('year');
    const cpItem = l.controlPointItem.get(input.controlPoint);
    if (cpItem === undefined) throw notFound('controlPoint');
    const record: Omit<StatusUpdate, 'id'> = {
      unitId: input.unitId,
      year: input.year,
      controlPoint: input.controlPoint,
      statusDate: input.statusDate,
      text: input.text,
      unitLevel: input.unitLevel,
      author: ctx.actor.id,
      authorName: ctx.actor.displayName,
      createdAt: ctx.now.toISOString(),
    };
    const extra = ctx.requestId ? { requestId: ctx.requestId } : {};
    const created = await this.data.createItem('statusUpdates', write.statusUpdate(record, this.scale, cpItem, extra), ctx.onBehalfOf);
    const saved: StatusUpdate = { id: Number(created.id), ...record };
    await this.data.appendChangeOrUndo(
      changes.statusAdded(saved, ctx),
      () => this.data.deleteItem('statusUpdates', created.id, undefined, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return saved;
  }

  async createActivity(input: NewActivity, ctx: StoreWriteContext): Promise<Activity> {
    checkNewActivity(ctx.actor, input);
    const { lists, r, l, repeat } = await this.entryContext('activities', input.unitId, null, input.controlPoint, ctx.requestId);
    if (repeat.length > 0) return read.activity(new FieldReader(lists.def('activities').displayName, repeat[0]!), l);
    this.requireUnit(lists, r, input.unitId);
    const cpItem = l.controlPointItem.get(input.controlPoint);
    if (cpItem === undefined) throw notFound('controlPoint');
    checkWorkPackageKnown(input.workPackage, [...l.workPackageItem.keys()]);
    const { siblings } = await this.readMany({
      siblings: { list: 'activities', filter: this.unitFilter(input.unitId) },
    });
    const positions = siblings
      .filter((i) => Number(i.fields?.ControlPointLookupId) === cpItem)
      .map((i) => Number(i.fields?.Position))
      .filter(Number.isFinite);
    const record: Omit<Activity, 'id'> = {
      unitId: input.unitId,
      controlPoint: input.controlPoint,
      text: input.text,
      state: input.state,
      dueFrom: input.dueFrom,
      dueTo: input.dueTo,
      workPackage: input.workPackage,
      position: positions.length === 0 ? 0 : Math.max(...positions) + 1,
      version: 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.actor.id,
    };
    const wpItem = input.workPackage === null ? null : l.workPackageItem.get(input.workPackage)!;
    const extra = ctx.requestId ? { requestId: ctx.requestId } : {};
    const created = await this.data.createItem('activities', write.activity(record, cpItem, wpItem, extra), ctx.onBehalfOf);
    const saved: Activity = { id: Number(created.id), ...record };
    await this.data.appendChangeOrUndo(
      changes.activityCreated(saved, ctx),
      () => this.data.deleteItem('activities', created.id, undefined, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return saved;
  }

  async createActionPlanItem(input: NewActionPlanItem, ctx: StoreWriteContext): Promise<ActionPlanItem> {
    const lists = await this.data.lists();
    const reads: Reads<string> = {
      ...this.unitReads(input.unitId, ['units', 'instructions', 'actionPlanItems']),
      ...(ctx.requestId ? { repeat: { list: 'actionPlanItems', filter: `fields/RequestId eq ${odataString(ctx.requestId)}` } } : {}),
    };
    const r = await this.readMany(reads);
    const repeat = (r.repeat ?? []).find((i) => i.fields?.RequestId === ctx.requestId);
    if (repeat) return read.actionPlanItem(new FieldReader(lists.def('actionPlanItems').displayName, repeat));
    this.requireUnit(lists, r, input.unitId);
    const numbers = this.parse('instructions', r.instructions!, read.instruction, lists).map((i) => i.number);
    const checked = checkNewActionPlanItem(input, numbers, ctx);
    const positions = r.actionPlanItems!.map((i) => Number(i.fields?.Position)).filter(Number.isFinite);
    const record = { ...checked, position: positions.length === 0 ? 0 : Math.max(...positions) + 1 };
    const keys = ctx.requestId ? { requestId: ctx.requestId } : {};
    const created = await this.data.createItem('actionPlanItems', write.actionPlanItem(record, keys), ctx.onBehalfOf);
    const saved: ActionPlanItem = { id: Number(created.id), ...record };
    await this.data.appendChangeOrUndo(
      changes.actionPlanItemCreated(saved, ctx),
      () => this.data.deleteItem('actionPlanItems', created.id, undefined, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return saved;
  }

  async startYear(input: NewReportYear, ctx: StoreWriteContext): Promise<ReportYear> {
    const lists = await this.data.lists();
    const r = await this.readMany(this.unitReads(input.unitId, ['units', 'years']));
    this.requireUnit(lists, r, input.unitId);
    const existing = this.yearsOf(lists, r.years!, input.unitId);
    const year = checkNewReportYear(ctx.actor, input, existing);
    const started: ReportYear = { unitId: input.unitId, year, startedAt: ctx.now.toISOString() };
    const created = await this.data.createItem('years', write.year(started.unitId, year, started.startedAt), ctx.onBehalfOf);
    await this.data.appendChangeOrUndo(
      changes.yearStarted(input.unitId, year, existing.at(-1) ?? null, ctx),
      () => this.data.deleteItem('years', created.id, undefined, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return started;
  }

  // ---- updates under eTags --------------------------------------------------------------------------

  /**
   * Writes `apply(before)` under If-Match. On 412 the item is re-read: when the other
   * writer changed none of the fields this patch sets (and the version the editor saw is
   * not stale), the patch is applied to the fresh item; otherwise it is a conflict.
   */
  private async writeMerged<T>(opts: {
    key: ListKey;
    item: ListItem;
    parse: (item: ListItem) => T;
    apply: (before: T) => T;
    fields: (after: T) => Fields;
    patchKeys: string[];
    /** The person's credential (on-behalf-of) for the PATCH; reads after a 412 stay app-only. */
    as?: DelegatedCredential | undefined;
  }): Promise<{ before: T; after: T }> {
    let item = opts.item;
    let before = opts.parse(item);
    const original = before;
    for (let attempt = 0; ; attempt += 1) {
      const after = opts.apply(before);
      try {
        await this.data.patchItem(opts.key, item.id, opts.fields(after), etagOf(item), opts.as);
        return { before, after };
      } catch (error) {
        if (!(error instanceof GraphHttpError) || error.status !== 412 || attempt >= MAX_MERGES) {
          if (error instanceof GraphHttpError && error.status === 412) throw new DomainError('conflict');
          throw error;
        }
        const { fresh } = await this.readMany({ fresh: { list: opts.key, itemId: item.id } });
        if (!fresh[0]) throw new DomainError('conflict');
        item = fresh[0];
        const current = opts.parse(item);
        const touched = opts.patchKeys.some(
          (k) => JSON.stringify((current as Fields)[k] ?? null) !== JSON.stringify((original as Fields)[k] ?? null),
        );
        if (touched) throw new DomainError('conflict');
        before = current;
      }
    }
  }

  private strictParse<T>(key: ListKey, lists: SiteLists, fn: (r: FieldReader) => T): (item: ListItem) => T {
    return (item) => {
      try {
        return fn(new FieldReader(lists.def(key).displayName, item));
      } catch (error) {
        if (error instanceof ItemProblem) {
          this.data.reportProblem(error);
          throw new DomainError('sharepoint_item_invalid', { list: error.list, item: error.itemId });
        }
        throw error;
      }
    };
  }

  async updateActivity(unitId: string, id: number, patch: ActivityPatch, ctx: StoreWriteContext): Promise<Activity> {
    const lists = await this.data.lists();
    if (!Number.isInteger(id) || id <= 0) throw notFound('activity');
    const r = await this.readMany({
      item: { list: 'activities', itemId: id },
      controlPoints: { list: 'controlPoints', filter: this.unitFilter(unitId) },
      workPackages: { list: 'workPackages', filter: this.unitFilter(unitId) },
    });
    const item = r.item[0];
    if (!item || item.fields?.UnitKey !== unitId) throw notFound('activity');
    const l = this.lookups(lists, r.controlPoints, r.workPackages, unitId);
    const { before, after } = await this.writeMerged<Activity>({
      key: 'activities',
      item,
      parse: this.strictParse('activities', lists, (x) => read.activity(x, l)),
      apply: (b) => {
        const a = applyActivityPatch(b, patch, ctx);
        if (patch.workPackage !== undefined) checkWorkPackageKnown(a.workPackage, [...l.workPackageItem.keys()]);
        return a;
      },
      fields: (a) => {
        const { Title, ActivityText, State, DueFrom, DueTo, WorkPackageLookupId, Version, UpdatedAt, UpdatedBy, AppSnapshot } =
          write.activity(a, l.controlPointItem.get(a.controlPoint)!, a.workPackage === null ? null : l.workPackageItem.get(a.workPackage)!);
        return { Title, ActivityText, State, DueFrom, DueTo, WorkPackageLookupId, Version, UpdatedAt, UpdatedBy, AppSnapshot };
      },
      patchKeys: Object.keys(patch).filter((k) => k !== 'expectedVersion'),
      as: ctx.onBehalfOf,
    });
    await this.data.appendChangeOrUndo(
      changes.activityUpdated(before, after, ctx),
      () =>
        this.restore(
          'activities',
          item.id,
          () => before,
          (b) =>
            write.activity(
              b,
              l.controlPointItem.get(b.controlPoint)!,
              b.workPackage === null ? null : l.workPackageItem.get(b.workPackage)!,
            ),
          ctx.onBehalfOf,
        ),
      ctx.onBehalfOf,
    );
    return after;
  }

  async updateInstruction(unitId: string, number: number, patch: InstructionPatch, ctx: StoreWriteContext): Promise<Instruction> {
    const lists = await this.data.lists();
    if (!Number.isInteger(number)) throw notFound('instruction');
    const { found } = await this.readMany({ found: { list: 'instructions', filter: this.unitFilter(unitId) } });
    const item = found.find((i) => i.fields?.UnitKey === unitId && Number(i.fields?.Number) === number);
    if (!item) throw notFound('instruction');
    const { before, after } = await this.writeMerged<Instruction>({
      key: 'instructions',
      item,
      parse: this.strictParse('instructions', lists, read.instruction),
      apply: (b) => applyInstructionPatch(b, patch, ctx),
      fields: (a) => {
        const { State, PlannedFrom, PlannedQuarter, Note, Version, UpdatedAt, UpdatedBy, AppSnapshot } = write.instruction(a);
        return { State, PlannedFrom, PlannedQuarter, Note, Version, UpdatedAt, UpdatedBy, AppSnapshot };
      },
      patchKeys: Object.keys(patch).filter((k) => k !== 'expectedVersion'),
      as: ctx.onBehalfOf,
    });
    await this.data.appendChangeOrUndo(
      changes.instructionUpdated(before, after, ctx),
      () => this.restore('instructions', item.id, () => before, write.instruction, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return after;
  }

  async updateActionPlanItem(unitId: string, id: number, patch: ActionPlanItemPatch, ctx: StoreWriteContext): Promise<ActionPlanItem> {
    const lists = await this.data.lists();
    if (!Number.isInteger(id) || id <= 0) throw notFound('actionPlanItem');
    const r = await this.readMany({
      item: { list: 'actionPlanItems', itemId: id },
      instructions: { list: 'instructions', filter: this.unitFilter(unitId) },
    });
    const item = r.item[0];
    if (!item || item.fields?.UnitKey !== unitId) throw notFound('actionPlanItem');
    const numbers = this.parse('instructions', r.instructions, read.instruction, lists).map((i) => i.number);
    const { before, after } = await this.writeMerged<ActionPlanItem>({
      key: 'actionPlanItems',
      item,
      parse: this.strictParse('actionPlanItems', lists, read.actionPlanItem),
      apply: (b) => applyActionPlanItemPatch(b, patch, numbers, ctx),
      fields: (a) => {
        const { Title, ItemText, State, PeriodFrom, PeriodTo, DueDate, InstructionNumber, Version, UpdatedAt, UpdatedBy, AppSnapshot } =
          write.actionPlanItem(a);
        return { Title, ItemText, State, PeriodFrom, PeriodTo, DueDate, InstructionNumber, Version, UpdatedAt, UpdatedBy, AppSnapshot };
      },
      patchKeys: Object.keys(patch).filter((k) => k !== 'expectedVersion'),
      as: ctx.onBehalfOf,
    });
    await this.data.appendChangeOrUndo(
      changes.actionPlanItemUpdated(before, after, ctx),
      () =>
        this.restore(
          'actionPlanItems',
          item.id,
          () => before,
          (b) => write.actionPlanItem(b),
          ctx.onBehalfOf,
        ),
      ctx.onBehalfOf,
    );
    return after;
  }

  async updateContact(unitId: string, patch: ContactPatch, ctx: StoreWriteContext): Promise<Contact> {
    const lists = await this.data.lists();
    const r = await this.readMany(this.unitReads(unitId, ['units', 'contacts']));
    this.requireUnit(lists, r, unitId);
    const item = r.contacts!.find((i) => i.fields?.UnitKey === unitId);
    if (!item) {
      const after = applyContactPatch(unitId, null, patch, ctx);
      const created = await this.data.createItem('contacts', write.contact(after), ctx.onBehalfOf);
      await this.data.appendChangeOrUndo(
        changes.contactUpdated(null, after, ctx),
        () => this.data.deleteItem('contacts', created.id, undefined, ctx.onBehalfOf),
        ctx.onBehalfOf,
      );
      return after;
    }
    const { before, after } = await this.writeMerged<Contact>({
      key: 'contacts',
      item,
      parse: this.strictParse('contacts', lists, read.contact),
      apply: (b) => applyContactPatch(unitId, b, patch, ctx),
      fields: (a) => write.contact(a),
      patchKeys: Object.keys(patch).filter((k) => k !== 'expectedVersion'),
      as: ctx.onBehalfOf,
    });
    await this.data.appendChangeOrUndo(
      changes.contactUpdated(before, after, ctx),
      () => this.restore('contacts', item.id, () => before, write.contact, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return after;
  }

  async updateControlPoint(unitId: string, number: number, patch: ControlPointPatch, ctx: StoreWriteContext): Promise<ControlPoint> {
    const lists = await this.data.lists();
    const r = await this.readMany({
      units: { list: 'units', filter: this.unitFilter(unitId) },
      found: { list: 'controlPoints', filter: this.unitFilter(unitId) },
      workPackages: { list: 'workPackages', filter: this.unitFilter(unitId) },
    });
    this.requireUnit(lists, r, unitId);
    const item = r.found.find((i) => i.fields?.UnitKey === unitId && Number(i.fields?.Number) === number);
    if (!item) throw notFound('controlPoint');
    const keys = this.parse('workPackages', r.workPackages, read.workPackage, lists)
      .filter((w) => w.unitId === unitId)
      .map((w) => w.key);
    const { before, after } = await this.writeMerged<ControlPoint>({
      key: 'controlPoints',
      item,
      parse: this.strictParse('controlPoints', lists, read.controlPoint),
      apply: (b) => applyControlPointPatch(b, patch, keys, ctx),
      fields: (a) => {
        const { WorkPackageKeys, ExpectedEnd, Version, AppSnapshot } = write.controlPoint(a);
        return { WorkPackageKeys, ExpectedEnd, Version, AppSnapshot };
      },
      patchKeys: Object.keys(patch).filter((k) => k !== 'expectedVersion'),
      as: ctx.onBehalfOf,
    });
    await this.data.appendChangeOrUndo(
      changes.controlPointUpdated(before, after, ctx),
      () => this.restore('controlPoints', item.id, () => before, write.controlPoint, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return after;
  }

  /** Puts an item back as it was (after a change record could not be written). */
  private async restore<T>(
    key: ListKey,
    itemId: string,
    before: () => T,
    fields: (b: T) => Fields,
    as?: DelegatedCredential,
  ): Promise<void> {
    await this.data.patchItem(key, itemId, fields(before()), '', as);
  }

  // ---- seed import ------------------------------------------------------------------------------

  async importSeed(plan: SeedPlan, ctx: WriteContext): Promise<ImportResult> {
    const result = await importSeedPlan(this.data, plan, ctx);
    const added = Object.values(result).reduce((a, b) => a + b, 0);
    if (added > 0) await this.data.appendChange(changes.seedImported(plan.unit.id, plan.year, result, ctx));
    return result;
  }

  async close(): Promise<void> {
    // Nothing to release: Graph requests are stateless and the token cache lives with the provider.
  }
}
