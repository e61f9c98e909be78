/**
 * Status requests (issue 13 item 3): the DPO or the CISO asks the person responsible for a control
 * point for a new status. The bot sends that person a card; their answer is stored as a status
 * update under their own name, once per request. Pure: types and rules, no I/O.
 */
import { DomainError, details } from './errors.js';
import type { IsoDate, IsoTimestamp, Localized } from './model.js';
import { isIsoDate, isoDay } from './period.js';
import { authorize, checkControlPointNumber } from './rules.js';
import type { Actor, Role } from './roles.js';

export const STATUS_REQUEST_STATES = ['open', 'answered'] as const;
export type StatusRequestState = (typeof STATUS_REQUEST_STATES)[number];

/** How long the person asked has to answer when the requester names no date, and at most. */
export const STATUS_REQUEST_DAYS = { default: 7, max: 90 } as const;

export interface StatusRequest {
  /** Stable within a store: the SQLite row id or the SharePoint list item id. */
  id: string;
  unitId: string;
  year: number;
  controlPoint: number;
  requestedBy: string;
  requestedByName: string;
  requestedAt: IsoTimestamp;
  /** The person asked: their Teams account id (29:… in Teams) and name. */
  askedId: string;
  askedName: string;
  /** The last day to answer; an open request past it gets one reminder. */
  dueDate: IsoDate;
  state: StatusRequestState;
  answeredBy: string | null;
  answeredByName: string | null;
  answeredAt: IsoTimestamp | null;
  /** The status update the answer was stored as. */
  statusUpdateId: number | null;
}

export interface NewStatusRequest {
  unitId: string;
  year: number;
  controlPoint: number;
  askedId: string;
  askedName: string;
  dueDate: IsoDate;
}

/** What an answer stored: who answered, when, and the status update it became. */
export interface StatusRequestAnswer {
  statusUpdateId: number;
  answeredBy: string;
  answeredByName: string;
  answeredAt: IsoTimestamp;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(day: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const THE_STATUS_REQUEST: Localized = { sv: 'Statusförfrågan', en: 'The status request' };

export function statusRequestNotFound(): DomainError {
  return new DomainError('not_found', { what: THE_STATUS_REQUEST });
}

/** The due date a requester gave, or the default; never before today nor more than STATUS_REQUEST_DAYS.max ahead. */
export function dueDateOf(given: IsoDate | undefined, now: Date): IsoDate {
  const today = isoDay(now);
  if (given === undefined) return addDays(today, STATUS_REQUEST_DAYS.default);
  const latest = addDays(today, STATUS_REQUEST_DAYS.max);
  if (!isIsoDate(given) || given < today || given > latest) {
    throw new DomainError(
      'invalid_input',
      details(`svara senast ska vara ett datum från ${today} till ${latest}.`, `the due date must be a date from ${today} to ${latest}.`),
    );
  }
  return given;
}

/** The DPO or the CISO asks; the person asked must be known. */
export function checkNewStatusRequest(actor: Actor, input: NewStatusRequest): void {
  authorize(actor, 'requestStatus', input.unitId);
  checkControlPointNumber(input.controlPoint);
  if (!input.askedId.trim() || !input.askedName.trim()) {
    throw new DomainError('invalid_input', details('vem som ska svara saknas.', 'who is to answer is missing.'));
  }
  if (!isIsoDate(input.dueDate)) throw new DomainError('invalid_input', details('svara senast saknas.', 'the due date is missing.'));
}

/** Only people allowed to write the unit's status answer (the status update checks the rest). */
export function authorizeAnswer(actor: Actor, unitId: string): void {
  authorize(actor, 'writeStatus', unitId);
}

/** An open request whose due date has passed (judged on `today`, YYYY-MM-DD). */
export function isPastDue(request: StatusRequest, today: IsoDate): boolean {
  return request.state === 'open' && request.dueDate < today;
}

/** The request id its answer's status update is stored under: a second answer finds the first. */
export function answerRequestId(request: Pick<StatusRequest, 'unitId' | 'id'>): string {
  return `status-request:${request.unitId}:${request.id}`;
}

/** Open requests, the earliest due first. */
export function sortStatusRequests(requests: StatusRequest[]): StatusRequest[] {
  return [...requests].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}

/** The role an owner text names when it names no person ("CISO Intraservice": the CISO); null when it names none. */
export function ownerRole(owner: string): Role | null {
  if (/\bciso\b/i.test(owner)) return 'ciso';
  if (/dataskyddsombud|\bdpo\b|data protection officer/i.test(owner)) return 'dpo';
  return null;
}

const folded = (text: string) => text.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();

/** Whether the owner text names this person: their whole name as words of it ("Anna Berg, CISO" names Anna Berg). */
export function namesOwner(owner: string, name: string): boolean {
  const who = folded(name);
  if (who.length < 3) return false;
  const escaped = who.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(folded(owner));
}

/**
 * The people an owner text makes responsible, among `candidates` in their order: those it names by their
 * whole name, else those holding the role it names, as `rolesOf` says (the identity module). The one rule
 * for who is asked for a status and who is reminded of overdue work.
 */
export async function responsibleAmong<T>(
  owner: string,
  candidates: readonly T[],
  nameOf: (candidate: T) => string,
  rolesOf: (candidate: T) => Promise<readonly Role[]>,
): Promise<T[]> {
  const named = candidates.filter((c) => namesOwner(owner, nameOf(c)));
  if (named.length > 0) return named;
  const role = ownerRole(owner);
  if (!role) return [];
  const holders: T[] = [];
  for (const candidate of candidates) if ((await rolesOf(candidate)).includes(role)) holders.push(candidate);
  return holders;
}
