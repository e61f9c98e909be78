/**
 * The board's model: what the DPO's annual report contains, as types.
 * Pure: no I/O, no SDKs. See ../../README.md and DESIGN.md for the glossary.
 */

/** An ISO date, YYYY-MM-DD. */
export type IsoDate = string;
/** An ISO timestamp with time zone, as produced by Date#toISOString. */
export type IsoTimestamp = string;
/** A calendar quarter, YYYY-Qn (e.g. 2024-Q4). */
export type Quarter = string;

export type Locale = 'sv' | 'en';
export interface Localized {
  sv: string;
  en: string;
}

/** The roles a unit names its people responsible in (src/domain/units.ts); the admin role is the app's, never a unit's. */
export const UNIT_PERSON_ROLES = ['dpo', 'ciso', 'editor', 'reader'] as const;
export type UnitPersonRole = (typeof UNIT_PERSON_ROLES)[number];

/** A person responsible for a unit, in one role; what identity reads as a role grant for that unit. */
export interface UnitPerson {
  role: UnitPersonRole;
  name: string;
  email: string;
  /** The person's Microsoft Entra object id, when known (matches a signed-in person exactly). */
  aadObjectId?: string;
}

/** The administration being followed up (förvaltning). Units are data: created, renamed and archived by the DPO. */
export interface Unit {
  /** A lower-case slug, [a-z0-9-], 2–40 characters (src/domain/units.ts UNIT_ID_PATTERN). */
  id: string;
  /** The unit's name in Swedish. */
  name: string;
  nameEn: string;
  organisation: string;
  /** An archived unit keeps every record and refuses every write. */
  archived: boolean;
  /** Made by `npm run seed -- --demo-units N`: marked "Exempel"/"Example" wherever its name shows (unitLabel). */
  example: boolean;
  responsible: UnitPerson[];
  version: number;
}

/** One yearly DPO follow-up round (årsrapport). */
export interface ReportYear {
  unitId: string;
  year: number;
  startedAt: IsoTimestamp;
}

/** A fixed control point (kontrollpunkt 1–12) with the unit's plan for it. */
export interface ControlPoint {
  unitId: string;
  number: number;
  title: string;
  owner: string;
  /** Keys of the work packages (huvudpaket) that carry the work. */
  workPackages: string[];
  /** When the work is expected to be finished ("beräknas pågå fram till ..."). */
  expectedEnd: IsoDate | null;
  version: number;
}

/** The DPO's placement of the unit on the scale (dataskyddsombudets markering). Append-only. */
export interface Assessment {
  id: number;
  unitId: string;
  year: number;
  controlPoint: number;
  level: number;
  comment: string;
  assessedBy: string;
  assessedByName: string;
  assessedAt: IsoTimestamp;
}

/** The unit's dated answer for a control point (CISO:s status). History is kept. */
export interface StatusUpdate {
  id: number;
  unitId: string;
  year: number;
  controlPoint: number;
  statusDate: IsoDate;
  text: string;
  /** The unit's own level on the DPO's scale, when it gave one. */
  unitLevel: number | null;
  author: string;
  authorName: string;
  createdAt: IsoTimestamp;
}

export const ACTIVITY_STATES = ['planned', 'ongoing', 'done'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

/** Planned work for a control point (planerad aktivitet). */
export interface Activity {
  id: number;
  unitId: string;
  controlPoint: number;
  text: string;
  state: ActivityState;
  dueFrom: Quarter | null;
  dueTo: Quarter | null;
  workPackage: string | null;
  position: number;
  version: number;
  updatedAt: IsoTimestamp;
  updatedBy: string;
}

export const WORK_PACKAGE_STATES = ['ongoing', 'done'] as const;
export type WorkPackageState = (typeof WORK_PACKAGE_STATES)[number];

/** A work package (huvudpaket) of the project, with its expected end. */
export interface WorkPackage {
  unitId: string;
  key: string;
  name: string;
  expectedEnd: IsoDate | null;
  state: WorkPackageState;
}

/** A control point the DPO recommends the unit to focus on (rekommenderat fokusområde). */
export interface FocusArea {
  unitId: string;
  /** The report year that made the recommendation. */
  year: number;
  /** The year the focus applies to (the report for 2023 recommends focus for 2024). */
  focusYear: number;
  controlPoint: number;
  /** What the focus slide says for it, when it differs from the control point's own section (control point 7). */
  text: string | null;
}

/** 'notStated': the report names no state for it ("6 av 9 … Teknisk Säkerhet" does not say which six). */
export const INSTRUCTION_STATES = ['done', 'ongoing', 'planned', 'notStated'] as const;
export type InstructionState = (typeof INSTRUCTION_STATES)[number];

/** One of the instructions of the information-security management system (anvisning IIFS nn). */
export interface Instruction {
  unitId: string;
  number: number;
  code: string;
  title: string;
  state: InstructionState;
  /** The first quarter of its planned period (the report's "Q4 2024 & Q1 2025"), when it spans more than one. */
  plannedFrom: Quarter | null;
  /** The (last) quarter it is planned for. */
  plannedQuarter: Quarter | null;
  group: string | null;
  note: string | null;
  version: number;
  updatedAt: IsoTimestamp;
  updatedBy: string;
}

export const TRAINING_STATES = ['done', 'planned'] as const;
export type TrainingState = (typeof TRAINING_STATES)[number];

export interface Training {
  id: number;
  unitId: string;
  title: string;
  state: TrainingState;
  /** The first quarter of its planned period, when it spans more than one. */
  plannedFrom: Quarter | null;
  plannedQuarter: Quarter | null;
}

/**
 * An item of the action plan that is neither an instruction nor a training
 * ("Införande av PU-register och informationssäkerhetsdatabas (2024-12-31)").
 */
export interface ActionPlanItem {
  id: number;
  unitId: string;
  text: string;
  state: InstructionState;
  /** The period it is ongoing or planned in (the report's "Q4 2024 & Q1 2025": 2024-Q4 – 2025-Q1). */
  periodFrom: Quarter | null;
  periodTo: Quarter | null;
  /** A date the report gives for it, e.g. (2024-12-31). */
  dueDate: IsoDate | null;
  /** The instruction it concerns, when it concerns one. */
  instruction: number | null;
  position: number;
  version: number;
  updatedAt: IsoTimestamp;
  updatedBy: string;
}

/** Who to ask about the unit's answers: the report's closing "Kontakt" block. Edited by the DPO. */
export interface Contact {
  unitId: string;
  name: string;
  title: string;
  role: string;
  organisation: string;
  email: string;
  version: number;
  updatedAt: IsoTimestamp;
  updatedBy: string;
}

/** A prioritised sub-project (prioriterat delprojekt). */
export interface SubProject {
  id: number;
  unitId: string;
  name: string;
  position: number;
}

/** The project that carries the action plan, with its period. */
export interface Project {
  unitId: string;
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

/** Everything the store holds for a unit's board in one year: the raw material of the views. */
export interface BoardData {
  unit: Unit;
  year: number;
  years: number[];
  controlPoints: ControlPoint[];
  /** All assessments of the year, oldest first. */
  assessments: Assessment[];
  /** All status updates of the year, oldest first. */
  statusUpdates: StatusUpdate[];
  activities: Activity[];
  workPackages: WorkPackage[];
  focusAreas: FocusArea[];
  /** Sequence number of the newest change the data reflects (for ETags and live updates). */
  changeSeq: number;
}

/** Everything about one control point, across years. */
export interface ControlPointData {
  unit: Unit;
  controlPoint: ControlPoint;
  assessments: Assessment[];
  statusUpdates: StatusUpdate[];
  activities: Activity[];
  workPackages: WorkPackage[];
  focusAreas: FocusArea[];
  changes: ChangeRecord[];
  changeSeq: number;
}

export interface ActionPlanData {
  unit: Unit;
  project: Project | null;
  instructions: Instruction[];
  trainings: Training[];
  /** Items of the plan that are neither instructions nor trainings, in the report's order. */
  items: ActionPlanItem[];
  subProjects: SubProject[];
  workPackages: WorkPackage[];
  contact: Contact | null;
  changeSeq: number;
}

export const CHANGE_SOURCES = ['tab', 'bot', 'api', 'sharepoint', 'seed', 'cli'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export const CHANGE_KINDS = [
  'assessment.added',
  'status.added',
  'activity.created',
  'activity.updated',
  'instruction.updated',
  'controlPoint.updated',
  'seed.imported',
  'year.started',
  /** A correction of an assessment or a status in place (a direct SharePoint edit): before and after are both kept. */
  'assessment.corrected',
  'status.corrected',
  /** A direct SharePoint edit by someone whose role does not allow it: not taken into the board. */
  'edit.refused',
  /** A row deleted directly in SharePoint. */
  'item.deleted',
  /** The unit's contact (the report's closing slide) set or changed by the DPO. */
  'contact.updated',
  /** An item of the action plan (neither an instruction nor a training) added or changed by the CISO or an editor. */
  'actionPlanItem.created',
  'actionPlanItem.updated',
  /** Evidence (underlag) added to a control point: a link, or a file that appeared in the "DPO Underlag" library. */
  'evidence.added',
  /** A link changed by hand in SharePoint by who added it or the DPO (src/store/sharepoint/sync.ts). */
  'evidence.updated',
  /** Evidence removed from a control point (a link removed in the app, or a file gone from the library). */
  'evidence.removed',
  /** The DPO changed the scale setup (levels, direction, labels); every instance reloads it. Logged under ALL_UNITS. */
  'scale.changed',
  /** A unit created (src/domain/units.ts), with its first report year and twelve control points. */
  'unit.created',
  /** A unit renamed, its organisation or people responsible changed, or restored from the archive. */
  'unit.updated',
  /** A unit archived: its records are kept, read-only. */
  'unit.archived',
  /** The DPO or the CISO asked the person responsible for a control point for a new status (src/domain/status-requests.ts). */
  'statusRequest.created',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One entry of the change log: who changed what, when, from what to what. */
export interface ChangeRecord {
  seq: number;
  at: IsoTimestamp;
  actorId: string;
  actorName: string;
  source: ChangeSource;
  unitId: string;
  year: number | null;
  kind: ChangeKind;
  entityId: string;
  controlPoint: number | null;
  before: unknown;
  after: unknown;
}

/** A change before the store has given it a sequence number. */
export type NewChange = Omit<ChangeRecord, 'seq'>;
