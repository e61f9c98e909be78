/**
 * Mapping between SharePoint list items (as Graph returns them) and the domain model.
 *
 * Graph returns list item fields as a fieldValueSet: lookup and person columns come back
 * as `<Name>LookupId` strings, dates as ISO timestamps, numbers as numbers, choices as
 * their label (https://learn.microsoft.com/en-us/graph/api/listitem-get). People edit
 * these lists by hand, so every read is lenient: a value the app cannot use becomes an
 * ItemProblem naming the list, the item and the column, never a crash.
 */
import type {
  ActionPlanItem,
  Activity,
  ActivityState,
  Assessment,
  ChangeKind,
  ChangeRecord,
  ChangeSource,
  Contact,
  ControlPoint,
  FocusArea,
  Instruction,
  InstructionState,
  Project,
  StatusUpdate,
  SubProject,
  Training,
  TrainingState,
  Unit,
  UnitPerson,
  UnitPersonRole,
  WorkPackage,
  WorkPackageState,
} from '../../domain/model.js';
import { CHANGE_KINDS, CHANGE_SOURCES } from '../../domain/model.js';
import { isIsoDate, isQuarter } from '../../domain/period.js';
import { isOnScale, type Scale } from '../../domain/scale.js';
import { CHOICES, FORMER_CHOICES, levelChoice, type ItemFields } from './schema.js';

export interface GraphIdentity {
  user?: { id?: string; displayName?: string; email?: string };
  application?: { id?: string; displayName?: string };
}

/** A listItem as Graph returns it (list, get, create, delta). */
export interface ListItem {
  id: string;
  eTag?: string;
  '@odata.etag'?: string;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  createdBy?: GraphIdentity;
  lastModifiedBy?: GraphIdentity;
  fields?: Record<string, unknown>;
  deleted?: { state?: string };
}

export class ItemProblem extends Error {
  override name = 'ItemProblem';
  constructor(
    readonly list: string,
    readonly itemId: string,
    readonly column: string | null,
    readonly detail: string,
  ) {
    super(`${list}, item ${itemId}${column ? `, column ${column}` : ''}: ${detail}`);
  }
}

export function etagOf(item: ListItem): string {
  const inFields = item.fields?.['@odata.etag'];
  return item.eTag ?? item['@odata.etag'] ?? (typeof inFields === 'string' ? inFields : '');
}

/** Reads the columns of one item; each accessor throws an ItemProblem for a value it cannot use. */
export class FieldReader {
  readonly f: Record<string, unknown>;
  constructor(
    readonly list: string,
    readonly item: ListItem,
  ) {
    this.f = item.fields ?? {};
  }

  problem(column: string | null, detail: string): ItemProblem {
    return new ItemProblem(this.list, this.item.id, column, detail);
  }

  raw(column: string): unknown {
    return this.f[column];
  }

  optText(column: string): string | null {
    const v = this.f[column];
    if (v === null || v === undefined) return null;
    const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
    if (s === null) throw this.problem(column, `expected text, got ${JSON.stringify(v)}`);
    return s.length === 0 ? null : s;
  }

  /** A required column's value: an empty one is reported as the person's mistake it is. */
  private required<T>(column: string, value: T | null | undefined): T {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      throw this.problem(column, 'is empty but required');
    }
    return value;
  }

  text(column: string): string {
    return this.required(column, this.optText(column));
  }

  optInt(column: string): number | null {
    const v = this.f[column];
    if (v === null || v === undefined || v === '') return null;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.0+)?\s*$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n)) throw this.problem(column, `expected a whole number, got ${JSON.stringify(v)}`);
    return n;
  }

  int(column: string): number {
    return this.required(column, this.optInt(column));
  }

  /** A date-only column: SharePoint stores local midnight in UTC, so round to the nearest UTC midnight. */
  optDate(column: string): string | null {
    const v = this.optText(column);
    if (v === null) return null;
    if (isIsoDate(v)) return v;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw this.problem(column, `expected a date, got ${JSON.stringify(v)}`);
    const day = 86_400_000;
    return new Date(Math.round(t / day) * day).toISOString().slice(0, 10);
  }

  date(column: string): string {
    return this.required(column, this.optDate(column));
  }

  optTimestamp(column: string): string | null {
    const v = this.optText(column);
    if (v === null) return null;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw this.problem(column, `expected a date and time, got ${JSON.stringify(v)}`);
    return new Date(t).toISOString();
  }

  optQuarter(column: string): string | null {
    const v = this.optText(column)?.trim() ?? null;
    if (v === null || v === '') return null;
    const q = v.toUpperCase().replace(/\s+/g, '');
    if (!isQuarter(q)) throw this.problem(column, `expected a quarter like 2025-Q2, got ${JSON.stringify(v)}`);
    return q;
  }

  /** A choice column: its Swedish label, a label an earlier version wrote (FORMER_CHOICES), or the model value itself. */
  choice<T extends string>(column: string, labels: Record<T, string>): T {
    const v = this.required(column, this.optText(column)).trim().toLowerCase();
    const former = Object.entries(FORMER_CHOICES).find(([label]) => label.toLowerCase() === v)?.[1];
    const hit = (Object.keys(labels) as T[]).find((k) => k.toLowerCase() === v || labels[k].toLowerCase() === v || k === former);
    if (!hit) throw this.problem(column, `${JSON.stringify(v)} is not one of ${Object.values(labels).join(', ')}`);
    return hit;
  }

  /** A level choice ("3 – Delvis uppfylld") or a bare number; must be on the scale. */
  optLevel(column: string, scale: Scale): number | null {
    const v = this.optText(column);
    if (v === null || v.trim() === '') return null;
    const m = /^\s*(\d+)/.exec(v);
    const level = m ? Number(m[1]) : NaN;
    if (!isOnScale(scale, level)) throw this.problem(column, `${JSON.stringify(v)} is not a level on the scale 1–${scale.levels.length}`);
    return level;
  }

  level(column: string, scale: Scale): number {
    return this.required(column, this.optLevel(column, scale));
  }

  /** The item id a lookup or person column points at (`<Name>LookupId`), or null. */
  optLookupId(column: string): number | null {
    const v = this.f[`${column}LookupId`];
    if (v === null || v === undefined || v === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw this.problem(column, `invalid lookup ${JSON.stringify(v)}`);
    return n;
  }

  /** A yes/no column (Graph answers true or false; a hand-typed "Ja"/"Nej", "true"/"1" is read too); empty is no. */
  optBool(column: string): boolean {
    const v = this.f[column];
    if (v === null || v === undefined || v === '') return false;
    if (typeof v === 'boolean') return v;
    const t = typeof v === 'number' || typeof v === 'string' ? String(v).trim().toLowerCase() : null;
    if (t !== null && ['true', '1', 'ja', 'yes'].includes(t)) return true;
    if (t !== null && ['false', '0', 'nej', 'no'].includes(t)) return false;
    throw this.problem(column, `expected yes or no, got ${JSON.stringify(v)}`);
  }

  json(column: string): unknown {
    const v = this.optText(column);
    if (v === null) return null;
    try {
      return JSON.parse(v);
    } catch {
      throw this.problem(column, 'is not valid JSON');
    }
  }
}

/** Who last changed an item in SharePoint (for changes made there directly). */
export function editorOf(item: ListItem, created = false): { id: string; displayName: string } {
  const who = created ? item.createdBy : (item.lastModifiedBy ?? item.createdBy);
  const user = who?.user ?? who?.application;
  return { id: user?.id ?? 'sharepoint', displayName: user?.displayName ?? 'SharePoint' };
}

/** Lookup targets: item id <-> control point number, item id <-> work package key. */
export interface Lookups {
  controlPointNumber: Map<number, number>;
  controlPointItem: Map<number, number>;
  workPackageKey: Map<number, string>;
  workPackageItem: Map<string, number>;
}

export function emptyLookups(): Lookups {
  return { controlPointNumber: new Map(), controlPointItem: new Map(), workPackageKey: new Map(), workPackageItem: new Map() };
}

function cpNumber(r: FieldReader, lookups: Lookups): number {
  const id = r.optLookupId('ControlPoint');
  if (id === null) throw r.problem('ControlPoint', 'is empty but required');
  const n = lookups.controlPointNumber.get(id);
  if (n === undefined) throw r.problem('ControlPoint', `points at control point item ${id}, which no longer exists`);
  return n;
}

function wpKey(r: FieldReader, lookups: Lookups): string | null {
  const id = r.optLookupId('WorkPackage');
  if (id === null) return null;
  const key = lookups.workPackageKey.get(id);
  if (key === undefined) throw r.problem('WorkPackage', `points at work package item ${id}, which no longer exists`);
  return key;
}

// ---- readers ---------------------------------------------------------------------------

export const read = {
  /** A unit without its people (they are rows of DPO Ansvariga: read.unitPerson, joined by the store). */
  unit: (r: FieldReader): Unit => ({
    id: r.text('UnitKey'),
    name: r.text('Title'),
    nameEn: r.optText('NameEn') ?? r.text('Title'),
    organisation: r.text('Organisation'),
    archived: r.optBool('Archived'),
    example: r.optBool('Example'),
    responsible: [],
    version: r.optInt('Version') ?? 1,
  }),
  unitPerson: (r: FieldReader): UnitPerson & { unitId: string; position: number } => {
    const objectId = r.optText('ObjectId')?.trim();
    return {
      unitId: r.text('UnitKey'),
      role: r.choice<UnitPersonRole>('Role', CHOICES.unitPersonRole),
      name: r.text('Title'),
      email: r.text('Email').trim().toLowerCase(),
      ...(objectId ? { aadObjectId: objectId } : {}),
      position: r.optInt('Position') ?? Number(r.item.id),
    };
  },
  year: (r: FieldReader): number => r.int('Year'),
  workPackage: (r: FieldReader): WorkPackage => ({
    unitId: r.text('UnitKey'),
    key: r.text('Title'),
    name: r.optText('PackageName') ?? r.text('Title'),
    expectedEnd: r.optDate('ExpectedEnd'),
    state: r.optText('State') === null ? 'ongoing' : r.choice<WorkPackageState>('State', CHOICES.workPackageState),
  }),
  controlPoint: (r: FieldReader): ControlPoint => {
    const number = r.int('Number');
    if (number < 1 || number > 12) throw r.problem('Number', `${number} is not a control point number (1–12)`);
    return {
      unitId: r.text('UnitKey'),
      number,
      title: r.text('Title'),
      owner: r.optText('Owner') ?? '',
      workPackages: (r.optText('WorkPackageKeys') ?? '')
        .split(/[;,]/)
        .map((k) => k.trim())
        .filter((k) => k.length > 0),
      expectedEnd: r.optDate('ExpectedEnd'),
      version: r.optInt('Version') ?? 1,
    };
  },
  assessment: (r: FieldReader, scale: Scale, lookups: Lookups): Assessment => {
    const editor = editorOf(r.item, true);
    return {
      id: Number(r.item.id),
      unitId: r.text('UnitKey'),
      year: r.int('Year'),
      controlPoint: cpNumber(r, lookups),
      level: r.level('Level', scale),
      comment: r.optText('Comment') ?? '',
      assessedBy: r.optText('AssessedBy') ?? editor.id,
      assessedByName: r.optText('AssessedByName') ?? editor.displayName,
      assessedAt: r.optTimestamp('AssessedAt') ?? r.item.createdDateTime ?? new Date(0).toISOString(),
    };
  },
  statusUpdate: (r: FieldReader, scale: Scale, lookups: Lookups): StatusUpdate => {
    const editor = editorOf(r.item, true);
    return {
      id: Number(r.item.id),
      unitId: r.text('UnitKey'),
      year: r.int('Year'),
      controlPoint: cpNumber(r, lookups),
      statusDate: r.date('StatusDate'),
      text: r.text('StatusText'),
      unitLevel: r.optLevel('UnitLevel', scale),
      author: r.optText('Author') ?? editor.id,
      authorName: r.optText('AuthorName') ?? editor.displayName,
      createdAt: r.optTimestamp('CreatedAt') ?? r.item.createdDateTime ?? new Date(0).toISOString(),
    };
  },
  activity: (r: FieldReader, lookups: Lookups): Activity => {
    const editor = editorOf(r.item);
    return {
      id: Number(r.item.id),
      unitId: r.text('UnitKey'),
      controlPoint: cpNumber(r, lookups),
      text: r.optText('ActivityText') ?? r.text('Title'),
      state: r.choice<ActivityState>('State', CHOICES.activityState),
      dueFrom: r.optQuarter('DueFrom'),
      dueTo: r.optQuarter('DueTo'),
      workPackage: wpKey(r, lookups),
      position: r.optInt('Position') ?? Number(r.item.id),
      version: r.optInt('Version') ?? 1,
      updatedAt: r.optTimestamp('UpdatedAt') ?? r.item.lastModifiedDateTime ?? new Date(0).toISOString(),
      updatedBy: r.optText('UpdatedBy') ?? editor.id,
    };
  },
  focusArea: (r: FieldReader): FocusArea => ({
    unitId: r.text('UnitKey'),
    year: r.int('Year'),
    focusYear: r.int('FocusYear'),
    controlPoint: r.int('ControlPointNumber'),
    text: r.optText('FocusText'),
  }),
  instruction: (r: FieldReader): Instruction => {
    const number = r.int('Number');
    return {
      unitId: r.text('UnitKey'),
      number,
      code: r.optText('Code') ?? `IIFS ${String(number).padStart(2, '0')}`,
      title: r.text('Title'),
      state: r.choice<InstructionState>('State', CHOICES.instructionState),
      plannedFrom: r.optQuarter('PlannedFrom'),
      plannedQuarter: r.optQuarter('PlannedQuarter'),
      group: r.optText('GroupName'),
      note: r.optText('Note'),
      version: r.optInt('Version') ?? 1,
      updatedAt: r.optTimestamp('UpdatedAt') ?? r.item.lastModifiedDateTime ?? new Date(0).toISOString(),
      updatedBy: r.optText('UpdatedBy') ?? editorOf(r.item).id,
    };
  },
  training: (r: FieldReader): Training => ({
    id: Number(r.item.id),
    unitId: r.text('UnitKey'),
    title: r.text('Title'),
    state: r.choice<TrainingState>('State', CHOICES.trainingState),
    plannedFrom: r.optQuarter('PlannedFrom'),
    plannedQuarter: r.optQuarter('PlannedQuarter'),
  }),
  actionPlanItem: (r: FieldReader): ActionPlanItem => ({
    id: Number(r.item.id),
    unitId: r.text('UnitKey'),
    text: r.optText('ItemText') ?? r.text('Title'),
    state: r.choice<InstructionState>('State', CHOICES.instructionState),
    periodFrom: r.optQuarter('PeriodFrom'),
    periodTo: r.optQuarter('PeriodTo'),
    dueDate: r.optDate('DueDate'),
    instruction: r.optInt('InstructionNumber'),
    position: r.optInt('Position') ?? Number(r.item.id),
    version: r.optInt('Version') ?? 1,
    updatedAt: r.optTimestamp('UpdatedAt') ?? r.item.lastModifiedDateTime ?? new Date(0).toISOString(),
    updatedBy: r.optText('UpdatedBy') ?? editorOf(r.item).id,
  }),
  contact: (r: FieldReader): Contact => ({
    unitId: r.text('UnitKey'),
    name: r.text('Title'),
    title: r.optText('JobTitle') ?? '',
    role: r.optText('Role') ?? '',
    organisation: r.optText('Organisation') ?? '',
    email: r.text('Email'),
    version: r.optInt('Version') ?? 1,
    updatedAt: r.optTimestamp('UpdatedAt') ?? r.item.lastModifiedDateTime ?? new Date(0).toISOString(),
    updatedBy: r.optText('UpdatedBy') ?? editorOf(r.item).id,
  }),
  subProject: (r: FieldReader): SubProject => ({
    id: Number(r.item.id),
    unitId: r.text('UnitKey'),
    name: r.text('Title'),
    position: r.optInt('Position') ?? Number(r.item.id),
  }),
  project: (r: FieldReader): Project => ({
    unitId: r.text('UnitKey'),
    name: r.text('Title'),
    startDate: r.date('StartDate'),
    endDate: r.date('EndDate'),
  }),
  change: (r: FieldReader): ChangeRecord => {
    const kind = r.text('Kind');
    const source = r.text('Source');
    if (!(CHANGE_KINDS as readonly string[]).includes(kind)) throw r.problem('Kind', `unknown change kind ${kind}`);
    if (!(CHANGE_SOURCES as readonly string[]).includes(source)) throw r.problem('Source', `unknown source ${source}`);
    return {
      seq: Number(r.item.id),
      at: r.optTimestamp('At') ?? r.item.createdDateTime ?? new Date(0).toISOString(),
      actorId: r.optText('ActorId') ?? '',
      actorName: r.optText('ActorName') ?? '',
      source: source as ChangeSource,
      unitId: r.text('UnitKey'),
      year: r.optInt('Year'),
      kind: kind as ChangeKind,
      entityId: r.text('EntityId'),
      controlPoint: r.optInt('ControlPoint'),
      before: r.json('Before'),
      after: r.json('After'),
    };
  },
};

// ---- writers: domain -> fields -----------------------------------------------------------

const dateField = (d: string | null): string | null => (d === null ? null : `${d}T00:00:00Z`);
const title = (s: string): string => (s.length <= 255 ? s : `${s.slice(0, 254)}…`);

/** Domain -> item fields; the names are checked against the list's columns in schema.ts. */
export const write = {
  /** A unit's own row; `keys.requestId` on a create (a repeated request answers the first). */
  unit: (u: Omit<Unit, 'responsible'>, keys: { requestId?: string } = {}): ItemFields<'units'> => ({
    Title: u.name,
    UnitKey: u.id,
    Organisation: u.organisation,
    NameEn: u.nameEn,
    Archived: u.archived,
    Example: u.example,
    Version: u.version,
    AppSnapshot: snapshotOf('unit', { id: u.id, name: u.name, nameEn: u.nameEn, organisation: u.organisation, archived: u.archived }),
    ...(keys.requestId ? { RequestId: keys.requestId } : {}),
  }),
  unitPerson: (unitId: string, p: UnitPerson, position: number): ItemFields<'unitPeople'> => ({
    Title: p.name,
    UnitKey: unitId,
    Role: CHOICES.unitPersonRole[p.role],
    Email: p.email,
    ObjectId: p.aadObjectId ?? null,
    Position: position,
    AppSnapshot: snapshotOf('unitPerson', { unitId, ...p }),
  }),
  year: (unitId: string, year: number, startedAt: string): ItemFields<'years'> => ({
    Title: `${unitId} ${year}`,
    UnitKey: unitId,
    Year: year,
    StartedAt: startedAt,
  }),
  workPackage: (w: WorkPackage): ItemFields<'workPackages'> => ({
    Title: w.key,
    UnitKey: w.unitId,
    PackageName: w.name,
    ExpectedEnd: dateField(w.expectedEnd),
    State: CHOICES.workPackageState[w.state],
  }),
  controlPoint: (c: ControlPoint): ItemFields<'controlPoints'> => ({
    Title: c.title,
    UnitKey: c.unitId,
    Number: c.number,
    Owner: c.owner,
    WorkPackageKeys: c.workPackages.join('; '),
    ExpectedEnd: dateField(c.expectedEnd),
    Version: c.version,
    AppSnapshot: snapshotOf('controlPoint', c),
  }),
  assessment: (
    a: Omit<Assessment, 'id'>,
    scale: Scale,
    cpItem: number,
    extra: { requestId?: string; seedKey?: string } = {},
  ): ItemFields<'assessments'> => ({
    Title: `Kontrollpunkt ${a.controlPoint} ${a.year}`,
    UnitKey: a.unitId,
    Year: a.year,
    ControlPointLookupId: String(cpItem),
    Level: levelChoice(scale, a.level),
    Comment: a.comment,
    AssessedBy: a.assessedBy,
    AssessedByName: a.assessedByName,
    AssessedAt: a.assessedAt,
    ...(extra.requestId ? { RequestId: extra.requestId } : {}),
    ...(extra.seedKey ? { SeedKey: extra.seedKey } : {}),
    AppSnapshot: snapshotOf('assessment', a),
  }),
  statusUpdate: (
    s: Omit<StatusUpdate, 'id'>,
    scale: Scale,
    cpItem: number,
    extra: { requestId?: string; seedKey?: string } = {},
  ): ItemFields<'statusUpdates'> => ({
    Title: title(`Kontrollpunkt ${s.controlPoint} ${s.statusDate}`),
    UnitKey: s.unitId,
    Year: s.year,
    ControlPointLookupId: String(cpItem),
    StatusDate: dateField(s.statusDate),
    StatusText: s.text,
    UnitLevel: s.unitLevel === null ? null : levelChoice(scale, s.unitLevel),
    Author: s.author,
    AuthorName: s.authorName,
    CreatedAt: s.createdAt,
    ...(extra.requestId ? { RequestId: extra.requestId } : {}),
    ...(extra.seedKey ? { SeedKey: extra.seedKey } : {}),
    AppSnapshot: snapshotOf('statusUpdate', s),
  }),
  activity: (
    a: Omit<Activity, 'id'>,
    cpItem: number,
    wpItem: number | null,
    extra: { requestId?: string; seedKey?: string } = {},
  ): ItemFields<'activities'> => ({
    Title: title(a.text),
    UnitKey: a.unitId,
    ControlPointLookupId: String(cpItem),
    ActivityText: a.text,
    State: CHOICES.activityState[a.state],
    DueFrom: a.dueFrom,
    DueTo: a.dueTo,
    WorkPackageLookupId: wpItem === null ? null : String(wpItem),
    Position: a.position,
    Version: a.version,
    UpdatedAt: a.updatedAt,
    UpdatedBy: a.updatedBy,
    ...(extra.requestId ? { RequestId: extra.requestId } : {}),
    ...(extra.seedKey ? { SeedKey: extra.seedKey } : {}),
    AppSnapshot: snapshotOf('activity', a),
  }),
  focusArea: (f: FocusArea): ItemFields<'focusAreas'> => ({
    Title: `Fokus ${f.focusYear}: kontrollpunkt ${f.controlPoint}`,
    UnitKey: f.unitId,
    Year: f.year,
    FocusYear: f.focusYear,
    ControlPointNumber: f.controlPoint,
    FocusText: f.text,
  }),
  instruction: (i: Instruction): ItemFields<'instructions'> => ({
    Title: i.title,
    UnitKey: i.unitId,
    Number: i.number,
    Code: i.code,
    State: CHOICES.instructionState[i.state],
    PlannedFrom: i.plannedFrom,
    PlannedQuarter: i.plannedQuarter,
    GroupName: i.group,
    Note: i.note,
    Version: i.version,
    UpdatedAt: i.updatedAt,
    UpdatedBy: i.updatedBy,
    AppSnapshot: snapshotOf('instruction', i),
  }),
  training: (unitId: string, t: Omit<Training, 'id' | 'unitId'>, seedKey: string): ItemFields<'trainings'> => ({
    Title: t.title,
    UnitKey: unitId,
    State: CHOICES.trainingState[t.state],
    PlannedFrom: t.plannedFrom,
    PlannedQuarter: t.plannedQuarter,
    SeedKey: seedKey,
  }),
  /** `seedKey` for an imported item, `requestId` for one added with an Idempotency-Key. */
  actionPlanItem: (a: Omit<ActionPlanItem, 'id'>, keys: { seedKey?: string; requestId?: string } = {}): ItemFields<'actionPlanItems'> => ({
    Title: title(a.text),
    UnitKey: a.unitId,
    ItemText: a.text,
    State: CHOICES.instructionState[a.state],
    PeriodFrom: a.periodFrom,
    PeriodTo: a.periodTo,
    DueDate: dateField(a.dueDate),
    InstructionNumber: a.instruction,
    Position: a.position,
    Version: a.version,
    UpdatedAt: a.updatedAt,
    UpdatedBy: a.updatedBy,
    AppSnapshot: snapshotOf('actionPlanItem', { ...a, id: undefined }),
    ...(keys.seedKey ? { SeedKey: keys.seedKey } : {}),
    ...(keys.requestId ? { RequestId: keys.requestId } : {}),
  }),
  contact: (c: Contact): ItemFields<'contacts'> => ({
    Title: c.name,
    UnitKey: c.unitId,
    JobTitle: c.title,
    Role: c.role,
    Organisation: c.organisation,
    Email: c.email,
    Version: c.version,
    UpdatedAt: c.updatedAt,
    UpdatedBy: c.updatedBy,
    AppSnapshot: snapshotOf('contact', c),
  }),
  subProject: (unitId: string, s: { name: string; position: number; seedKey: string }): ItemFields<'subProjects'> => ({
    Title: s.name,
    UnitKey: unitId,
    Position: s.position,
    SeedKey: s.seedKey,
  }),
  project: (p: Project): ItemFields<'projects'> => ({
    Title: p.name,
    UnitKey: p.unitId,
    StartDate: dateField(p.startDate),
    EndDate: dateField(p.endDate),
  }),
  change: (c: Omit<ChangeRecord, 'seq'>): ItemFields<'changes'> => ({
    Title: c.kind,
    At: c.at,
    ActorId: c.actorId,
    ActorName: c.actorName,
    Source: c.source,
    UnitKey: c.unitId,
    Year: c.year,
    Kind: c.kind,
    EntityId: c.entityId,
    ControlPoint: c.controlPoint,
    Before: JSON.stringify(c.before ?? null),
    After: JSON.stringify(c.after ?? null),
  }),
};

// ---- snapshots: what the app last wrote or accepted ------------------------------------------

/** The fields a person can edit, per kind; a direct edit is a difference in these. */
export const EDITABLE = {
  // unitId (the UnitKey column): a move between units, checked in both (src/domain/rules.ts checkUnitMove).
  controlPoint: ['unitId', 'title', 'owner', 'workPackages', 'expectedEnd'],
  assessment: ['unitId', 'year', 'controlPoint', 'level', 'comment'],
  statusUpdate: ['unitId', 'year', 'controlPoint', 'statusDate', 'text', 'unitLevel'],
  activity: ['unitId', 'controlPoint', 'text', 'state', 'dueFrom', 'dueTo', 'workPackage'],
  instruction: ['unitId', 'title', 'state', 'plannedFrom', 'plannedQuarter', 'note'],
  actionPlanItem: ['unitId', 'text', 'state', 'periodFrom', 'periodTo', 'dueDate', 'instruction'],
  contact: ['unitId', 'name', 'title', 'role', 'organisation', 'email'],
  unit: ['name', 'nameEn', 'organisation', 'archived'],
  unitPerson: ['unitId', 'role', 'name', 'email', 'aadObjectId'],
  evidenceLink: ['unitId', 'controlPoint', 'title', 'url', 'kind', 'date', 'addedByName', 'addedAt'],
  statusRequest: [
    'unitId',
    'year',
    'controlPoint',
    'requestedBy',
    'requestedByName',
    'requestedAt',
    'askedId',
    'askedName',
    'dueDate',
    'state',
    'answeredBy',
    'answeredByName',
    'answeredAt',
    'statusUpdateId',
  ],
} as const;
export type SnapshotKind = keyof typeof EDITABLE;

/** A time as a SharePoint date-and-time column keeps it (to the second), so a snapshot holds what a read gives back. */
export function storedTimestamp(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(Math.floor(t / 1000) * 1000).toISOString();
}

export function snapshotOf(kind: SnapshotKind, entity: object): string {
  return JSON.stringify({ kind, entity });
}

export function readSnapshot<T>(r: FieldReader): T | null {
  const v = r.raw('AppSnapshot');
  if (typeof v !== 'string' || v.length === 0) return null;
  try {
    return (JSON.parse(v) as { entity: T }).entity ?? null;
  } catch {
    return null;
  }
}

/** The editable fields that differ between what the app knew and what the list holds now. */
export function editedFields<T extends object>(kind: SnapshotKind, known: T, now: T): string[] {
  return EDITABLE[kind].filter(
    (k) => JSON.stringify((known as Record<string, unknown>)[k] ?? null) !== JSON.stringify((now as Record<string, unknown>)[k] ?? null),
  );
}
