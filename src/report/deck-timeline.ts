/**
 * The report's overall action plan ("Övergripande handlingsplan"): the project's work packages
 * as bars against the project period, with a line at the day the report judges overdue by.
 */
import type { IsoDate, Quarter } from '../domain/model.js';
import { BODY_BOTTOM, BODY_TOP, COLORS, CONTENT_W, DeckKit, MX, type Slide } from './deck-kit.js';
import type { SlideContext } from './deck-slides.js';
import { monthYear } from './labels.js';
import { dataText, plainText, withData, type Text } from './spans.js';
import type { Para } from './text-fit.js';

const WARN = 'B91C1C';
const DONE = '15803D';
const LAYOUT = { labelW: 3.2, axisH: 0.35, maxRowH: 0.4, gap: 0.1, endW: 2.1 } as const;

export interface TimelineBar {
  label: Text;
  start: IsoDate;
  end: IsoDate | null;
  color: string;
  endText: string;
}

/** 2024-Q4 -> 2024-10-01. */
function quarterStart(quarter: Quarter): IsoDate {
  const [year, q] = quarter.split('-Q');
  return `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`;
}

const days = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** The bars: the project, then each work package from its first planned activity (else the project's start) to its expected end. */
export function timelineBars(ctx: SlideContext): TimelineBar[] {
  const { data, t, locale } = ctx;
  const project = data.actionPlan.project;
  if (!project) return [];
  const activities = data.controlPoints.flatMap((cp) => cp.activities);
  const bars: TimelineBar[] = [
    {
      label: withData((d) => `${t.timelineProject}: ${d(project.name)}`),
      start: project.startDate,
      end: project.endDate,
      color: COLORS.accent,
      endText: monthYear(project.endDate, locale),
    },
  ];
  const packages = [...data.actionPlan.workPackages].sort((a, b) => (a.expectedEnd ?? '9999').localeCompare(b.expectedEnd ?? '9999'));
  for (const wp of packages) {
    const starts = activities
      .filter((a) => a.workPackage === wp.key && a.dueFrom !== null)
      .map((a) => quarterStart(a.dueFrom!))
      .filter((d) => d >= project.startDate);
    bars.push({
      label: dataText(wp.name),
      start: starts.sort()[0] ?? project.startDate,
      end: wp.expectedEnd,
      color: wp.state === 'done' ? DONE : wp.overdue ? WARN : COLORS.accent,
      endText: [
        wp.expectedEnd ? monthYear(wp.expectedEnd, locale) : t.timelineNoEnd,
        wp.state === 'done' ? t.workPackageState.done : wp.overdue ? t.overdue : '',
      ]
        .filter(Boolean)
        .join(', '),
    });
  }
  return bars;
}

export function timelineSlide(ctx: SlideContext): void {
  const { kit, data, t } = ctx;
  const project = data.actionPlan.project;
  const bars = timelineBars(ctx);
  if (!project || bars.length === 0) return;
  const from = bars.reduce((min, b) => (b.start < min ? b.start : min), project.startDate);
  const to = bars.reduce((max, b) => (b.end && b.end > max ? b.end : max), project.endDate);
  const chartX = MX + LAYOUT.labelW;
  const chartW = CONTENT_W - LAYOUT.labelW - LAYOUT.endW;
  const xOf = (date: IsoDate) => chartX + ((days(date) - days(from)) / (days(to) - days(from))) * chartW;
  const title = withData((d) => `${t.timelineTitle} – ${d(project.name)}`);
  const slide = kit.newSlide({ kind: 'timeline', title: plainText(title), continuation: false });
  kit.addTitle(slide, title);
  const asOfInside = data.asOf >= from && data.asOf <= to;
  const notes: Para[] = [{ text: t.timelineNote(project.startDate), size: 10, color: COLORS.muted }];
  if (!asOfInside) notes.push({ text: t.asOfNote(data.asOf), size: 10, color: COLORS.muted, spaceBefore: 2 });
  const notesH = DeckKit.heightIn(notes);
  const room = BODY_BOTTOM - BODY_TOP - LAYOUT.axisH - notesH - (asOfInside ? 0.4 : 0.1);
  const rowH = Math.min(LAYOUT.maxRowH, room / bars.length - LAYOUT.gap);
  const chartBottom = BODY_TOP + LAYOUT.axisH + bars.length * (rowH + LAYOUT.gap);
  drawYears(slide, kit, from, to, xOf, chartBottom);
  bars.forEach((bar, i) => {
    const y = BODY_TOP + LAYOUT.axisH + i * (rowH + LAYOUT.gap) + LAYOUT.gap / 2;
    kit.addText(slide, bar.label, {
      x: MX,
      y,
      w: LAYOUT.labelW - 0.1,
      h: rowH,
      fontSize: 11,
      bold: i === 0,
      color: COLORS.ink,
      valign: 'middle',
      margin: 0,
      fit: 'none',
    });
    const x1 = xOf(bar.start);
    const x2 = bar.end ? xOf(bar.end) : chartX + chartW;
    slide.addShape('rect', {
      x: x1,
      y: y + 0.05,
      w: Math.max(0.05, x2 - x1),
      h: rowH - 0.1,
      fill: { color: bar.color, ...(bar.end ? {} : { transparency: 60 }) },
      line: { color: bar.color, width: 0.5 },
    });
    const endBox = kit.text({
      x: x2 + 0.06,
      y,
      w: LAYOUT.endW - 0.06,
      h: rowH,
      fontSize: 10,
      color: bar.color === WARN ? WARN : COLORS.muted,
    });
    slide.addText(bar.endText, { ...endBox, valign: 'middle', margin: 0, fit: 'none' });
  });
  if (asOfInside) {
    const x = xOf(data.asOf);
    slide.addShape('line', {
      x,
      y: BODY_TOP + LAYOUT.axisH - 0.05,
      w: 0,
      h: chartBottom - BODY_TOP - LAYOUT.axisH + 0.1,
      line: { color: WARN, width: 1.5, dashType: 'dash' },
    });
    slide.addText(t.timelineAsOf(data.asOf), {
      ...kit.text({ x: x - 0.9, y: chartBottom + 0.06, w: 1.8, h: 0.25, fontSize: 10, bold: true, color: WARN }),
      align: 'center',
      margin: 0,
    });
  }
  kit.addParas(slide, notes, { x: MX, y: BODY_BOTTOM - notesH, w: CONTENT_W, h: notesH });
}

/** Year labels over the chart and a faint line at each new year. */
function drawYears(slide: Slide, kit: DeckKit, from: IsoDate, to: IsoDate, xOf: (d: IsoDate) => number, bottom: number): void {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  for (let year = first; year <= last; year += 1) {
    const start = `${year}-01-01` < from ? from : `${year}-01-01`;
    const end = `${year}-12-31` > to ? to : `${year}-12-31`;
    const [x1, x2] = [xOf(start), xOf(end)];
    if (x2 - x1 >= 0.4) {
      slide.addText(String(year), {
        ...kit.text({ x: x1, y: BODY_TOP, w: x2 - x1, h: LAYOUT.axisH - 0.05, fontSize: 11, bold: true, color: COLORS.muted }),
        align: 'center',
        valign: 'bottom',
        margin: 0,
      });
    }
    if (`${year}-01-01` > from) {
      slide.addShape('line', { x: x1, y: BODY_TOP + 0.05, w: 0, h: bottom - BODY_TOP - 0.05, line: { color: COLORS.track, width: 0.75 } });
    }
  }
}
