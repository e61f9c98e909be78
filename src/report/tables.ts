/**
 * The report's data as plain tables (header + rows), shared by the XLSX and CSV exports:
 * the board (one row per control point), the action plan (instructions, trainings, the plan's
 * other items, sub-projects, work packages), the planned activities and the evidence.
 */
import type { Locale } from '../domain/model.js';
import { levelLabel } from '../domain/scale.js';
import { labelsFor, periodLabel } from './labels.js';
import type { ReportData } from './report-data.js';

export type Cell = string | number | null;

export interface Column {
  header: string;
  width: number;
  /** 'date': the cells are ISO dates (YYYY-MM-DD), written as real dates in a workbook. */
  kind?: 'date';
}

export interface Table {
  name: string;
  columns: Column[];
  rows: Cell[][];
}

const date = (header: string, width = 12): Column => ({ header, width, kind: 'date' });

export const TABLE_NAMES = ['board', 'action-plan', 'activities', 'evidence'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export function boardTable(data: ReportData, locale: Locale): Table {
  const t = labelsFor(locale);
  const prev = data.previousYear;
  const columns = [
    { header: t.colYear, width: 8 },
    { header: t.colNumber, width: 6 },
    { header: t.colTitle, width: 42 },
    { header: t.colOwner, width: 20 },
    { header: t.colFocus, width: 12 },
    { header: t.colDpoLevel, width: 10 },
    { header: t.colDpoLabel, width: 22 },
    { header: t.colInterpreted, width: 14 },
    ...(prev === null ? [] : [{ header: t.colPrevLevel(prev), width: 12 }]),
    { header: t.colAssessedBy, width: 20 },
    date(t.colAssessedAt),
    { header: t.colDpoComment, width: 40 },
    { header: t.colUnitLevel, width: 14 },
    { header: t.colUnitLabel, width: 22 },
    date(t.colStatusDate),
    { header: t.colStatusText, width: 80 },
    { header: t.colPlanned, width: 10 },
    { header: t.colOngoing, width: 10 },
    { header: t.colDone, width: 10 },
    { header: t.colWorkPackages, width: 30 },
    date(t.colExpectedEnd, 14),
    { header: t.colOverdue, width: 10 },
    ...(data.evidenceKept ? [{ header: t.colEvidenceCount, width: 10 }] : []),
  ];
  const rows = data.controlPoints.map((cp) => [
    data.year,
    cp.number,
    cp.title,
    cp.owner,
    cp.focus ? t.yes : t.no,
    cp.dpo?.level ?? null,
    levelLabel(data.scale, cp.dpo?.level ?? null, locale),
    cp.dpo ? (cp.interpreted ? t.yes : t.no) : null,
    ...(prev === null ? [] : [cp.dpoPrevious?.level ?? null]),
    cp.dpo?.assessedByName ?? null,
    cp.dpo?.assessedAt.slice(0, 10) ?? null,
    cp.dpo?.comment || null,
    cp.unitLevel,
    cp.unitLevel === null ? null : levelLabel(data.scale, cp.unitLevel, locale),
    cp.status?.statusDate ?? null,
    cp.status?.text ?? null,
    cp.counts.planned,
    cp.counts.ongoing,
    cp.counts.done,
    cp.workPackages.map((w) => w.name).join(', ') || null,
    cp.expectedEnd,
    cp.overdue ? t.yes : t.no,
    ...(data.evidenceKept ? [cp.evidence.length] : []),
  ]);
  return { name: t.sheetBoard, columns, rows };
}

export function actionPlanTable(data: ReportData, locale: Locale): Table {
  const t = labelsFor(locale);
  const plan = data.actionPlan;
  const columns: Column[] = [
    { header: t.colKind, width: 14 },
    { header: t.colCode, width: 10 },
    { header: t.colName, width: 60 },
    { header: t.colState, width: 12 },
    { header: t.colPlannedWhen, width: 18 },
    date(t.colStart),
    date(t.colExpectedEnd, 14),
    date(t.colDueDate, 14),
    { header: t.colGroup, width: 22 },
    { header: t.colOverdue, width: 10 },
    { header: t.colNote, width: 60 },
  ];
  const all = Object.values(plan.instructions)
    .flat()
    .sort((a, b) => a.number - b.number);
  const instructions = all.map((i) => [
    t.kindInstruction,
    i.code,
    i.title,
    t.instructionState[i.state],
    periodLabel(i.plannedFrom, i.plannedQuarter) || null,
    null,
    null,
    null,
    i.group,
    null,
    i.note,
  ]);
  const trainings = plan.trainings.map((tr) => [
    t.kindTraining,
    null,
    tr.title,
    t.trainingState[tr.state],
    periodLabel(tr.plannedFrom, tr.plannedQuarter) || null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  const items = plan.items.map((item) => [
    t.kindActionPlanItem,
    all.find((i) => i.number === item.instruction)?.code ?? null,
    item.text,
    t.instructionState[item.state],
    periodLabel(item.periodFrom, item.periodTo) || null,
    null,
    null,
    item.dueDate,
    null,
    item.dueDate !== null && item.dueDate < data.asOf && item.state !== 'done' ? t.yes : t.no,
    null,
  ]);
  const subProjects = plan.subProjects.map((s) => [
    t.kindSubProject,
    String(s.position + 1),
    s.name,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  // A work package's key is the app's own identifier (e.g. "Systemstod"): its name says it.
  const workPackages = plan.workPackages.map((w) => [
    t.kindWorkPackage,
    null,
    w.name,
    t.workPackageState[w.state],
    null,
    null,
    w.expectedEnd,
    null,
    null,
    w.overdue ? t.yes : t.no,
    null,
  ]);
  const project = plan.project
    ? [[t.kindProject, null, plan.project.name, null, null, plan.project.startDate, plan.project.endDate, null, null, null, null]]
    : [];
  return { name: t.sheetPlan, columns, rows: [...project, ...instructions, ...trainings, ...items, ...subProjects, ...workPackages] };
}

export function activitiesTable(data: ReportData, locale: Locale): Table {
  const t = labelsFor(locale);
  const columns = [
    { header: t.colNumber, width: 6 },
    { header: t.colTitle, width: 36 },
    { header: t.colActivity, width: 80 },
    { header: t.colState, width: 12 },
    { header: t.colDueFrom, width: 12 },
    { header: t.colDueTo, width: 12 },
    { header: t.colPlannedWhen, width: 18 },
    { header: t.colWorkPackages, width: 22 },
    { header: t.colOverdue, width: 10 },
  ];
  const rows = data.controlPoints.flatMap((cp) =>
    cp.activities.map((a) => [
      cp.number,
      cp.title,
      a.text,
      t.activityState[a.state],
      periodLabel(a.dueFrom, null) || null,
      periodLabel(null, a.dueTo) || null,
      periodLabel(a.dueFrom, a.dueTo) || null,
      data.actionPlan.workPackages.find((w) => w.key === a.workPackage)?.name ?? null,
      a.overdue ? t.yes : t.no,
    ]),
  );
  return { name: t.sheetActivities, columns, rows };
}

/** Every piece of evidence, control point by control point (empty when the store keeps none). */
export function evidenceTable(data: ReportData, locale: Locale): Table {
  const t = labelsFor(locale);
  const columns: Column[] = [
    { header: t.colNumber, width: 6 },
    { header: t.colTitle, width: 36 },
    { header: t.colEvidenceTitle, width: 40 },
    { header: t.colEvidenceKind, width: 16 },
    date(t.colEvidenceDate),
    { header: t.colAddedBy, width: 22 },
    date(t.colAddedAt),
    { header: t.colOrigin, width: 18 },
    { header: t.colLink, width: 60 },
  ];
  const rows = data.controlPoints.flatMap((cp) =>
    cp.evidence.map((e) => [
      cp.number,
      cp.title,
      e.title,
      t.evidenceKind[e.kind],
      e.date,
      e.addedByName,
      e.addedAt.slice(0, 10),
      e.origin === 'library' ? t.evidenceFromLibrary : t.originLink,
      e.url,
    ]),
  );
  return { name: t.sheetEvidence, columns, rows };
}

export function tableByName(name: TableName, data: ReportData, locale: Locale): Table {
  if (name === 'evidence') return evidenceTable(data, locale);
  if (name === 'action-plan') return actionPlanTable(data, locale);
  if (name === 'activities') return activitiesTable(data, locale);
  return boardTable(data, locale);
}
