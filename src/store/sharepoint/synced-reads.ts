/**
 * Board reads served from synced state: a BoardStore decorator for the SharePoint store. Each read
 * (board, control point, action plan, units, years, change log) is read from Graph once and then
 * served from memory to every viewer until the synced state moves: a sync that saw a change, or a
 * write through this store. Concurrent readers of the same view share one load. So what reaches
 * Graph depends on changes and on the shared sync schedule, never on how many people look.
 *
 * While Graph throttles (or a load fails), the last view read is served as it was; the schedule's
 * freshness() says how old it is (the tab shows "Uppgifter per …" / "Data as of …").
 */
import type { ActionPlanItemPatch, NewActionPlanItem } from '../../domain/action-plan.js';
import { DomainError } from '../../domain/errors.js';
import type {
  ActionPlanData,
  ActionPlanItem,
  Activity,
  Assessment,
  BoardData,
  ChangeRecord,
  ControlPoint,
  NewChange,
  ControlPointData,
  Contact,
  Instruction,
  ReportYear,
  StatusUpdate,
  Unit,
} from '../../domain/model.js';
import type {
  ActivityPatch,
  ControlPointPatch,
  ContactPatch,
  InstructionPatch,
  NewActivity,
  NewAssessment,
  NewReportYear,
  NewStatusUpdate,
  WriteContext,
} from '../../domain/rules.js';
import type { NewUnit, UnitPatch } from '../../domain/units.js';
import type { EvidenceStore } from '../evidence.js';
import type { StatusRequestStore } from '../status-requests.js';
import type { AppStateStore, BoardStore, ImportResult, SeedPlan, StoreWriteContext } from '../port.js';

export interface SyncedReadsOptions {
  /** Whether Graph asks us to wait: views already read are served without trying Graph. */
  throttled: () => boolean;
  /** Told about every read (the schedule may start a sync if the last one is old). */
  onRead: () => void;
  /** Told when a load reached SharePoint (its data is current as of now). */
  onLoaded: () => void;
  /** After a failed load, the same view is tried again no sooner than this. */
  retryAfterMs: number;
  now?: () => number;
  /** How many distinct views are kept for serving while Graph is unavailable. */
  capacity?: number;
}

interface Entry {
  value: Promise<unknown>;
  /** Set for a failed load: try Graph again after this time. */
  retryAt?: number;
}

const ALL_CHANGES = Number.MAX_SAFE_INTEGER;

export class SyncedReadStore implements BoardStore {
  readonly kind: BoardStore['kind'];
  readonly scale: BoardStore['scale'];
  readonly appState: AppStateStore;
  private generation = 0;
  private readonly fresh = new Map<string, Entry>();
  private readonly lastGood = new Map<string, unknown>();
  private readonly now: () => number;

  constructor(
    private readonly inner: BoardStore,
    private readonly options: SyncedReadsOptions,
  ) {
    this.kind = inner.kind;
    this.scale = inner.scale;
    this.appState = inner.appState;
    this.now = options.now ?? Date.now;
  }

  /** The synced state moved: every view is read again on its next request (once, for all viewers). */
  invalidate(): void {
    this.generation += 1;
    this.fresh.clear();
  }

  contentTag(): string {
    return this.inner.contentTag?.() ?? '';
  }

  /** Evidence read once per synced state like every other view (a file added in the library moves it); adds and removals pass on. */
  readonly evidence: EvidenceStore = {
    list: (unitId, controlPoint) => this.read(`evidence:${unitId}:${controlPoint}`, () => this.inner.evidence.list(unitId, controlPoint)),
    countByControlPoint: (unitId) => this.read(`evidenceCounts:${unitId}`, () => this.inner.evidence.countByControlPoint(unitId)),
    add: (input, ctx) => this.write(() => this.inner.evidence.add(input, ctx)),
    remove: (unitId, id, ctx) => this.write(() => this.inner.evidence.remove(unitId, id, ctx)),
  };

  private requestsView: StatusRequestStore | undefined;

  /**
   * Status requests: the open list the tab shows and the past-due list the schedule checks every tick
   * are read once per synced state (the list is synced, so another instance's request or answer moves
   * them); the bot's read of one request and every write pass on.
   */
  get statusRequests(): StatusRequestStore | undefined {
    const inner = this.inner.statusRequests;
    if (!inner) return undefined;
    this.requestsView ??= {
      create: (input, ctx) => this.write(() => inner.create(input, ctx)),
      get: (unitId, id) => inner.get(unitId, id),
      listOpen: (unitId) => this.read(`statusRequests:${unitId}`, () => inner.listOpen(unitId)),
      listPastDue: (today) => this.read(`statusRequests:pastDue:${today}`, () => inner.listPastDue(today)),
      markAnswered: (unitId, id, answer) => this.write(() => inner.markAnswered(unitId, id, answer)),
    };
    return this.requestsView;
  }

  // ---- reads ----------------------------------------------------------------------------------

  listUnits(): Promise<Unit[]> {
    return this.read('units', () => this.inner.listUnits());
  }

  listYears(unitId: string): Promise<number[]> {
    return this.read(`years:${unitId}`, () => this.inner.listYears(unitId));
  }

  /** Present when the store has it (SharePoint): the city's boards, one synced read shared by every viewer. */
  get getAllBoards(): BoardStore['getAllBoards'] {
    const read = this.inner.getAllBoards?.bind(this.inner);
    return read && (() => this.read('allBoards', read));
  }

  getBoardData(unitId: string, year?: number): Promise<BoardData> {
    return this.read(`board:${unitId}:${year ?? 'latest'}`, () => this.inner.getBoardData(unitId, year));
  }

  getControlPointData(unitId: string, number: number): Promise<ControlPointData> {
    return this.read(`controlPoint:${unitId}:${number}`, () => this.inner.getControlPointData(unitId, number));
  }

  getActionPlanData(unitId: string): Promise<ActionPlanData> {
    return this.read(`actionPlan:${unitId}`, () => this.inner.getActionPlanData(unitId));
  }

  async changesSince(cursor: number, limit = 500): Promise<ChangeRecord[]> {
    const all = await this.allChanges();
    return all.filter((c) => c.seq > cursor).slice(0, limit);
  }

  async latestChangeSeq(): Promise<number> {
    return (await this.allChanges()).at(-1)?.seq ?? 0;
  }

  isEmpty(): Promise<boolean> {
    return this.read('isEmpty', () => this.inner.isEmpty());
  }

  /** The whole change log, oldest first, read once per synced state (the store keeps it mirrored in memory anyway). */
  private allChanges(): Promise<ChangeRecord[]> {
    return this.read('changes', async () => (await this.inner.changesSince(0, ALL_CHANGES)).sort((a, b) => a.seq - b.seq));
  }

  private read<T>(key: string, load: () => Promise<T>): Promise<T> {
    this.options.onRead();
    const entry = this.fresh.get(key);
    if (entry && (entry.retryAt === undefined || this.now() < entry.retryAt)) return entry.value as Promise<T>;
    if (this.options.throttled() && this.lastGood.has(key)) return Promise.resolve(this.lastGood.get(key) as T);
    const generation = this.generation;
    const value = load().then(
      (result) => {
        this.options.onLoaded();
        if (generation === this.generation) this.remember(key, result);
        return result;
      },
      (error: unknown) => this.failed<T>(key, generation, error),
    );
    this.fresh.set(key, { value });
    return value;
  }

  /** A refusal from the rules (not found...) is an answer like any other; anything else serves the last view, if any. */
  private failed<T>(key: string, generation: number, error: unknown): T {
    if (error instanceof DomainError) throw error;
    const entry = this.fresh.get(key);
    if (entry && generation === this.generation) entry.retryAt = this.now() + this.options.retryAfterMs;
    if (this.lastGood.has(key)) return this.lastGood.get(key) as T;
    throw error;
  }

  private remember(key: string, value: unknown): void {
    this.lastGood.delete(key);
    this.lastGood.set(key, value);
    if (this.lastGood.size > (this.options.capacity ?? 256)) this.lastGood.delete(this.lastGood.keys().next().value!);
  }

  // ---- writes: passed on, then every view is read again ------------------------------------------

  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } finally {
      this.invalidate();
    }
  }

  addAssessment(input: NewAssessment, ctx: StoreWriteContext): Promise<Assessment> {
    return this.write(() => this.inner.addAssessment(input, ctx));
  }

  addStatusUpdate(input: NewStatusUpdate, ctx: StoreWriteContext): Promise<StatusUpdate> {
    return this.write(() => this.inner.addStatusUpdate(input, ctx));
  }

  createActivity(input: NewActivity, ctx: StoreWriteContext): Promise<Activity> {
    return this.write(() => this.inner.createActivity(input, ctx));
  }

  updateActivity(unitId: string, id: number, patch: ActivityPatch, ctx: StoreWriteContext): Promise<Activity> {
    return this.write(() => this.inner.updateActivity(unitId, id, patch, ctx));
  }

  updateInstruction(unitId: string, number: number, patch: InstructionPatch, ctx: StoreWriteContext): Promise<Instruction> {
    return this.write(() => this.inner.updateInstruction(unitId, number, patch, ctx));
  }

  updateControlPoint(unitId: string, number: number, patch: ControlPointPatch, ctx: StoreWriteContext): Promise<ControlPoint> {
    return this.write(() => this.inner.updateControlPoint(unitId, number, patch, ctx));
  }

  createActionPlanItem(input: NewActionPlanItem, ctx: StoreWriteContext): Promise<ActionPlanItem> {
    return this.write(() => this.inner.createActionPlanItem(input, ctx));
  }

  updateActionPlanItem(unitId: string, id: number, patch: ActionPlanItemPatch, ctx: StoreWriteContext): Promise<ActionPlanItem> {
    return this.write(() => this.inner.updateActionPlanItem(unitId, id, patch, ctx));
  }

  updateContact(unitId: string, patch: ContactPatch, ctx: StoreWriteContext): Promise<Contact> {
    return this.write(() => this.inner.updateContact(unitId, patch, ctx));
  }

  createUnit(input: NewUnit, ctx: StoreWriteContext): Promise<Unit> {
    return this.write(() => this.inner.createUnit(input, ctx));
  }

  updateUnit(id: string, patch: UnitPatch, ctx: StoreWriteContext): Promise<Unit> {
    return this.write(() => this.inner.updateUnit(id, patch, ctx));
  }

  startYear(input: NewReportYear, ctx: StoreWriteContext): Promise<ReportYear> {
    return this.write(() => this.inner.startYear(input, ctx));
  }

  importSeed(plan: SeedPlan, ctx: WriteContext): Promise<ImportResult> {
    return this.write(() => this.inner.importSeed(plan, ctx));
  }

  logSettingChange(change: NewChange): Promise<ChangeRecord> {
    return this.write(() => this.inner.logSettingChange(change));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
