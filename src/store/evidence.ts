/**
 * The port's evidence part (BoardStore.evidence): links people add to a control point and, in
 * SharePoint mode, the files of the "DPO Underlag" document library. Both stores pass
 * tests/store/evidence-contract.ts.
 */
import type { Evidence, NewEvidence } from '../domain/evidence.js';
import type { WriteContext } from '../domain/rules.js';

export interface EvidenceStore {
  /** The control point's evidence, newest document first (sortEvidence). Throws not_found for an unknown unit or control point. */
  list(unitId: string, controlPoint: number): Promise<Evidence[]>;
  /** How many items each control point of the unit has (control points without evidence are left out). */
  countByControlPoint(unitId: string): Promise<Map<number, number>>;
  /** Adds a link after checkNewEvidence (role, https only, kind, date). */
  add(input: NewEvidence, ctx: WriteContext): Promise<Evidence>;
  /**
   * Removes a link (the DPO, the CISO or an editor). A library file is removed in the library,
   * not here: unprocessable. Throws not_found when there is no such evidence on the unit.
   */
  remove(unitId: string, id: string, ctx: WriteContext): Promise<Evidence>;
}
