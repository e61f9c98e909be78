/**
 * The rules a write must obey, whichever path it comes by (tab, bot, SharePoint sync, CLI).
 * Every store implementation calls these before it persists anything.
 */
import { details, DomainError, notFound } from './errors.js';
import type {
  Activity,
  ActivityState,
  ChangeSource,
  Contact,
  ControlPoint,
  Instruction,
  InstructionState,
  IsoDate,
  Quarter,
} from './model.js';
import { isIsoDate, isQuarter } from './period.js';
import { can, type Actor, type Permission } from './roles.js';
import { isOnScale, maxLevel, type Scale } from './scale.js';
import { checkPlainText } from './text.js';

/** Upper bounds on what a person can type, shared by the API, the bot and the stores. */
export const LIMITS = {
  statusText: 8000,
  comment: 2000,
  activityText: 1000,
  note: 1000,
  contactField: 200,
  controlPointNumber: 12,
} as const;

export interface WriteContext {
  actor: Actor;
  source: ChangeSource;
  now: Date;
  /** Set by callers that may repeat a request (Teams retries invokes; a tab may resubmit). */
  requestId?: string;
}

export interface NewAssessment {
  unitId: string;
  year: number;
  controlPoint: number;
  level: number;
  comment: string;
}

export interface NewStatusUpdate {
  unitId: string;
  year: number;
  controlPoint: number;
  statusDate: IsoDate;
  text: string;
  unitLevel: number | null;
}

export interface NewActivity {
  unitId: string;
  controlPoint: number;
  text: string;
  state: ActivityState;
  dueFrom: Quarter | null;
  dueTo: Quarter | null;
  workPackage: string | null;
}

export interface ActivityPatch {
  text?: string;
  state?: ActivityState;
  dueFrom?: Quarter | null;
  dueTo?: Quarter | null;
  workPackage?: string | null;
  /** The version the editor saw; a different current version is a conflict. */
  expectedVersion?: number;
}

export interface InstructionPatch {
  state?: InstructionState;
  /** The first quarter of a planned period of more than one quarter. */
  plannedFrom?: Quarter | null;
  plannedQuarter?: Quarter | null;
  note?: string | null;
  expectedVersion?: number;
}

/** A change to the unit's contact; every field is optional, a first contact needs a name and an e-mail address. */
export interface ContactPatch {
  name?: string;
  title?: string;
  role?: string;
  organisation?: string;
  email?: string;
  expectedVersion?: number;
}

export interface ControlPointPatch {
  workPackages?: string[];
  expectedEnd?: IsoDate | null;
  expectedVersion?: number;
}

/**
 * Refuses a write the actor's grants do not cover in the unit it writes. A write that moves something
 * from one unit to another (a direct SharePoint edit of its unit) is authorized in both.
 */
export function authorize(actor: Actor, permission: Permission, unitId: string): void {
  if (!can(actor, permission, unitId)) throw new DomainError('forbidden', { permission, unitId });
}

/**
 * A record's unit changed where no store can stop it first (a direct SharePoint edit of its UnitKey): checked in
 * both units, the one it was in and the one it was moved to, so a person refused in either is refused as forbidden.
 * One who may write both is refused too: a record's history, control point and place in the plan belong to its
 * unit, so it is moved by adding it in the other unit.
 */
export function checkUnitMove(actor: Actor, permission: Permission, from: string, to: string): void {
  if (from === to) return;
  authorize(actor, permission, from);
  authorize(actor, permission, to);
  throw new DomainError(
    'unprocessable',
    details(
      `en post flyttas inte från ${from} till ${to}: lägg till den i den andra förvaltningen`,
      `a record is not moved from ${from} to ${to}: add it in the other unit`,
    ),
  );
}

export function checkControlPointNumber(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > LIMITS.controlPointNumber) {
    throw notFound('controlPoint');
  }
}

export function checkLevel(scale: Scale, level: number): void {
  if (!isOnScale(scale, level)) throw new DomainError('level_off_scale', { level, max: maxLevel(scale) });
}

const FIELDS = {
  text: { sv: 'texten', en: 'the text' },
  comment: { sv: 'kommentaren', en: 'the comment' },
  note: { sv: 'anteckningen', en: 'the note' },
  name: { sv: 'namnet', en: 'the name' },
  title: { sv: 'titeln', en: 'the title' },
  role: { sv: 'rollen', en: 'the role' },
  organisation: { sv: 'organisationen', en: 'the organisation' },
  email: { sv: 'e-postadressen', en: 'the e-mail address' },
} as const;

export function checkText(value: string, max: number, field: keyof typeof FIELDS, required: boolean): void {
  const name = FIELDS[field];
  if (required && value.trim().length === 0) throw new DomainError('invalid_input', details(`${name.sv} är tom`, `${name.en} is empty`));
  if (value.length > max) {
    throw new DomainError('invalid_input', details(`${name.sv} är längre än ${max} tecken`, `${name.en} is longer than ${max} characters`));
  }
  checkPlainText(value, name);
}

const notQuarter = (q: string) => details(`${q} är inte ett kvartal (ÅÅÅÅ-Qn)`, `${q} is not a quarter (YYYY-Qn)`);
export const notDate = (d: string) => details(`${d} är inte ett datum (ÅÅÅÅ-MM-DD)`, `${d} is not a date (YYYY-MM-DD)`);
const unknownWorkPackage = (k: string) => details(`huvudpaketet ${k} finns inte`, `there is no work package ${k}`);

export function checkPeriod(dueFrom: Quarter | null, dueTo: Quarter | null): void {
  for (const q of [dueFrom, dueTo]) {
    if (q !== null && !isQuarter(q)) throw new DomainError('invalid_input', notQuarter(q));
  }
  if (dueFrom && dueTo && dueFrom > dueTo) {
    throw new DomainError('unprocessable', details(`${dueFrom} ligger efter ${dueTo}`, `${dueFrom} is after ${dueTo}`));
  }
}

/** An assessment needs the DPO's role, a level on the scale and a comment within limits. */
export function checkAssessment(actor: Actor, scale: Scale, input: NewAssessment): void {
  authorize(actor, 'assess', input.unitId);
  checkControlPointNumber(input.controlPoint);
  checkLevel(scale, input.level);
  checkText(input.comment, LIMITS.comment, 'comment', false);
}

export function checkStatusUpdate(actor: Actor, scale: Scale, input: NewStatusUpdate): void {
  authorize(actor, 'writeStatus', input.unitId);
  checkControlPointNumber(input.controlPoint);
  if (!isIsoDate(input.statusDate)) throw new DomainError('invalid_input', notDate(input.statusDate));
  checkText(input.text, LIMITS.statusText, 'text', true);
  if (input.unitLevel !== null) checkLevel(scale, input.unitLevel);
}

export function checkNewActivity(actor: Actor, input: NewActivity): void {
  authorize(actor, 'writeActivities', input.unitId);
  checkControlPointNumber(input.controlPoint);
  checkText(input.text, LIMITS.activityText, 'text', true);
  checkPeriod(input.dueFrom, input.dueTo);
}

export function checkVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) throw new DomainError('conflict');
}

/** The activity after a patch; the version moves on by one. */
export function applyActivityPatch(before: Activity, patch: ActivityPatch, ctx: WriteContext): Activity {
  authorize(ctx.actor, 'writeActivities', before.unitId);
  checkVersion(before.version, patch.expectedVersion);
  const after: Activity = {
    ...before,
    text: patch.text ?? before.text,
    state: patch.state ?? before.state,
    dueFrom: patch.dueFrom === undefined ? before.dueFrom : patch.dueFrom,
    dueTo: patch.dueTo === undefined ? before.dueTo : patch.dueTo,
    workPackage: patch.workPackage === undefined ? before.workPackage : patch.workPackage,
    version: before.version + 1,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor.id,
  };
  checkText(after.text, LIMITS.activityText, 'text', true);
  checkPeriod(after.dueFrom, after.dueTo);
  return after;
}

export function applyInstructionPatch(before: Instruction, patch: InstructionPatch, ctx: WriteContext): Instruction {
  authorize(ctx.actor, 'writeInstructions', before.unitId);
  checkVersion(before.version, patch.expectedVersion);
  const state = patch.state ?? before.state;
  const plannedQuarter = patch.plannedQuarter === undefined ? before.plannedQuarter : patch.plannedQuarter;
  if (plannedQuarter !== null && !isQuarter(plannedQuarter)) {
    throw new DomainError('invalid_input', notQuarter(plannedQuarter));
  }
  const plannedFrom = patch.plannedFrom === undefined ? before.plannedFrom : patch.plannedFrom;
  if (plannedFrom !== null && !isQuarter(plannedFrom)) throw new DomainError('invalid_input', notQuarter(plannedFrom));
  checkPeriod(plannedFrom, plannedQuarter);
  const note = patch.note === undefined ? before.note : patch.note;
  if (note !== null) checkText(note, LIMITS.note, 'note', false);
  return {
    ...before,
    state,
    plannedFrom,
    plannedQuarter,
    note,
    version: before.version + 1,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.actor.id,
  };
}

/** One address, no spaces, a dot in the domain: what a mail client accepts in the To field. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Refuses what is not one e-mail address (the contact's, a unit's people responsible). */
export function checkEmail(email: string): void {
  if (!EMAIL.test(email)) {
    throw new DomainError('invalid_input', details(`${email} är inte en e-postadress`, `${email} is not an e-mail address`));
  }
}

/**
 * The DPO sets the unit's contact (the report's closing slide). `before` is null when the unit has none yet;
 * the first contact starts at version 1.
 */
export function applyContactPatch(unitId: string, before: Contact | null, patch: ContactPatch, ctx: WriteContext): Contact {
  authorize(ctx.actor, 'editContact', unitId);
  checkVersion(before?.version ?? 0, patch.expectedVersion);
  const pick = (k: 'name' | 'title' | 'role' | 'organisation' | 'email') => (patch[k] ?? before?.[k] ?? '').trim();
  const after = { name: pick('name'), title: pick('title'), role: pick('role'), organisation: pick('organisation'), email: pick('email') };
  for (const k of ['name', 'title', 'role', 'organisation', 'email'] as const) {
    checkText(after[k], LIMITS.contactField, k, k === 'name' || k === 'email');
  }
  checkEmail(after.email);
  return { unitId, ...after, version: (before?.version ?? 0) + 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actor.id };
}

export function applyControlPointPatch(
  before: ControlPoint,
  patch: ControlPointPatch,
  knownWorkPackages: string[],
  ctx: WriteContext,
): ControlPoint {
  authorize(ctx.actor, 'writePlan', before.unitId);
  checkVersion(before.version, patch.expectedVersion);
  const workPackages = patch.workPackages ?? before.workPackages;
  const unknown = workPackages.find((k) => !knownWorkPackages.includes(k));
  if (unknown) throw new DomainError('unprocessable', unknownWorkPackage(unknown));
  const expectedEnd = patch.expectedEnd === undefined ? before.expectedEnd : patch.expectedEnd;
  if (expectedEnd !== null && !isIsoDate(expectedEnd)) {
    throw new DomainError('invalid_input', notDate(expectedEnd));
  }
  return { ...before, workPackages, expectedEnd, version: before.version + 1 };
}

export interface NewReportYear {
  unitId: string;
  /** The year to start; the year after the newest when omitted. */
  year?: number;
}

/**
 * Starting a report year needs the DPO's or the CISO's role, and the year must be the one
 * right after the newest (history is never rewritten, and a year cannot be removed again, so
 * a typo like 2100 must not be possible). Returns the year to start.
 */
export function checkNewReportYear(actor: Actor, input: NewReportYear, existing: number[]): number {
  authorize(actor, 'startYear', input.unitId);
  const newest = existing.length > 0 ? Math.max(...existing) : null;
  const year = input.year ?? (newest === null ? null : newest + 1);
  if (year === null)
    throw new DomainError(
      'invalid_input',
      details('ange år: förvaltningen har inga rapportår', 'a year is required for a unit without report years'),
    );
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DomainError(
      'invalid_input',
      details(`${year} är inte ett rapportår (2000–2100)`, `${year} is not a report year (2000–2100)`),
    );
  }
  if (newest !== null && year !== newest + 1) throw new DomainError('year_not_next', { next: newest + 1, newest });
  return year;
}

/** The open report year of a unit: its newest. Every year before it is closed history. */
export function openYearOf(years: number[]): number | null {
  return years.length > 0 ? Math.max(...years) : null;
}

/**
 * Writes that belong to a report year (assessments, status updates) go to the open year only,
 * whichever path they come by. A year the unit never had is left to the store (not found).
 * There is no way to reopen a closed year: corrections are made in the open year.
 */
export function checkOpenYear(year: number, years: number[]): void {
  const open = openYearOf(years);
  if (open !== null && year !== open && years.includes(year)) throw new DomainError('year_closed', { year, open });
}

export function checkWorkPackageKnown(key: string | null, known: string[]): void {
  if (key !== null && !known.includes(key)) {
    throw new DomainError('unprocessable', unknownWorkPackage(key));
  }
}
