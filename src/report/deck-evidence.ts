/**
 * The deck's appendix of evidence per control point (issue 12, item 4): every item's title,
 * kind, date, who added it and its link, the control points in order, and which control points
 * have none. Left out when the unit has no evidence at all (the glance slide's count says so).
 */
import type { Evidence } from '../domain/evidence.js';
import { BODY_TOP, COLORS, CONTENT_W, type FlowItem, type FlowTable } from './deck-kit.js';
import type { SlideContext } from './deck-slides.js';
import type { Labels } from './labels.js';
import type { ReportControlPoint } from './report-data.js';
import { dataText, withData } from './spans.js';

/** The appendix's columns; the link takes what the others leave. */
function columns(t: Labels): FlowTable['columns'] {
  const fixed = [
    { header: t.controlPoint, w: 2.3 },
    { header: t.colEvidenceTitle, w: 2.9 },
    { header: t.colEvidenceKind, w: 1.3 },
    { header: t.colEvidenceDate, w: 1.05 },
    { header: t.colAddedBy, w: 1.5 },
  ];
  return [...fixed, { header: t.colLink, w: CONTENT_W - fixed.reduce((sum, c) => sum + c.w, 0) }];
}

function row(cp: ReportControlPoint, e: Evidence, t: Labels): FlowItem {
  const who = withData((d) => (e.origin === 'library' ? `${d(e.addedByName)} (${t.evidenceFromLibrary})` : d(e.addedByName)));
  return {
    row: {
      cells: [
        { text: withData((d) => `${cp.number}. ${d(cp.title)}`) },
        { text: dataText(e.title), url: e.url },
        { text: t.evidenceKind[e.kind] },
        { text: e.date },
        { text: who },
        { text: dataText(e.url), url: e.url },
      ],
    },
  };
}

export function evidenceAppendix(ctx: SlideContext): void {
  const { kit, data, t } = ctx;
  if (!data.evidenceKept || data.controlPoints.every((cp) => cp.evidence.length === 0)) return;
  const table: FlowTable = { columns: columns(t), size: 10 };
  const items: FlowItem[] = data.controlPoints.flatMap((cp) => cp.evidence.map((e) => row(cp, e, t)));
  const without = data.controlPoints.filter((cp) => cp.evidence.length === 0).map((cp) => cp.number);
  if (without.length > 0) {
    items.push({
      para: { text: t.evidenceMissing(without.join(', ')), size: 12, color: COLORS.muted, spaceBefore: 8, keepWithPrevious: true },
    });
  }
  const top = () => BODY_TOP;
  kit.drawFlow(
    { kind: 'evidence', title: t.appendixTitle, continuation: false },
    kit.paginateFlow(items, table, top),
    table,
    top,
    () => {},
  );
}
