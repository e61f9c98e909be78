/**
 * The open-year guard: a BoardStore decorator that refuses writes to a report year that is
 * not the unit's open (newest) one, with 409 year_closed. The server opens every store through
 * it (src/store/open.ts), so the API and the bot are covered whichever store is configured;
 * the SharePoint sync applies the same rule (checkOpenYear) to direct edits.
 *
 * A Proxy forwards everything else untouched, so the store keeps its own members and type
 * (and `instanceof`) for the composition root, and a method added to the port later is
 * forwarded without an edit here.
 */
import { checkOpenYear } from '../domain/rules.js';
import type { BoardStore } from './port.js';

type YearWrite = 'addAssessment' | 'addStatusUpdate';
const YEAR_WRITES: ReadonlySet<PropertyKey> = new Set<YearWrite>(['addAssessment', 'addStatusUpdate']);
const GUARDED = Symbol('open-year guard');

/** The store, refusing assessments and status updates for any year but the open one. */
export function guardOpenYear<S extends BoardStore>(store: S): S {
  if ((store as { [GUARDED]?: true })[GUARDED]) return store;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === GUARDED) return true;
      const value: unknown = Reflect.get(target, property, receiver);
      if (!YEAR_WRITES.has(property) || typeof value !== 'function') return value;
      const write = value as BoardStore[YearWrite];
      return async (input: { unitId: string; year: number }, ctx: unknown) => {
        checkOpenYear(input.year, await target.listYears(input.unitId));
        return (write as (i: typeof input, c: unknown) => Promise<unknown>).call(target, input, ctx);
      };
    },
  });
}
