/**
 * BoardStore.statusRequests on SharePoint (issue 13 item 3): items of the list "DPO
 * Statusförfrågningar" (schema: statusRequests), through the data-access module (no URLs of its
 * own). A request is closed once: the answer is written under the item's eTag (If-Match,
 * https://learn.microsoft.com/en-us/graph/api/listitem-update), so of two instances answering at
 * the same time one gets 412 and reads the first answer back. Every write is checked by
 * src/domain/status-requests.ts first; a new request appends its change record (statusRequest.created),
 * and is deleted again when that fails.
 * The list is the app's record of who asked whom: every row the app writes carries the hidden AppSnapshot of
 * the request, reads take the request from it, and the sync (sync.ts) puts back any hand edit and deletes a
 * row added by hand. A row without a snapshot that the app wrote earlier (it has RequestedBy) is read from
 * its fields until the sync adopts it.
 */
import { statusRequestCreated } from '../../domain/changes.js';
import { notFound } from '../../domain/errors.js';
import type { IsoDate } from '../../domain/model.js';
import type { WriteContext } from '../../domain/rules.js';
import {
  checkNewStatusRequest,
  sortStatusRequests,
  statusRequestNotFound,
  type NewStatusRequest,
  type StatusRequest,
  type StatusRequestAnswer,
  type StatusRequestState,
} from '../../domain/status-requests.js';
import { GraphHttpError } from '../../graph/client.js';
import type { StatusRequestStore } from '../status-requests.js';
import type { Reads, SharePointData } from './data-access.js';
import { editedFields, etagOf, read, readSnapshot, snapshotOf, storedTimestamp, type FieldReader, type ListItem } from './items.js';
import { CHOICES, type ItemFields } from './schema.js';
import { odataString } from './site.js';

/** A request as the app wrote it (its snapshot), an earlier row of the app's from its fields, or null for a row added by hand. */
function readRequest(r: FieldReader): StatusRequest | null {
  const known = readSnapshot<Omit<StatusRequest, 'id'>>(r);
  return known ? { ...known, id: r.item.id } : appWrittenRequest(r);
}

/** A row the app wrote before rows carried a snapshot (RequestedBy is the app's, hidden from forms); null otherwise. */
export function appWrittenRequest(r: FieldReader): StatusRequest | null {
  return r.optText('RequestedBy') === null ? null : readRequestFields(r);
}

/** A request as its row's fields say it. */
function readRequestFields(r: FieldReader): StatusRequest {
  return {
    id: r.item.id,
    unitId: r.text('UnitKey'),
    year: r.int('Year'),
    controlPoint: r.int('ControlPointNumber'),
    requestedBy: r.optText('RequestedBy') ?? r.item.createdBy?.user?.id ?? '',
    requestedByName: r.optText('RequestedByName') ?? r.item.createdBy?.user?.displayName ?? '',
    requestedAt: r.optTimestamp('RequestedAt') ?? r.item.createdDateTime ?? '',
    askedId: r.text('AskedId'),
    askedName: r.optText('AskedName') ?? '',
    dueDate: r.date('DueDate'),
    state: r.choice<StatusRequestState>('RequestState', CHOICES.statusRequestState),
    answeredBy: r.optText('AnsweredBy'),
    answeredByName: r.optText('AnsweredByName'),
    answeredAt: r.optTimestamp('AnsweredAt'),
    statusUpdateId: r.optInt('StatusUpdateId'),
  };
}

/** The row's title, as the list shows it. */
export function requestTitle(q: Pick<StatusRequest, 'controlPoint' | 'askedName'>): string {
  return `Kontrollpunkt ${q.controlPoint}: ${q.askedName}`;
}

/** Every field of a request's row, with its snapshot: what the app writes, and what the sync puts back. */
export function requestItemFields(q: Omit<StatusRequest, 'id'> & { id?: string }): ItemFields<'statusRequests'> {
  const { id: _id, ...rest } = q;
  const stored = { ...rest, requestedAt: storedTimestamp(q.requestedAt), answeredAt: q.answeredAt && storedTimestamp(q.answeredAt) };
  return {
    Title: requestTitle(q),
    UnitKey: q.unitId,
    Year: q.year,
    ControlPointNumber: q.controlPoint,
    RequestedBy: q.requestedBy,
    RequestedByName: q.requestedByName,
    RequestedAt: stored.requestedAt,
    AskedId: q.askedId,
    AskedName: q.askedName,
    DueDate: q.dueDate,
    RequestState: CHOICES.statusRequestState[q.state],
    AnsweredBy: q.answeredBy,
    AnsweredByName: q.answeredByName,
    AnsweredAt: stored.answeredAt,
    StatusUpdateId: q.statusUpdateId,
    AppSnapshot: snapshotOf('statusRequest', stored),
  };
}

/** Whether a person changed any field of the row the app wrote (`known`, from its snapshot), or left one unreadable. */
export function requestEdited(r: FieldReader, known: StatusRequest): boolean {
  if (r.optText('Title') !== requestTitle(known)) return true;
  try {
    return editedFields('statusRequest', known, readRequestFields(r)).length > 0;
  } catch {
    return true;
  }
}

/** What a person left in a row, as far as it reads, for the edit.refused change (never the asked person's account id). */
export function attemptedRequest(r: FieldReader): { title: string; unitId: string; year: number | null; controlPoint: number | null } {
  const lenient = <T>(value: () => T, otherwise: T): T => {
    try {
      return value();
    } catch {
      return otherwise;
    }
  };
  return {
    title: lenient(() => r.optText('Title') ?? '', ''),
    unitId: lenient(() => r.optText('UnitKey') ?? '', ''),
    year: lenient(() => r.optInt('Year'), null),
    controlPoint: lenient(() => r.optInt('ControlPointNumber'), null),
  };
}

/** A new request's row; its snapshot is the request as fromInput makes it. */
function requestFields(request: Omit<StatusRequest, 'id'>, requestId: string | undefined): ItemFields<'statusRequests'> {
  return { ...requestItemFields(request), ...(requestId ? { RequestId: requestId } : {}) };
}

export class SharePointStatusRequests implements StatusRequestStore {
  constructor(private readonly data: SharePointData) {}

  private unitFilter(unitId: string): string {
    return `fields/UnitKey eq ${odataString(unitId)}`;
  }

  /** The items of the list (a unit's when named), read and checked. */
  private async items(unitId?: string): Promise<{ item: ListItem; request: StatusRequest }[]> {
    const lists = await this.data.lists();
    const r = await this.data.readMany({ requests: { list: 'statusRequests', ...(unitId ? { filter: this.unitFilter(unitId) } : {}) } });
    const items = r.requests;
    const requests = this.data.parse('statusRequests', items, readRequest, lists).filter((q): q is StatusRequest => q !== null);
    return requests.map((request) => ({ request, item: items.find((i) => i.id === request.id)! }));
  }

  private async one(unitId: string, id: string): Promise<{ item: ListItem; request: StatusRequest }> {
    if (!/^\d+$/.test(id)) throw statusRequestNotFound();
    const lists = await this.data.lists();
    const r = await this.data.readMany({ item: { list: 'statusRequests', itemId: id } });
    const item = r.item[0];
    const [request] = item ? this.data.parse('statusRequests', [item], readRequest, lists) : [];
    if (!item || !request || request.unitId !== unitId) throw statusRequestNotFound();
    return { item, request };
  }

  async create(input: NewStatusRequest, ctx: WriteContext): Promise<StatusRequest> {
    checkNewStatusRequest(ctx.actor, input);
    const lists = await this.data.lists();
    const reads: Reads<string> = {
      units: { list: 'units', filter: this.unitFilter(input.unitId) },
      years: { list: 'years', filter: this.unitFilter(input.unitId) },
      controlPoints: { list: 'controlPoints', filter: this.unitFilter(input.unitId) },
      ...(ctx.requestId ? { repeat: { list: 'statusRequests', filter: `fields/RequestId eq ${odataString(ctx.requestId)}` } } : {}),
    };
    const r = await this.data.readMany(reads);
    const repeated = (r.repeat ?? []).filter((i) => i.fields?.RequestId === ctx.requestId);
    const [first] = this.data.parse('statusRequests', repeated.slice(0, 1), readRequest, lists);
    if (first) return first;
    if (!this.data.parse('units', r.units ?? [], read.unit, lists).some((u) => u.id === input.unitId)) throw notFound('unit');
    if (!this.data.parse('years', r.years ?? [], read.year, lists).includes(input.year)) throw notFound('year');
    const cps = this.data.parse('controlPoints', r.controlPoints ?? [], read.controlPoint, lists);
    if (!cps.some((cp) => cp.unitId === input.unitId && cp.number === input.controlPoint)) throw notFound('controlPoint');
    const created = await this.data.createItem('statusRequests', requestFields(this.fromInput(input, ctx), ctx.requestId));
    const [parsed] = this.data.parse('statusRequests', [created], readRequest, lists);
    const saved = parsed ?? { ...this.fromInput(input, ctx), id: created.id };
    await this.data.appendChangeOrUndo(statusRequestCreated(saved, ctx), () => this.data.deleteItem('statusRequests', created.id));
    return saved;
  }

  private fromInput(input: NewStatusRequest, ctx: WriteContext): Omit<StatusRequest, 'id'> {
    return {
      ...input,
      askedId: input.askedId.trim(),
      askedName: input.askedName.trim(),
      requestedBy: ctx.actor.id,
      requestedByName: ctx.actor.displayName,
      requestedAt: ctx.now.toISOString(),
      state: 'open',
      answeredBy: null,
      answeredByName: null,
      answeredAt: null,
      statusUpdateId: null,
    };
  }

  async get(unitId: string, id: string): Promise<StatusRequest> {
    return (await this.one(unitId, id)).request;
  }

  async listOpen(unitId: string): Promise<StatusRequest[]> {
    const lists = await this.data.lists();
    const r = await this.data.readMany({ units: { list: 'units', filter: this.unitFilter(unitId) } });
    if (!this.data.parse('units', r.units, read.unit, lists).some((u) => u.id === unitId)) throw notFound('unit');
    const open = (await this.items(unitId)).map((x) => x.request).filter((q) => q.unitId === unitId && q.state === 'open');
    return sortStatusRequests(open);
  }

  async listPastDue(today: IsoDate): Promise<StatusRequest[]> {
    const requests = (await this.items()).map((x) => x.request);
    return sortStatusRequests(requests.filter((q) => q.state === 'open' && q.dueDate < today));
  }

  async markAnswered(unitId: string, id: string, answer: StatusRequestAnswer): Promise<{ request: StatusRequest; first: boolean }> {
    const { item, request } = await this.one(unitId, id);
    if (request.state === 'answered') return { request, first: false };
    // The whole row from the request as the app has it: a hand edit the sync has not yet put back is put back here.
    const answered: StatusRequest = { ...request, ...answer, state: 'answered' };
    try {
      await this.data.patchItem('statusRequests', id, requestItemFields(answered), etagOf(item));
    } catch (error) {
      if (!(error instanceof GraphHttpError) || error.status !== 412) throw error;
      return { request: (await this.one(unitId, id)).request, first: false };
    }
    return { request: answered, first: true };
  }
}
