/**
 * The port's status-request part (BoardStore.statusRequests, issue 13 item 3) and the one way an
 * answer is stored: as a status update under the answerer's name, once per request. Both stores
 * pass tests/store/status-requests-contract.ts.
 */
import type { IsoDate, StatusUpdate } from '../domain/model.js';
import { isoDay } from '../domain/period.js';
import type { WriteContext } from '../domain/rules.js';
import {
  answerRequestId,
  authorizeAnswer,
  type NewStatusRequest,
  type StatusRequest,
  type StatusRequestAnswer,
} from '../domain/status-requests.js';
import type { BoardStore, StoreWriteContext } from './port.js';

export interface StatusRequestStore {
  /**
   * Stores a request after checkNewStatusRequest. A repeated create (the same ctx.requestId) answers
   * the first one. Throws not_found for an unknown unit, year or control point.
   */
  create(input: NewStatusRequest, ctx: WriteContext): Promise<StatusRequest>;
  /** Throws not_found when the unit has no such request. */
  get(unitId: string, id: string): Promise<StatusRequest>;
  /** The unit's open requests, the earliest due first. */
  listOpen(unitId: string): Promise<StatusRequest[]>;
  /** Every unit's open requests whose due date is before `today` (the reminders' work list), the earliest due first. */
  listPastDue(today: IsoDate): Promise<StatusRequest[]>;
  /**
   * Records the answer; the first one stays. `first` is true for the one call that closed the request
   * (a later or concurrent call gets the request as the first answer left it, and false).
   */
  markAnswered(unitId: string, id: string, answer: StatusRequestAnswer): Promise<{ request: StatusRequest; first: boolean }>;
}

export interface StatusAnswerInput {
  text: string;
  unitLevel: number | null;
}

export interface StoredAnswer {
  request: StatusRequest;
  /** True for the one answer that closed the request; false when it had been answered before (nothing new was stored). */
  stored: boolean;
}

type AnsweringStore = Pick<BoardStore, 'addStatusUpdate' | 'appState'> & { statusRequests: StatusRequestStore };

/** How long one answer may take to be written before another caller may try (a crashed instance's answer). */
const ANSWER_LEASE_MS = 60_000;

/**
 * Answers a request: a status update dated today under the answerer's name (the store checks their
 * role, the text and the level), then the request marked answered. Two answers (a retry, a double
 * click, two people, two instances) store one status update: the answer is written under a lease on
 * the request (the app state's claim-once keys, shared by every instance), so only one caller writes
 * at a time; the update carries the request's own request id, so a caller that took over a lost
 * lease finds the update already written.
 */
export async function answerStatusRequest(
  store: AnsweringStore,
  unitId: string,
  id: string,
  input: StatusAnswerInput,
  ctx: StoreWriteContext,
): Promise<StoredAnswer> {
  authorizeAnswer(ctx.actor, unitId);
  const request = await store.statusRequests.get(unitId, id);
  if (request.state === 'answered') return { request, stored: false };
  const lease = await store.appState.acquireLease(`status-request-answer:${unitId}:${id}`, ctx.now, ANSWER_LEASE_MS);
  if (!lease) return { request: await store.statusRequests.get(unitId, id), stored: false };
  try {
    const answered = await writeAnswer(store, request, input, ctx);
    await store.appState.completeLease(lease, ctx.now);
    return answered;
  } catch (error) {
    await store.appState.releaseLease(lease);
    throw error;
  }
}

async function writeAnswer(
  store: AnsweringStore,
  request: StatusRequest,
  input: StatusAnswerInput,
  ctx: StoreWriteContext,
): Promise<StoredAnswer> {
  const { unitId, id } = request;
  const update: StatusUpdate = await store.addStatusUpdate(
    {
      unitId,
      year: request.year,
      controlPoint: request.controlPoint,
      statusDate: isoDay(ctx.now),
      text: input.text,
      unitLevel: input.unitLevel,
    },
    { ...ctx, requestId: answerRequestId(request) },
  );
  const { request: answered, first } = await store.statusRequests.markAnswered(unitId, id, {
    statusUpdateId: update.id,
    answeredBy: update.author,
    answeredByName: update.authorName,
    answeredAt: update.createdAt,
  });
  return { request: answered, stored: first };
}
