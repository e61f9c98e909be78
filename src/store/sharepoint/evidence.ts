/**
 * BoardStore.evidence on SharePoint, through the data-access module (no URLs of its own):
 * - links people add in the app are items of the list "DPO Underlag (länkar)" (schema: evidenceLinks);
 * - every file in the document library "DPO Underlag" (schema: evidenceLibrary, provisioned with
 *   template documentLibrary) whose "Kontrollpunkt (nr)" is filled in is evidence by itself: its title is
 *   the file's Title, else its name; its link the item's webUrl; who added it the item's createdBy
 *   (https://learn.microsoft.com/en-us/graph/api/resources/listitem: "All items in a SharePoint document
 *   library can be represented as a listItem or driveItem resource"; webUrl and createdBy from baseItem,
 *   https://learn.microsoft.com/en-us/graph/api/resources/baseitem). A file without a unit key belongs to the
 *   site's unit when the site holds one.
 * Both lists are synced like the others (their deltas move the synced state, sync.ts), so a file that
 * appears in the library is shown after the next sync without anyone asking Graph per viewer. A link row
 * carries the hidden AppSnapshot of what the app wrote or accepted, so sync.ts checks a row added, changed
 * or deleted by hand in the list like a write through the app.
 * Every write checks src/domain/evidence.ts first and appends its change record (evidence.added /
 * evidence.removed); a failed append undoes the item write.
 */
import * as changes from '../../domain/changes.js';
import { DomainError, notFound } from '../../domain/errors.js';
import {
  authorizeEvidence,
  authorizeEvidenceRemoval,
  checkNewEvidence,
  isHttpsUrl,
  sortEvidence,
  type Evidence,
  type EvidenceKind,
  type NewEvidence,
} from '../../domain/evidence.js';
import { checkControlPointNumber } from '../../domain/rules.js';
import type { EvidenceStore } from '../evidence.js';
import type { StoreWriteContext } from '../port.js';
import type { SharePointAppState } from './app-state.js';
import type { Reads, SharePointData } from './data-access.js';
import { deletionClaim } from './edit-claims.js';
import { read, snapshotOf, storedTimestamp, type FieldReader, type ListItem } from './items.js';
import { CHOICES, type ItemFields } from './schema.js';
import { odataString } from './site.js';

/** A library item: a listItem's webUrl is the file's address (baseItem). */
type FileItem = ListItem & { webUrl?: string };

/** The id of a library file as evidence: `file:<list item id>`; a link's id is its item id. */
export const FILE_PREFIX = 'file:';

function fileName(webUrl: string): string {
  const last = new URL(webUrl).pathname.split('/').filter(Boolean).at(-1) ?? '';
  return decodeURIComponent(last);
}

/**
 * A link as the app wrote or accepted it. A row someone added by hand in the list has no AddedBy (the app
 * fills it in, and forms hide it): it is left out until the sync has checked it (sync.ts) and filled it in.
 */
export function readLink(r: FieldReader): Evidence | null {
  if (r.optText('AddedBy') === null) return null;
  const url = r.text('Url').trim();
  if (!isHttpsUrl(url)) throw r.problem('Url', 'is not an https address');
  return {
    id: r.item.id,
    unitId: r.text('UnitKey'),
    controlPoint: r.int('ControlPointNumber'),
    title: r.text('Title'),
    url,
    kind: r.choice<EvidenceKind>('Kind', CHOICES.evidenceKind),
    date: r.date('DocumentDate'),
    origin: 'link',
    addedBy: r.text('AddedBy'),
    addedByName: r.optText('AddedByName') ?? '',
    addedAt: r.optTimestamp('AddedAt') ?? r.item.createdDateTime ?? '',
  };
}

/** A library file with a control point, as evidence of `soleUnit` when it names no unit; null when it is no evidence. */
export function readFile(r: FieldReader, soleUnit: string | null): Evidence | null {
  const item = r.item as FileItem;
  const controlPoint = r.optInt('ControlPointNumber');
  const unitId = r.optText('UnitKey')?.trim() || soleUnit;
  if (controlPoint === null || !unitId || !item.webUrl || !isHttpsUrl(item.webUrl)) return null;
  const created = item.createdDateTime ?? '';
  return {
    id: `${FILE_PREFIX}${item.id}`,
    unitId,
    controlPoint,
    title: r.optText('Title')?.trim() || fileName(item.webUrl),
    url: item.webUrl,
    kind: r.optText('Kind') === null ? 'other' : r.choice<EvidenceKind>('Kind', CHOICES.evidenceKind),
    date: r.optDate('DocumentDate') ?? created.slice(0, 10),
    origin: 'library',
    addedBy: item.createdBy?.user?.id ?? '',
    addedByName: item.createdBy?.user?.displayName ?? '',
    addedAt: created,
  };
}

/** A link's values as a person left them in the list, leniently read for the rules to judge (sync.ts). */
export function linkInput(r: FieldReader): NewEvidence {
  return {
    unitId: r.text('UnitKey'),
    controlPoint: r.int('ControlPointNumber'),
    title: (r.optText('Title') ?? '').trim(),
    url: (r.optText('Url') ?? '').trim(),
    kind: r.choice<EvidenceKind>('Kind', CHOICES.evidenceKind),
    date: r.date('DocumentDate'),
  };
}

/** The row of a link, with the snapshot of what the app wrote (a direct edit is whatever differs from it). */
export function linkFields(e: Evidence, requestId: string | undefined): ItemFields<'evidenceLinks'> {
  const { id: _id, ...rest } = e;
  const stored = { ...rest, addedAt: storedTimestamp(e.addedAt) };
  return {
    Title: e.title,
    UnitKey: e.unitId,
    ControlPointNumber: e.controlPoint,
    Url: e.url,
    Kind: CHOICES.evidenceKind[e.kind],
    DocumentDate: e.date,
    AddedBy: e.addedBy,
    AddedByName: e.addedByName,
    AddedAt: stored.addedAt,
    AppSnapshot: snapshotOf('evidenceLink', stored),
    ...(requestId ? { RequestId: requestId } : {}),
  };
}

export class SharePointEvidence implements EvidenceStore {
  /** `state`: where the removal of a link is claimed once (the sync sees the row go too). */
  constructor(
    private readonly data: SharePointData,
    private readonly state: SharePointAppState,
  ) {}

  private unitFilter(unitId: string): string {
    return `fields/UnitKey eq ${odataString(unitId)}`;
  }

  /** The unit's evidence and control points in one $batch: units, control points, links and the library. */
  private async load(unitId: string): Promise<{ evidence: Evidence[]; controlPoints: Set<number> }> {
    const lists = await this.data.lists();
    const r = await this.data.readMany({
      units: { list: 'units' },
      controlPoints: { list: 'controlPoints', filter: this.unitFilter(unitId) },
      links: { list: 'evidenceLinks', filter: this.unitFilter(unitId) },
      files: { list: 'evidenceLibrary' },
    });
    const units = this.data.parse('units', r.units, read.unit, lists);
    if (!units.some((u) => u.id === unitId)) throw notFound('unit');
    const cps = this.data.parse('controlPoints', r.controlPoints, read.controlPoint, lists).filter((cp) => cp.unitId === unitId);
    const soleUnit = units.length === 1 ? units[0]!.id : null;
    const links = this.data.parse('evidenceLinks', r.links, readLink, lists);
    const files = this.data.parse('evidenceLibrary', r.files, (f) => readFile(f, soleUnit), lists);
    const evidence = [...links, ...files].filter((e): e is Evidence => e !== null && e.unitId === unitId);
    return { evidence, controlPoints: new Set(cps.map((cp) => cp.number)) };
  }

  async list(unitId: string, controlPoint: number): Promise<Evidence[]> {
    checkControlPointNumber(controlPoint);
    const { evidence, controlPoints } = await this.load(unitId);
    if (!controlPoints.has(controlPoint)) throw notFound('controlPoint');
    return sortEvidence(evidence.filter((e) => e.controlPoint === controlPoint));
  }

  async countByControlPoint(unitId: string): Promise<Map<number, number>> {
    const { evidence, controlPoints } = await this.load(unitId);
    const counts = new Map<number, number>();
    for (const e of evidence) if (controlPoints.has(e.controlPoint)) counts.set(e.controlPoint, (counts.get(e.controlPoint) ?? 0) + 1);
    return counts;
  }

  async add(input: NewEvidence, ctx: StoreWriteContext): Promise<Evidence> {
    const checked = checkNewEvidence(ctx.actor, input);
    const lists = await this.data.lists();
    const reads: Reads<string> = {
      units: { list: 'units', filter: this.unitFilter(checked.unitId) },
      controlPoints: { list: 'controlPoints', filter: this.unitFilter(checked.unitId) },
      ...(ctx.requestId ? { repeat: { list: 'evidenceLinks', filter: `fields/RequestId eq ${odataString(ctx.requestId)}` } } : {}),
    };
    const r = await this.data.readMany(reads);
    const repeated = (r.repeat ?? []).filter((i) => i.fields?.RequestId === ctx.requestId);
    const [first] = this.data.parse('evidenceLinks', repeated.slice(0, 1), readLink, lists);
    if (first) return first;
    if (!this.data.parse('units', r.units ?? [], read.unit, lists).some((u) => u.id === checked.unitId)) throw notFound('unit');
    const cps = this.data.parse('controlPoints', r.controlPoints ?? [], read.controlPoint, lists);
    if (!cps.some((cp) => cp.unitId === checked.unitId && cp.number === checked.controlPoint)) throw notFound('controlPoint');
    const record: Evidence = {
      ...checked,
      id: '',
      origin: 'link',
      addedBy: ctx.actor.id,
      addedByName: ctx.actor.displayName,
      addedAt: ctx.now.toISOString(),
    };
    const created = await this.data.createItem('evidenceLinks', linkFields(record, ctx.requestId), ctx.onBehalfOf);
    const saved: Evidence = { ...record, id: created.id };
    await this.data.appendChangeOrUndo(
      changes.evidenceAdded(saved, ctx),
      () => this.data.deleteItem('evidenceLinks', created.id, undefined, ctx.onBehalfOf),
      ctx.onBehalfOf,
    );
    return saved;
  }

  async remove(unitId: string, id: string, ctx: StoreWriteContext): Promise<Evidence> {
    authorizeEvidence(ctx.actor, unitId);
    const isFile = id.startsWith(FILE_PREFIX);
    const itemId = isFile ? id.slice(FILE_PREFIX.length) : id;
    if (!/^\d+$/.test(itemId)) throw new DomainError('not_found', { what: 'evidence' });
    const known = (await this.load(unitId)).evidence.find((e) => e.id === id);
    authorizeEvidenceRemoval(ctx.actor, known ?? { origin: isFile ? 'library' : 'link', addedBy: ctx.actor.id, unitId });
    if (!known) throw new DomainError('not_found', { what: 'evidence' });
    // The removal is this change record: claimed first, so the sync that sees the row go records nothing (sync.ts).
    if (!(await this.state.claimOnce(deletionClaim('evidenceLinks', itemId), ctx.now, null))) {
      throw new DomainError('not_found', { what: 'evidence' });
    }
    await this.data.deleteItem('evidenceLinks', itemId, undefined, ctx.onBehalfOf);
    await this.data.appendChangeOrUndo(
      changes.evidenceRemoved(known, ctx),
      async () => {
        await this.data.createItem('evidenceLinks', linkFields(known, undefined), ctx.onBehalfOf);
      },
      ctx.onBehalfOf,
    );
    return known;
  }
}
