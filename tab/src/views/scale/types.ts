/** The answers of GET/PUT /api/scale/setup and GET /api/about-data (src/api/scale-router.ts). */
import type { ReportReading, ScaleSetup, MarkReading } from '../../../../src/domain/interpretation.js';
import type { Scale } from '../../../../src/domain/scale.js';
import type { ScaleSetupChange } from '../../../../src/store/scale-setup.js';

export interface ScaleSetupAnswer {
  setup: ScaleSetup;
  scale: Scale;
  log: ScaleSetupChange[];
  canEdit: boolean;
}

export interface AboutDataAnswer {
  unitId: string;
  year: number;
  reading: ReportReading | null;
  marks: (MarkReading & { level: number | null; interpreted: boolean })[];
  setup: ScaleSetup;
  scale: Scale;
}
