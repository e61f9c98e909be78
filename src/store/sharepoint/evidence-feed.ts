/**
 * Files that appear in (or leave) the "DPO Underlag" library become change records, so the channel
 * hears of them like of any other evidence: a file is evidence.added the first time the sync sees it
 * with a control point (uploaded with one, or given one later), by whoever uploaded it; a deleted file
 * whose evidence.added is in the change log becomes evidence.removed. Each is claimed once across
 * instances in the app state (claimOnce), so two instances reading the same delta post it once. The
 * first enumeration of the library (no saved cursor) adopts what is there without posting.
 * Delta on a library's items: https://learn.microsoft.com/en-us/graph/api/listitem-delta.
 */
import * as changes from '../../domain/changes.js';
import type { Evidence } from '../../domain/evidence.js';
import type { Actor } from '../../domain/roles.js';
import type { SharePointAppState } from './app-state.js';
import type { SharePointData } from './data-access.js';
import { listContext } from './edit-claims.js';
import { FILE_PREFIX, readFile } from './evidence.js';
import { read, type ListItem } from './items.js';

export class LibraryEvidenceFeed {
  constructor(
    private readonly data: SharePointData,
    private readonly state: SharePointAppState,
    private readonly uploaderOf: (item: ListItem) => Promise<Actor>,
  ) {}

  /** One delta's items of the library (`baseline`: the first enumeration); answers how many change records were appended. */
  async process(items: ListItem[], baseline: boolean): Promise<number> {
    if (baseline || items.length === 0) return 0;
    const present = items.filter((i) => !i.deleted);
    const soleUnit = present.length > 0 ? await this.soleUnit() : null;
    let recorded = 0;
    for (const item of items) recorded += item.deleted ? await this.removed(item.id) : await this.seen(item, soleUnit);
    return recorded;
  }

  private async seen(item: ListItem, soleUnit: string | null): Promise<number> {
    const lists = await this.data.lists();
    const [evidence] = this.data.parse('evidenceLibrary', [item], (r) => readFile(r, soleUnit), lists);
    if (!evidence || !(await this.state.claimOnce(`evidence:${evidence.id}:added`, new Date(), null))) return 0;
    const actor = await this.uploaderOf(item);
    await this.data.appendChange(changes.evidenceAdded(evidence, { actor, source: 'sharepoint', now: new Date() }));
    return 1;
  }

  /** A deleted file the channel was told of (its evidence.added is in the change log) is evidence.removed, once. */
  private async removed(itemId: string): Promise<number> {
    const entityId = `evidence:${FILE_PREFIX}${itemId}`;
    const log = (await this.data.freshChangeLog()).since(0, Number.MAX_SAFE_INTEGER).filter((c) => c.entityId === entityId);
    const last = log.at(-1);
    if (last?.kind !== 'evidence.added' || !(await this.state.claimOnce(`${entityId}:removed`, new Date(), null))) return 0;
    const evidence = last.after as Evidence;
    await this.data.appendChange(changes.evidenceRemoved(evidence, listContext()));
    return 1;
  }

  /** The site's unit when it holds exactly one (a file without a unit key is that unit's). */
  private async soleUnit(): Promise<string | null> {
    const lists = await this.data.lists();
    const { units } = await this.data.readMany({ units: { list: 'units' } });
    const parsed = this.data.parse('units', units, read.unit, lists);
    return parsed.length === 1 ? parsed[0]!.id : null;
  }
}
