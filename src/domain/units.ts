/**
 * Units as data (issue 14 item 1): the administrations (förvaltningar) the DPO follows up, each against the
 * same twelve fixed control points. The DPO (or an administrator) creates a unit, renames it, names the
 * people responsible and archives it; an archived unit keeps every record and refuses every write.
 * Pure: no I/O. Both stores apply these rules (tests/store/units-contract.ts).
 */
import { details, DomainError } from './errors.js';
import {
  UNIT_PERSON_ROLES,
  type ControlPoint,
  type Locale,
  type Localized,
  type Unit,
  type UnitPerson,
  type UnitPersonRole,
} from './model.js';
import { ALL_UNITS, can, rolesIn, type Actor } from './roles.js';
import { authorize, checkEmail, checkVersion, type WriteContext } from './rules.js';
import { checkPlainText } from './text.js';

/** A unit's id: a lower-case slug of 2–40 characters, letters a–z, digits and hyphens, not starting or ending with a hyphen. */
export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/;

export const UNIT_LIMITS = { name: 120, organisation: 120, personName: 120, email: 254, people: 50 } as const;

/**
 * The twelve fixed control points (fasta kontrollpunkter), numbered and titled as in the DPO's annual report
 * (seed/intraservice-2023.json; tests/domain/units.spec.ts checks they are the seed's). Every unit is followed
 * up against these.
 */
export const FIXED_CONTROL_POINTS: readonly { number: number; title: string }[] = [
  { number: 1, title: 'Dataskyddsorganisation' },
  { number: 2, title: 'Personuppgiftsincidenter' },
  { number: 3, title: 'Biträdesavtal och andra överenskommelser' },
  { number: 4, title: 'Register över personuppgiftsbehandlingar' },
  { number: 5, title: 'Övergripande styrning av dataskyddsarbetet' },
  { number: 6, title: 'Utbildning' },
  { number: 7, title: 'Informationsplikt' },
  { number: 8, title: 'E-post och dokumenthantering' },
  { number: 9, title: 'Konsekvensbedömning/samråd' },
  { number: 10, title: 'IT-projekt och upphandling' },
  { number: 11, title: 'IT-system och digitala verktyg' },
  { number: 12, title: 'Hantering av registrerades rättigheter' },
];

/** A new unit as asked for. Its first report year is `year` (the current year when omitted). */
export interface NewUnit {
  id: string;
  name: string;
  nameEn: string;
  organisation: string;
  responsible?: UnitPerson[];
  year?: number;
  /** Set by the demo units only (src/store/demo-units.ts). */
  example?: boolean;
}

/** A change to a unit, under the version the editor saw. */
export interface UnitPatch {
  name?: string;
  nameEn?: string;
  organisation?: string;
  responsible?: UnitPerson[];
  archived?: boolean;
  expectedVersion: number;
}

/** The marks a unit's label carries, in both languages (the words catalog's terms take them from here). */
export const UNIT_MARKS = {
  example: { sv: 'exempel', en: 'example' },
  archived: { sv: 'arkiverad', en: 'archived' },
} as const satisfies Record<string, Localized>;

/** The unit's name in the language asked for (no marks). */
export function unitName(unit: Pick<Unit, 'name' | 'nameEn'>, locale: Locale): string {
  return locale === 'en' ? unit.nameEn || unit.name : unit.name;
}

/** The unit's name as it shows wherever a unit is named: "Exempel 01 – … (exempel)", "Intraservice (arkiverad)". */
export function unitLabel(unit: Pick<Unit, 'name' | 'nameEn' | 'example' | 'archived'>, locale: Locale): string {
  const marks: string[] = [];
  if (unit.example) marks.push(UNIT_MARKS.example[locale]);
  if (unit.archived) marks.push(UNIT_MARKS.archived[locale]);
  return marks.length ? `${unitName(unit, locale)} (${marks.join(', ')})` : unitName(unit, locale);
}

/** A person responsible as one who only reads the unit sees them: by name and role. */
export type UnitPersonNamed = Pick<UnitPerson, 'role' | 'name'>;
/** A unit as an answer shows it to one person: its people in full, or by name and role only (unitAsSeenBy). */
export type UnitAsSeen = Unit | UnitPeopleNamed;
/** A unit whose people are shown by name and role only. */
export type UnitPeopleNamed = Omit<Unit, 'responsible'> & { responsible: UnitPersonNamed[] };

/** Whether the person may see how to reach the unit's people (e-mail, Entra object id): who manages the unit, or its DPO or CISO. */
export function seesUnitContacts(actor: Actor, unitId: string): boolean {
  return can(actor, 'manageUnits', unitId) || rolesIn(actor, unitId).some((role) => role === 'dpo' || role === 'ciso');
}

/** The unit with its people by name and role only. */
export function peopleByName(unit: Unit): UnitPeopleNamed {
  return { ...unit, responsible: unit.responsible.map(({ role, name }) => ({ role, name })) };
}

/** The unit as this person may see it: in full for those who may reach its people, else its people by name and role. */
export function unitAsSeenBy(unit: Unit, actor: Actor): UnitAsSeen {
  return seesUnitContacts(actor, unit.id) ? unit : peopleByName(unit);
}

/** A unit's change record (unit.created / unit.updated / unit.archived) with its units as this person may see them. */
export function unitChangeSeenBy<C extends { before: unknown; after: unknown }>(change: C, actor: Actor): C {
  const seen = (unit: unknown) => (unit === null ? null : unitAsSeenBy(unit as Unit, actor));
  return { ...change, before: seen(change.before), after: seen(change.after) };
}

/** Whether a unit came with its people's contacts (the tab's unit dialogs edit only such a unit). */
export function hasContacts(unit: UnitAsSeen): unit is Unit {
  return unit.responsible.every((person) => 'email' in person);
}

const fold = (text: string) => text.trim().toLocaleLowerCase('sv');

/** The unit a person means by `text`: its id, Swedish or English name (case-insensitive, trimmed); null when none or several match. */
export function findUnit<U extends Pick<Unit, 'id' | 'name' | 'nameEn'>>(units: readonly U[], text: string): U | null {
  const wanted = fold(text);
  if (!wanted) return null;
  const byId = units.find((u) => u.id === wanted);
  if (byId !== undefined) return byId;
  const matches = units.filter((u) => fold(u.name) === wanted || fold(u.nameEn) === wanted);
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/** Refuses any write to an archived unit, on every path (the store's write guard, src/store/guarded.ts, asks it). */
export function checkUnitWritable(unit: Pick<Unit, 'name' | 'nameEn' | 'archived'>): void {
  if (unit.archived) throw new DomainError('unit_archived', { unit: { sv: unit.name, en: unit.nameEn || unit.name } });
}

const FIELDS = {
  id: { sv: 'förvaltningens id', en: "the unit's id" },
  name: { sv: 'det svenska namnet', en: 'the Swedish name' },
  nameEn: { sv: 'det engelska namnet', en: 'the English name' },
  organisation: { sv: 'organisationen', en: 'the organisation' },
  personName: { sv: 'den ansvariges namn', en: "the responsible person's name" },
  email: { sv: 'den ansvariges e-postadress', en: "the responsible person's e-mail address" },
} as const satisfies Record<string, Localized>;

function cleanText(value: string, field: keyof typeof FIELDS, max: number): string {
  const text = value.trim();
  const name = FIELDS[field];
  if (!text) throw new DomainError('invalid_input', details(`${name.sv} är tomt`, `${name.en} is empty`));
  if (text.length > max) {
    throw new DomainError('invalid_input', details(`${name.sv} är längre än ${max} tecken`, `${name.en} is longer than ${max} characters`));
  }
  checkPlainText(text, name);
  return text;
}

export function checkUnitId(id: string): void {
  if (!UNIT_ID_PATTERN.test(id)) {
    throw new DomainError(
      'invalid_input',
      details(
        `${id} är inget giltigt id: 2–40 tecken, små bokstäver a–z, siffror och bindestreck`,
        `${id} is not a valid id: 2–40 characters, lower-case letters a–z, digits and hyphens`,
      ),
    );
  }
}

function isUnitPersonRole(role: string): role is UnitPersonRole {
  return (UNIT_PERSON_ROLES as readonly string[]).includes(role);
}

/** The people responsible, checked and trimmed; the same e-mail twice in one role is refused. */
export function checkResponsible(people: readonly UnitPerson[]): UnitPerson[] {
  if (people.length > UNIT_LIMITS.people) {
    throw new DomainError(
      'invalid_input',
      details(`fler än ${UNIT_LIMITS.people} ansvariga`, `more than ${UNIT_LIMITS.people} people responsible`),
    );
  }
  const seen = new Set<string>();
  return people.map((p) => {
    const role: string = p.role;
    if (!isUnitPersonRole(role)) throw new DomainError('invalid_input', details(`${role} är ingen roll`, `${role} is not a role`));
    const email = cleanText(p.email, 'email', UNIT_LIMITS.email).toLowerCase();
    checkEmail(email);
    const key = `${p.role}:${email}`;
    if (seen.has(key))
      throw new DomainError('invalid_input', details(`${email} står två gånger som ${p.role}`, `${email} is listed twice as ${p.role}`));
    seen.add(key);
    const aadObjectId = p.aadObjectId?.trim();
    return { role: p.role, name: cleanText(p.name, 'personName', UNIT_LIMITS.personName), email, ...(aadObjectId ? { aadObjectId } : {}) };
  });
}

/** The unit a valid NewUnit makes (version 1, not archived). Creating a unit needs manageUnits in every unit. */
export function checkNewUnit(input: NewUnit, ctx: Pick<WriteContext, 'actor'>): Unit {
  authorize(ctx.actor, 'manageUnits', ALL_UNITS);
  checkUnitId(input.id);
  return {
    id: input.id,
    name: cleanText(input.name, 'name', UNIT_LIMITS.name),
    nameEn: cleanText(input.nameEn, 'nameEn', UNIT_LIMITS.name),
    organisation: cleanText(input.organisation, 'organisation', UNIT_LIMITS.organisation),
    archived: false,
    example: input.example ?? false,
    responsible: checkResponsible(input.responsible ?? []),
    version: 1,
  };
}

/** The year a new unit starts in: the one asked for, else the current year (of `ctx.now`). */
export function firstYearOf(input: NewUnit, ctx: Pick<WriteContext, 'now'>): number {
  const year = input.year ?? ctx.now.getUTCFullYear();
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new DomainError('invalid_input', details(`${year} är inget rapportår`, `${year} is not a report year`));
  }
  return year;
}

/**
 * The unit after a patch (manageUnits in that unit), checked under its version. An archived unit takes only
 * `archived: false` (restoring it), with or without other changes; anything else on an archived unit is refused.
 */
export function applyUnitPatch(before: Unit, patch: UnitPatch, ctx: Pick<WriteContext, 'actor'>): Unit {
  authorize(ctx.actor, 'manageUnits', before.id);
  checkVersion(before.version, patch.expectedVersion);
  if (before.archived && patch.archived !== false) checkUnitWritable(before);
  return {
    ...before,
    name: patch.name === undefined ? before.name : cleanText(patch.name, 'name', UNIT_LIMITS.name),
    nameEn: patch.nameEn === undefined ? before.nameEn : cleanText(patch.nameEn, 'nameEn', UNIT_LIMITS.name),
    organisation:
      patch.organisation === undefined ? before.organisation : cleanText(patch.organisation, 'organisation', UNIT_LIMITS.organisation),
    responsible: patch.responsible === undefined ? before.responsible : checkResponsible(patch.responsible),
    archived: patch.archived ?? before.archived,
    version: before.version + 1,
  };
}

/** The owner a new unit's control points name: its CISO, as the report's "CISO Intraservice". */
export function defaultOwner(unit: Pick<Unit, 'name'>): string {
  return `CISO ${unit.name}`;
}

/** A new unit's twelve control points: the fixed numbers and titles, no work packages, no expected end. */
export function newUnitControlPoints(unit: Pick<Unit, 'id' | 'name'>): ControlPoint[] {
  return FIXED_CONTROL_POINTS.map((cp) => ({
    unitId: unit.id,
    number: cp.number,
    title: cp.title,
    owner: defaultOwner(unit),
    workPackages: [],
    expectedEnd: null,
    version: 1,
  }));
}
