/** The evidence a bot card shows for a control point: how many items, and the link to them in the tab. */
import type { BoardStore } from '../src/store/port.js';
import type { EvidenceLink } from './cards.js';

/** Counted from the store's synced state (one read per unit, shared by every card and viewer). */
export async function evidenceLink(store: BoardStore, unitId: string, controlPoint: number, url: string): Promise<EvidenceLink> {
  const counts = await store.evidence.countByControlPoint(unitId);
  return { count: counts.get(controlPoint) ?? 0, url };
}
