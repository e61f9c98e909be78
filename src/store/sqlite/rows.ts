/** Mapping between SQLite rows (snake_case) and the domain model. */
import type {
  ActionPlanItem,
  Activity,
  ActivityState,
  Assessment,
  ChangeKind,
  ChangeRecord,
  ChangeSource,
  Contact,
  ControlPoint,
  FocusArea,
  Instruction,
  InstructionState,
  StatusUpdate,
  Training,
  TrainingState,
  WorkPackage,
  WorkPackageState,
} from '../../domain/model.js';

type Row = Record<string, unknown>;
/** A column value as text: SQLite gives TEXT as a string, INTEGER and REAL as a number (or bigint). */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  return v === null || v === undefined ? String(v) : JSON.stringify(v);
}
const str = (v: unknown): string => text(v);
const num = (v: unknown): number => Number(v);
const optStr = (v: unknown): string | null => (v === null || v === undefined ? null : text(v));
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown): unknown => (v === null || v === undefined ? null : JSON.parse(text(v)));

export function toControlPoint(r: Row): ControlPoint {
  return {
    unitId: str(r.unit_id),
    number: num(r.number),
    title: str(r.title),
    owner: str(r.owner),
    workPackages: json(r.work_packages) as string[],
    expectedEnd: optStr(r.expected_end),
    version: num(r.version),
  };
}

export function toWorkPackage(r: Row): WorkPackage {
  return {
    unitId: str(r.unit_id),
    key: str(r.key),
    name: str(r.name),
    expectedEnd: optStr(r.expected_end),
    state: str(r.state) as WorkPackageState,
  };
}

export function toAssessment(r: Row): Assessment {
  return {
    id: num(r.id),
    unitId: str(r.unit_id),
    year: num(r.year),
    controlPoint: num(r.control_point),
    level: num(r.level),
    comment: str(r.comment),
    assessedBy: str(r.assessed_by),
    assessedByName: str(r.assessed_by_name),
    assessedAt: str(r.assessed_at),
  };
}

export function toStatusUpdate(r: Row): StatusUpdate {
  return {
    id: num(r.id),
    unitId: str(r.unit_id),
    year: num(r.year),
    controlPoint: num(r.control_point),
    statusDate: str(r.status_date),
    text: str(r.text),
    unitLevel: optNum(r.unit_level),
    author: str(r.author),
    authorName: str(r.author_name),
    createdAt: str(r.created_at),
  };
}

export function toActivity(r: Row): Activity {
  return {
    id: num(r.id),
    unitId: str(r.unit_id),
    controlPoint: num(r.control_point),
    text: str(r.text),
    state: str(r.state) as ActivityState,
    dueFrom: optStr(r.due_from),
    dueTo: optStr(r.due_to),
    workPackage: optStr(r.work_package),
    position: num(r.position),
    version: num(r.version),
    updatedAt: str(r.updated_at),
    updatedBy: str(r.updated_by),
  };
}

export function toInstruction(r: Row): Instruction {
  return {
    unitId: str(r.unit_id),
    number: num(r.number),
    code: str(r.code),
    title: str(r.title),
    state: str(r.state) as InstructionState,
    plannedFrom: optStr(r.planned_from),
    plannedQuarter: optStr(r.planned_quarter),
    group: optStr(r.group_name),
    note: optStr(r.note),
    version: num(r.version),
    updatedAt: str(r.updated_at),
    updatedBy: str(r.updated_by),
  };
}

export function toTraining(r: Row): Training {
  return {
    id: num(r.id),
    unitId: str(r.unit_id),
    title: str(r.title),
    state: str(r.state) as TrainingState,
    plannedFrom: optStr(r.planned_from),
    plannedQuarter: optStr(r.planned_quarter),
  };
}

export function toFocusArea(r: Row): FocusArea {
  return {
    unitId: str(r.unit_id),
    year: num(r.year),
    focusYear: num(r.focus_year),
    controlPoint: num(r.control_point),
    text: optStr(r.text),
  };
}

export function toActionPlanItem(r: Row): ActionPlanItem {
  return {
    id: num(r.id),
    unitId: str(r.unit_id),
    text: str(r.text),
    state: str(r.state) as InstructionState,
    periodFrom: optStr(r.period_from),
    periodTo: optStr(r.period_to),
    dueDate: optStr(r.due_date),
    instruction: optNum(r.instruction),
    position: num(r.position),
    version: num(r.version),
    updatedAt: str(r.updated_at),
    updatedBy: str(r.updated_by),
  };
}

export function toContact(r: Row): Contact {
  return {
    unitId: str(r.unit_id),
    name: str(r.name),
    title: str(r.title),
    role: str(r.role),
    organisation: str(r.organisation),
    email: str(r.email),
    version: num(r.version),
    updatedAt: str(r.updated_at),
    updatedBy: str(r.updated_by),
  };
}

export function toChange(r: Row): ChangeRecord {
  return {
    seq: num(r.seq),
    at: str(r.at),
    actorId: str(r.actor_id),
    actorName: str(r.actor_name),
    source: str(r.source) as ChangeSource,
    unitId: str(r.unit_id),
    year: optNum(r.year),
    kind: str(r.kind) as ChangeKind,
    entityId: str(r.entity_id),
    controlPoint: optNum(r.control_point),
    before: json(r.before_json),
    after: json(r.after_json),
  };
}
