/**
 * BoardStore.statusRequests on SQLite: the status_requests table (migration 8), checked by
 * src/domain/status-requests.ts. A new request is inserted with its change record
 * (statusRequest.created) in one transaction.
 */
import type Database from 'better-sqlite3';
import { statusRequestCreated } from '../../domain/changes.js';
import { notFound } from '../../domain/errors.js';
import type { IsoDate, NewChange } from '../../domain/model.js';
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
import type { StatusRequestStore } from '../status-requests.js';

type Row = Record<string, unknown>;

function settle<T>(body: () => T): Promise<T> {
  return new Promise((resolve) => resolve(body()));
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function requestOf(row: Row): StatusRequest {
  return {
    id: String(row.id),
    unitId: String(row.unit_id),
    year: Number(row.year),
    controlPoint: Number(row.control_point),
    requestedBy: String(row.requested_by),
    requestedByName: String(row.requested_by_name),
    requestedAt: String(row.requested_at),
    askedId: String(row.asked_id),
    askedName: String(row.asked_name),
    dueDate: String(row.due_date),
    state: String(row.state) as StatusRequestState,
    answeredBy: text(row.answered_by),
    answeredByName: text(row.answered_by_name),
    answeredAt: text(row.answered_at),
    statusUpdateId: row.status_update_id === null ? null : Number(row.status_update_id),
  };
}

export class SqliteStatusRequests implements StatusRequestStore {
  /** `appendChange`: the store's change log append, run inside this store's transactions. */
  constructor(
    private readonly db: Database.Database,
    private readonly appendChange: (change: NewChange) => void,
  ) {}

  private row(unitId: string, id: string): Row | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return this.db.prepare('SELECT * FROM status_requests WHERE unit_id = ? AND id = ?').get(unitId, Number(id)) as Row | undefined;
  }

  private requireTarget(input: NewStatusRequest): void {
    if (!this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(input.unitId)) throw notFound('unit');
    if (!this.db.prepare('SELECT 1 FROM report_years WHERE unit_id = ? AND year = ?').get(input.unitId, input.year)) throw notFound('year');
    if (!this.db.prepare('SELECT 1 FROM control_points WHERE unit_id = ? AND number = ?').get(input.unitId, input.controlPoint)) {
      throw notFound('controlPoint');
    }
  }

  create(input: NewStatusRequest, ctx: WriteContext): Promise<StatusRequest> {
    return settle(() => this.db.transaction(() => this.insert(input, ctx)).immediate());
  }

  private insert(input: NewStatusRequest, ctx: WriteContext): StatusRequest {
    checkNewStatusRequest(ctx.actor, input);
    this.requireTarget(input);
    const repeated = ctx.requestId
      ? (this.db.prepare('SELECT * FROM status_requests WHERE request_id = ?').get(ctx.requestId) as Row | undefined)
      : undefined;
    if (repeated) return requestOf(repeated);
    const row = this.db
      .prepare(
        `INSERT INTO status_requests (unit_id, year, control_point, requested_by, requested_by_name, requested_at,
           asked_id, asked_name, due_date, state, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) RETURNING *`,
      )
      .get(
        input.unitId,
        input.year,
        input.controlPoint,
        ctx.actor.id,
        ctx.actor.displayName,
        ctx.now.toISOString(),
        input.askedId.trim(),
        input.askedName.trim(),
        input.dueDate,
        ctx.requestId ?? null,
      ) as Row;
    const saved = requestOf(row);
    this.appendChange(statusRequestCreated(saved, ctx));
    return saved;
  }

  get(unitId: string, id: string): Promise<StatusRequest> {
    return settle(() => {
      const row = this.row(unitId, id);
      if (!row) throw statusRequestNotFound();
      return requestOf(row);
    });
  }

  listOpen(unitId: string): Promise<StatusRequest[]> {
    return settle(() => {
      if (!this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(unitId)) throw notFound('unit');
      const rows = this.db.prepare("SELECT * FROM status_requests WHERE unit_id = ? AND state = 'open'").all(unitId) as Row[];
      return sortStatusRequests(rows.map(requestOf));
    });
  }

  listPastDue(today: IsoDate): Promise<StatusRequest[]> {
    return settle(() => {
      const rows = this.db.prepare("SELECT * FROM status_requests WHERE state = 'open' AND due_date < ?").all(today) as Row[];
      return sortStatusRequests(rows.map(requestOf));
    });
  }

  markAnswered(unitId: string, id: string, answer: StatusRequestAnswer): Promise<{ request: StatusRequest; first: boolean }> {
    return settle(() => {
      if (!this.row(unitId, id)) throw statusRequestNotFound();
      const { changes } = this.db
        .prepare(
          `UPDATE status_requests SET state = 'answered', answered_by = ?, answered_by_name = ?, answered_at = ?, status_update_id = ?
           WHERE unit_id = ? AND id = ? AND state = 'open'`,
        )
        .run(answer.answeredBy, answer.answeredByName, answer.answeredAt, answer.statusUpdateId, unitId, Number(id));
      return { request: requestOf(this.row(unitId, id)!), first: changes === 1 };
    });
  }
}
