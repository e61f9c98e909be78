import type { BoardStore } from '../store/port.js';
import { scaleTag } from '../store/scale-setup.js';

/**
 * Serialized views keyed by what they depend on. Every write appends a change record in the
 * same transaction, so (unit, year, newest change, today) identifies a board exactly; the
 * cache only saves rebuilding and re-serializing it on every poll.
 */
export class ViewCache {
  private readonly entries = new Map<string, Buffer>();

  constructor(private readonly capacity = 32) {}

  async get(key: string, build: () => Promise<unknown>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const bytes = Buffer.from(JSON.stringify(await build()));
    this.entries.set(key, bytes);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return bytes;
  }
}

/**
 * What a cached view depends on besides the newest change: the store's content tag (direct list edits
 * without a change kind) and the scale it is shown on. Part of the board's and the city view's ETags.
 */
export function stateTagOf(store: Pick<BoardStore, 'contentTag' | 'scale'>): string {
  return [store.contentTag?.(), scaleTag(store.scale)].filter(Boolean).join('.');
}
