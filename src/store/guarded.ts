/**
 * The store's write guard: a BoardStore decorator the server opens every store through (src/store/open.ts),
 * so the API, the bot, status requests and the schedule are covered whichever store is configured.
 * - Open year: assessments and status updates go to the unit's open (newest) year only (409 year_closed).
 * - Archived units (src/domain/units.ts): every write to an archived unit is refused (409 unit_archived),
 *   evidence and status requests included; the unit itself is restored through updateUnit, whose rule allows that.
 * The SharePoint sync applies the same rules to direct edits (checkOpenYear; units.ts checkUnitWritable).
 *
 * A Proxy forwards everything else untouched, so the store keeps its own members and type
 * (and `instanceof`) for the composition root, and a method added to the port later is
 * forwarded without an edit here.
 */
import { checkOpenYear } from '../domain/rules.js';
import { checkUnitWritable } from '../domain/units.js';
import type { BoardStore } from './port.js';

type Args = unknown[];
/** Where a write names its unit: a string first argument, or the `unitId` of the input. */
const unitArg = (args: Args): string => (typeof args[0] === 'string' ? args[0] : (args[0] as { unitId: string }).unitId);

const YEAR_WRITES: ReadonlySet<PropertyKey> = new Set(['addAssessment', 'addStatusUpdate']);
const UNIT_WRITES: ReadonlySet<PropertyKey> = new Set([
  'addAssessment',
  'addStatusUpdate',
  'createActivity',
  'updateActivity',
  'updateInstruction',
  'updateControlPoint',
  'createActionPlanItem',
  'updateActionPlanItem',
  'updateContact',
  'startYear',
]);
/** The writes of the store's parts: evidence links and status requests. */
const PART_WRITES: Readonly<Record<string, ReadonlySet<PropertyKey>>> = {
  evidence: new Set(['add', 'remove']),
  statusRequests: new Set(['create', 'markAnswered']),
};
const GUARDED = Symbol('write guard');

/** Refuses the write when its unit is archived; an unknown unit is left to the store (not found). */
async function checkUnitOpen(store: BoardStore, unitId: string): Promise<void> {
  const unit = (await store.listUnits()).find((u) => u.id === unitId);
  if (unit) checkUnitWritable(unit);
}

/** `part` with its writes checked against archived units first. */
function guardPart<P extends object>(store: BoardStore, part: P, writes: ReadonlySet<PropertyKey>): P {
  return new Proxy(part, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (!writes.has(property) || typeof value !== 'function') return value;
      return async (...args: Args) => {
        await checkUnitOpen(store, unitArg(args));
        return (value as (...a: Args) => Promise<unknown>).apply(target, args);
      };
    },
  });
}

/** The store, refusing writes to an archived unit and assessments and status updates for any year but the open one. */
export function guardOpenYear<S extends BoardStore>(store: S): S {
  if ((store as { [GUARDED]?: true })[GUARDED]) return store;
  const parts = new WeakMap<object, object>();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === GUARDED) return true;
      const value: unknown = Reflect.get(target, property, receiver);
      const partWrites = typeof property === 'string' ? PART_WRITES[property] : undefined;
      if (partWrites && value && typeof value === 'object') {
        if (!parts.has(value)) parts.set(value, guardPart(target, value, partWrites));
        return parts.get(value);
      }
      if (!UNIT_WRITES.has(property) || typeof value !== 'function') return value;
      return async (...args: Args) => {
        const unitId = unitArg(args);
        await checkUnitOpen(target, unitId);
        if (YEAR_WRITES.has(property)) checkOpenYear((args[0] as { year: number }).year, await target.listYears(unitId));
        return (value as (...a: Args) => Promise<unknown>).apply(target, args);
      };
    },
  });
}
