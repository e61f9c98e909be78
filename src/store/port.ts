/**
 * The BoardStore port: everything the API, the bot, the change feed and the report
 * need from a system of record. Implemented by sqlite/ (embedded default) and, in
 * production, by sharepoint/. Both pass tests/store/contract.ts.
 *
 * Every write checks the domain rules (role, scale, limits, versions) before it
 * persists anything, and appends exactly one change record in the same transaction.
 */
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
  FocusArea,
  IsoTimestamp,
  Locale,
  Instruction,
  NewChange,
  Project,
  ReportYear,
  StatusUpdate,
  Training,
  Unit,
  WorkPackage,
} from '../domain/model.js';
import type {
  ActivityPatch,
  ContactPatch,
  ControlPointPatch,
  InstructionPatch,
  NewReportYear,
  NewActivity,
  NewAssessment,
  NewStatusUpdate,
  WriteContext,
} from '../domain/rules.js';
import type { ActionPlanItemPatch, NewActionPlanItem } from '../domain/action-plan.js';
import type { NewUnit, UnitPatch } from '../domain/units.js';
import type { Scale } from '../domain/scale.js';
import type { EvidenceStore } from './evidence.js';
import type { StatusRequestStore } from './status-requests.js';

export type StoreKind = 'sqlite' | 'sharepoint';

/** A credential of the person making a write, for a store that can write in their name. */
export interface DelegatedCredential {
  /** A bearer token for the store's backend (SharePoint: a Graph token from the on-behalf-of flow). */
  getToken(): Promise<string>;
  readonly description: string;
}

/**
 * A write as the store receives it: the domain's context and, when the caller is a signed-in
 * person and on-behalf-of is configured, their credential. A store that can act for the person
 * (SharePoint) sends the write with it, so the record shows the real editor; reads and background
 * work never use it; the SQLite store ignores it.
 */
export interface StoreWriteContext extends WriteContext {
  onBehalfOf?: DelegatedCredential;
}

/** A whole report, ready to import. Every item carries a stable key so a re-import adds only what is missing. */
export interface SeedPlan {
  /** The unit, created as it is when missing (never archived; an existing unit is left as it is). */
  unit: Omit<Unit, 'archived' | 'version'>;
  year: number;
  project: Omit<Project, 'unitId'>;
  workPackages: Omit<WorkPackage, 'unitId'>[];
  controlPoints: Omit<ControlPoint, 'unitId' | 'version'>[];
  focusAreas: Omit<FocusArea, 'unitId'>[];
  assessments: (Omit<Assessment, 'id' | 'unitId'> & { seedKey: string })[];
  statusUpdates: (Omit<StatusUpdate, 'id' | 'unitId'> & { seedKey: string })[];
  activities: (Omit<Activity, 'id' | 'unitId' | 'version' | 'updatedAt' | 'updatedBy'> & { seedKey: string })[];
  instructions: Omit<Instruction, 'unitId' | 'version' | 'updatedAt' | 'updatedBy'>[];
  trainings: (Omit<Training, 'id' | 'unitId'> & { seedKey: string })[];
  actionPlanItems: (Omit<ActionPlanItem, 'id' | 'unitId' | 'version' | 'updatedAt' | 'updatedBy'> & { seedKey: string })[];
  subProjects: { name: string; position: number; seedKey: string }[];
  contact: Omit<Contact, 'unitId' | 'version' | 'updatedAt' | 'updatedBy'> | null;
}

/** The kinds of item an import adds (ImportResult's keys). */
export const IMPORT_KINDS = [
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
  'subProjects',
  'contacts',
] as const;

/** How many items of each kind an import added (0 everywhere on a re-import). */
export type ImportResult = Record<(typeof IMPORT_KINDS)[number], number>;

/** Where a conversation the bot is installed in lives; decides which status posts it gets. */
export type ConversationScope = 'personal' | 'groupChat' | 'channel';

/** A conversation the bot may post to later (a Bot Framework conversation reference, kept as JSON). */
export interface SavedConversation {
  id: string;
  scope: ConversationScope;
  /** The conversation reference, opaque to the store. */
  reference: Record<string, unknown>;
  locale: Locale;
  /** Personal chats hear status posts only after subscribing; channels always do. */
  subscribed: boolean;
  /**
   * Whether the weekly digest goes here (channels; src/schedule/): false once switched off with
   * `sammanfattning av` / `digest off`. Stores always answer it (true unless switched off); a save
   * without it keeps what was saved, so re-installing or re-saving never switches the digest back on.
   */
  digest?: boolean;
  updatedAt: IsoTimestamp;
}

/**
 * Small, generic state the app keeps beside the board: the bot's conversations, named
 * cursors (how far a reader of the change log has come) and claim-once keys (idempotency).
 * Kept in the same system of record, so it survives restarts and is shared by instances.
 */
export interface AppStateStore {
  /** Inserts or replaces the conversation; `created` is true when it was not saved before. */
  saveConversation(conversation: SavedConversation): Promise<{ created: boolean }>;
  getConversation(id: string): Promise<SavedConversation | null>;
  /** Forgets the conversation; false when it was not saved. */
  removeConversation(id: string): Promise<boolean>;
  /** Every saved conversation, oldest first. */
  listConversations(): Promise<SavedConversation[]>;
  getCursor(name: string): Promise<number | null>;
  setCursor(name: string, value: number): Promise<void>;
  /** Moves a cursor forward only (never back, whoever wrote last); answers its value afterwards. */
  advanceCursor(name: string, value: number): Promise<number>;
  /** True the first time a key is claimed, false ever after (until it expires, `ttlMs` after `now`). */
  claimOnce(key: string, now: Date, ttlMs?: number): Promise<boolean>;
  /**
   * Leases on the claim-once keys: the key is held by one caller across all instances until the
   * lease expires, is released, or is completed. Null while someone else holds it, or once it is
   * completed (a completed claim is claimOnce's "claimed": taken for good, or until `keepMs`).
   */
  acquireLease(key: string, now: Date, ttlMs: number): Promise<Lease | null>;
  /** Extends the lease; null when it was lost (it expired and another caller took the key). */
  renewLease(lease: Lease, now: Date, ttlMs: number): Promise<Lease | null>;
  /** The work is done: the key stays claimed for good (or `keepMs` from `now`). False when the lease was lost. */
  completeLease(lease: Lease, now: Date, keepMs?: number): Promise<boolean>;
  /** Gives the key back unfinished, so anyone may take it at once; nothing happens when the lease was lost. */
  releaseLease(lease: Lease): Promise<void>;
  /** A named setting (JSON) the app keeps for everyone, e.g. the DPO's scale setup; null when never set. */
  getSetting(name: string): Promise<unknown>;
  /** Replaces the named setting (last writer wins; updateSetting when the new value depends on the kept one). */
  putSetting(name: string, value: unknown): Promise<void>;
  /**
   * Compare-and-swap on the named setting, across instances: `change` gets the value as kept (null when never
   * set) and answers the value to keep, or `undefined` to leave it as it is (it may also throw, e.g. a version
   * conflict; nothing is written then). When another instance wrote in between, the value is read again and
   * `change` called again, so it must only compute. SQLite: one IMMEDIATE transaction; SharePoint: the write
   * is made under the item's eTag (If-Match; 412 means read again). Answers the value kept afterwards.
   */
  updateSetting<T>(name: string, change: (current: unknown) => T | undefined): Promise<SettingUpdate<T>>;
}

/** What updateSetting did: the value kept afterwards, and whether this call wrote it. */
export type SettingUpdate<T> = { written: true; value: T } | { written: false; value: unknown };

/** A held lease. `token` is the store's proof of holding it (stale once another caller took the key). */
export interface Lease {
  readonly key: string;
  readonly token: string;
  readonly expiresAt: IsoTimestamp;
}

export interface BoardStore {
  readonly kind: StoreKind;
  readonly scale: Scale;
  /** The app's own state (bot conversations, cursors, claim-once keys); tests/store/app-state-contract.ts. */
  readonly appState: AppStateStore;
  /** Evidence (underlag) on the control points: links, and in SharePoint the "DPO Underlag" library's files; tests/store/evidence-contract.ts. */
  readonly evidence: EvidenceStore;
  /** Status requests (issue 13 item 3); tests/store/status-requests-contract.ts. Absent in a store that does not keep them yet. */
  readonly statusRequests?: StatusRequestStore;
  /**
   * Optional: changes whenever the content changed without a change record (SharePoint: a
   * person edited a list that has no change kind, e.g. a work package). Views cached by change
   * sequence include it in their key.
   */
  contentTag?(): string;

  /** Every unit, archived ones too (callers filter), by Swedish name. */
  listUnits(): Promise<Unit[]>;
  /**
   * Creates a unit (manageUnits in every unit) with its first report year and the twelve fixed control points,
   * no marks, no statuses; one unit.created change. A taken id is unit_exists; a repeated request id answers the first.
   */
  createUnit(input: NewUnit, ctx: StoreWriteContext): Promise<Unit>;
  /**
   * Renames, re-staffs, archives or restores a unit (manageUnits in that unit) under its version; one unit.updated
   * or unit.archived change. Throws not_found for an unknown unit, unit_archived for any change but restoring.
   */
  updateUnit(id: string, patch: UnitPatch, ctx: StoreWriteContext): Promise<Unit>;
  /** The unit's report years, oldest first. Throws not_found for an unknown unit. */
  listYears(unitId: string): Promise<number[]>;
  /** The unit's board for a year (its newest year when omitted). Throws not_found. */
  getBoardData(unitId: string, year?: number): Promise<BoardData>;
  /** One control point across all years, with its change log. Throws not_found. */
  getControlPointData(unitId: string, number: number): Promise<ControlPointData>;
  getActionPlanData(unitId: string): Promise<ActionPlanData>;
  /**
   * Optional: every year's board (oldest first) of every unit, by unit id, from one read of the store (SharePoint:
   * one read of the board's lists, whatever the number of units). The city view uses it when present and
   * reads unit by unit otherwise (SQLite, where a board read is a local query).
   */
  getAllBoards?(): Promise<Record<string, BoardData[]>>;

  addAssessment(input: NewAssessment, ctx: StoreWriteContext): Promise<Assessment>;
  addStatusUpdate(input: NewStatusUpdate, ctx: StoreWriteContext): Promise<StatusUpdate>;
  createActivity(input: NewActivity, ctx: StoreWriteContext): Promise<Activity>;
  updateActivity(unitId: string, id: number, patch: ActivityPatch, ctx: StoreWriteContext): Promise<Activity>;
  updateInstruction(unitId: string, number: number, patch: InstructionPatch, ctx: StoreWriteContext): Promise<Instruction>;
  updateControlPoint(unitId: string, number: number, patch: ControlPointPatch, ctx: StoreWriteContext): Promise<ControlPoint>;
  /** Adds an item to the action plan, last in its order (CISO/editor: writePlan; src/domain/action-plan.ts). Throws not_found for an unknown unit. */
  createActionPlanItem(input: NewActionPlanItem, ctx: StoreWriteContext): Promise<ActionPlanItem>;
  /** Changes an item of the action plan under its version. Throws not_found for an unknown unit or item. */
  updateActionPlanItem(unitId: string, id: number, patch: ActionPlanItemPatch, ctx: StoreWriteContext): Promise<ActionPlanItem>;
  /** Sets the unit's contact (DPO only; applyContactPatch); creates it when the unit has none. Throws not_found for an unknown unit. */
  updateContact(unitId: string, patch: ContactPatch, ctx: StoreWriteContext): Promise<Contact>;

  /**
   * Starts a new report year (DPO or CISO). Control points, activities and work packages are
   * the unit's and carry over as they are; last year's assessments and status updates stay as
   * history; the new year starts with none ("not yet assessed"). Appends one year.started change.
   */
  startYear(input: NewReportYear, ctx: StoreWriteContext): Promise<ReportYear>;

  /** Changes with a sequence number above `cursor`, oldest first. */
  changesSince(cursor: number, limit?: number): Promise<ChangeRecord[]>;
  latestChangeSeq(): Promise<number>;
  /**
   * Logs the change of a setting the app keeps for everyone in its state (the DPO's scale setup:
   * scale.changed), so every instance's change feed hears it and the board's cache keys move.
   * Entity writes log their own changes; this is for what no entity write carries.
   */
  logSettingChange(change: NewChange): Promise<ChangeRecord>;

  /** Adds what the plan holds and the store lacks; never overwrites, never duplicates. */
  importSeed(plan: SeedPlan, ctx: WriteContext): Promise<ImportResult>;
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}
