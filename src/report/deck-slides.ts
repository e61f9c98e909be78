/** The slides of the annual report, in the order and with the content of the DPO's deck. */
import type { Locale } from '../domain/model.js';
import { levelLabel } from '../domain/scale.js';
import { BODY_TOP, COLORS, CONTENT_W, DeckKit, FONT, MX, type Slide } from './deck-kit.js';
import { monthYear, periodLabel, quarterLabel, type Labels } from './labels.js';
import type { ReportControlPoint, ReportData } from './report-data.js';
import { charsPerLine, lineCount, linePt, type Para } from './text-fit.js';

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

const heading = (text: string, spaceBefore = 10): Para => ({
  text,
  size: 16,
  bold: true,
  color: COLORS.accent,
  spaceBefore,
  keepWithNext: true,
});
const bullet = (text: string, level = 0, extra: Partial<Para> = {}): Para => ({ text, size: 14, bullet: level, spaceBefore: 3, ...extra });
const plain = (text: string, extra: Partial<Para> = {}): Para => ({ text, size: 14, spaceBefore: 6, ...extra });

/** Green for the top of the scale, red for the bottom, in between for the rest. */
export function levelColor(level: number, levels: number): string {
  const palette = ['B91C1C', 'D97706', 'CA8A04', '65A30D', '15803D'];
  const index = levels <= 1 ? palette.length - 1 : Math.round(((level - 1) / (levels - 1)) * (palette.length - 1));
  return palette[index]!;
}

function joinNames(names: string[], locale: Locale): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${locale === 'en' ? 'and' : 'och'} ${names.at(-1)}`;
}

export function titleSlide({ kit, data, t }: SlideContext): void {
  const project = data.actionPlan.project;
  const paras: Para[] = [
    plain(t.introPresents, { spaceBefore: 0 }),
    bullet(t.introResults(data.year), 1),
    bullet(t.introPlan(data.unit.name), 1),
  ];
  if (project) {
    paras.push(plain(t.introProject(data.unit.name, project.name), { spaceBefore: 12 }));
    paras.push(bullet(t.introPeriod(project.startDate, project.endDate), 1));
  }
  if (data.previousYear !== null) paras.push(plain(t.introCompare(data.previousYear), { spaceBefore: 12 }));
  const subtitle: Para[] = [
    { text: t.deckSubtitle(data.unit.organisation, data.unit.name), size: 20, bold: true, color: COLORS.ink },
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
    for (const cp of focused) paras.push(bullet(t.controlPointTitle(cp.number, cp.title), 1, { bold: true }));
    const project = data.actionPlan.project;
    if (project) {
      paras.push(plain(t.focusProject(project.name, focusYear), { spaceBefore: 14 }));
      for (const cp of focused) paras.push(bullet(`${t.controlPoint} ${cp.number}: ${workLine(cp, t, locale)}`, 1));
    }
  }
  kit.flow({ kind: 'focus', title: t.focusTitle(focusYear), continuation: false }, paras);
}

function workLine(cp: ReportControlPoint, t: Labels, locale: Locale): string {
  const end = cp.expectedEnd ? monthYear(cp.expectedEnd, locale) : null;
  const names = joinNames(
    cp.workPackages.map((w) => w.name),
    locale,
  );
  const text = names
    ? t.workPackages(names, end)
    : end
      ? t.expectedEnd(end)
      : t.activityCounts(cp.counts.ongoing, cp.counts.planned, cp.counts.done);
  return cp.overdue ? `${text} (${t.overdue})` : text;
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
  const titleW = compare ? 4.3 : 5.2;
  const changeW = compare ? 1.9 : 0;
  const size = 10;
  const cell = (filled: boolean, level: number) => ({
    text: filled ? 'X' : '',
    options: { align: 'center' as const, bold: true, color: COLORS.white, fill: { color: filled ? levelColor(level, n) : 'F3F4F6' } },
  });
  const header1 = [
    { text: t.colTitle, options: { rowspan: 2, bold: true, color: COLORS.white, fill: { color: COLORS.accent } } },
    {
      text: `${t.dpo} ${data.year}`,
      options: { colspan: n, align: 'center' as const, bold: true, color: COLORS.white, fill: { color: COLORS.accent } },
    },
    { text: owner, options: { colspan: n, align: 'center' as const, bold: true, color: COLORS.white, fill: { color: COLORS.accent } } },
    ...(compare
      ? [
          {
            text: `${t.change} ${data.previousYear}→${data.year}`,
            options: { rowspan: 2, bold: true, color: COLORS.white, fill: { color: COLORS.accent } },
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
    const title = `${cp.number}. ${cp.title}${cp.focus ? ` (${t.focusMark.toLowerCase()})` : ''}`;
    const lines = lineCount(title, charsPerLine(titleW, size, cp.focus));
    rowH.push(Math.max(0.32, (lines * linePt(size)) / 72 + 0.14));
    return [
      { text: title, options: { bold: cp.focus, fill: { color: COLORS.white } } },
      ...data.scale.levels.map((l) => cell(cp.dpo?.level === l.level, l.level)),
      ...data.scale.levels.map((l) => cell(cp.unitLevel === l.level, l.level)),
      ...(compare ? [{ text: changeText(cp, t), options: { fill: { color: COLORS.white } } }] : []),
    ];
  });
  const slide = kit.newSlide({ kind: 'glance', title: t.glanceTitle, continuation: false });
  kit.addTitle(slide, t.glanceTitle);
  slide.addTable([header1, header2, ...rows], {
    x: MX,
    y: BODY_TOP,
    colW: [titleW, ...Array<number>(2 * n).fill(cellW), ...(compare ? [changeW] : [])],
    rowH,
    fontFace: FONT,
    fontSize: size,
    color: COLORS.ink,
    margin: 0.05,
    valign: 'middle',
    border: { type: 'solid', pt: 0.5, color: 'D1D5DB' },
  });
  const tableBottom = BODY_TOP + rowH.reduce((a, b) => a + b, 0);
  const legend = data.scale.levels.map((l) => `${l.level} ${l.label[locale]}`).join('  ·  ');
  const notes = [{ text: `${legend}    ${t.notAssessed}: ${t.none}`, size: 10, color: COLORS.muted }];
  if (data.controlPoints.every((cp) => cp.unitLevel === null)) {
    notes.push({ text: t.allUnitLevelsMissing(owner), size: 10, color: COLORS.muted });
  }
  kit.addParas(slide, notes, { x: MX, y: tableBottom + 0.08, w: CONTENT_W, h: DeckKit.heightIn(notes) });
}

export function sectionSlide(kit: DeckKit, title: string, subtitle: string): void {
  const slide = kit.newSlide({ kind: 'section', title, continuation: false });
  slide.background = { color: COLORS.accent };
  kit.addParas(
    slide,
    [
      { text: title, size: 32, bold: true, color: COLORS.white },
      { text: subtitle, size: 20, color: COLORS.white, spaceBefore: 12 },
    ],
    { x: MX, y: 2.4, w: CONTENT_W, h: 2.6 },
  );
}

interface ScaleRow {
  label: string;
  level: number | null;
  muted: boolean;
  empty: string;
}

const SCALE = { labelW: 3.0, headH: 0.3, rowH: 0.38, gap: 0.08 } as const;

/** Height of the scale graphic for a number of rows. */
export function scaleHeight(rows: number): number {
  return SCALE.headH + rows * (SCALE.rowH + SCALE.gap);
}

/** The scale bar with the DPO's X (and last year's, greyed) above the unit's row. */
function drawScale(slide: Slide, ctx: SlideContext, rows: ScaleRow[], top: number): void {
  const { data, locale } = ctx;
  const n = data.scale.levels.length;
  const barX = MX + SCALE.labelW;
  const segW = (CONTENT_W - SCALE.labelW) / n;
  const labelSize = segW >= 1.6 ? 10 : 8;
  data.scale.levels.forEach((l, i) => {
    slide.addText(l.label[locale], {
      x: barX + i * segW,
      y: top,
      w: segW,
      h: SCALE.headH,
      fontFace: FONT,
      fontSize: labelSize,
      color: COLORS.muted,
      align: 'center',
      valign: 'bottom',
      margin: 0,
      fit: 'none',
    });
  });
  rows.forEach((row, r) => {
    const y = top + SCALE.headH + r * (SCALE.rowH + SCALE.gap) + SCALE.gap;
    slide.addText(row.label, {
      x: MX,
      y,
      w: SCALE.labelW - 0.1,
      h: SCALE.rowH,
      fontFace: FONT,
      fontSize: 12,
      bold: !row.muted,
      color: row.muted ? COLORS.muted : COLORS.ink,
      valign: 'middle',
      margin: 0,
      fit: 'none',
    });
    data.scale.levels.forEach((l, i) => {
      const marked = row.level === l.level;
      const fill = marked ? (row.muted ? COLORS.previous : levelColor(l.level, n)) : COLORS.track;
      slide.addText(marked ? 'X' : '', {
        shape: 'rect',
        x: barX + i * segW + 0.02,
        y,
        w: segW - 0.04,
        h: SCALE.rowH,
        fill: { color: fill },
        fontFace: FONT,
        fontSize: 16,
        bold: true,
        color: COLORS.white,
        align: 'center',
        valign: 'middle',
        margin: 0,
      });
    });
    if (row.level === null) {
      slide.addText(row.empty, {
        x: barX,
        y,
        w: CONTENT_W - SCALE.labelW,
        h: SCALE.rowH,
        fontFace: FONT,
        fontSize: 12,
        italic: true,
        color: COLORS.muted,
        align: 'center',
        valign: 'middle',
        margin: 0,
        fit: 'none',
      });
    }
  });
}

function scaleRows(cp: ReportControlPoint, ctx: SlideContext): ScaleRow[] {
  const { data, t } = ctx;
  const rows: ScaleRow[] = [{ label: `${t.dpo} ${data.year}`, level: cp.dpo?.level ?? null, muted: false, empty: t.notAssessed }];
  if (data.previousYear !== null) {
    rows.push({ label: `${t.dpo} ${data.previousYear}`, level: cp.dpoPrevious?.level ?? null, muted: true, empty: t.notAssessed });
  }
  rows.push({ label: t.unitRow(cp.owner), level: cp.unitLevel, muted: false, empty: t.unitLevelNone });
  return rows;
}

function infoLine(cp: ReportControlPoint, ctx: SlideContext): string {
  const { data, t, locale } = ctx;
  const n = data.scale.levels.length;
  const parts = [
    cp.dpo ? `${t.dpo}: ${levelLabel(data.scale, cp.dpo.level, locale)} (${cp.dpo.level}/${n})` : `${t.dpo}: ${t.notAssessed}`,
  ];
  if (cp.dpo) parts.push(t.assessedBy(cp.dpo.assessedByName, cp.dpo.assessedAt.slice(0, 10)));
  if (data.previousYear !== null) {
    const then = cp.dpoPrevious ? levelLabel(data.scale, cp.dpoPrevious.level, locale) : t.notAssessed;
    const now = cp.dpo ? levelLabel(data.scale, cp.dpo.level, locale) : t.notAssessed;
    parts.push(t.levelThenNow(data.previousYear, then, now));
  }
  if (cp.focus && data.focusYear !== null) parts.push(`${t.focusMark} ${data.focusYear}`);
  return parts.join(' · ');
}

function statusParas(text: string, extra: Partial<Para> = {}): Para[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => bullet(line, 0, extra));
}

export function controlPointSlides(cp: ReportControlPoint, ctx: SlideContext): void {
  const { kit, data, t, locale } = ctx;
  const paras: Para[] = [{ text: infoLine(cp, ctx), size: 11, italic: true, color: COLORS.muted }];
  if (cp.status) {
    paras.push(heading(t.status(cp.status.statusDate)), ...statusParas(cp.status.text));
  } else {
    paras.push(plain(t.statusNone(data.year), { italic: true, color: COLORS.muted }));
    if (cp.statusPrevious) {
      paras.push(heading(t.previousStatus(cp.statusPrevious.statusDate)), ...statusParas(cp.statusPrevious.text, { color: COLORS.muted }));
    }
  }
  paras.push(heading(t.plannedActivities));
  if (cp.activities.length === 0) paras.push(plain(t.noActivities, { italic: true }));
  for (const a of cp.activities) {
    const period = periodLabel(a.dueFrom, a.dueTo);
    const meta = [t.activityState[a.state], period, a.overdue ? t.overdue : ''].filter(Boolean).join(', ');
    paras.push(bullet(`${a.text} (${meta})`));
  }
  paras.push(plain(workLine(cp, t, locale), { bold: true, spaceBefore: 10 }));
  const rows = scaleRows(cp, ctx);
  const top = BODY_TOP;
  kit.flow({ kind: 'controlPoint', title: t.controlPointTitle(cp.number, cp.title), continuation: false, controlPoint: cp.number }, paras, {
    firstTop: top + scaleHeight(rows.length) + 0.15,
    decorate: (slide) => drawScale(slide, ctx, rows, top),
  });
}

/** IIFS 05, IIFS 06, IIFS 07 -> "IIFS 05, 06, 07". */
function codes(list: string[]): string {
  const prefix = list[0]?.match(/^\D+/)?.[0] ?? '';
  return list.map((c, i) => (i > 0 && prefix && c.startsWith(prefix) ? c.slice(prefix.length) : c)).join(', ');
}

export function actionPlanSlides(ctx: SlideContext): void {
  const { kit, data, t, locale } = ctx;
  const plan = data.actionPlan;
  const paras: Para[] = [heading(t.planDone, 0)];
  paras.push(bullet(t.planDoneInstructions, 0, { bold: true }));
  for (const i of plan.instructions.done) paras.push(bullet(`${i.code} ${i.title}${i.note ? ` – ${i.note}` : ''}`, 1));
  const doneTrainings = plan.trainings.filter((tr) => tr.state === 'done');
  if (doneTrainings.length > 0) {
    paras.push(bullet(t.planTrainings, 0, { bold: true }));
    for (const tr of doneTrainings) paras.push(bullet(tr.title, 1));
  }
  paras.push(heading(t.planOngoing));
  const plannedTrainings = plan.trainings.filter((tr) => tr.state === 'planned');
  const open = [...plan.instructions.ongoing, ...plan.instructions.planned].sort((a, b) => a.number - b.number);
  const scheduled = open.filter((i) => i.plannedQuarter !== null || i.state === 'ongoing');
  const quarters = [...new Set([...scheduled.map((i) => i.plannedQuarter), ...plannedTrainings.map((tr) => tr.plannedQuarter)])].sort(
    (a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)),
  );
  for (const quarter of quarters) {
    paras.push(bullet(quarter ? quarterLabel(quarter) : t.planUnscheduled, 0, { bold: true }));
    for (const tr of plannedTrainings.filter((x) => x.plannedQuarter === quarter)) paras.push(bullet(`${t.kindTraining}: ${tr.title}`, 1));
    for (const i of scheduled.filter((x) => x.plannedQuarter === quarter)) {
      paras.push(bullet(`${i.code} ${i.title} (${t.instructionState[i.state]})${i.note ? ` – ${i.note}` : ''}`, 1));
    }
  }
  const rest = open.filter((i) => !scheduled.includes(i));
  const groups = [...new Set(rest.map((i) => i.group).filter((g): g is string => g !== null))];
  for (const group of groups) {
    const members = rest.filter((i) => i.group === group);
    const note = members.find((i) => i.note)?.note;
    paras.push(bullet(`${t.planGroup(group, members.length)}: ${codes(members.map((i) => i.code))}${note ? ` – ${note}` : ''}`, 0));
  }
  const loose = rest.filter((i) => i.group === null);
  if (loose.length > 0) paras.push(bullet(`${t.planUnscheduledCount(loose.length)}: ${codes(loose.map((i) => i.code))}`, 0));
  paras.push(heading(t.planTotal));
  const p = plan.progress;
  paras.push(bullet(t.planTotalText(p.total, p.done, p.percentDone, p.ongoing, p.planned)));
  const title = plan.project ? `${t.planTitle} – ${plan.project.name}` : t.planTitle;
  kit.flow({ kind: 'plan', title, continuation: false }, paras);

  const all = [...plan.instructions.done, ...plan.instructions.ongoing, ...plan.instructions.planned].sort((a, b) => a.number - b.number);
  kit.table(
    { kind: 'instructions', title: t.instructionsTitle, continuation: false },
    [
      { header: t.colCode, w: 1.1 },
      { header: t.kindInstruction, w: 6.4 },
      { header: t.colGroupOnly, w: 1.9 },
      { header: t.colState, w: 1.35 },
      { header: t.colPlannedWhen, w: 1.35 },
    ],
    all.map((i) => [i.code, i.title, i.group ?? '', t.instructionState[i.state], quarterLabel(i.plannedQuarter)]),
  );

  const sub: Para[] = [heading(t.subProjects, 0), ...plan.subProjects.map((s) => bullet(s.name))];
  if (plan.workPackages.length > 0) {
    sub.push(heading(t.workPackagesHeading, 16));
    for (const wp of plan.workPackages) {
      const end = wp.expectedEnd ? t.expectedEnd(monthYear(wp.expectedEnd, locale)).toLowerCase() : '';
      const parts = [t.workPackageState[wp.state], end, wp.overdue ? t.overdue : ''].filter(Boolean).join(', ');
      sub.push(bullet(`${wp.name} – ${parts}`));
    }
  }
  kit.flow({ kind: 'subProjects', title: t.subProjectsTitle, continuation: false }, sub);
}

export function contactSlide(kit: DeckKit, t: Labels, contact: Contact, data: ReportData): void {
  const paras: Para[] = [
    { text: contact.name, size: 20, bold: true },
    ...contact.title
      .split(/\n|\|/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => ({ text: line, size: 16, spaceBefore: 4 })),
    { text: `${data.unit.organisation} ${data.unit.name}`.toUpperCase(), size: 14, color: COLORS.muted, spaceBefore: 10 },
  ];
  if (contact.email) paras.push({ text: `${t.email}: ${contact.email}`, size: 16, spaceBefore: 10 });
  kit.flow({ kind: 'contact', title: t.contact, continuation: false }, paras, { firstTop: 2.2 });
}
