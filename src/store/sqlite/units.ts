/**
 * Units as data on SQLite (issue 14 item 1): the `units` table (migration 11 added the English name, the
 * archived and example marks, the version and a create's request id) and `unit_people`, the people responsible.
 * Every write and its change record in one transaction, as the rest of the store.
 */
import type Database from 'better-sqlite3';
import * as changes from '../../domain/changes.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { NewChange, Unit, UnitPerson, UnitPersonRole } from '../../domain/model.js';
import type { WriteContext } from '../../domain/rules.js';
import { applyUnitPatch, checkNewUnit, firstYearOf, newUnitControlPoints, type NewUnit, type UnitPatch } from '../../domain/units.js';
import type { SeedPlan } from '../port.js';

type Row = Record<string, unknown>;

export class SqliteUnits {
  constructor(
    private readonly db: Database.Database,
    private readonly appendChange: (change: NewChange) => number,
  ) {}

  /** The people responsible of one unit, or of every unit (one query either way), by unit id, in their order. */
  private peopleBy(unitId?: string): Map<string, UnitPerson[]> {
    const rows = (
      unitId === undefined
        ? this.db.prepare('SELECT * FROM unit_people ORDER BY unit_id, position').all()
        : this.db.prepare('SELECT * FROM unit_people WHERE unit_id = ? ORDER BY position').all(unitId)
    ) as Row[];
    const byUnit = new Map<string, UnitPerson[]>();
    for (const r of rows) {
      const list = byUnit.get(String(r.unit_id)) ?? [];
      list.push({
        role: String(r.role) as UnitPersonRole,
        name: String(r.name),
        email: String(r.email),
        ...(typeof r.aad_object_id === 'string' && r.aad_object_id ? { aadObjectId: r.aad_object_id } : {}),
      });
      byUnit.set(String(r.unit_id), list);
    }
    return byUnit;
  }

  private toUnit(r: Row, people: Map<string, UnitPerson[]>): Unit {
    return {
      id: String(r.id),
      name: String(r.name),
      nameEn: String(r.name_en) || String(r.name),
      organisation: String(r.organisation),
      archived: r.archived === 1,
      example: r.example === 1,
      responsible: people.get(String(r.id)) ?? [],
      version: Number(r.version),
    };
  }

  list(): Unit[] {
    const people = this.peopleBy();
    return (this.db.prepare('SELECT * FROM units ORDER BY name, id').all() as Row[]).map((r) => this.toUnit(r, people));
  }

  find(id: string): Unit | null {
    const row = this.db.prepare('SELECT * FROM units WHERE id = ?').get(id) as Row | undefined;
    return row ? this.toUnit(row, this.peopleBy(String(row.id))) : null;
  }

  require(id: string): Unit {
    const unit = this.find(id);
    if (!unit) throw notFound('unit');
    return unit;
  }

  private writePeople(unitId: string, people: readonly UnitPerson[]): void {
    this.db.prepare('DELETE FROM unit_people WHERE unit_id = ?').run(unitId);
    const insert = this.db.prepare(
      'INSERT INTO unit_people (unit_id, position, role, name, email, aad_object_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    people.forEach((p, i) => insert.run(unitId, i, p.role, p.name, p.email, p.aadObjectId ?? null));
  }

  /** A new unit with its first year and twelve control points; a repeated request id answers the first. */
  create(input: NewUnit, ctx: WriteContext): Unit {
    return this.db.transaction((): Unit => {
      const repeated = ctx.requestId
        ? (this.db.prepare('SELECT * FROM units WHERE request_id = ?').get(ctx.requestId) as Row | undefined)
        : undefined;
      if (repeated) return this.toUnit(repeated, this.peopleBy(String(repeated.id)));
      const unit = checkNewUnit(input, ctx);
      const year = firstYearOf(input, ctx);
      if (this.find(unit.id)) throw new DomainError('unit_exists', { id: unit.id });
      this.db
        .prepare(
          'INSERT INTO units (id, name, name_en, organisation, archived, example, version, request_id) VALUES (?, ?, ?, ?, 0, ?, 1, ?)',
        )
        .run(unit.id, unit.name, unit.nameEn, unit.organisation, unit.example ? 1 : 0, ctx.requestId ?? null);
      this.writePeople(unit.id, unit.responsible);
      this.db.prepare('INSERT INTO report_years (unit_id, year, started_at) VALUES (?, ?, ?)').run(unit.id, year, ctx.now.toISOString());
      const insertCp = this.db.prepare(
        'INSERT INTO control_points (unit_id, number, title, owner, work_packages, expected_end) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const cp of newUnitControlPoints(unit)) insertCp.run(unit.id, cp.number, cp.title, cp.owner, '[]', null);
      this.appendChange(changes.unitCreated(unit, year, ctx));
      return unit;
    })();
  }

  update(id: string, patch: UnitPatch, ctx: WriteContext): Unit {
    return this.db.transaction((): Unit => {
      const before = this.require(id);
      const after = applyUnitPatch(before, patch, ctx);
      const { changes: changed } = this.db
        .prepare('UPDATE units SET name = ?, name_en = ?, organisation = ?, archived = ?, version = ? WHERE id = ? AND version = ?')
        .run(after.name, after.nameEn, after.organisation, after.archived ? 1 : 0, after.version, id, before.version);
      if (changed !== 1) throw new DomainError('conflict');
      this.writePeople(id, after.responsible);
      this.appendChange(changes.unitUpdated(before, after, ctx));
      return after;
    })();
  }

  /** The seed's unit, when missing (an existing unit is left as it is); answers how many units it added. Runs in the import's transaction. */
  importUnit(unit: SeedPlan['unit']): number {
    const { changes: added } = this.db
      .prepare('INSERT OR IGNORE INTO units (id, name, name_en, organisation, example) VALUES (?, ?, ?, ?, ?)')
      .run(unit.id, unit.name, unit.nameEn, unit.organisation, unit.example ? 1 : 0);
    if (added) this.writePeople(unit.id, unit.responsible);
    return added;
  }
}
