/**
 * Units as data on SharePoint (issue 14 item 1): a unit is a row of "DPO Förvaltningar" (name, English name,
 * organisation, archived, example, version) and its people responsible are rows of "DPO Ansvariga" (UnitKey,
 * Role, Name, Email, ObjectId, Position), the list the DPO manages and src/identity reads as role grants.
 *
 * A create writes the unit, its first year and its twelve control points in one chained $batch
 * (SharePointData.createMany), then one unit.created change; anything half written is deleted again.
 * An update PATCHes the unit's row under its eTag (a 412 is a conflict) and brings the people rows in line.
 * list items:  https://learn.microsoft.com/en-us/graph/api/listitem-create, listitem-update, listitem-delete
 */
import * as changes from '../../domain/changes.js';
import { DomainError, notFound } from '../../domain/errors.js';
import type { Unit, UnitPerson } from '../../domain/model.js';
import { applyUnitPatch, checkNewUnit, firstYearOf, newUnitControlPoints, type NewUnit, type UnitPatch } from '../../domain/units.js';
import { GraphHttpError } from '../../graph/client.js';
import type { DelegatedCredential, StoreWriteContext } from '../port.js';
import type { NewItem, Reads, SharePointData } from './data-access.js';
import { etagOf, FieldReader, read, write, type ListItem } from './items.js';
import { odataString, type SiteLists } from './site.js';

const unitFilter = (unitId: string) => `fields/UnitKey eq ${odataString(unitId)}`;

export class SharePointUnits {
  constructor(private readonly data: SharePointData) {}

  /** The units of these rows with their people (rows a person left unreadable are reported and left out). */
  join(lists: SiteLists, unitItems: ListItem[], peopleItems: ListItem[]): Unit[] {
    const people = this.data.parse('unitPeople', peopleItems, read.unitPerson, lists).sort((a, b) => a.position - b.position);
    return this.data.parse('units', unitItems, read.unit, lists).map((u) => ({
      ...u,
      responsible: people.filter((p) => p.unitId === u.id).map(({ unitId: _unit, position: _position, ...p }) => p),
    }));
  }

  /** Every unit (or the one asked for) with its people: two list reads in one batch. */
  async list(unitId?: string): Promise<Unit[]> {
    const lists = await this.data.lists();
    const filter = unitId === undefined ? {} : { filter: unitFilter(unitId) };
    const r = await this.data.readMany({ units: { list: 'units', ...filter }, people: { list: 'unitPeople', ...filter } });
    const units = this.join(lists, r.units, r.people);
    return unitId === undefined ? units : units.filter((u) => u.id === unitId);
  }

  async create(input: NewUnit, ctx: StoreWriteContext): Promise<Unit> {
    const unit = checkNewUnit(input, ctx);
    const year = firstYearOf(input, ctx);
    const lists = await this.data.lists();
    const reads: Reads<string> = {
      units: { list: 'units', filter: unitFilter(unit.id) },
      ...(ctx.requestId ? { repeat: { list: 'units', filter: `fields/RequestId eq ${odataString(ctx.requestId)}` } } : {}),
    };
    const r = await this.data.readMany(reads);
    const repeat = (r.repeat ?? []).find((i) => i.fields?.RequestId === ctx.requestId);
    if (repeat) return (await this.list(read.unit(new FieldReader(lists.def('units').displayName, repeat)).id))[0]!;
    if ((r.units ?? []).some((i) => i.fields?.UnitKey === unit.id)) throw new DomainError('unit_exists', { id: unit.id });
    const items: NewItem[] = [
      { list: 'units', fields: write.unit(unit, ctx.requestId ? { requestId: ctx.requestId } : {}) },
      { list: 'years', fields: write.year(unit.id, year, ctx.now.toISOString()) },
      ...newUnitControlPoints(unit).map((cp): NewItem => ({ list: 'controlPoints', fields: write.controlPoint(cp) })),
      ...unit.responsible.map((p, i): NewItem => ({ list: 'unitPeople', fields: write.unitPerson(unit.id, p, i) })),
    ];
    const created = await this.data.createMany(items);
    const undo = () => this.deleteAll(created.flatMap((c) => (c.ok ? [c] : [])));
    const failed = created.find((c) => !c.ok);
    if (failed && !failed.ok) {
      await undo();
      throw failed.error;
    }
    await this.data.appendChangeOrUndo(changes.unitCreated(unit, year, ctx), undo, ctx.onBehalfOf);
    return unit;
  }

  private async deleteAll(items: { list: NewItem['list']; item: ListItem }[]): Promise<void> {
    for (const c of [...items].reverse()) await this.data.deleteItem(c.list, c.item.id);
  }

  async update(id: string, patch: UnitPatch, ctx: StoreWriteContext): Promise<Unit> {
    const lists = await this.data.lists();
    const r = await this.data.readMany({
      units: { list: 'units', filter: unitFilter(id) },
      people: { list: 'unitPeople', filter: unitFilter(id) },
    });
    const item = r.units.find((i) => i.fields?.UnitKey === id);
    if (!item) throw notFound('unit');
    const [before] = this.join(lists, [item], r.people);
    if (!before) throw new DomainError('sharepoint_item_invalid', { list: lists.def('units').displayName, item: item.id });
    const after = applyUnitPatch(before, patch, ctx);
    try {
      await this.data.patchItem('units', item.id, write.unit(after), etagOf(item), ctx.onBehalfOf);
    } catch (error) {
      if (error instanceof GraphHttpError && error.status === 412) throw new DomainError('conflict');
      throw error;
    }
    const ownPeople = r.people.filter((i) => i.fields?.UnitKey === id);
    if (patch.responsible !== undefined) await this.writePeople(id, ownPeople, after.responsible, ctx.onBehalfOf);
    await this.data.appendChangeOrUndo(
      changes.unitUpdated(before, after, ctx),
      async () => {
        await this.data.patchItem('units', item.id, write.unit(before), '', ctx.onBehalfOf);
        if (patch.responsible === undefined) return;
        const { people } = await this.data.readMany({ people: { list: 'unitPeople', filter: unitFilter(id) } });
        await this.writePeople(
          id,
          people.filter((i) => i.fields?.UnitKey === id),
          before.responsible,
          ctx.onBehalfOf,
        );
      },
      ctx.onBehalfOf,
    );
    return after;
  }

  /** Brings a unit's people rows in line with `people`, in order: rows rewritten in place, then added or deleted. */
  private async writePeople(unitId: string, rows: ListItem[], people: readonly UnitPerson[], as?: DelegatedCredential): Promise<void> {
    const ordered = [...rows].sort(
      (a, b) => Number(a.fields?.Position ?? a.id) - Number(b.fields?.Position ?? b.id) || Number(a.id) - Number(b.id),
    );
    for (const [i, person] of people.entries()) {
      const row = ordered[i];
      const fields = write.unitPerson(unitId, person, i);
      if (row) await this.data.patchItem('unitPeople', row.id, fields, '', as);
      else await this.data.createItem('unitPeople', fields, as);
    }
    for (const row of ordered.slice(people.length)) await this.data.deleteItem('unitPeople', row.id, undefined, as);
  }
}
