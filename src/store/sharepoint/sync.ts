/**
 * Direct edits: people change the lists in SharePoint; this sync checks each edit like any other
 * write and turns it into the same change record a write through the app makes (source
 * 'sharepoint'), so the change feed hands it to the bot: one human edit, one post.
 *
 * How an edit is recognised: every item the app writes carries a hidden AppSnapshot of what the
 * app last wrote or accepted. The sync reads each list's delta
 * (https://learn.microsoft.com/en-us/graph/api/listitem-delta) and compares an item's fields with
 * its snapshot. A difference is a person's edit. Who made it is the item's lastModifiedBy (createdBy
 * for a new row), resolved to an Actor with roles by the identity module; then the domain rules
 * decide, as for the API and the bot:
 *  - allowed: the sync "claims" the edit by writing the new snapshot under the item's eTag
 *    (If-Match) and only then appends the change record. An assessment or status row changed in
 *    place is a correction (assessment.corrected / status.corrected, both values kept).
 *  - not allowed: the edit is not taken into the board. An edited row is put back as it was
 *    (under the eTag); a new row is marked refused (under the eTag) and deleted. One edit.refused
 *    change says who tried what, and why.
 *  - a deleted row becomes item.deleted with what the board last knew of it (claimed once
 *    across instances in the app state); a deleted link, evidence.removed.
 * Evidence links ("DPO Underlag (länkar)") may be added and fixed by hand (evidenceLink); status
 * requests ("DPO Statusförfrågningar") are the app's record, so every hand edit there is put back
 * (statusRequest); "DPO Kontakt" holds one row per unit. Claiming and refusing: ./edit-claims.ts.
 * Two instances that see the same edit race on the eTag; exactly one wins. A 410 on a delta cursor
 * restarts the enumeration: items whose snapshot matches are skipped, so nothing is posted twice.
 * Control characters in texts from the lists are stripped (plainText) and the cleaned text written back.
 */
import * as changes from '../../domain/changes.js';
import type { EditedEntity, EntityTarget } from '../../domain/changes.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { authorizeEvidenceChange, checkNewEvidence, type Evidence, type NewEvidence } from '../../domain/evidence.js';
import { applyActionPlanItemPatch, checkNewActionPlanItem, type ActionPlanItemPatch } from '../../domain/action-plan.js';
import type {
  ActionPlanItem,
  Activity,
  Assessment,
  Contact,
  ControlPoint,
  Instruction,
  NewChange,
  StatusUpdate,
} from '../../domain/model.js';
import type { Actor } from '../../domain/roles.js';
import type { StatusRequest } from '../../domain/status-requests.js';
import {
  applyActivityPatch,
  applyContactPatch,
  applyControlPointPatch,
  applyInstructionPatch,
  checkAssessment,
  checkNewActivity,
  checkOpenYear,
  checkStatusUpdate,
  checkUnitMove,
  type ActivityPatch,
  type ContactPatch,
  type InstructionPatch,
  type WriteContext,
} from '../../domain/rules.js';
import { plainText } from '../../domain/text.js';
import { type BatchRequest, type Page } from '../../graph/client.js';
import { DIRECT_EDIT_WORDS } from '../../words/direct-edits.js';
import type { SharePointAppState, StateEntry } from './app-state.js';
import type { SharePointData } from './data-access.js';
import { readDelta, type DeltaResult } from './delta.js';
import { claimItem, deletionClaim, dropItem, isRefusedRow, listContext, refuseEdit } from './edit-claims.js';
import { linkFields, linkInput, readLink } from './evidence.js';
import { LibraryEvidenceFeed } from './evidence-feed.js';
import { appWrittenRequest, attemptedRequest, requestEdited, requestItemFields } from './status-requests.js';
import { UnitEditSync } from './unit-edits.js';
import {
  EDITABLE,
  editedFields,
  emptyLookups,
  FieldReader,
  ItemProblem,
  read,
  readSnapshot,
  snapshotOf,
  write,
  type ListItem,
  type Lookups,
  type SnapshotKind,
} from './items.js';
import type { ListKey } from './schema.js';
import type { SiteLists } from './site.js';

/**
 * Every list the board shows, in processing order (lookup targets first). Edits in the RECORDED
 * lists become change records; edits in the others change the board (contentTag) only.
 */
export const SYNCED_LISTS: ListKey[] = [
  'units',
  // The people responsible per unit (role grants): checked like any write by ./unit-edits.ts.
  'unitPeople',
  'years',
  'workPackages',
  'focusAreas',
  'trainings',
  'actionPlanItems',
  'contacts',
  'subProjects',
  'projects',
  // Evidence: links added in the app, and files that appear in the "DPO Underlag" library (listitem-delta
  // works on a document library's items too: https://learn.microsoft.com/en-us/graph/api/listitem-delta).
  'evidenceLinks',
  'evidenceLibrary',
  // Status requests: another instance's request or answer moves the tab's list of open requests.
  'statusRequests',
  'controlPoints',
  'assessments',
  'statusUpdates',
  'activities',
  'instructions',
];
/** The lists Graph notifies us about: the board's lists and the change log (another instance's writes). */
export const SUBSCRIBED_LISTS: ListKey[] = [...SYNCED_LISTS, 'changes'];
const DELTA_LISTS = SUBSCRIBED_LISTS;
type Recorded =
  | 'controlPoints'
  | 'assessments'
  | 'statusUpdates'
  | 'activities'
  | 'instructions'
  | 'actionPlanItems'
  | 'contacts'
  | 'evidenceLinks'
  | 'statusRequests';
const RECORDED: ListKey[] = [
  'controlPoints',
  'assessments',
  'statusUpdates',
  'activities',
  'instructions',
  'actionPlanItems',
  'contacts',
  'evidenceLinks',
  'statusRequests',
];

const CURSORS_KEY = 'sync:delta-cursors';
/** Cursors are hints (a re-read edit matches its snapshot and is skipped), so they are saved at most this often. */
const SAVE_CURSORS_MS = 5 * 60_000;

/** Who an editor of a list item is, with their roles (src/identity: fromSharePointEditor). */
export type EditorResolver = (editor: { id?: string; email?: string; displayName?: string }) => Promise<Actor>;

export interface SyncReport {
  /** HTTP requests this sync sent (a $batch counts once). */
  requests: number;
  /** Change records appended. */
  recorded: number;
  /** Lists whose cursor had expired (410) and were enumerated afresh. */
  restarted: ListKey[];
  /** Items of the recorded lists looked at. */
  seen: number;
  /** Items that changed in any synced list or the change log: the synced state moved. */
  changed: number;
}

type Cursors = Partial<Record<ListKey, string>>;
type Fields = Record<string, unknown>;

/** Who edited an item: the user of its lastModifiedBy (createdBy for a new row). https://learn.microsoft.com/en-us/graph/api/resources/identityset */
export function editorIdentity(item: ListItem, created: boolean): { id?: string; email?: string; displayName?: string } {
  const who = created ? (item.createdBy ?? item.lastModifiedBy) : (item.lastModifiedBy ?? item.createdBy);
  const user = who?.user ?? who?.application;
  return {
    ...(user?.id ? { id: user.id } : {}),
    ...(who?.user?.email ? { email: who.user.email } : {}),
    ...(user?.displayName ? { displayName: user.displayName } : {}),
  };
}

export class DirectEditSync {
  private cursors: Cursors | null = null;
  private cursorEntry: StateEntry<Cursors> | null = null;
  private savedAt = 0;
  /** Lookup targets, kept current from the workPackages/controlPoints deltas once fully loaded. */
  private lookups: Lookups | null = null;
  /** `${unit}:${number}` -> control point item; `${unit}:${key}` -> work package item (to put a refused edit back). */
  private readonly cpItems = new Map<string, number>();
  private readonly wpItems = new Map<string, number>();
  /** The report years of each unit (a direct edit goes to the open year only). */
  private readonly years = new Map<string, Set<number>>();
  /** What the board last accepted of each recorded item (`${list}:${id}`): what a deletion deleted. */
  private known: Map<string, { list: Recorded; entity: object }> | null = null;
  private running: Promise<SyncReport> | undefined;
  private again = false;
  /** Files of the "DPO Underlag" library as evidence.added / evidence.removed (evidence-feed.ts). */
  private readonly files: LibraryEvidenceFeed;
  /** "DPO Förvaltningar" and "DPO Ansvariga": units and their people responsible (unit-edits.ts). */
  private readonly units: UnitEditSync;

  constructor(
    private readonly data: SharePointData,
    private readonly state: SharePointAppState,
    private readonly resolveEditor: EditorResolver,
  ) {
    this.files = new LibraryEvidenceFeed(data, state, (item) => resolveEditor(editorIdentity(item, true)));
    this.units = new UnitEditSync(data, state, (item, created) => this.contextOf(item, created));
  }

  /** Runs a sync now, or once more after the one running (tests; the server runs it through SyncSchedule). */
  poke(): Promise<SyncReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.syncOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.poke().catch((error: unknown) => console.error('SharePoint sync failed', error));
      }
    });
    return this.running;
  }

  async syncOnce(): Promise<SyncReport> {
    const graph = this.data.graph;
    const startCount = graph.requestCount;
    const lists = await this.data.lists();
    if (this.cursors === null) await this.loadCursors();
    const cursors = this.cursors!;
    const results = await this.readDeltas(lists, cursors);
    const report: SyncReport = { requests: 0, recorded: 0, restarted: [], seen: 0, changed: 0 };
    await this.refreshLookups(lists, results);
    await this.loadKnown(lists, cursors);
    await this.units.load(lists, Boolean(cursors.units));
    for (const key of DELTA_LISTS) {
      const result = results.get(key)!;
      if (result.restarted) report.restarted.push(key);
      report.changed += result.items.length;
      if (result.items.length > 0 && key !== 'changes') this.data.noteListChanges(result.items.length);
      if (key === 'evidenceLibrary') report.recorded += await this.files.process(result.items, !cursors[key]);
      if (key === 'units' || key === 'unitPeople') report.recorded += await this.units.process(lists, key, result.items, !cursors[key]);
      if (!RECORDED.includes(key)) continue;
      for (const item of result.items) {
        report.seen += 1;
        if (await this.process(lists, key as Recorded, item, !cursors[key])) report.recorded += 1;
      }
    }
    await this.moveCursors(cursors, results, report.restarted.length > 0);
    report.changed += report.recorded;
    report.requests = graph.requestCount - startCount;
    return report;
  }

  /** Every list's delta in one $batch (first pages), each then read to its end. */
  private async readDeltas(lists: SiteLists, cursors: Cursors): Promise<Map<ListKey, DeltaResult>> {
    const graph = this.data.graph;
    const requests: BatchRequest[] = [];
    for (const key of DELTA_LISTS) {
      const url = cursors[key] ? graph.relative(cursors[key]) : lists.deltaUrl(key);
      if (url) requests.push({ id: key, method: 'GET', url });
    }
    const answers = await graph.batch<Page<ListItem>>(requests);
    const results = new Map<ListKey, DeltaResult>();
    for (const key of DELTA_LISTS) {
      const itemUrl = (id: string) => lists.itemUrl(key, id);
      results.set(key, await readDelta(graph, cursors[key] ?? null, lists.deltaUrl(key), answers.get(key), itemUrl));
    }
    for (const item of results.get('years')!.items) this.noteYear(lists, item);
    return results;
  }

  private async moveCursors(cursors: Cursors, results: Map<ListKey, DeltaResult>, restarted: boolean): Promise<void> {
    const next: Cursors = Object.fromEntries(DELTA_LISTS.map((k) => [k, results.get(k)!.deltaLink]));
    const moved = DELTA_LISTS.some((k) => next[k] !== cursors[k]);
    this.cursors = next;
    if (moved && (restarted || !this.cursorEntry || Date.now() - this.savedAt > SAVE_CURSORS_MS)) await this.saveCursors(next);
  }

  private async loadCursors(): Promise<void> {
    this.cursorEntry = await this.state.get<Cursors>(CURSORS_KEY);
    this.cursors = this.cursorEntry?.value ?? {};
  }

  /** Cursors are shared hints: if another instance saved first, keep going with ours and re-read theirs next time. */
  private async saveCursors(next: Cursors): Promise<void> {
    const saved = await this.state.put(CURSORS_KEY, next, this.cursorEntry);
    this.cursorEntry = saved;
    this.savedAt = Date.now();
    if (!saved) this.cursors = null;
  }

  // ---- what the sync keeps in memory ------------------------------------------------------------

  /**
   * Lookups, years and the recorded items from one full read when this process starts from saved
   * cursors (deltas then bring only what changed); a first enumeration brings them all anyway.
   */
  private async loadKnown(lists: SiteLists, cursors: Cursors): Promise<void> {
    if (this.known !== null) return;
    this.known = new Map();
    const fromCursor = RECORDED.filter((k) => cursors[k]);
    const needYears = Boolean(cursors.years);
    if (fromCursor.length === 0 && !needYears) return;
    const specs = Object.fromEntries([...fromCursor, ...(needYears ? ['years' as const] : [])].map((k) => [k, { list: k }]));
    const all = await this.data.readMany(specs);
    for (const item of all.years ?? []) this.noteYear(lists, item);
    for (const key of fromCursor as Recorded[]) for (const item of all[key] ?? []) this.noteKnown(lists, key, item);
  }

  private noteYear(lists: SiteLists, item: ListItem): void {
    if (item.deleted) return;
    const [entry] = this.data.parse('years', [item], (r) => ({ unitId: r.text('UnitKey'), year: read.year(r) }), lists);
    if (!entry) return;
    const set = this.years.get(entry.unitId) ?? new Set<number>();
    set.add(entry.year);
    this.years.set(entry.unitId, set);
  }

  private yearsOf(unitId: string): number[] {
    return [...(this.years.get(unitId) ?? [])];
  }

  /** Remembers an item the board has accepted as its snapshot says (quietly skips anything unreadable). */
  private noteKnown(lists: SiteLists, key: Recorded, item: ListItem): void {
    const r = new FieldReader(lists.def(key).displayName, item);
    const snapshot = readSnapshot<object>(r);
    const entity = snapshot && !isRefusedRow(item) ? snapshot : appWritten(key, r);
    if (entity) this.remember(key, item.id, withId(key, item.id, entity));
  }

  private remember(key: Recorded, id: string, entity: object): void {
    this.known!.set(`${key}:${id}`, { list: key, entity: key === 'statusRequests' ? requestFacts(entity as StatusRequest) : entity });
  }

  /** Lookups from a full read when we have none (or a list was enumerated afresh), then kept current from the deltas. */
  private async refreshLookups(lists: SiteLists, results: Map<ListKey, DeltaResult>): Promise<void> {
    const fresh = (k: ListKey) => !this.cursors?.[k] || results.get(k)!.restarted;
    if (this.lookups === null && !(fresh('controlPoints') && fresh('workPackages'))) {
      const all = await this.data.readMany({ cps: { list: 'controlPoints' }, wps: { list: 'workPackages' } });
      this.lookups = emptyLookups();
      this.applyLookups(lists, all.cps, all.wps);
    }
    this.lookups ??= emptyLookups();
    this.applyLookups(lists, results.get('controlPoints')!.items, results.get('workPackages')!.items);
  }

  private applyLookups(lists: SiteLists, cps: ListItem[], wps: ListItem[]): void {
    const l = this.lookups!;
    for (const item of cps) {
      const id = Number(item.id);
      const [cp] = item.deleted ? [] : this.data.parse('controlPoints', [item], read.controlPoint, lists);
      if (cp) l.controlPointNumber.set(id, cp.number);
      else l.controlPointNumber.delete(id);
      if (cp) this.cpItems.set(`${cp.unitId}:${cp.number}`, id);
    }
    for (const item of wps) {
      const id = Number(item.id);
      const [wp] = item.deleted ? [] : this.data.parse('workPackages', [item], read.workPackage, lists);
      if (wp) l.workPackageKey.set(id, wp.key);
      else l.workPackageKey.delete(id);
      if (wp) this.wpItems.set(`${wp.unitId}:${wp.key}`, id);
    }
  }

  // ---- one item -----------------------------------------------------------------------------------

  /** One item from a delta; true when a change record was appended. */
  private async process(lists: SiteLists, key: Recorded, item: ListItem, baseline: boolean): Promise<boolean> {
    if (item.deleted) return this.deleted(key, item);
    const r = new FieldReader(lists.def(key).displayName, item);
    if (isRefusedRow(item)) {
      await dropItem(this.data, key, item);
      return false;
    }
    try {
      const recorded = await this.handle(key, r, baseline);
      return recorded;
    } catch (error) {
      if (error instanceof ItemProblem) this.data.reportProblem(error);
      else if (error instanceof DomainError) this.data.reportProblem(r.problem(null, `the edit is not accepted: ${error.message}`));
      else throw error;
      return false;
    }
  }

  private handle(key: Recorded, r: FieldReader, baseline: boolean): Promise<boolean> {
    switch (key) {
      case 'controlPoints':
        return this.controlPoint(r);
      case 'assessments':
        return this.assessment(r, baseline);
      case 'statusUpdates':
        return this.statusUpdate(r, baseline);
      case 'activities':
        return this.activity(r, baseline);
      case 'instructions':
        return this.instruction(r);
      case 'actionPlanItems':
        return this.actionPlanItem(r, baseline);
      case 'contacts':
        return this.contact(r, baseline);
      case 'evidenceLinks':
        return this.evidenceLink(r);
      case 'statusRequests':
        return this.statusRequest(r);
    }
  }

  private async contextOf(item: ListItem, created: boolean): Promise<WriteContext> {
    const actor = await this.resolveEditor(editorIdentity(item, created));
    const at = (created ? item.createdDateTime : item.lastModifiedDateTime) ?? new Date().toISOString();
    return { actor, source: 'sharepoint', now: new Date(at) };
  }

  /**
   * Writes `fields` under the eTag the delta gave, then appends the change (if any) and remembers
   * the accepted entity. False when the eTag no longer matches: another instance claimed it, or the
   * person edited again (the next delta brings that edit).
   */
  private async claim(key: Recorded, item: ListItem, fields: Fields, change: NewChange | null, accepted: object | null): Promise<boolean> {
    // An archived unit takes no edit (the handlers refuse what this throws); a refusal is always recorded.
    if (change && change.kind !== 'edit.refused') this.units.checkWritable(change.unitId);
    if (!(await claimItem(this.data, key, item, fields))) return false;
    if (accepted) this.remember(key, item.id, accepted);
    if (!change) return false;
    await this.data.appendChange(change);
    return true;
  }

  private adopt(kind: SnapshotKind, key: Recorded, item: ListItem, entity: object, extra: Fields = {}): Promise<boolean> {
    const { id: _id, ...stored } = entity as { id?: number };
    return this.claim(key, item, { ...extra, AppSnapshot: snapshotOf(kind, stored) }, null, entity);
  }

  /** An edit that is not allowed: the row is put back (`restore`) or, new, marked and deleted; one edit.refused change (./edit-claims.ts). */
  private async refuse(
    key: Recorded,
    item: ListItem,
    target: EntityTarget,
    before: object | null,
    attempted: object,
    error: DomainError,
    ctx: WriteContext,
    restore: Fields | null,
  ): Promise<boolean> {
    const refused = await refuseEdit(this.data, key, item, { target, before, attempted, error, ctx }, restore);
    if (refused && restore && before) this.remember(key, item.id, before);
    return refused;
  }

  /**
   * A row deleted in the list: item.deleted with what the board last knew (a link: evidence.removed), claimed
   * once across instances; the app claims the same when it deletes a link itself (./evidence.ts).
   */
  private async deleted(key: Recorded, item: ListItem): Promise<boolean> {
    const known = this.known!.get(`${key}:${item.id}`);
    this.known!.delete(`${key}:${item.id}`);
    if (!known) return false;
    if (!(await this.state.claimOnce(deletionClaim(key, item.id), new Date(), null))) return false;
    const change =
      key === 'evidenceLinks'
        ? changes.evidenceRemoved(known.entity as Evidence, listContext())
        : changes.itemDeleted(targetOfKnown(key, item.id, known.entity), known.entity, listContext());
    await this.data.appendChange(change);
    return true;
  }

  private knownOf<T>(key: Recorded, id: string): T | null {
    return (this.known!.get(`${key}:${id}`)?.entity as T | undefined) ?? null;
  }

  private cpItem(unitId: string, number: number): string {
    return String(this.cpItems.get(`${unitId}:${number}`) ?? '');
  }

  private wpItem(unitId: string, key: string | null): number | null {
    return key === null ? null : (this.wpItems.get(`${unitId}:${key}`) ?? null);
  }

  // ---- the recorded lists, one handler each ------------------------------------------------------------

  private async controlPoint(r: FieldReader): Promise<boolean> {
    const now = read.controlPoint(r);
    const known = readSnapshot<ControlPoint>(r);
    if (!known) return this.adopt('controlPoint', 'controlPoints', r.item, now, { Version: now.version });
    const edited = editedFields('controlPoint', known, now);
    if (edited.length === 0) return this.noted('controlPoints', r.item.id, known);
    const ctx = await this.contextOf(r.item, false);
    const patch = {
      ...(edited.includes('workPackages') ? { workPackages: now.workPackages } : {}),
      ...(edited.includes('expectedEnd') ? { expectedEnd: now.expectedEnd } : {}),
    };
    const target: EntityTarget = {
      what: 'controlPoint',
      key: String(known.number),
      unitId: known.unitId,
      year: null,
      controlPoint: known.number,
    };
    try {
      checkUnitMove(ctx.actor, 'writePlan', known.unitId, now.unitId);
      const after: ControlPoint = {
        ...applyControlPointPatch(known, patch, [...this.lookups!.workPackageKey.values()], ctx),
        title: now.title,
        owner: now.owner,
      };
      const fields = { Version: after.version, AppSnapshot: snapshotOf('controlPoint', after) };
      return await this.claim('controlPoints', r.item, fields, changes.controlPointUpdated(known, after, ctx), after);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = pick(write.controlPoint(known), ['UnitKey', 'Title', 'Owner', 'WorkPackageKeys', 'ExpectedEnd']);
      return this.refuse('controlPoints', r.item, target, known, now, error, ctx, restore);
    }
  }

  private async assessment(r: FieldReader, baseline: boolean): Promise<boolean> {
    const read0 = read.assessment(r, this.data.scale, this.lookups!);
    const now: Assessment = { ...read0, comment: plainText(read0.comment) };
    const cleaned = now.comment !== read0.comment ? { Comment: now.comment } : {};
    const known = readSnapshot<Omit<Assessment, 'id'>>(r);
    if (known) {
      const before: Assessment = { ...known, id: now.id };
      if (editedFields('assessment', known, now).length === 0 && !cleaned.Comment) return this.noted('assessments', r.item.id, before);
      return this.correction('assessment', r, before, now, cleaned);
    }
    const ctx = baseline ? null : await this.contextOf(r.item, true);
    const by = ctx ? { assessedBy: ctx.actor.id, assessedByName: ctx.actor.displayName, assessedAt: ctx.now.toISOString() } : {};
    const accepted: Assessment = { ...now, ...by };
    const fill = { ...cleaned, AssessedBy: accepted.assessedBy, AssessedByName: accepted.assessedByName, AssessedAt: accepted.assessedAt };
    if (!ctx) return this.adopt('assessment', 'assessments', r.item, accepted, fill);
    try {
      checkAssessment(ctx.actor, this.data.scale, accepted);
      checkOpenYear(accepted.year, this.yearsOf(accepted.unitId));
      this.units.checkWritable(accepted.unitId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse('assessments', r.item, changes.targetOf('assessment', accepted), null, accepted, error, ctx, null);
    }
    const { id: _id, ...stored } = accepted;
    return this.claim(
      'assessments',
      r.item,
      { ...fill, AppSnapshot: snapshotOf('assessment', stored) },
      changes.assessmentAdded(accepted, ctx),
      accepted,
    );
  }

  private async statusUpdate(r: FieldReader, baseline: boolean): Promise<boolean> {
    const read0 = read.statusUpdate(r, this.data.scale, this.lookups!);
    const now: StatusUpdate = { ...read0, text: plainText(read0.text) };
    const cleaned = now.text !== read0.text ? { StatusText: now.text } : {};
    const known = readSnapshot<Omit<StatusUpdate, 'id'>>(r);
    if (known) {
      const before: StatusUpdate = { ...known, id: now.id };
      if (editedFields('statusUpdate', known, now).length === 0 && !cleaned.StatusText)
        return this.noted('statusUpdates', r.item.id, before);
      return this.correction('status', r, before, now, cleaned);
    }
    const ctx = baseline ? null : await this.contextOf(r.item, true);
    const by = ctx ? { author: ctx.actor.id, authorName: ctx.actor.displayName, createdAt: ctx.now.toISOString() } : {};
    const accepted: StatusUpdate = { ...now, ...by };
    const fill = { ...cleaned, Author: accepted.author, AuthorName: accepted.authorName, CreatedAt: accepted.createdAt };
    if (!ctx) return this.adopt('statusUpdate', 'statusUpdates', r.item, accepted, fill);
    try {
      checkStatusUpdate(ctx.actor, this.data.scale, accepted);
      checkOpenYear(accepted.year, this.yearsOf(accepted.unitId));
      this.units.checkWritable(accepted.unitId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse('statusUpdates', r.item, changes.targetOf('status', accepted), null, accepted, error, ctx, null);
    }
    const { id: _id, ...stored } = accepted;
    return this.claim(
      'statusUpdates',
      r.item,
      { ...fill, AppSnapshot: snapshotOf('statusUpdate', stored) },
      changes.statusAdded(accepted, ctx),
      accepted,
    );
  }

  /** An assessment or status row changed in place: a correction by someone allowed to write it, else put back. */
  private async correction(
    what: 'assessment' | 'status',
    r: FieldReader,
    before: Assessment | StatusUpdate,
    now: Assessment | StatusUpdate,
    cleaned: Fields,
  ): Promise<boolean> {
    const ctx = await this.contextOf(r.item, false);
    const assessment = what === 'assessment';
    const key: Recorded = assessment ? 'assessments' : 'statusUpdates';
    try {
      checkUnitMove(ctx.actor, assessment ? 'assess' : 'writeStatus', before.unitId, now.unitId);
      if (assessment) checkAssessment(ctx.actor, this.data.scale, now as Assessment);
      else checkStatusUpdate(ctx.actor, this.data.scale, now as StatusUpdate);
      checkOpenYear(before.year, this.yearsOf(before.unitId));
      checkOpenYear(now.year, this.yearsOf(now.unitId));
      this.units.checkWritable(before.unitId, now.unitId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse(key, r.item, changes.targetOf(what, before), before, now, error, ctx, this.restoreFields(what, before));
    }
    const { id: _id, ...stored } = now;
    const fields = { ...cleaned, AppSnapshot: snapshotOf(assessment ? 'assessment' : 'statusUpdate', stored) };
    const change = assessment
      ? changes.assessmentCorrected(before as Assessment, now as Assessment, ctx)
      : changes.statusCorrected(before as StatusUpdate, now as StatusUpdate, ctx);
    return this.claim(key, r.item, fields, change, now);
  }

  private restoreFields(what: 'assessment' | 'status', before: Assessment | StatusUpdate): Fields {
    const cp = Number(this.cpItem(before.unitId, before.controlPoint));
    if (what === 'assessment') {
      return pick(write.assessment(before as Assessment, this.data.scale, cp), [
        'UnitKey',
        'Year',
        'ControlPointLookupId',
        'Level',
        'Comment',
      ]);
    }
    return pick(write.statusUpdate(before as StatusUpdate, this.data.scale, cp), [
      'UnitKey',
      'Year',
      'ControlPointLookupId',
      'StatusDate',
      'StatusText',
      'UnitLevel',
    ]);
  }

  private async activity(r: FieldReader, baseline: boolean): Promise<boolean> {
    const read0 = read.activity(r, this.lookups!);
    const now: Activity = { ...read0, text: plainText(read0.text) };
    const cleaned = now.text !== read0.text ? { ActivityText: now.text } : {};
    const known = readSnapshot<Omit<Activity, 'id'>>(r);
    if (!known) return this.newActivity(r, now, cleaned, baseline);
    const before: Activity = { ...known, id: now.id };
    const edited = editedFields('activity', known, now);
    if (edited.length === 0 && !cleaned.ActivityText) return this.noted('activities', r.item.id, before);
    const ctx = await this.contextOf(r.item, false);
    const patch: ActivityPatch = Object.fromEntries(
      edited.filter((k) => k !== 'controlPoint').map((k) => [k, (now as unknown as Fields)[k]]),
    );
    try {
      checkUnitMove(ctx.actor, 'writeActivities', before.unitId, now.unitId);
      const after: Activity = { ...applyActivityPatch(before, patch, ctx), controlPoint: now.controlPoint };
      const fields = {
        ...cleaned,
        Version: after.version,
        UpdatedAt: after.updatedAt,
        UpdatedBy: after.updatedBy,
        AppSnapshot: snapshotOf('activity', omitId(after)),
      };
      return await this.claim('activities', r.item, fields, changes.activityUpdated(before, after, ctx), after);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const written = write.activity(
        before,
        Number(this.cpItem(before.unitId, before.controlPoint)),
        this.wpItem(before.unitId, before.workPackage),
      );
      const restore = pick(written, [
        'UnitKey',
        'Title',
        'ControlPointLookupId',
        'ActivityText',
        'State',
        'DueFrom',
        'DueTo',
        'WorkPackageLookupId',
      ]);
      return this.refuse('activities', r.item, activityTarget(before), before, now, error, ctx, restore);
    }
  }

  private async newActivity(r: FieldReader, now: Activity, cleaned: Fields, baseline: boolean): Promise<boolean> {
    const ctx = await this.contextOf(r.item, true);
    const created: Activity = { ...now, version: 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actor.id };
    const fields = {
      ...cleaned,
      Version: 1,
      UpdatedAt: created.updatedAt,
      UpdatedBy: created.updatedBy,
      Position: created.position,
      AppSnapshot: snapshotOf('activity', omitId(created)),
    };
    if (baseline) return this.claim('activities', r.item, fields, null, created);
    try {
      checkNewActivity(ctx.actor, created);
      this.units.checkWritable(created.unitId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse('activities', r.item, activityTarget(created), null, created, error, ctx, null);
    }
    return this.claim('activities', r.item, fields, changes.activityCreated(created, ctx), created);
  }

  private async instruction(r: FieldReader): Promise<boolean> {
    const read0 = read.instruction(r);
    const now: Instruction = { ...read0, note: read0.note === null ? null : plainText(read0.note) };
    const cleaned = now.note !== read0.note ? { Note: now.note } : {};
    const known = readSnapshot<Instruction>(r);
    if (!known) return this.adopt('instruction', 'instructions', r.item, now, { ...cleaned, Version: now.version });
    const edited = editedFields('instruction', known, now);
    if (edited.length === 0 && !('Note' in cleaned)) return this.noted('instructions', r.item.id, known);
    const ctx = await this.contextOf(r.item, false);
    const patch: InstructionPatch = Object.fromEntries(edited.filter((k) => k !== 'title').map((k) => [k, (now as unknown as Fields)[k]]));
    const target: EntityTarget = { what: 'instruction', key: known.code, unitId: known.unitId, year: null, controlPoint: null };
    try {
      checkUnitMove(ctx.actor, 'writeInstructions', known.unitId, now.unitId);
      const after: Instruction = { ...applyInstructionPatch(known, patch, ctx), title: now.title };
      const fields = {
        ...cleaned,
        Version: after.version,
        UpdatedAt: after.updatedAt,
        UpdatedBy: after.updatedBy,
        AppSnapshot: snapshotOf('instruction', after),
      };
      return await this.claim('instructions', r.item, fields, changes.instructionUpdated(known, after, ctx), after);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = pick(write.instruction(known), ['UnitKey', 'Title', 'State', 'PlannedFrom', 'PlannedQuarter', 'Note']);
      return this.refuse('instructions', r.item, target, known, now, error, ctx, restore);
    }
  }

  /**
   * A row of "DPO Åtgärder". Checked like a write through the app (src/domain/action-plan.ts: the CISO
   * and editors); a row without a snapshot that the app wrote before snapshots (it has a Version or a
   * SeedKey) is adopted, never taken for a person's new row.
   */
  private async actionPlanItem(r: FieldReader, baseline: boolean): Promise<boolean> {
    const read0 = read.actionPlanItem(r);
    const now: ActionPlanItem = { ...read0, text: plainText(read0.text) };
    const cleaned = now.text !== read0.text ? { ItemText: now.text } : {};
    const known = readSnapshot<Omit<ActionPlanItem, 'id'>>(r);
    const appWritten = r.optInt('Version') !== null || r.optText('SeedKey') !== null;
    if (!known && (baseline || appWritten)) {
      return this.adopt('actionPlanItem', 'actionPlanItems', r.item, now, { ...cleaned, Version: now.version });
    }
    if (!known) return this.newActionPlanItem(r, now, cleaned);
    const before: ActionPlanItem = { ...known, id: now.id };
    const edited = editedFields('actionPlanItem', known, now);
    if (edited.length === 0 && !cleaned.ItemText) return this.noted('actionPlanItems', r.item.id, before);
    const ctx = await this.contextOf(r.item, false);
    const patch: ActionPlanItemPatch = Object.fromEntries(edited.map((k) => [k, (now as unknown as Fields)[k]]));
    try {
      checkUnitMove(ctx.actor, 'writePlan', before.unitId, now.unitId);
      const after = applyActionPlanItemPatch(before, patch, null, ctx);
      const { Version, UpdatedAt, UpdatedBy, AppSnapshot } = write.actionPlanItem(after);
      const fields = { ...cleaned, Version, UpdatedAt, UpdatedBy, AppSnapshot };
      return await this.claim('actionPlanItems', r.item, fields, changes.actionPlanItemUpdated(before, after, ctx), after);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = pick(write.actionPlanItem(before), [
        'UnitKey',
        'Title',
        'ItemText',
        'State',
        'PeriodFrom',
        'PeriodTo',
        'DueDate',
        'InstructionNumber',
      ]);
      return this.refuse('actionPlanItems', r.item, itemTarget(before), before, now, error, ctx, restore);
    }
  }

  /** A row a person added to "DPO Åtgärder": a new item by the CISO or an editor, last in the plan unless they set an order. */
  private async newActionPlanItem(r: FieldReader, now: ActionPlanItem, cleaned: Fields): Promise<boolean> {
    const ctx = await this.contextOf(r.item, true);
    try {
      const { unitId, text, state, periodFrom, periodTo, dueDate, instruction } = now;
      const checked = checkNewActionPlanItem({ unitId, text, state, periodFrom, periodTo, dueDate, instruction }, null, ctx);
      const created: ActionPlanItem = { ...checked, id: now.id, position: now.position };
      const { Version, UpdatedAt, UpdatedBy, Position, AppSnapshot } = write.actionPlanItem(created);
      const fields = { ...cleaned, Version, UpdatedAt, UpdatedBy, Position, AppSnapshot };
      return await this.claim('actionPlanItems', r.item, fields, changes.actionPlanItemCreated(created, ctx), created);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse('actionPlanItems', r.item, itemTarget(now), null, now, error, ctx, null);
    }
  }

  /** A row of "DPO Kontakt": the DPO's to change (applyContactPatch); anyone else's edit is put back. */
  private async contact(r: FieldReader, baseline: boolean): Promise<boolean> {
    const now = read.contact(r);
    const known = readSnapshot<Contact>(r);
    if (!known && (baseline || r.optInt('Version') !== null)) return this.adopt('contact', 'contacts', r.item, now);
    const target: EntityTarget = { what: 'contact', key: now.unitId, unitId: now.unitId, year: null, controlPoint: null };
    const ctx = await this.contextOf(r.item, !known);
    const { name, title, role, organisation, email } = now;
    const edited = known ? editedFields('contact', known, now) : EDITABLE.contact;
    if (known && edited.length === 0) return this.noted('contacts', r.item.id, known);
    const patch: ContactPatch = Object.fromEntries(edited.map((k) => [k, { name, title, role, organisation, email }[k]]));
    try {
      if (known) checkUnitMove(ctx.actor, 'editContact', known.unitId, now.unitId);
      if (this.hasOtherContact(r.item.id, now.unitId)) throw new DomainError('unprocessable', { details: DIRECT_EDIT_WORDS.oneContact });
      const after = applyContactPatch(now.unitId, known, patch, ctx);
      const { Version, UpdatedAt, UpdatedBy, AppSnapshot } = write.contact(after);
      const fields = { Version, UpdatedAt, UpdatedBy, AppSnapshot };
      return await this.claim('contacts', r.item, fields, changes.contactUpdated(known, after, ctx), after);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = known ? pick(write.contact(known), ['UnitKey', 'Title', 'JobTitle', 'Role', 'Organisation', 'Email']) : null;
      return this.refuse('contacts', r.item, target, known, now, error, ctx, restore);
    }
  }

  /** Whether the board has another row of "DPO Kontakt" for the unit (there is one contact per unit). */
  private hasOtherContact(itemId: string, unitId: string): boolean {
    return [...this.known!].some(
      ([k, v]) => v.list === 'contacts' && k !== `contacts:${itemId}` && (v.entity as Contact).unitId === unitId,
    );
  }

  /**
   * A row of "DPO Underlag (länkar)". A row a person added by hand (no AddedBy, which the app writes and forms
   * hide) is checked like an add in the app; a link changed in the list is checked for its editor as a removal
   * is (who added it, or the DPO) and, allowed, is evidence.updated: people fix a title or an address where
   * they see it. Who added it, and when, is the app's record and is put back.
   */
  private async evidenceLink(r: FieldReader): Promise<boolean> {
    const known = readSnapshot<Omit<Evidence, 'id'>>(r);
    const old = known ? null : readLink(r);
    if (old) return this.adopt('evidenceLink', 'evidenceLinks', r.item, old);
    const input = linkInput(r);
    if (!known) return this.newEvidenceLink(r, input);
    const before: Evidence = { ...known, id: r.item.id };
    const now: Evidence = { ...before, ...input, addedByName: r.optText('AddedByName') ?? '', addedAt: r.optTimestamp('AddedAt') ?? '' };
    const edited = editedFields('evidenceLink', before, now);
    if (edited.length === 0) return this.noted('evidenceLinks', r.item.id, before);
    const ctx = await this.contextOf(r.item, false);
    try {
      if (edited.includes('addedByName') || edited.includes('addedAt'))
        throw new DomainError('unprocessable', { details: DIRECT_EDIT_WORDS.evidenceAddedBy });
      authorizeEvidenceChange(ctx.actor, before);
      const after: Evidence = { ...before, ...this.checkLink(ctx, input) };
      this.units.checkWritable(before.unitId);
      const fields = { Title: after.title, Url: after.url, AppSnapshot: linkFields(after, undefined).AppSnapshot };
      return await this.claim('evidenceLinks', r.item, fields, changes.evidenceUpdated(before, after, ctx), after);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = pick(linkFields(before, undefined), [
        'Title',
        'UnitKey',
        'ControlPointNumber',
        'Url',
        'Kind',
        'DocumentDate',
        'AddedByName',
        'AddedAt',
      ]);
      return this.refuse('evidenceLinks', r.item, evidenceTarget(before), before, now, error, ctx, restore);
    }
  }

  /** A link a person added in the list: by its creator, under the rules of an add in the app; the app fills in who and when. */
  private async newEvidenceLink(r: FieldReader, input: NewEvidence): Promise<boolean> {
    const ctx = await this.contextOf(r.item, true);
    try {
      const checked = this.checkLink(ctx, input);
      const { actor, now } = ctx;
      const added: Evidence = {
        ...checked,
        id: r.item.id,
        origin: 'link',
        addedBy: actor.id,
        addedByName: actor.displayName,
        addedAt: now.toISOString(),
      };
      const { Title, Url, AddedBy, AddedByName, AddedAt, AppSnapshot } = linkFields(added, undefined);
      const fields = { Title, Url, AddedBy, AddedByName, AddedAt, AppSnapshot };
      return await this.claim('evidenceLinks', r.item, fields, changes.evidenceAdded(added, ctx), added);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const target = evidenceTarget({ ...input, id: r.item.id });
      return this.refuse('evidenceLinks', r.item, target, null, input, error, ctx, null);
    }
  }

  /** A link's values under the rules of an add (src/domain/evidence.ts), in a unit and control point the board has. */
  private checkLink(ctx: WriteContext, input: NewEvidence): NewEvidence {
    const checked = checkNewEvidence(ctx.actor, input);
    if (this.yearsOf(checked.unitId).length === 0) throw notFound('unit');
    if (!this.cpItem(checked.unitId, checked.controlPoint)) throw notFound('controlPoint');
    this.units.checkWritable(checked.unitId);
    return checked;
  }

  /**
   * A row of "DPO Statusförfrågningar": the app's record of who asked whom. Requests are made and answered in the
   * app, so a hand edit of any field is put back and a row added by hand deleted (one edit.refused each); a row
   * deleted by hand is item.deleted (deleted()). The app's own writes carry their snapshot and pass untouched.
   */
  private async statusRequest(r: FieldReader): Promise<boolean> {
    const known = readSnapshot<Omit<StatusRequest, 'id'>>(r);
    const old = known ? null : appWrittenRequest(r);
    if (old) return this.adopt('statusRequest', 'statusRequests', r.item, old);
    const before: StatusRequest | null = known ? { ...known, id: r.item.id } : null;
    if (before && !requestEdited(r, before)) return this.noted('statusRequests', r.item.id, before);
    const ctx = await this.contextOf(r.item, !before);
    const attempted = attemptedRequest(r);
    const at = before ?? attempted;
    const target: EntityTarget = { what: 'statusRequest', key: r.item.id, unitId: at.unitId, year: at.year, controlPoint: at.controlPoint };
    const error = new DomainError('unprocessable', { details: DIRECT_EDIT_WORDS.statusRequestsInApp });
    const restore = before ? requestItemFields(before) : null;
    return this.refuse('statusRequests', r.item, target, before && requestFacts(before), attempted, error, ctx, restore);
  }

  /** An item whose snapshot matches: nothing to record; remember it as the board has it. */
  private noted(key: Recorded, id: string, entity: object): Promise<boolean> {
    this.remember(key, id, entity);
    return Promise.resolve(false);
  }
}

/** An entity as the board has it, with its id when its model has one (a number; a link's or a request's is its item id as text). */
function withId(key: Recorded, itemId: string, entity: object): object {
  if (key === 'evidenceLinks' || key === 'statusRequests') return { ...entity, id: itemId };
  const numbered = key === 'assessments' || key === 'statusUpdates' || key === 'activities' || key === 'actionPlanItems';
  return numbered ? { ...entity, id: Number(itemId) } : entity;
}

/** A link or request row the app wrote before rows carried a snapshot (AddedBy / RequestedBy are the app's, hidden from forms). */
function appWritten(key: Recorded, r: FieldReader): object | null {
  try {
    return key === 'evidenceLinks' ? readLink(r) : key === 'statusRequests' ? appWrittenRequest(r) : null;
  } catch {
    return null;
  }
}

/** A status request as a change record keeps it: not the Teams account id of the person asked (only the bot addresses them). */
function requestFacts(request: StatusRequest): Omit<StatusRequest, 'askedId'> {
  const { askedId: _asked, ...facts } = request;
  return facts;
}

function omitId<T extends { id: number }>(entity: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = entity;
  return rest;
}

function pick(fields: Fields, keys: string[]): Fields {
  return Object.fromEntries(keys.filter((k) => k in fields).map((k) => [k, fields[k]]));
}

function evidenceTarget(e: Pick<Evidence, 'id' | 'unitId' | 'controlPoint'>): EntityTarget {
  return { what: 'evidence', key: e.id, unitId: e.unitId, year: null, controlPoint: e.controlPoint };
}

function itemTarget(i: ActionPlanItem): EntityTarget {
  return { what: 'actionPlanItem', key: String(i.id), unitId: i.unitId, year: null, controlPoint: null };
}

function activityTarget(a: Activity): EntityTarget {
  return { what: 'activity', key: String(a.id), unitId: a.unitId, year: null, controlPoint: a.controlPoint };
}

/** Where a deleted item's change points, from what the board last knew of it. */
function targetOfKnown(key: Recorded, id: string, entity: object): EntityTarget {
  const e = entity as { unitId: string; year?: number; controlPoint?: number; number?: number; code?: string };
  const what: EditedEntity = (
    {
      assessments: 'assessment',
      statusUpdates: 'status',
      activities: 'activity',
      instructions: 'instruction',
      controlPoints: 'controlPoint',
      actionPlanItems: 'actionPlanItem',
      contacts: 'contact',
      evidenceLinks: 'evidence',
      statusRequests: 'statusRequest',
    } as const
  )[key];
  const keyOf = key === 'instructions' ? e.code! : key === 'controlPoints' ? String(e.number) : key === 'contacts' ? e.unitId : id;
  const controlPoint = key === 'controlPoints' ? (e.number ?? null) : (e.controlPoint ?? null);
  return { what, key: keyOf, unitId: e.unitId, year: e.year ?? null, controlPoint };
}
