/**
 * The change log list, mirrored in memory through delta. Item id = sequence number, so
 * changesSince(cursor) and latestChangeSeq() read the mirror after one delta request
 * (which can ride along in a board read's $batch).
 */
import type { ChangeRecord } from '../../domain/model.js';
import type { BatchResponse, GraphApi, Page } from '../../graph/client.js';
import { readDelta, deltaBatchRequest } from './delta.js';
import { FieldReader, read, type ItemProblem, type ListItem } from './items.js';
import type { SiteLists } from './site.js';

export class ChangeLogMirror {
  private readonly records = new Map<number, ChangeRecord>();
  private cursor: string | null = null;
  private running: Promise<void> | undefined;

  constructor(
    private readonly graph: GraphApi,
    private readonly lists: SiteLists,
    private readonly onProblem: (p: ItemProblem) => void,
  ) {}

  /** The next delta page as a batch request, when one can go in a batch. */
  batchRequest(id: string) {
    return deltaBatchRequest(this.graph, id, this.cursor, this.lists.deltaUrl('changes'));
  }

  /** Brings the mirror up to date, from a first page already read in a batch or with its own request. */
  refresh(first?: BatchResponse<Page<ListItem>>): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const next = previous.then(() => this.pull(first));
    this.running = next.finally(() => {
      if (this.running === next) this.running = undefined;
    });
    return next;
  }

  private async pull(first?: BatchResponse<Page<ListItem>>): Promise<void> {
    // A first page read in a batch is only valid for the cursor it was asked with; a queued refresh re-reads.
    const result = await readDelta(this.graph, this.cursor, this.lists.deltaUrl('changes'), first, (id) =>
      this.lists.itemUrl('changes', id),
    );
    if (result.restarted) this.records.clear();
    for (const item of result.items) this.apply(item);
    this.cursor = result.deltaLink;
  }

  /** Adds a record the store just appended (the next delta brings the same item again). */
  add(record: ChangeRecord): void {
    this.records.set(record.seq, record);
  }

  private apply(item: ListItem): void {
    const seq = Number(item.id);
    if (item.deleted) {
      this.records.delete(seq);
      return;
    }
    try {
      this.records.set(seq, read.change(new FieldReader(this.lists.def('changes').displayName, item)));
    } catch (error) {
      this.onProblem(error as ItemProblem);
    }
  }

  latest(): number {
    let max = 0;
    for (const seq of this.records.keys()) if (seq > max) max = seq;
    return max;
  }

  since(cursor: number, limit: number): ChangeRecord[] {
    return [...this.records.values()]
      .filter((c) => c.seq > cursor)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }

  forControlPoint(unitId: string, number: number, limit = 200): ChangeRecord[] {
    return [...this.records.values()]
      .filter((c) => c.unitId === unitId && c.controlPoint === number)
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit);
  }
}
