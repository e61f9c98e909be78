/** The slides of the annual report, in the order and with the content of the DPO's deck. */
import type { Locale } from '../domain/model.js';
import { levelLabel, levelStep } from '../domain/scale.js';
import { neutralLevel } from '../words/index.js';
import { BODY_TOP, COLORS, CONTENT_W, DeckKit, MX, SECTION_MASTER, type FlowItem, type FlowTable, type Slide } from './deck-kit.js';
import { monthYear, periodLabel, type Labels } from './labels.js';
import type { ReportControlPoint, ReportData } from './report-data.js';
import { dataText, joinText, mapText, plainText, unitLabelIn, unitNameIn, withData, type Text } from './spans.js';
import { lineCount, linePt, type Para } from './text-fit.js';

export interface Contact {
  name: string;
  title: string;
  email: string;
}

export interface SlideContext {
  kit: DeckKit;
  data: ReportData;
  t: Labels;
  locale: Locale;
}

export const heading = (text: Text, spaceBefore = 10): Para => ({
  text,
  size: 16,
  bold: true,
  color: COLORS.accent,
  spaceBefore,
  keepWithNext: true,
});
export const bullet = (text: Text, level = 0, extra: Partial<Para> = {}): Para => ({
  text,
  size: 14,
  bullet: level,
  spaceBefore: 3,
  ...extra,
});
const plain = (text: Text, extra: Partial<Para> = {}): Para => ({ text, size: 14, spaceBefore: 6, ...extra });

/** Green for the top of the scale, red for the bottom, in between for the rest. */
export function levelColor(level: number, levels: number): string {
  const palette = ['B91C1C', 'D97706', 'CA8A04', '65A30D', '15803D'];
  return palette[levelStep(level, levels, palette.length)]!;
}

/**
 * A heat map cell's fill (the city deck and workbook): a light tint of the level's hue, red at the bottom of
 * the scale to green at the top, under dark text (TINT_INK: contrast 7:1 or more on every tint), so that
 * the level's number and marks stay legible at small sizes.
 */
export function levelTint(level: number, levels: number): string {
  const tints = ['FCA5A5', 'FDBA74', 'FDE047', 'BEF264', '86EFAC'];
  return tints[levelStep(level, levels, tints.length)]!;
}

/** The text colour on a level's tint. */
export const TINT_INK = '111827';

/**
 * A mark's fill: the level's colour for the DPO's own mark; the neutral accent for a mark read from
 * the report's X, whose direction the report never states, so that no colour passes a verdict on it.
 */
function markColor(level: number, levels: number, interpreted: boolean): string {
  return interpreted ? COLORS.accent : levelColor(level, levels);
}

/** Names from the store joined as a list ("A, B och C"); the joining words in the deck's language. */
function joinNames(names: string[], locale: Locale, d: (text: string) => string): string {
  const marked = names.map(d);
  if (marked.length <= 1) return marked.join('');
  return `${marked.slice(0, -1).join(', ')} ${locale === 'en' ? 'and' : 'och'} ${marked.at(-1)}`;
}

/** "Kontrollpunkt 1: Dataskyddsorganisation", the title as data. */
export const controlPointTitle = (cp: Pick<ReportControlPoint, 'number' | 'title'>, t: Labels): Text =>
  withData((d) => t.controlPointTitle(cp.number, d(cp.title)));

export function titleSlide({ kit, data, t, locale }: SlideContext): void {
  const project = data.actionPlan.project;
  const paras: Para[] = [
    plain(t.introPresents, { spaceBefore: 0 }),
    bullet(t.introResults(data.year), 1),
    bullet(
      withData((d) => t.introPlan(unitNameIn(data.unit, locale, d))),
      1,
    ),
  ];
  if (project) {
    paras.push(
      plain(
        withData((d) => t.introProject(unitNameIn(data.unit, locale, d), d(project.name))),
        { spaceBefore: 12 },
      ),
    );
    paras.push(bullet(t.introPeriod(project.startDate, project.endDate), 1));
  }
  if (data.previousYear !== null) paras.push(plain(t.introCompare(data.previousYear), { spaceBefore: 12 }));
  const subtitle: Para[] = [
    {
      text: withData((d) => t.deckSubtitle(d(data.unit.organisation), unitLabelIn(data.unit, locale, d))),
      size: 20,
      bold: true,
      color: COLORS.ink,
    },
    { text: t.generated(data.today), size: 12, color: COLORS.muted, spaceBefore: 4 },
  ];
  kit.flow({ kind: 'title', title: t.deckTitle(data.year), continuation: false }, paras, {
    firstTop: BODY_TOP + DeckKit.heightIn(subtitle) + 0.25,
    decorate: (slide) => kit.addParas(slide, subtitle, { x: MX, y: BODY_TOP, w: CONTENT_W, h: DeckKit.heightIn(subtitle) }),
  });
}

export function focusSlide({ kit, data, t, locale }: SlideContext): void {
  const focusYear = data.focusYear ?? data.year + 1;
  const focused = data.controlPoints.filter((cp) => cp.focus);
  const paras: Para[] = [];
  if (focused.length === 0) {
    paras.push(plain(t.focusNone, { spaceBefore: 0 }));
  } else {
    paras.push(plain(t.focusLead(focusYear), { spaceBefore: 0 }));
    for (const cp of focused) paras.push(bullet(controlPointTitle(cp, t), 1, { bold: true }));
    const project = data.actionPlan.project;
    if (project) {
      paras.push(
        plain(
          withData((d) => t.focusProject(d(project.name), focusYear)),
          { spaceBefore: 14 },
        ),
      );
      for (const cp of focused) {
        const gap = planGap(cp, t);
        const line = joinText(`${t.controlPoint} ${cp.number}: `, gap ?? workLine(cp, t, locale));
        paras.push(bullet(line, 1, gap ? { bold: true, color: WARN } : {}));
      }
    }
  }
  kit.flow({ kind: 'focus', title: t.focusTitle(focusYear), continuation: false }, paras);
}

/** Dark red: the colour of what needs the reader's attention (contrast 6.5:1 on white). */
export const WARN = 'B91C1C';

/**
 * What a focus area lacks: a work package that carries it, or any plan in time (an expected
 * end or a dated activity). Null when it has both, or when it is not a focus area.
 */
export function planGap(cp: ReportControlPoint, t: Labels): string | null {
  if (!cp.focus) return null;
  const scheduled = cp.expectedEnd !== null || cp.activities.some((a) => a.dueTo !== null || a.dueFrom !== null);
  if (cp.workPackages.length > 0 && scheduled) return null;
  return `⚠ ${cp.workPackages.length === 0 && !scheduled ? t.focusNoPlan : cp.workPackages.length === 0 ? t.focusNoWorkPackage : t.focusNoSchedule}`;
}

/** The work that carries a control point: its work packages (names from the store) and expected end, else its activities' counts. */
function workLine(cp: ReportControlPoint, t: Labels, locale: Locale): Text {
  const end = cp.expectedEnd ? monthYear(cp.expectedEnd, locale) : null;
  if (cp.workPackages.length > 0) {
    return withData((d) =>
      t.workPackages(
        joinNames(
          cp.workPackages.map((w) => w.name),
          locale,
          d,
        ),
        end,
      ),
    );
  }
  return end ? t.expectedEnd(end) : t.activityCounts(cp.counts.ongoing, cp.counts.planned, cp.counts.done);
}

/**
 * The one overdue mark of a control point, as of the report's date: how many activities
 * (and whether its expected end) have passed. Null when nothing is overdue.
 */
function overdueLine(cp: ReportControlPoint, ctx: SlideContext): string | null {
  const { t, data, locale } = ctx;
  const late = cp.activities.filter((a) => a.overdue).length;
  if (late === 0 && !cp.overdue) return null;
  const end = cp.overdue && cp.expectedEnd ? monthYear(cp.expectedEnd, locale) : null;
  return `⚠ ${t.overdueAsOf(data.asOf)}: ${t.overdueSummary(late, cp.activities.length, end)}`;
}

function changeText(cp: ReportControlPoint, t: Labels): string {
  if (!cp.dpo || !cp.dpoPrevious) return cp.dpoPrevious ? `${cp.dpoPrevious.level} → –` : t.none;
  const [then, now] = [cp.dpoPrevious.level, cp.dpo.level];
  const word = now > then ? `↑ ${t.up}` : now < then ? `↓ ${t.down}` : `= ${t.same}`;
  return `${then} → ${now} ${word}`;
}

/** All control points with the DPO's row and the unit's row side by side, as on the scale graphic. */
export function glanceSlide({ kit, data, t, locale }: SlideContext): void {
  const n = data.scale.levels.length;
  const owner = data.controlPoints[0]?.owner ?? '';
  const compare = data.previousYear !== null;
  const cellW = Math.min(0.55, 5.6 / (2 * n));
  const titleW = (compare ? 4.3 : 5.2) - (data.evidenceKept ? 1.0 : 0);
  const changeW = compare ? 1.9 : 0;
  const size = 10;
  const evidence = data.evidenceKept;
  const evidenceW = evidence ? 1.0 : 0;
  const cell = (filled: boolean, level: number, interpreted = false) => ({
    text: filled ? (interpreted ? 'X*' : 'X') : '',
    options: {
      align: 'center' as const,
      bold: true,
      color: COLORS.white,
      fill: { color: filled ? markColor(level, n, interpreted) : 'F3F4F6' },
    },
  });
  const header1 = [
    { text: t.colTitle, options: { rowspan: 2, bold: true, color: COLORS.white, fill: { color: COLORS.accent } } },
    {
      text: `${t.dpo} ${data.year}`,
      options: { colspan: n, align: 'center' as const, bold: true, color: COLORS.white, fill: { color: COLORS.accent } },
    },
    kit.cell(dataText(owner), { colspan: n, align: 'center' as const, bold: true, color: COLORS.white, fill: { color: COLORS.accent } }),
    ...(compare
      ? [
          {
            text: `${t.change} ${data.previousYear}→${data.year}`,
            options: { rowspan: 2, bold: true, color: COLORS.white, fill: { color: COLORS.accent } },
          },
        ]
      : []),
    ...(evidence
      ? [
          {
            text: t.colEvidenceCount,
            options: { rowspan: 2, bold: true, align: 'center' as const, color: COLORS.white, fill: { color: COLORS.accent } },
          },
        ]
      : []),
  ];
  const levelHeads = data.scale.levels.map((l) => ({
    text: String(l.level),
    options: { align: 'center' as const, bold: true, fill: { color: COLORS.accentLight } },
  }));
  const header2 = [...levelHeads, ...levelHeads];
  const rowH: number[] = [0.34, 0.3];
  const rows = data.controlPoints.map((cp) => {
    const title = withData((d) => `${cp.number}. ${d(cp.title)}${cp.focus ? ` (${t.focusMark.toLowerCase()})` : ''}`);
    const lines = lineCount(title, { widthIn: titleW, size, bold: cp.focus });
    rowH.push(Math.max(0.32, (lines * linePt(size)) / 72 + 0.14));
    return [
      kit.cell(title, { bold: cp.focus, fill: { color: COLORS.white } }),
      ...data.scale.levels.map((l) => cell(cp.dpo?.level === l.level, l.level, cp.interpreted)),
      ...data.scale.levels.map((l) => cell(cp.unitLevel === l.level, l.level)),
      ...(compare ? [{ text: changeText(cp, t), options: { fill: { color: COLORS.white } } }] : []),
      ...(evidence ? [{ text: String(cp.evidence.length), options: { align: 'center' as const, fill: { color: COLORS.white } } }] : []),
    ];
  });
  const slide = kit.newSlide({ kind: 'glance', title: t.glanceTitle, continuation: false });
  kit.addTitle(slide, t.glanceTitle);
  kit.addTable(slide, [header1, header2, ...rows], {
    y: BODY_TOP,
    colW: [titleW, ...Array<number>(2 * n).fill(cellW), ...(compare ? [changeW] : []), ...(evidence ? [evidenceW] : [])],
    rowH,
    fontSize: size,
  });
  const tableBottom = BODY_TOP + rowH.reduce((a, b) => a + b, 0);
  // The levels' names once the DPO has named them; neutral labels ("Nivå 2 av 5") say no more than the column's number.
  const named = data.scale.levels.some((l) => l.label[locale] !== neutralLevel(l.level, n, locale));
  const legend = named ? `${data.scale.levels.map((l) => `${l.level} ${l.label[locale]}`).join('  ·  ')}    ` : '';
  const notes = [{ text: `${legend}${t.notAssessed}: ${t.none}`, size: 10, color: COLORS.muted }];
  if (data.controlPoints.some((cp) => cp.interpreted)) notes.push({ text: t.interpretedMark, size: 10, color: COLORS.muted });
  if (data.controlPoints.every((cp) => cp.unitLevel === null)) {
    notes.push({ text: t.allUnitLevelsMissing(owner), size: 10, color: COLORS.muted });
  }
  kit.addParas(slide, notes, { x: MX, y: tableBottom + 0.08, w: CONTENT_W, h: DeckKit.heightIn(notes) });
}

export function sectionSlide(kit: DeckKit, title: string, subtitle: Text): void {
  const slide = kit.newSlide({ kind: 'section', title, continuation: false }, SECTION_MASTER);
  kit.addSectionTitle(slide, title);
  if (plainText(subtitle).length > 0)
    kit.addParas(slide, [{ text: subtitle, size: 20, color: COLORS.white }], { x: MX, y: 3.9, w: CONTENT_W, h: 1.2 });
}

interface ScaleRow {
  label: Text;
  level: number | null;
  muted: boolean;
  /** Said under the label (never in the scale's cells, where it would read as a mark) when there is no level. */
  empty: string;
  /** A mark read from the report's X that the DPO has not confirmed: "tolkad från rapporten" under the label, a neutral fill. */
  interpreted: boolean;
}

const SCALE = { labelW: 3.0, headH: 0.26, rowH: 0.36, gap: 0.06 } as const;

/** Height of the scale graphic for a number of rows. */
export function scaleHeight(rows: number): number {
  return SCALE.headH + rows * (SCALE.rowH + SCALE.gap);
}

/** The scale bar with the DPO's X (and last year's, greyed) above the unit's row. */
function drawScale(slide: Slide, ctx: SlideContext, rows: ScaleRow[], top: number): void {
  const { data, locale, kit } = ctx;
  const n = data.scale.levels.length;
  const barX = MX + SCALE.labelW;
  const segW = (CONTENT_W - SCALE.labelW) / n;
  const labelSize = segW >= 1.6 ? 10 : 8;
  data.scale.levels.forEach((l, i) => {
    slide.addText(
      l.label[locale],
      kit.text({
        x: barX + i * segW,
        y: top,
        w: segW,
        h: SCALE.headH,
        fontSize: labelSize,
        color: COLORS.muted,
        align: 'center' as const,
        valign: 'bottom' as const,
        margin: 0,
        fit: 'none' as const,
      }),
    );
  });
  rows.forEach((row, r) => {
    const y = top + SCALE.headH + r * (SCALE.rowH + SCALE.gap) + SCALE.gap;
    const under = row.level === null ? row.empty : row.interpreted ? ctx.t.interpreted : undefined;
    const label = [
      ...kit.runs(row.label, {
        fontSize: 12,
        bold: !row.muted,
        color: row.muted ? COLORS.muted : COLORS.ink,
        breakLine: under !== undefined,
      }),
      ...(under === undefined ? [] : kit.runs(under, { fontSize: 9, italic: true, color: COLORS.muted })),
    ];
    slide.addText(
      label,
      kit.text({ x: MX, y, w: SCALE.labelW - 0.1, h: SCALE.rowH, valign: 'middle' as const, margin: 0, fit: 'none' as const }),
    );
    data.scale.levels.forEach((l, i) => {
      const marked = row.level === l.level;
      const fill = marked ? (row.muted ? COLORS.previous : markColor(l.level, n, row.interpreted)) : COLORS.track;
      slide.addText(
        marked ? 'X' : '',
        kit.text({
          shape: 'rect' as const,
          x: barX + i * segW + 0.02,
          y,
          w: segW - 0.04,
          h: SCALE.rowH,
          fill: { color: fill },
          fontSize: 16,
          bold: true,
          color: COLORS.white,
          align: 'center' as const,
          valign: 'middle' as const,
          margin: 0,
        }),
      );
    });
  });
}

function scaleRows(cp: ReportControlPoint, ctx: SlideContext): ScaleRow[] {
  const { data, t } = ctx;
  const rows: ScaleRow[] = [
    { label: `${t.dpo} ${data.year}`, level: cp.dpo?.level ?? null, muted: false, empty: t.notAssessed, interpreted: cp.interpreted },
  ];
  if (data.previousYear !== null) {
    const level = cp.dpoPrevious?.level ?? null;
    rows.push({ label: `${t.dpo} ${data.previousYear}`, level, muted: true, empty: t.notAssessed, interpreted: cp.interpretedPrevious });
  }
  rows.push({
    label: withData((d) => t.unitRow(d(cp.owner))),
    level: cp.unitLevel,
    muted: false,
    empty: t.unitLevelNone,
    interpreted: false,
  });
  return rows;
}

/** "Nivå 4 av 5" as it is (a neutral label says the position), "Tillräcklig (4/5)" for a named level. */
function markText(level: number, count: number, { data, locale }: SlideContext): string {
  const label = levelLabel(data.scale, level, locale);
  return label === neutralLevel(level, count, locale) ? label : `${label} (${level}/${count})`;
}

/** The line under the scale; the assessor's name as written in the store. */
function infoLine(cp: ReportControlPoint, ctx: SlideContext): Text {
  const { data, t, locale } = ctx;
  const n = data.scale.levels.length;
  const dpo = cp.dpo;
  return withData((d) => {
    const parts = [dpo ? `${t.dpo}: ${markText(dpo.level, n, ctx)}` : `${t.dpo}: ${t.notAssessed}`];
    // An interpreted mark was read from the report's X, not assessed on a day by a person.
    if (dpo) parts.push(cp.interpreted ? t.interpreted : t.assessedBy(d(dpo.assessedByName), dpo.assessedAt.slice(0, 10)));
    if (data.previousYear !== null) {
      const then = cp.dpoPrevious ? levelLabel(data.scale, cp.dpoPrevious.level, locale) : t.notAssessed;
      const now = dpo ? levelLabel(data.scale, dpo.level, locale) : t.notAssessed;
      parts.push(t.levelThenNow(data.previousYear, then, now));
    }
    if (cp.focus && data.focusYear !== null) parts.push(`${t.focusMark} ${data.focusYear}`);
    return parts.join(' · ');
  });
}

function statusParas(text: string, size: number, extra: Partial<Para> = {}): Para[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => bullet(dataText(line), 0, { size, ...extra }));
}

/** State markers of the activity table: shape and word, never colour alone. */
const STATE_MARK = { done: '●', ongoing: '◐', planned: '○' } as const;

/** A control point's slides at one body size: status, the activity table, its work and overdue line. */
function controlPointFlow(cp: ReportControlPoint, ctx: SlideContext, size: number): { items: FlowItem[]; table: FlowTable } {
  const { data, t, locale } = ctx;
  const items: FlowItem[] = [{ para: { text: infoLine(cp, ctx), size: 11, italic: true, color: COLORS.muted } }];
  const add = (...paras: Para[]) => items.push(...paras.map((para) => ({ para })));
  const head = (text: string) => ({ ...heading(text), size: size + 2 });
  if (cp.status) {
    add(head(t.status(cp.status.statusDate)), ...statusParas(cp.status.text, size));
  } else {
    add(plain(t.statusNone(data.year), { size, italic: true, color: COLORS.muted }));
    if (cp.statusPrevious) {
      add(head(t.previousStatus(cp.statusPrevious.statusDate)), ...statusParas(cp.statusPrevious.text, size, { color: COLORS.muted }));
    }
  }
  add(head(t.plannedActivities));
  if (cp.activities.length === 0) add(plain(t.noActivities, { size, italic: true }));
  const rowSize = size - 2;
  for (const a of cp.activities) {
    items.push({
      row: {
        cells: [
          { text: `${STATE_MARK[a.state]} ${t.activityState[a.state]}` },
          { text: dataText(a.text) },
          { text: periodLabel(a.dueFrom, a.dueTo) || t.none, ...(a.overdue ? { color: WARN, bold: true } : {}) },
        ],
      },
    });
  }
  const gap = planGap(cp, t);
  add(
    plain(gap ?? workLine(cp, t, locale), { size, bold: true, spaceBefore: 10, keepWithPrevious: true, ...(gap ? { color: WARN } : {}) }),
  );
  const late = overdueLine(cp, ctx);
  if (late) add(plain(late, { size, bold: true, color: WARN, spaceBefore: 4, keepWithPrevious: true }));
  const table: FlowTable = {
    size: rowSize,
    columns: [
      { header: t.colState, w: 1.55 },
      { header: t.colActivity, w: CONTENT_W - 1.55 - 1.9 },
      { header: t.colPlannedWhen, w: 1.9 },
    ],
  };
  return { items, table };
}

/** Body sizes tried for a control point, largest first; the largest that needs the fewest slides wins. */
const BODY_SIZES = [14, 13, 12] as const;

export function controlPointSlides(cp: ReportControlPoint, ctx: SlideContext): void {
  const { kit, t } = ctx;
  const rows = scaleRows(cp, ctx);
  const top = () => BODY_TOP + scaleHeight(rows.length) + 0.06;
  const layouts = BODY_SIZES.map((size) => {
    const flow = controlPointFlow(cp, ctx, size);
    return { ...flow, pages: kit.paginateFlow(flow.items, flow.table, top) };
  });
  const fewest = Math.min(...layouts.map((l) => l.pages.length));
  const chosen = layouts.find((l) => l.pages.length === fewest)!;
  kit.drawFlow(
    { kind: 'controlPoint', title: controlPointTitle(cp, t), continuation: false, controlPoint: cp.number },
    chosen.pages,
    chosen.table,
    top,
    (slide) => drawScale(slide, ctx, rows, BODY_TOP),
  );
}

/** The report's last slide: its contact, or the unit's name and a question prompt when no contact is set. */
export function closingSlide(kit: DeckKit, t: Labels, contact: Contact | null, data: ReportData, locale: Locale): void {
  const unitLine = {
    text: mapText(
      withData((d) => `${d(data.unit.organisation)} ${unitLabelIn(data.unit, locale, d)}`),
      (s) => s.toUpperCase(),
    ),
    size: 14,
    color: COLORS.muted,
    spaceBefore: 10,
  };
  if (!contact) {
    kit.flow({ kind: 'contact', title: t.questions, continuation: false }, [{ ...unitLine, spaceBefore: 0 }], { firstTop: 2.2 });
    return;
  }
  const paras: Para[] = [
    { text: dataText(contact.name), size: 20, bold: true },
    ...contact.title
      .split(/\n|\|/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ text: dataText(line), size: 16, spaceBefore: 4 })),
    unitLine,
  ];
  if (contact.email) paras.push({ text: withData((d) => `${t.email}: ${d(contact.email)}`), size: 16, spaceBefore: 10 });
  kit.flow({ kind: 'contact', title: t.contact, continuation: false }, paras, { firstTop: 2.2 });
}
