/**
 * Direct edits of the units' lists (issue 14 item 1), for the sync (./sync.ts, which hands over the deltas of
 * "DPO Förvaltningar" and "DPO Ansvariga"). The people responsible are role grants (src/identity reads them),
 * so a row there is checked like any write: the editor must hold manageUnits in the unit (both units, for a
 * row moved from one to another), the unit must exist and not be archived, and the person must be valid.
 * - allowed: the row is claimed under its eTag (its AppSnapshot written) and one unit.updated (or unit.created,
 *   unit.archived) change recorded, so the channel hears of it like any other change;
 * - refused: an edited row is put back under its eTag, a new row is marked and deleted; one edit.refused change.
 * A unit's row deleted in the list is put back (units are archived, never deleted); a deleted person row is
 * recorded as unit.updated (SharePoint's delta does not say who deleted it, so it is the list's own change).
 * The first enumeration adopts what is there without recording. Same machinery and rules as ./sync.ts.
 */
import * as changes from '../../domain/changes.js';
import type { EntityTarget } from '../../domain/changes.js';
import { details, DomainError, notFound } from '../../domain/errors.js';
import type { NewChange, Unit, UnitPerson } from '../../domain/model.js';
import { authorize, type WriteContext } from '../../domain/rules.js';
import {
  applyUnitPatch,
  checkNewUnit,
  checkResponsible,
  checkUnitWritable,
  firstYearOf,
  newUnitControlPoints,
  type UnitPatch,
} from '../../domain/units.js';
import { errorWords } from '../../words/errors.js';
import type { SharePointAppState } from './app-state.js';
import type { NewItem, SharePointData } from './data-access.js';
import { claimItem, deletionClaim, dropItem, isRefusedRow, listContext, refuseEdit } from './edit-claims.js';
import { editedFields, FieldReader, ItemProblem, read, readSnapshot, write, type ListItem } from './items.js';
import type { SiteLists } from './site.js';

type UnitRow = Omit<Unit, 'responsible'>;
type PersonRow = UnitPerson & { unitId: string; position: number };
type UnitList = 'units' | 'unitPeople';
type Fields = Record<string, unknown>;

const NOT_DELETED = details(
  'en förvaltning tas inte bort: arkivera den i stället, så finns historiken kvar',
  'a unit is not deleted: archive it instead, so its history is kept',
);

const pick = (fields: Fields, keys: string[]): Fields => Object.fromEntries(keys.filter((k) => k in fields).map((k) => [k, fields[k]]));
const UNIT_FIELDS = ['UnitKey', 'Title', 'NameEn', 'Organisation', 'Archived'];
const PERSON_FIELDS = ['UnitKey', 'Title', 'Role', 'Email', 'ObjectId'];

export class UnitEditSync {
  /** What the board accepted: each unit's row (by unit id, with its item id) and each person row (by item id). */
  private readonly units = new Map<string, { itemId: string; unit: UnitRow }>();
  private readonly people = new Map<string, PersonRow>();
  private loaded = false;

  constructor(
    private readonly data: SharePointData,
    private readonly state: SharePointAppState,
    private readonly contextOf: (item: ListItem, created: boolean) => Promise<WriteContext>,
  ) {}

  /** Refuses a direct edit of an archived unit's rows (./sync.ts asks for every other list), as the write guard does. */
  checkWritable(...unitIds: string[]): void {
    for (const unitId of unitIds) {
      const row = this.units.get(unitId)?.unit;
      if (row) checkUnitWritable(row);
    }
  }

  private unitWith(unitId: string, people = this.responsibleOf(unitId)): Unit | null {
    const row = this.units.get(unitId)?.unit;
    return row ? { ...row, responsible: people } : null;
  }

  private responsibleOf(unitId: string, rows: Iterable<PersonRow> = this.people.values()): UnitPerson[] {
    return [...rows]
      .filter((p) => p.unitId === unitId)
      .sort((a, b) => a.position - b.position)
      .map(({ unitId: _u, position: _p, ...person }) => person);
  }

  /** From saved cursors the deltas bring only what changed: read both lists whole once, as the board has them. */
  async load(lists: SiteLists, fromCursor: boolean): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    if (!fromCursor) return;
    const all = await this.data.readMany({ units: { list: 'units' }, people: { list: 'unitPeople' } });
    for (const item of all.units) this.noteUnit(lists, item);
    for (const item of all.people) this.notePerson(lists, item);
  }

  private noteUnit(lists: SiteLists, item: ListItem): void {
    const [unit] = this.data.parse('units', [item], read.unit, lists);
    if (unit) this.units.set(unit.id, { itemId: item.id, unit: { ...unit } });
  }

  private notePerson(lists: SiteLists, item: ListItem): void {
    const [person] = this.data.parse('unitPeople', [item], read.unitPerson, lists);
    if (person) this.people.set(item.id, person);
  }

  /** The delta of one of the lists; answers how many changes it recorded. */
  async process(lists: SiteLists, key: UnitList, items: ListItem[], baseline: boolean): Promise<number> {
    let recorded = 0;
    for (const item of items) {
      try {
        if (await (key === 'units' ? this.unitRow(lists, item, baseline) : this.personRow(lists, item, baseline))) recorded += 1;
      } catch (error) {
        if (error instanceof ItemProblem) this.data.reportProblem(error);
        else if (error instanceof DomainError)
          this.data.reportProblem(new ItemProblem(lists.def(key).displayName, item.id, null, error.message));
        else throw error;
      }
    }
    return recorded;
  }

  // ---- DPO Förvaltningar -------------------------------------------------------------------------

  private async unitRow(lists: SiteLists, item: ListItem, baseline: boolean): Promise<boolean> {
    if (item.deleted) return this.unitDeleted(item);
    const r = new FieldReader(lists.def('units').displayName, item);
    if (isRefusedRow(item)) return this.dropRefused('units', item);
    const now = read.unit(r);
    const known = readSnapshot<Pick<Unit, 'id' | 'name' | 'nameEn' | 'organisation' | 'archived'>>(r);
    if (!known && baseline) return this.claimUnit(item, now, null);
    if (!known) return this.newUnit(item, now);
    const accepted = this.units.get(known.id)?.unit ?? { ...now, ...known };
    const before: Unit = { ...accepted, ...known, responsible: this.responsibleOf(known.id) };
    const edited = editedFields('unit', known, now);
    if (now.id === known.id && edited.length === 0) return this.claimUnit(item, { ...now, ...known }, null, false);
    const ctx = await this.contextOf(item, false);
    try {
      if (now.id !== known.id)
        throw new DomainError('invalid_input', details('förvaltningens id ändras inte', "a unit's id does not change"));
      const patch: UnitPatch = { ...pick(now as unknown as Fields, edited), expectedVersion: before.version };
      const after = applyUnitPatch(before, patch, ctx);
      return await this.claimUnit(item, after, changes.unitUpdated(before, after, ctx));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = pick(write.unit(before), UNIT_FIELDS);
      return this.refuse('units', item, this.unitTarget(known.id), before, now, error, ctx, restore);
    }
  }

  /** A unit made by hand in the list: allowed for manageUnits everywhere, and completed as createUnit makes one. */
  private async newUnit(item: ListItem, now: UnitRow): Promise<boolean> {
    const ctx = await this.contextOf(item, true);
    let unit: Unit;
    try {
      unit = checkNewUnit({ id: now.id, name: now.name, nameEn: now.nameEn, organisation: now.organisation }, ctx);
      if (this.units.has(unit.id)) throw new DomainError('unit_exists', { id: unit.id });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return this.refuse('units', item, this.unitTarget(now.id), null, now, error, ctx, null);
    }
    const year = firstYearOf({ ...unit }, ctx);
    if (!(await this.claimUnit(item, unit, null))) return false;
    const rest: NewItem[] = [
      { list: 'years', fields: write.year(unit.id, year, ctx.now.toISOString()) },
      ...newUnitControlPoints(unit).map((cp): NewItem => ({ list: 'controlPoints', fields: write.controlPoint(cp) })),
    ];
    await this.data.createMany(rest);
    await this.data.appendChange(changes.unitCreated(unit, year, ctx));
    return true;
  }

  /** A unit's row is never deleted: it is put back from what the board had, once across instances. */
  private async unitDeleted(item: ListItem): Promise<boolean> {
    const entry = [...this.units.values()].find((u) => u.itemId === item.id);
    if (!entry || !(await this.state.claimOnce(deletionClaim('units', item.id), new Date(), null))) return false;
    const unit: Unit = { ...entry.unit, responsible: this.responsibleOf(entry.unit.id) };
    const created = await this.data.createItem('units', write.unit(unit));
    this.units.set(unit.id, { itemId: created.id, unit: entry.unit });
    const ctx = listContext();
    const reason = errorWords(new DomainError('unprocessable', NOT_DELETED));
    await this.data.appendChange(
      changes.editRefused(this.unitTarget(unit.id), unit, { what: 'unit', action: 'edit', attempted: null, reason }, ctx),
    );
    return true;
  }

  private unitTarget(unitId: string): EntityTarget {
    return { what: 'unit', key: unitId, unitId, year: null, controlPoint: null };
  }

  /** Writes the unit's snapshot (and version) under the eTag, remembers it, and records the change when there is one. */
  private async claimUnit(item: ListItem, unit: UnitRow, change: NewChange | null, write_ = true): Promise<boolean> {
    if (write_) {
      const { Version, AppSnapshot } = write.unit(unit);
      if (!(await this.patch('units', item, { Version, AppSnapshot }))) return false;
    }
    this.units.set(unit.id, { itemId: item.id, unit: { ...unit } });
    if (!change) return false;
    await this.data.appendChange(change);
    return true;
  }

  // ---- DPO Ansvariga -----------------------------------------------------------------------------

  private async personRow(lists: SiteLists, item: ListItem, baseline: boolean): Promise<boolean> {
    if (item.deleted) return this.personDeleted(item);
    const r = new FieldReader(lists.def('unitPeople').displayName, item);
    if (isRefusedRow(item)) return this.dropRefused('unitPeople', item);
    const now = read.unitPerson(r);
    const known = readSnapshot<PersonRow>(r);
    if (!known && baseline) return this.claimPerson(item, now, null);
    const edited = known ? editedFields('unitPerson', known, now) : [];
    if (known && edited.length === 0) return this.claimPerson(item, { ...now, ...known, position: now.position }, null, false);
    const ctx = await this.contextOf(item, !known);
    const units = [...new Set([known?.unitId, now.unitId].filter((u): u is string => u !== undefined))];
    const before = this.unitWith(now.unitId);
    try {
      for (const unitId of units) {
        authorize(ctx.actor, 'manageUnits', unitId);
        const unit = this.unitWith(unitId);
        if (!unit) throw notFound('unit');
        checkUnitWritable(unit);
      }
      const [person] = checkResponsible([now]);
      const accepted: PersonRow = { ...person!, unitId: now.unitId, position: now.position };
      const rows = new Map(this.people).set(item.id, accepted);
      const after: Unit = { ...before!, responsible: this.responsibleOf(now.unitId, rows.values()) };
      return await this.claimPerson(item, accepted, changes.unitUpdated(before!, after, ctx));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const restore = known ? pick(write.unitPerson(known.unitId, known, known.position), PERSON_FIELDS) : null;
      const target = this.unitTarget(known?.unitId ?? now.unitId);
      return this.refuse('unitPeople', item, { ...target, what: 'unitPerson', key: item.id }, known, now, error, ctx, restore);
    }
  }

  private async personDeleted(item: ListItem): Promise<boolean> {
    const known = this.people.get(item.id);
    if (!known) return false;
    const before = this.unitWith(known.unitId);
    this.people.delete(item.id);
    if (!before || !(await this.state.claimOnce(deletionClaim('unitPeople', item.id), new Date(), null))) return false;
    const ctx = listContext();
    await this.data.appendChange(changes.unitUpdated(before, { ...before, responsible: this.responsibleOf(known.unitId) }, ctx));
    return true;
  }

  private async claimPerson(item: ListItem, person: PersonRow, change: NewChange | null, write_ = true): Promise<boolean> {
    if (write_) {
      const { AppSnapshot } = write.unitPerson(person.unitId, person, person.position);
      if (!(await this.patch('unitPeople', item, { AppSnapshot }))) return false;
    }
    this.people.set(item.id, person);
    if (!change) return false;
    await this.data.appendChange(change);
    return true;
  }

  // ---- both (./edit-claims.ts) ---------------------------------------------------------------------

  private patch(key: UnitList, item: ListItem, fields: Fields): Promise<boolean> {
    return claimItem(this.data, key, item, fields);
  }

  private refuse(
    key: UnitList,
    item: ListItem,
    target: EntityTarget,
    before: object | null,
    attempted: object,
    error: DomainError,
    ctx: WriteContext,
    restore: Fields | null,
  ): Promise<boolean> {
    return refuseEdit(this.data, key, item, { target, before, attempted, error, ctx }, restore);
  }

  private async dropRefused(key: UnitList, item: ListItem): Promise<boolean> {
    await dropItem(this.data, key, item);
    return false;
  }
}
