/**
 * Direct edits: people change the lists in SharePoint; this sync turns each such edit into
 * the same change record a write through the app makes (source 'sharepoint'), so the change
 * feed hands it to the bot like any other: one human edit, one post.
 *
 * How an edit is recognised: every item the app writes carries a hidden AppSnapshot of what
 * the app last wrote or accepted. The sync reads each list's delta
 * (https://learn.microsoft.com/en-us/graph/api/listitem-delta) and compares an item's fields
 * with its snapshot. A difference is a person's edit: the sync checks it with the domain rules,
 * "claims" it by writing the new snapshot under the item's eTag (If-Match) and only then
 * appends the change record. Two instances that see the same edit race on that eTag; exactly
 * one wins, so the change is recorded once. A 410 on a delta cursor restarts the enumeration:
 * items whose snapshot matches are skipped, so nothing is posted twice.
 */
import * as changes from '../../domain/changes.js';
import { DomainError } from '../../domain/errors.js';
import type { Activity, Assessment, ControlPoint, Instruction, NewChange, StatusUpdate } from '../../domain/model.js';
import type { Role } from '../../domain/roles.js';
import {
  applyActivityPatch,
  applyControlPointPatch,
  applyInstructionPatch,
  checkAssessment,
  checkNewActivity,
  checkStatusUpdate,
  type ActivityPatch,
  type InstructionPatch,
  type WriteContext,
} from '../../domain/rules.js';
import { GraphHttpError, type BatchRequest, type Page } from '../../graph/client.js';
import type { SharePointAppState, StateEntry } from './app-state.js';
import { readDelta, type DeltaResult } from './delta.js';
import {
  editedFields,
  editorOf,
  emptyLookups,
  etagOf,
  FieldReader,
  ItemProblem,
  read,
  readSnapshot,
  snapshotOf,
  type ListItem,
  type Lookups,
  type SnapshotKind,
} from './items.js';
import type { ListKey } from './schema.js';
import type { SharePointData } from './data-access.js';
import type { SiteLists } from './site.js';

/**
 * Every list the board shows, in processing order (lookup targets first). Edits in the last
 * five become change records; edits in the others change the board (contentTag) only.
 */
export const SYNCED_LISTS: ListKey[] = [
  'units', 'years', 'workPackages', 'focusAreas', 'trainings', 'subProjects', 'projects',
  'controlPoints', 'assessments', 'statusUpdates', 'activities', 'instructions',
];
const RECORDED: ListKey[] = ['controlPoints', 'assessments', 'statusUpdates', 'activities', 'instructions'];

const CURSORS_KEY = 'sync:delta-cursors';
/** Cursors are hints (a re-read edit matches its snapshot and is skipped), so they are saved at most this often. */
const SAVE_CURSORS_MS = 5 * 60_000;

export interface SyncReport {
  /** HTTP requests this sync sent (a $batch counts once). */
  requests: number;
  /** Change records appended. */
  recorded: number;
  /** Lists whose cursor had expired (410) and were enumerated afresh. */
  restarted: ListKey[];
  /** Items looked at. */
  seen: number;
}

type Cursors = Partial<Record<ListKey, string>>;

export class DirectEditSync {
  private cursors: Cursors | null = null;
  private cursorEntry: StateEntry<Cursors> | null = null;
  private savedAt = 0;
  /** Lookup targets, kept current from the workPackages/controlPoints deltas once fully loaded. */
  private lookups: Lookups | null = null;
  private running: Promise<SyncReport> | undefined;
  private again = false;

  constructor(
    private readonly store: SharePointData,
    private readonly state: SharePointAppState,
    private readonly onRecorded: () => void = () => {},
  ) {}

  /** Runs a sync now, or once more after the one running (webhooks and the timer both call this). */
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
    const graph = this.store.graph;
    const startCount = graph.requestCount;
    const lists = await this.store.lists();
    if (this.cursors === null) await this.loadCursors();
    const cursors = this.cursors!;
    const requests: BatchRequest[] = [];
    for (const key of SYNCED_LISTS) {
      const url = cursors[key] ? graph.relative(cursors[key]) : lists.deltaUrl(key);
      if (url) requests.push({ id: key, method: 'GET', url });
    }
    const answers = await graph.batch<Page<ListItem>>(requests);
    const results = new Map<ListKey, DeltaResult>();
    for (const key of SYNCED_LISTS) {
      results.set(key, await readDelta(graph, cursors[key] ?? null, lists.deltaUrl(key), answers.get(key), (id) => lists.itemUrl(key, id)));
    }
    const report: SyncReport = { requests: 0, recorded: 0, restarted: [], seen: 0 };
    await this.refreshLookups(lists, results);
    for (const key of SYNCED_LISTS) {
      const result = results.get(key)!;
      if (result.restarted) report.restarted.push(key);
      const baseline = !cursors[key];
      if (result.items.length > 0) this.store.noteListChanges(result.items.length);
      for (const item of result.items) {
        if (item.deleted || !RECORDED.includes(key)) continue;
        report.seen += 1;
        if (await this.process(lists, key, item, baseline)) report.recorded += 1;
      }
    }
    const next: Cursors = Object.fromEntries(SYNCED_LISTS.map((k) => [k, results.get(k)!.deltaLink]));
    const moved = SYNCED_LISTS.some((k) => next[k] !== cursors[k]);
    const restarted = report.restarted.length > 0;
    this.cursors = next;
    if (moved && (restarted || !this.cursorEntry || Date.now() - this.savedAt > SAVE_CURSORS_MS)) await this.saveCursors(next);
    if (report.recorded > 0) this.onRecorded();
    report.requests = graph.requestCount - startCount;
    return report;
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

  /** Lookups from a full read when we have none (or a list was enumerated afresh), then kept current from the deltas. */
  private async refreshLookups(lists: SiteLists, results: Map<ListKey, DeltaResult>): Promise<void> {
    const fresh = (k: ListKey) => !this.cursorsHad(k) || results.get(k)!.restarted;
    if (this.lookups === null && !(fresh('controlPoints') && fresh('workPackages'))) {
      const all = await this.store.readMany({ cps: { list: 'controlPoints' }, wps: { list: 'workPackages' } });
      this.lookups = emptyLookups();
      this.applyLookups(lists, all.cps, all.wps);
    }
    this.lookups ??= emptyLookups();
    this.applyLookups(lists, results.get('controlPoints')!.items, results.get('workPackages')!.items);
  }

  private cursorsHad(key: ListKey): boolean {
    return Boolean(this.cursors?.[key]);
  }

  private applyLookups(lists: SiteLists, cps: ListItem[], wps: ListItem[]): void {
    const l = this.lookups!;
    for (const item of cps) {
      const id = Number(item.id);
      const [cp] = item.deleted ? [] : this.store.parse('controlPoints', [item], read.controlPoint, lists);
      if (cp) l.controlPointNumber.set(id, cp.number);
      else l.controlPointNumber.delete(id);
    }
    for (const item of wps) {
      const id = Number(item.id);
      const [wp] = item.deleted ? [] : this.store.parse('workPackages', [item], read.workPackage, lists);
      if (wp) l.workPackageKey.set(id, wp.key);
      else l.workPackageKey.delete(id);
    }
  }

  /** One item from a delta; true when a change record was appended. */
  private async process(lists: SiteLists, key: ListKey, item: ListItem, baseline: boolean): Promise<boolean> {
    const r = new FieldReader(lists.def(key).displayName, item);
    try {
      switch (key) {
        case 'controlPoints':
          return await this.controlPoint(r);
        case 'assessments':
          return await this.assessment(r, baseline);
        case 'statusUpdates':
          return await this.statusUpdate(r, baseline);
        case 'activities':
          return await this.activity(r, baseline);
        case 'instructions':
          return await this.instruction(r);
        default:
          return false;
      }
    } catch (error) {
      if (error instanceof ItemProblem) this.store.reportProblem(error);
      else if (error instanceof DomainError) this.store.reportProblem(r.problem(null, `the edit is not accepted: ${error.message}`));
      else throw error;
      return false;
    }
  }

  private ctx(item: ListItem, role: Role, created = false): WriteContext {
    const who = editorOf(item, created);
    const at = (created ? item.createdDateTime : item.lastModifiedDateTime) ?? new Date().toISOString();
    return { actor: { id: who.id, displayName: who.displayName, roles: [role] }, source: 'sharepoint', now: new Date(at) };
  }

  /**
   * Writes the item's new snapshot (and app-kept columns) under the eTag the delta gave,
   * then appends the change. False when the eTag no longer matches: another instance claimed
   * it, or the person edited again (the next delta brings that edit).
   */
  private async claim(key: ListKey, item: ListItem, fields: Record<string, unknown>, change: NewChange | null): Promise<boolean> {
    try {
      await this.store.patchItem(key, item.id, fields, etagOf(item));
    } catch (error) {
      if (error instanceof GraphHttpError && error.status === 412) return false;
      throw error;
    }
    if (!change) return false;
    await this.store.appendChange(change);
    return true;
  }

  private adopt(kind: SnapshotKind, key: ListKey, item: ListItem, entity: object, extra: Record<string, unknown> = {}): Promise<boolean> {
    return this.claim(key, item, { ...extra, AppSnapshot: snapshotOf(kind, entity) }, null);
  }

  private async controlPoint(r: FieldReader): Promise<boolean> {
    const now = read.controlPoint(r);
    const known = readSnapshot<ControlPoint>(r);
    if (!known) return this.adopt('controlPoint', 'controlPoints', r.item, now, { Version: now.version });
    const edited = editedFields('controlPoint', known, now);
    if (edited.length === 0) return false;
    const ctx = this.ctx(r.item, 'editor');
    const before = { ...known, version: known.version };
    const patch = {
      ...(edited.includes('workPackages') ? { workPackages: now.workPackages } : {}),
      ...(edited.includes('expectedEnd') ? { expectedEnd: now.expectedEnd } : {}),
    };
    const after: ControlPoint = { ...applyControlPointPatch(before, patch, [...this.lookups!.workPackageKey.values()], ctx), title: now.title, owner: now.owner };
    const fields = { Version: after.version, AppSnapshot: snapshotOf('controlPoint', after) };
    return this.claim('controlPoints', r.item, fields, changes.controlPointUpdated(before, after, ctx));
  }

  private async assessment(r: FieldReader, baseline: boolean): Promise<boolean> {
    const now = read.assessment(r, this.store.scale, this.lookups!);
    const known = readSnapshot<Omit<Assessment, 'id'>>(r);
    if (known) {
      if (editedFields('assessment', known, now).length === 0) return false;
      // History is append-only: an assessment changed in place is accepted as it stands, and said so.
      this.store.reportProblem(r.problem(null, 'an assessment was changed in place; add a new row to keep the history'));
      return this.adopt('assessment', 'assessments', r.item, now);
    }
    const fill = {
      AssessedBy: now.assessedBy,
      AssessedByName: now.assessedByName,
      AssessedAt: now.assessedAt,
    };
    if (baseline) return this.adopt('assessment', 'assessments', r.item, now, fill);
    const ctx = this.ctx(r.item, 'dpo', true);
    checkAssessment(ctx.actor, this.store.scale, now);
    return this.claim('assessments', r.item, { ...fill, AppSnapshot: snapshotOf('assessment', now) }, changes.assessmentAdded(now, ctx));
  }

  private async statusUpdate(r: FieldReader, baseline: boolean): Promise<boolean> {
    const now = read.statusUpdate(r, this.store.scale, this.lookups!);
    const known = readSnapshot<Omit<StatusUpdate, 'id'>>(r);
    if (known) {
      if (editedFields('statusUpdate', known, now).length === 0) return false;
      this.store.reportProblem(r.problem(null, 'a status update was changed in place; add a new row to keep the history'));
      return this.adopt('statusUpdate', 'statusUpdates', r.item, now);
    }
    const fill = { Author: now.author, AuthorName: now.authorName, CreatedAt: now.createdAt };
    if (baseline) return this.adopt('statusUpdate', 'statusUpdates', r.item, now, fill);
    const ctx = this.ctx(r.item, 'editor', true);
    checkStatusUpdate(ctx.actor, this.store.scale, now);
    return this.claim('statusUpdates', r.item, { ...fill, AppSnapshot: snapshotOf('statusUpdate', now) }, changes.statusAdded(now, ctx));
  }

  private async activity(r: FieldReader, baseline: boolean): Promise<boolean> {
    const now = read.activity(r, this.lookups!);
    const known = readSnapshot<Omit<Activity, 'id'>>(r);
    if (!known) {
      const ctx = this.ctx(r.item, 'editor', true);
      const created: Activity = { ...now, version: 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actor.id };
      const fields = { Version: 1, UpdatedAt: created.updatedAt, UpdatedBy: created.updatedBy, Position: created.position, AppSnapshot: snapshotOf('activity', created) };
      if (baseline) return this.claim('activities', r.item, fields, null);
      checkNewActivity(ctx.actor, created);
      return this.claim('activities', r.item, fields, changes.activityCreated(created, ctx));
    }
    const edited = editedFields('activity', known, now);
    if (edited.length === 0) return false;
    const ctx = this.ctx(r.item, 'editor');
    const before: Activity = { ...known, id: now.id };
    const patch: ActivityPatch = Object.fromEntries(
      edited.filter((k) => k !== 'controlPoint').map((k) => [k, (now as unknown as Record<string, unknown>)[k]]),
    );
    const after: Activity = { ...applyActivityPatch(before, patch, ctx), controlPoint: now.controlPoint };
    const fields = { Version: after.version, UpdatedAt: after.updatedAt, UpdatedBy: after.updatedBy, AppSnapshot: snapshotOf('activity', after) };
    return this.claim('activities', r.item, fields, changes.activityUpdated(before, after, ctx));
  }

  private async instruction(r: FieldReader): Promise<boolean> {
    const now = read.instruction(r);
    const known = readSnapshot<Instruction>(r);
    if (!known) return this.adopt('instruction', 'instructions', r.item, now, { Version: now.version });
    const edited = editedFields('instruction', known, now);
    if (edited.length === 0) return false;
    const ctx = this.ctx(r.item, 'editor');
    const patch: InstructionPatch = Object.fromEntries(
      edited.filter((k) => k !== 'title').map((k) => [k, (now as unknown as Record<string, unknown>)[k]]),
    );
    const after: Instruction = { ...applyInstructionPatch(known, patch, ctx), title: now.title };
    const fields = { Version: after.version, UpdatedAt: after.updatedAt, UpdatedBy: after.updatedBy, AppSnapshot: snapshotOf('instruction', after) };
    return this.claim('instructions', r.item, fields, changes.instructionUpdated(known, after, ctx));
  }
}

