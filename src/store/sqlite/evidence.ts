/**
 * BoardStore.evidence on SQLite: the evidence table (migration 5); every write checked by
 * src/domain/evidence.ts and appended with its change record (evidence.added / evidence.removed)
 * in one transaction.
 */
import type Database from 'better-sqlite3';
import * as changes from '../../domain/changes.js';
import {
  authorizeEvidenceRemoval,
  checkNewEvidence,
  sortEvidence,
  type Evidence,
  type EvidenceKind,
  type NewEvidence,
} from '../../domain/evidence.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { NewChange } from '../../domain/model.js';
import { checkControlPointNumber, type WriteContext } from '../../domain/rules.js';
import type { EvidenceStore } from '../evidence.js';

type Row = Record<string, unknown>;

/** A synchronous body as a promise: its throw becomes a rejection, as callers of the port expect. */
function settle<T>(body: () => T): Promise<T> {
  return new Promise((resolve) => resolve(body()));
}

function evidenceOf(row: Row): Evidence {
  return {
    id: String(row.id),
    unitId: row.unit_id as string,
    controlPoint: row.control_point as number,
    title: row.title as string,
    url: row.url as string,
    kind: row.kind as EvidenceKind,
    date: row.date as string,
    origin: 'link',
    addedBy: row.added_by as string,
    addedByName: row.added_by_name as string,
    addedAt: row.added_at as string,
  };
}

export class SqliteEvidence implements EvidenceStore {
  /** `appendChange`: the store's change log append, run inside this store's transactions. */
  constructor(
    private readonly db: Database.Database,
    private readonly appendChange: (change: NewChange) => void,
  ) {}

  private requireControlPoint(unitId: string, controlPoint: number): void {
    checkControlPointNumber(controlPoint);
    if (!this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(unitId)) throw notFound('unit');
    if (!this.db.prepare('SELECT 1 FROM control_points WHERE unit_id = ? AND number = ?').get(unitId, controlPoint)) {
      throw notFound('controlPoint');
    }
  }

  list(unitId: string, controlPoint: number): Promise<Evidence[]> {
    return settle(() => {
      this.requireControlPoint(unitId, controlPoint);
      const rows = this.db.prepare('SELECT * FROM evidence WHERE unit_id = ? AND control_point = ?').all(unitId, controlPoint) as Row[];
      return sortEvidence(rows.map(evidenceOf));
    });
  }

  countByControlPoint(unitId: string): Promise<Map<number, number>> {
    return settle(() => {
      if (!this.db.prepare('SELECT 1 FROM units WHERE id = ?').get(unitId)) throw notFound('unit');
      const rows = this.db
        .prepare('SELECT control_point AS cp, COUNT(*) AS n FROM evidence WHERE unit_id = ? GROUP BY control_point')
        .all(unitId) as { cp: number; n: number }[];
      return new Map(rows.map((r) => [r.cp, r.n]));
    });
  }

  add(input: NewEvidence, ctx: WriteContext): Promise<Evidence> {
    return settle(() => this.db.transaction(() => this.insert(input, ctx))());
  }

  private insert(input: NewEvidence, ctx: WriteContext): Evidence {
    const checked = checkNewEvidence(ctx.actor, input);
    this.requireControlPoint(checked.unitId, checked.controlPoint);
    const repeated = ctx.requestId
      ? (this.db.prepare('SELECT * FROM evidence WHERE request_id = ?').get(ctx.requestId) as Row | undefined)
      : undefined;
    if (repeated) return evidenceOf(repeated);
    const row = this.db
      .prepare(
        `INSERT INTO evidence (unit_id, control_point, title, url, kind, date, added_by, added_by_name, added_at, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        checked.unitId,
        checked.controlPoint,
        checked.title,
        checked.url,
        checked.kind,
        checked.date,
        ctx.actor.id,
        ctx.actor.displayName,
        ctx.now.toISOString(),
        ctx.requestId ?? null,
      ) as Row;
    const saved = evidenceOf(row);
    this.appendChange(changes.evidenceAdded(saved, ctx));
    return saved;
  }

  remove(unitId: string, id: string, ctx: WriteContext): Promise<Evidence> {
    return settle(() => this.db.transaction(() => this.delete(unitId, id, ctx))());
  }

  private delete(unitId: string, id: string, ctx: WriteContext): Evidence {
    const row = /^\d+$/.test(id)
      ? (this.db.prepare('SELECT * FROM evidence WHERE unit_id = ? AND id = ?').get(unitId, Number(id)) as Row | undefined)
      : undefined;
    const origin = id.startsWith('file:') ? 'library' : 'link';
    authorizeEvidenceRemoval(ctx.actor, row ? evidenceOf(row) : { origin, addedBy: ctx.actor.id, unitId });
    if (!row) throw new DomainError('not_found', { what: 'evidence' });
    this.db.prepare('DELETE FROM evidence WHERE id = ?').run(row.id);
    const removed = evidenceOf(row);
    this.appendChange(changes.evidenceRemoved(removed, ctx));
    return removed;
  }
}
