/**
 * The action plan's slides, in the report's order (its lines 641–670): what is done, what is
 * ongoing or planned by period (instructions, trainings and the plan's other items, such as
 * "Införande av PU-register och informationssäkerhetsdatabas (2024-12-31)"), the instructions
 * whose state the report does not state, the totals; then every instruction as a table, and the
 * prioritised sub-projects with the work packages.
 */
import type { ActionPlanItem, Instruction, Quarter, Training } from '../domain/model.js';
import { bullet, heading, WARN, type SlideContext } from './deck-slides.js';
import { monthYear, periodLabel } from './labels.js';
import { dataText, withData, type Text } from './spans.js';
import type { Para } from './text-fit.js';

/** Notes the import added for the reader of the data ("(rapporten anger inte vilka)"), which a presented slide leaves out. */
export function withoutImportNotes(text: string): string {
  return text
    .replace(/\s*\((?:rapporten|the report)\b[^)]*\)/gi, '')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
}

/** " – note" for a slide (the note as data), without import notes; '' when nothing is left. */
function noteOf(note: string | null, d: (text: string) => string): string {
  const text = note ? withoutImportNotes(note) : '';
  return text ? ` – ${d(text)}` : '';
}

/** "Beräknas pågå …" -> "beräknas pågå …" inside a sentence; the rest as written ("June 2025" keeps its capital). */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** IIFS 05, IIFS 06, IIFS 07 -> "IIFS 05, 06, 07". */
function codes(list: string[]): string {
  const prefix = /^\D+/.exec(list[0] ?? '')?.[0] ?? '';
  return list.map((c, i) => (i > 0 && prefix && c.startsWith(prefix) ? c.slice(prefix.length) : c)).join(', ');
}

/** One line of the "ongoing / planned" part, with the period it belongs to. */
interface PlanLine {
  from: Quarter | null;
  to: Quarter | null;
  text: Text;
  late: boolean;
}

/** The period's label ("Q4 2024 – Q1 2025") and a key that sorts periods by their end, then their start; no period last. */
const periodKey = (line: Pick<PlanLine, 'from' | 'to'>) => `${line.to ?? line.from ?? '9999'}|${line.from ?? ''}`;

function instructionLine(i: Instruction, ctx: SlideContext): PlanLine {
  const { t } = ctx;
  return {
    from: i.plannedFrom,
    to: i.plannedQuarter,
    text: withData((d) => `${i.code} ${d(i.title)} (${t.instructionState[i.state]})${noteOf(i.note, d)}`),
    late: false,
  };
}

function trainingLine(tr: Training): PlanLine {
  return { from: tr.plannedFrom, to: tr.plannedQuarter, text: dataText(tr.title), late: false };
}

/**
 * "Införande av PU-register och informationssäkerhetsdatabas (2024-12-31) (Pågående)", as the report
 * writes it, marked "Försenat per …" when its date has passed as of the report's day and it is not done.
 */
function itemLine(item: ActionPlanItem, ctx: SlideContext): PlanLine {
  const { t, data } = ctx;
  const late = item.dueDate !== null && item.dueDate < data.asOf && item.state !== 'done';
  const text = (d: (text: string) => string) =>
    `${d(item.text)}${item.dueDate ? ` (${item.dueDate})` : ''} (${t.instructionState[item.state]})`;
  return {
    from: item.periodFrom,
    to: item.periodTo,
    text: withData((d) => (late ? `⚠ ${text(d)} – ${t.overdueAsOf(data.asOf)}` : text(d))),
    late,
  };
}

/** The ongoing and planned lines grouped under their period, the periods in time order. */
function byPeriod(lines: PlanLine[], ctx: SlideContext): Para[] {
  const keys = [...new Set(lines.map(periodKey))].sort();
  return keys.flatMap((key) => {
    const members = lines.filter((l) => periodKey(l) === key);
    const head = periodLabel(members[0]!.from, members[0]!.to) || ctx.t.planUnscheduled;
    return [bullet(head, 0, { bold: true }), ...members.map((l) => bullet(l.text, 1, l.late ? { color: WARN, bold: true } : {}))];
  });
}

/** The instructions the report names no state for, by group ("Teknisk säkerhet (9 anvisningar): IIFS 11, 12, …"), then the rest. */
function notStatedParas(instructions: Instruction[], items: ActionPlanItem[], ctx: SlideContext): Para[] {
  const { t } = ctx;
  if (instructions.length === 0 && items.length === 0) return [];
  const paras: Para[] = [heading(t.planNotStated)];
  const groups = [...new Set(instructions.map((i) => i.group).filter((g): g is string => g !== null))];
  for (const group of groups) {
    const members = instructions.filter((i) => i.group === group);
    const note = members.find((i) => i.note)?.note ?? null;
    paras.push(bullet(withData((d) => `${t.planGroup(d(group), members.length)}: ${codes(members.map((i) => i.code))}${noteOf(note, d)}`)));
  }
  const loose = instructions.filter((i) => i.group === null);
  if (loose.length > 0) paras.push(bullet(`${t.planOtherInstructions(loose.length)}: ${codes(loose.map((i) => i.code))}`));
  for (const item of items) paras.push(bullet(dataText(item.text)));
  return paras;
}

export function actionPlanSlides(ctx: SlideContext): void {
  const { kit, data, t } = ctx;
  const plan = data.actionPlan;
  const all = Object.values(plan.instructions)
    .flat()
    .sort((a, b) => a.number - b.number);
  // The report's slide: what is done on the left, what is ongoing, planned or not stated on the right.
  const paras: Para[] = [heading(t.planDone, 0)];
  if (plan.instructions.done.length > 0) {
    paras.push(bullet(t.planDoneInstructions, 0, { bold: true }));
    for (const i of plan.instructions.done)
      paras.push(
        bullet(
          withData((d) => `${i.code} ${d(i.title)}${noteOf(i.note, d)}`),
          1,
        ),
      );
  }
  const doneTrainings = plan.trainings.filter((tr) => tr.state === 'done');
  if (doneTrainings.length > 0) {
    paras.push(bullet(t.planTrainings, 0, { bold: true }));
    for (const tr of doneTrainings) paras.push(bullet(dataText(tr.title), 1));
  }
  for (const item of plan.items.filter((i) => i.state === 'done')) paras.push(bullet(itemLine(item, ctx).text));

  const open = [
    ...plan.trainings.filter((tr) => tr.state === 'planned').map(trainingLine),
    ...all.filter((i) => i.state === 'ongoing' || i.state === 'planned').map((i) => instructionLine(i, ctx)),
    ...plan.items.filter((i) => i.state === 'ongoing' || i.state === 'planned').map((i) => itemLine(i, ctx)),
  ];
  const rest: Para[] = [];
  if (open.length > 0) rest.push(heading(t.planOngoing, 0), ...byPeriod(open, ctx));
  rest.push(
    ...notStatedParas(
      plan.instructions.notStated,
      plan.items.filter((i) => i.state === 'notStated'),
      ctx,
    ),
  );
  const p = plan.progress;
  rest.push(heading(t.planTotal), bullet(t.planTotalText(p.total, p.done, p.percentDone, p.ongoing, p.planned, p.notStated)));
  const project = plan.project;
  const title = project ? withData((d) => `${t.planTitle} – ${d(project.name)}`) : t.planTitle;
  kit.columns({ kind: 'plan', title, continuation: false }, paras, rest);

  kit.table(
    { kind: 'instructions', title: t.instructionsTitle, continuation: false },
    [
      { header: t.colCode, w: 1.1 },
      { header: t.kindInstruction, w: 6.0 },
      { header: t.colGroupOnly, w: 1.9 },
      { header: t.colState, w: 1.35 },
      { header: t.colPlannedWhen, w: 1.75 },
    ],
    all.map((i) => [
      i.code,
      dataText(i.title),
      dataText(i.group ?? ''),
      t.instructionState[i.state],
      periodLabel(i.plannedFrom, i.plannedQuarter),
    ]),
  );
  subProjectsSlide(ctx);
}

function subProjectsSlide({ kit, data, t, locale }: SlideContext): void {
  const plan = data.actionPlan;
  const sub: Para[] = [heading(t.subProjects, 0), ...plan.subProjects.map((s) => bullet(dataText(s.name)))];
  if (plan.workPackages.length > 0) {
    sub.push(heading(t.workPackagesHeading, 16));
    for (const wp of plan.workPackages) {
      const end = wp.expectedEnd ? lowerFirst(t.expectedEnd(monthYear(wp.expectedEnd, locale))) : '';
      const parts = [t.workPackageState[wp.state], end, wp.overdue ? t.overdue : ''].filter(Boolean).join(', ');
      sub.push(bullet(withData((d) => `${d(wp.name)} – ${parts}`)));
    }
  }
  kit.flow({ kind: 'subProjects', title: t.subProjectsTitle, continuation: false }, sub);
}
