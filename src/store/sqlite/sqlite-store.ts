/**
 * The embedded BoardStore on SQLite (better-sqlite3 12): one file under DATA_DIR,
 * WAL journal, versioned migrations, every write and its change record in one transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  applyActionPlanItemPatch,
  checkNewActionPlanItem,
  type ActionPlanItemPatch,
  type NewActionPlanItem,
} from '../../domain/action-plan.js';
import * as changes from '../../domain/changes.js';
import { notFound } from '../../domain/errors.js';
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
  Instruction,
  NewChange,
  ReportYear,
  StatusUpdate,
  Unit,
} from '../../domain/model.js';
import {
  applyActivityPatch,
  applyContactPatch,
  applyControlPointPatch,
  applyInstructionPatch,
  checkAssessment,
  checkNewActivity,
  checkNewReportYear,
  checkStatusUpdate,
  checkWorkPackageKnown,
  type ActivityPatch,
  type ContactPatch,
  type ControlPointPatch,
  type InstructionPatch,
  type NewActivity,
  type NewAssessment,
  type NewReportYear,
  type NewStatusUpdate,
  type WriteContext,
} from '../../domain/rules.js';
import type { Scale } from '../../domain/scale.js';
import type { NewUnit, UnitPatch } from '../../domain/units.js';
import type { AppStateStore, BoardStore, ImportResult, SeedPlan } from '../port.js';
import { SqliteAppState } from './app-state.js';
import { SqliteEvidence } from './evidence.js';
import { SqliteStatusRequests } from './status-requests.js';
import { SqliteUnits } from './units.js';
import { migrate } from './migrations.js';
import * as rows from './rows.js';

type Row = Record<string, unknown>;

export interface SqliteStoreOptions {
  /** Path of the database file; ':memory:' for a throwaway store. */
  file: string;
  scale: Scale;
}

export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return new SqliteStore(db, options.scale);
}

export class SqliteStore implements BoardStore {
  readonly kind = 'sqlite' as const;
  readonly appState: AppStateStore;
  readonly evidence: SqliteEvidence;
  readonly statusRequests: SqliteStatusRequests;
  private readonly units: SqliteUnits;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    readonly scale: Scale,
  ) {
    this.appState = new SqliteAppState(db);
    this.evidence = new SqliteEvidence(db, (change) => this.appendChange(change));
    this.statusRequests = new SqliteStatusRequests(db, (change) => this.appendChange(change));
    this.units = new SqliteUnits(db, (change) => this.appendChange(change));
  }

  /** A prepared statement, prepared once per SQL text. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private all(text: string, ...params: unknown[]): Row[] {
    return this.sql(text).all(...params) as Row[];
  }

  private one(text: string, ...params: unknown[]): Row | undefined {
    return this.sql(text).get(...params) as Row | undefined;
  }

  private run(text: string, ...params: unknown[]): Database.RunResult {
    return this.sql(text).run(...params);
  }

  private appendChange(change: NewChange): number {
    const { lastInsertRowid } = this.run(
      `INSERT INTO changes (at, actor_id, actor_name, source, unit_id, year, kind, entity_id, control_point, before_json, after_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      change.at,
      change.actorId,
      change.actorName,
      change.source,
      change.unitId,
      change.year,
      change.kind,
      change.entityId,
      change.controlPoint,
      JSON.stringify(change.before ?? null),
      JSON.stringify(change.after ?? null),
    );
    return Number(lastInsertRowid);
  }

  private changeSeq(): number {
    return Number(this.one('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes')?.seq ?? 0);
  }

  private requireUnit(unitId: string): Unit {
    return this.units.require(unitId);
  }

  private requireYear(unitId: string, year: number): void {
    if (!this.one('SELECT 1 FROM report_years WHERE unit_id = ? AND year = ?', unitId, year)) throw notFound('year');
  }

  private requireControlPoint(unitId: string, number: number): ControlPoint {
    const row = this.one('SELECT * FROM control_points WHERE unit_id = ? AND number = ?', unitId, number);
    if (!row) throw notFound('controlPoint');
    return rows.toControlPoint(row);
  }

  private workPackageKeys(unitId: string): string[] {
    return this.all('SELECT key FROM work_packages WHERE unit_id = ?', unitId).map((r) => String(r.key));
  }

  private years(unitId: string): number[] {
    return this.all('SELECT year FROM report_years WHERE unit_id = ? ORDER BY year', unitId).map((r) => Number(r.year));
  }

  async listUnits(): Promise<Unit[]> {
    return this.units.list();
  }

  async createUnit(input: NewUnit, ctx: WriteContext): Promise<Unit> {
    return this.units.create(input, ctx);
  }

  async updateUnit(id: string, patch: UnitPatch, ctx: WriteContext): Promise<Unit> {
    return this.units.update(id, patch, ctx);
  }

  async listYears(unitId: string): Promise<number[]> {
    this.requireUnit(unitId);
    return this.years(unitId);
  }

  async getBoardData(unitId: string, year?: number): Promise<BoardData> {
    return this.db.transaction((): BoardData => {
      const unit = this.requireUnit(unitId);
      const years = this.years(unitId);
      const chosen = year ?? years.at(-1);
      if (chosen === undefined || !years.includes(chosen)) throw notFound('year');
      return {
        unit,
        year: chosen,
        years,
        controlPoints: this.all('SELECT * FROM control_points WHERE unit_id = ? ORDER BY number', unitId).map(rows.toControlPoint),
        assessments: this.all('SELECT * FROM assessments WHERE unit_id = ? AND year = ? ORDER BY id', unitId, chosen).map(
          rows.toAssessment,
        ),
        statusUpdates: this.all('SELECT * FROM status_updates WHERE unit_id = ? AND year = ? ORDER BY id', unitId, chosen).map(
          rows.toStatusUpdate,
        ),
        activities: this.all('SELECT * FROM activities WHERE unit_id = ? ORDER BY control_point, position, id', unitId).map(
          rows.toActivity,
        ),
        workPackages: this.all('SELECT * FROM work_packages WHERE unit_id = ? ORDER BY key', unitId).map(rows.toWorkPackage),
        focusAreas: this.focusAreas(unitId, chosen),
        changeSeq: this.changeSeq(),
      };
    })();
  }

  private focusAreas(unitId: string, year?: number) {
    const sql =
      year === undefined
        ? 'SELECT * FROM focus_areas WHERE unit_id = ? ORDER BY year, control_point'
        : 'SELECT * FROM focus_areas WHERE unit_id = ? AND year = ? ORDER BY control_point';
    const params = year === undefined ? [unitId] : [unitId, year];
    return this.all(sql, ...params).map(rows.toFocusArea);
  }

  async getControlPointData(unitId: string, number: number): Promise<ControlPointData> {
    return this.db.transaction((): ControlPointData => {
      const unit = this.requireUnit(unitId);
      const controlPoint = this.requireControlPoint(unitId, number);
      const args = [unitId, number] as const;
      return {
        unit,
        controlPoint,
        assessments: this.all('SELECT * FROM assessments WHERE unit_id = ? AND control_point = ? ORDER BY id', ...args).map(
          rows.toAssessment,
        ),
        statusUpdates: this.all('SELECT * FROM status_updates WHERE unit_id = ? AND control_point = ? ORDER BY id', ...args).map(
          rows.toStatusUpdate,
        ),
        activities: this.all('SELECT * FROM activities WHERE unit_id = ? AND control_point = ? ORDER BY position, id', ...args).map(
          rows.toActivity,
        ),
        workPackages: this.all('SELECT * FROM work_packages WHERE unit_id = ? ORDER BY key', unitId).map(rows.toWorkPackage),
        focusAreas: this.focusAreas(unitId).filter((f) => f.controlPoint === number),
        changes: this.all('SELECT * FROM changes WHERE unit_id = ? AND control_point = ? ORDER BY seq DESC LIMIT 200', ...args).map(
          rows.toChange,
        ),
        changeSeq: this.changeSeq(),
      };
    })();
  }

  async getActionPlanData(unitId: string): Promise<ActionPlanData> {
    return this.db.transaction((): ActionPlanData => {
      const unit = this.requireUnit(unitId);
      const project = this.one('SELECT * FROM projects WHERE unit_id = ?', unitId);
      const contact = this.one('SELECT * FROM contacts WHERE unit_id = ?', unitId);
      return {
        unit,
        project: project
          ? { unitId, name: String(project.name), startDate: String(project.start_date), endDate: String(project.end_date) }
          : null,
        instructions: this.all('SELECT * FROM instructions WHERE unit_id = ? ORDER BY number', unitId).map(rows.toInstruction),
        trainings: this.all('SELECT * FROM trainings WHERE unit_id = ? ORDER BY id', unitId).map(rows.toTraining),
        items: this.all('SELECT * FROM action_plan_items WHERE unit_id = ? ORDER BY position, id', unitId).map(rows.toActionPlanItem),
        subProjects: this.all('SELECT * FROM sub_projects WHERE unit_id = ? ORDER BY position, id', unitId).map((r) => ({
          id: Number(r.id),
          unitId,
          name: String(r.name),
          position: Number(r.position),
        })),
        workPackages: this.all('SELECT * FROM work_packages WHERE unit_id = ? ORDER BY key', unitId).map(rows.toWorkPackage),
        contact: contact ? rows.toContact(contact) : null,
        changeSeq: this.changeSeq(),
      };
    })();
  }

  async addAssessment(input: NewAssessment, ctx: WriteContext): Promise<Assessment> {
    checkAssessment(ctx.actor, this.scale, input);
    return this.db.transaction((): Assessment => {
      const repeated = this.byRequestId('assessments', ctx.requestId);
      if (repeated) return rows.toAssessment(repeated);
      this.requireUnit(input.unitId);
      this.requireYear(input.unitId, input.year);
      this.requireControlPoint(input.unitId, input.controlPoint);
      const { lastInsertRowid } = this.run(
        `INSERT INTO assessments (unit_id, year, control_point, level, comment, assessed_by, assessed_by_name, assessed_at, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        input.unitId,
        input.year,
        input.controlPoint,
        input.level,
        input.comment,
        ctx.actor.id,
        ctx.actor.displayName,
        ctx.now.toISOString(),
        ctx.requestId ?? null,
      );
      const saved = rows.toAssessment(this.one('SELECT * FROM assessments WHERE id = ?', lastInsertRowid)!);
      this.appendChange(changes.assessmentAdded(saved, ctx));
      return saved;
    })();
  }

  private byRequestId(table: 'assessments' | 'status_updates' | 'activities' | 'action_plan_items', requestId?: string): Row | undefined {
    return requestId ? this.one(`SELECT * FROM ${table} WHERE request_id = ?`, requestId) : undefined;
  }

  async addStatusUpdate(input: NewStatusUpdate, ctx: WriteContext): Promise<StatusUpdate> {
    checkStatusUpdate(ctx.actor, this.scale, input);
    return this.db.transaction((): StatusUpdate => {
      const repeated = this.byRequestId('status_updates', ctx.requestId);
      if (repeated) return rows.toStatusUpdate(repeated);
      this.requireUnit(input.unitId);
      this.requireYear(input.unitId, input.year);
      this.requireControlPoint(input.unitId, input.controlPoint);
      const { lastInsertRowid } = this.run(
        `INSERT INTO status_updates (unit_id, year, control_point, status_date, text, unit_level, author, author_name, created_at, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        input.unitId,
        input.year,
        input.controlPoint,
        input.statusDate,
        input.text,
        input.unitLevel,
        ctx.actor.id,
        ctx.actor.displayName,
        ctx.now.toISOString(),
        ctx.requestId ?? null,
      );
      const saved = rows.toStatusUpdate(this.one('SELECT * FROM status_updates WHERE id = ?', lastInsertRowid)!);
      this.appendChange(changes.statusAdded(saved, ctx));
      return saved;
    })();
  }

  async createActivity(input: NewActivity, ctx: WriteContext): Promise<Activity> {
    checkNewActivity(ctx.actor, input);
    return this.db.transaction((): Activity => {
      const repeated = this.byRequestId('activities', ctx.requestId);
      if (repeated) return rows.toActivity(repeated);
      this.requireUnit(input.unitId);
      this.requireControlPoint(input.unitId, input.controlPoint);
      checkWorkPackageKnown(input.workPackage, this.workPackageKeys(input.unitId));
      const position = Number(
        this.one(
          'SELECT COALESCE(MAX(position), -1) + 1 AS p FROM activities WHERE unit_id = ? AND control_point = ?',
          input.unitId,
          input.controlPoint,
        )?.p ?? 0,
      );
      const { lastInsertRowid } = this.run(
        `INSERT INTO activities (unit_id, control_point, text, state, due_from, due_to, work_package, position, updated_at, updated_by, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        input.unitId,
        input.controlPoint,
        input.text,
        input.state,
        input.dueFrom,
        input.dueTo,
        input.workPackage,
        position,
        ctx.now.toISOString(),
        ctx.actor.id,
        ctx.requestId ?? null,
      );
      const saved = rows.toActivity(this.one('SELECT * FROM activities WHERE id = ?', lastInsertRowid)!);
      this.appendChange(changes.activityCreated(saved, ctx));
      return saved;
    })();
  }

  async updateActivity(unitId: string, id: number, patch: ActivityPatch, ctx: WriteContext): Promise<Activity> {
    return this.db.transaction((): Activity => {
      const row = this.one('SELECT * FROM activities WHERE unit_id = ? AND id = ?', unitId, id);
      if (!row) throw notFound('activity');
      const before = rows.toActivity(row);
      const after = applyActivityPatch(before, patch, ctx);
      if (patch.workPackage !== undefined) checkWorkPackageKnown(after.workPackage, this.workPackageKeys(unitId));
      this.run(
        `UPDATE activities SET text = ?, state = ?, due_from = ?, due_to = ?, work_package = ?, version = ?, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?`,
        after.text,
        after.state,
        after.dueFrom,
        after.dueTo,
        after.workPackage,
        after.version,
        after.updatedAt,
        after.updatedBy,
        id,
        before.version,
      );
      this.appendChange(changes.activityUpdated(before, after, ctx));
      return after;
    })();
  }

  async updateInstruction(unitId: string, number: number, patch: InstructionPatch, ctx: WriteContext): Promise<Instruction> {
    return this.db.transaction((): Instruction => {
      const row = this.one('SELECT * FROM instructions WHERE unit_id = ? AND number = ?', unitId, number);
      if (!row) throw notFound('instruction');
      const before = rows.toInstruction(row);
      const after = applyInstructionPatch(before, patch, ctx);
      this.run(
        `UPDATE instructions SET state = ?, planned_from = ?, planned_quarter = ?, note = ?, version = ?, updated_at = ?, updated_by = ?
         WHERE unit_id = ? AND number = ?`,
        after.state,
        after.plannedFrom,
        after.plannedQuarter,
        after.note,
        after.version,
        after.updatedAt,
        after.updatedBy,
        unitId,
        number,
      );
      this.appendChange(changes.instructionUpdated(before, after, ctx));
      return after;
    })();
  }

  async updateControlPoint(unitId: string, number: number, patch: ControlPointPatch, ctx: WriteContext): Promise<ControlPoint> {
    return this.db.transaction((): ControlPoint => {
      this.requireUnit(unitId);
      const before = this.requireControlPoint(unitId, number);
      const after = applyControlPointPatch(before, patch, this.workPackageKeys(unitId), ctx);
      this.run(
        'UPDATE control_points SET work_packages = ?, expected_end = ?, version = ? WHERE unit_id = ? AND number = ?',
        JSON.stringify(after.workPackages),
        after.expectedEnd,
        after.version,
        unitId,
        number,
      );
      this.appendChange(changes.controlPointUpdated(before, after, ctx));
      return after;
    })();
  }

  private instructionNumbers(unitId: string): number[] {
    return this.all('SELECT number FROM instructions WHERE unit_id = ?', unitId).map((r) => Number(r.number));
  }

  async createActionPlanItem(input: NewActionPlanItem, ctx: WriteContext): Promise<ActionPlanItem> {
    return this.db.transaction((): ActionPlanItem => {
      const repeated = this.byRequestId('action_plan_items', ctx.requestId);
      if (repeated) return rows.toActionPlanItem(repeated);
      this.requireUnit(input.unitId);
      const item = checkNewActionPlanItem(input, this.instructionNumbers(input.unitId), ctx);
      const position = Number(
        this.one('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM action_plan_items WHERE unit_id = ?', input.unitId)?.p ?? 0,
      );
      const { lastInsertRowid } = this.run(
        `INSERT INTO action_plan_items (unit_id, text, state, period_from, period_to, due_date, instruction, position, version, updated_at, updated_by, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        item.unitId,
        item.text,
        item.state,
        item.periodFrom,
        item.periodTo,
        item.dueDate,
        item.instruction,
        position,
        item.version,
        item.updatedAt,
        item.updatedBy,
        ctx.requestId ?? null,
      );
      const saved = rows.toActionPlanItem(this.one('SELECT * FROM action_plan_items WHERE id = ?', lastInsertRowid)!);
      this.appendChange(changes.actionPlanItemCreated(saved, ctx));
      return saved;
    })();
  }

  async updateActionPlanItem(unitId: string, id: number, patch: ActionPlanItemPatch, ctx: WriteContext): Promise<ActionPlanItem> {
    return this.db.transaction((): ActionPlanItem => {
      const row = this.one('SELECT * FROM action_plan_items WHERE unit_id = ? AND id = ?', unitId, id);
      if (!row) throw notFound('actionPlanItem');
      const before = rows.toActionPlanItem(row);
      const after = applyActionPlanItemPatch(before, patch, this.instructionNumbers(unitId), ctx);
      this.run(
        `UPDATE action_plan_items SET text = ?, state = ?, period_from = ?, period_to = ?, due_date = ?, instruction = ?,
           version = ?, updated_at = ?, updated_by = ?
         WHERE id = ? AND version = ?`,
        after.text,
        after.state,
        after.periodFrom,
        after.periodTo,
        after.dueDate,
        after.instruction,
        after.version,
        after.updatedAt,
        after.updatedBy,
        id,
        before.version,
      );
      this.appendChange(changes.actionPlanItemUpdated(before, after, ctx));
      return after;
    })();
  }

  async updateContact(unitId: string, patch: ContactPatch, ctx: WriteContext): Promise<Contact> {
    return this.db.transaction((): Contact => {
      this.requireUnit(unitId);
      const row = this.one('SELECT * FROM contacts WHERE unit_id = ?', unitId);
      const before = row ? rows.toContact(row) : null;
      const after = applyContactPatch(unitId, before, patch, ctx);
      this.run(
        `INSERT INTO contacts (unit_id, name, title, role, organisation, email, version, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_id) DO UPDATE SET name = excluded.name, title = excluded.title, role = excluded.role,
           organisation = excluded.organisation, email = excluded.email, version = excluded.version,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        unitId,
        after.name,
        after.title,
        after.role,
        after.organisation,
        after.email,
        after.version,
        after.updatedAt,
        after.updatedBy,
      );
      this.appendChange(changes.contactUpdated(before, after, ctx));
      return after;
    })();
  }

  async startYear(input: NewReportYear, ctx: WriteContext): Promise<ReportYear> {
    return this.db.transaction((): ReportYear => {
      this.requireUnit(input.unitId);
      const existing = this.years(input.unitId);
      const year = checkNewReportYear(ctx.actor, input, existing);
      const started: ReportYear = { unitId: input.unitId, year, startedAt: ctx.now.toISOString() };
      this.run('INSERT INTO report_years (unit_id, year, started_at) VALUES (?, ?, ?)', started.unitId, year, started.startedAt);
      this.appendChange(changes.yearStarted(input.unitId, year, existing.at(-1) ?? null, ctx));
      return started;
    })();
  }

  async changesSince(cursor: number, limit = 500): Promise<ChangeRecord[]> {
    return this.all('SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?', cursor, limit).map(rows.toChange);
  }

  async latestChangeSeq(): Promise<number> {
    return this.changeSeq();
  }

  async logSettingChange(change: NewChange): Promise<ChangeRecord> {
    if (!changes.isSettingChange(change.kind)) throw new RangeError(`${change.kind} is not the change of a setting`);
    return { ...change, seq: this.appendChange(change) };
  }

  async isEmpty(): Promise<boolean> {
    return !this.one('SELECT 1 FROM units LIMIT 1');
  }

  async importSeed(plan: SeedPlan, ctx: WriteContext): Promise<ImportResult> {
    return this.db.transaction((): ImportResult => {
      const u = plan.unit.id;
      const count = (sql: string, items: unknown[][]) => items.reduce<number>((n, params) => n + this.run(sql, ...params).changes, 0);
      const now = ctx.now.toISOString();
      const result: ImportResult = {
        units: this.units.importUnit(plan.unit),
        years: count('INSERT OR IGNORE INTO report_years (unit_id, year, started_at) VALUES (?, ?, ?)', [[u, plan.year, now]]),
        workPackages: count(
          'INSERT OR IGNORE INTO work_packages (unit_id, key, name, expected_end, state) VALUES (?, ?, ?, ?, ?)',
          plan.workPackages.map((w) => [u, w.key, w.name, w.expectedEnd, w.state]),
        ),
        controlPoints: count(
          'INSERT OR IGNORE INTO control_points (unit_id, number, title, owner, work_packages, expected_end) VALUES (?, ?, ?, ?, ?, ?)',
          plan.controlPoints.map((c) => [u, c.number, c.title, c.owner, JSON.stringify(c.workPackages), c.expectedEnd]),
        ),
        focusAreas: count(
          'INSERT OR IGNORE INTO focus_areas (unit_id, year, focus_year, control_point, text) VALUES (?, ?, ?, ?, ?)',
          plan.focusAreas.map((f) => [u, f.year, f.focusYear, f.controlPoint, f.text]),
        ),
        assessments: count(
          `INSERT OR IGNORE INTO assessments (unit_id, year, control_point, level, comment, assessed_by, assessed_by_name, assessed_at, seed_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          plan.assessments.map((a) => [
            u,
            a.year,
            a.controlPoint,
            a.level,
            a.comment,
            a.assessedBy,
            a.assessedByName,
            a.assessedAt,
            a.seedKey,
          ]),
        ),
        statusUpdates: count(
          `INSERT OR IGNORE INTO status_updates (unit_id, year, control_point, status_date, text, unit_level, author, author_name, created_at, seed_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          plan.statusUpdates.map((s) => [
            u,
            s.year,
            s.controlPoint,
            s.statusDate,
            s.text,
            s.unitLevel,
            s.author,
            s.authorName,
            s.createdAt,
            s.seedKey,
          ]),
        ),
        activities: count(
          `INSERT OR IGNORE INTO activities (unit_id, control_point, text, state, due_from, due_to, work_package, position, updated_at, updated_by, seed_key)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          plan.activities.map((a) => [
            u,
            a.controlPoint,
            a.text,
            a.state,
            a.dueFrom,
            a.dueTo,
            a.workPackage,
            a.position,
            now,
            ctx.actor.id,
            a.seedKey,
          ]),
        ),
        instructions: count(
          `INSERT OR IGNORE INTO instructions (unit_id, number, code, title, state, planned_from, planned_quarter, group_name, note, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          plan.instructions.map((i) => [
            u,
            i.number,
            i.code,
            i.title,
            i.state,
            i.plannedFrom,
            i.plannedQuarter,
            i.group,
            i.note,
            now,
            ctx.actor.id,
          ]),
        ),
        trainings: count(
          'INSERT OR IGNORE INTO trainings (unit_id, title, state, planned_from, planned_quarter, seed_key) VALUES (?, ?, ?, ?, ?, ?)',
          plan.trainings.map((t) => [u, t.title, t.state, t.plannedFrom, t.plannedQuarter, t.seedKey]),
        ),
        actionPlanItems: count(
          `INSERT OR IGNORE INTO action_plan_items
             (unit_id, text, state, period_from, period_to, due_date, instruction, position, seed_key, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          plan.actionPlanItems.map((a) => [
            u,
            a.text,
            a.state,
            a.periodFrom,
            a.periodTo,
            a.dueDate,
            a.instruction,
            a.position,
            a.seedKey,
            now,
            ctx.actor.id,
          ]),
        ),
        contacts: plan.contact
          ? count(
              `INSERT OR IGNORE INTO contacts (unit_id, name, title, role, organisation, email, updated_at, updated_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
              [
                [
                  u,
                  plan.contact.name,
                  plan.contact.title,
                  plan.contact.role,
                  plan.contact.organisation,
                  plan.contact.email,
                  now,
                  ctx.actor.id,
                ],
              ],
            )
          : 0,
        subProjects: count(
          'INSERT OR IGNORE INTO sub_projects (unit_id, name, position, seed_key) VALUES (?, ?, ?, ?)',
          plan.subProjects.map((s) => [u, s.name, s.position, s.seedKey]),
        ),
      };
      this.run(
        'INSERT OR IGNORE INTO projects (unit_id, name, start_date, end_date) VALUES (?, ?, ?, ?)',
        u,
        plan.project.name,
        plan.project.startDate,
        plan.project.endDate,
      );
      const added = Object.values(result).reduce((a, b) => a + b, 0);
      if (added > 0) this.appendChange(changes.seedImported(u, plan.year, result, ctx));
      return result;
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
