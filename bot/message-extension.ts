/**
 * The search-based message extension and link unfurling: people bring a control point or an
 * instruction into any conversation from the compose box, or paste a /tab/... address of the app.
 *
 * composeExtension/query (value.commandId, value.parameters [{ name, value }], value.queryOptions
 * { skip, count }; the default query of `initialRun` carries the parameter initialRun = "true"), answered with
 * { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [{ ...card, preview }] } }:
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 * An Adaptive Card result needs a preview, a hero or thumbnail card without buttons or tap (same page).
 *
 * composeExtension/queryLink (value.url), answered the same way; only the first attachment is used, and
 * link unfurling renders Adaptive Cards up to version 1.3 (the template is 1.3):
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling
 * An address that is not one of the tab's views gets a result with no attachments: nothing unfurls.
 *
 * Everyone who may read the board may search: the caller is asked of the identity module (a Teams user of a
 * tenant that is not allowed gets a `message` answer saying so, in the invoke's language).
 */
import type { MessagingExtensionAttachment, MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import { DomainError } from '../src/domain/errors.js';
import type { Instruction, IsoDate, Locale } from '../src/domain/model.js';
import { can, type Actor } from '../src/domain/roles.js';
import { levelLabel } from '../src/domain/scale.js';
import { tabPageOf, type TabPage } from '../src/domain/tab-pages.js';
import {
  buildActionPlan,
  isInstructionOverdue,
  type ActionPlanView,
  type BoardView,
  type ControlPointSummary,
} from '../src/domain/views.js';
import type { BoardStore } from '../src/store/port.js';
import { errorMessage } from '../src/words/errors.js';
import { markLabel, periodLabel, say, TERMS } from '../src/words/index.js';
import { evidenceView, renderCard, type CardAttachment } from './cards.js';
import { fill, STRINGS } from './i18n.js';

/** The manifest's search command (appPackage/manifest.json composeExtensions[0].commands[0]) and its one parameter. */
export const SEARCH_COMMAND = { id: 'searchBoard', parameter: 'query' } as const;
/** Teams asks for 25 results a page (queryOptions.count); no page is larger. */
export const MAX_PAGE = 25;

/** What the extension reads and how it links, for one invoke. */
export interface ExtensionContext {
  locale: Locale;
  /** The board of the unit's current year (the conversation's unit, or the one the search named), as the bot's commands see it. */
  board(): Promise<BoardView>;
  store: Pick<BoardStore, 'getActionPlanData' | 'evidence'>;
  unitId: string;
  today: IsoDate;
  /** The caller, from the identity module; throws `unauthenticated` for a tenant that is not allowed. */
  actor(): Promise<Actor>;
  /** A link into the tab on a page of the unit (the board, a control point, the action plan): a deep link inside Teams. */
  link(page: Exclude<TabPage, { kind: 'city' }>, label: string): string;
  /** The app's public address: only its /tab/ addresses unfurl. */
  publicUrl: string;
}

type Result = { card: CardAttachment; preview: { title: string; text: string } };

// ---------------------------------------------------------------------------------------------
// The query

/** Lower case without diacritics ("Säkerhet" -> "sakerhet"), spaces collapsed: how queries and titles compare. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** What a search asks for: everything of the board, one number, or words in titles. */
export type SearchQuery =
  | { kind: 'initial' }
  | { kind: 'number'; number: number; controlPoints: boolean; instructions: boolean }
  | { kind: 'words'; words: string[] };

const CONTROL_POINT_PREFIX = /^(?:kp|kontrollpunkt(?:en)?|control ?point|cp)\s*#?0*(\d{1,2})$/;
const INSTRUCTION_PREFIX = /^(?:iifs|anvisning(?:en)?|instruction)\s*#?0*(\d{1,2})$/;

export function parseSearch(raw: string): SearchQuery {
  const text = foldForSearch(raw);
  if (text === '') return { kind: 'initial' };
  const controlPoint = CONTROL_POINT_PREFIX.exec(text);
  if (controlPoint) return { kind: 'number', number: Number(controlPoint[1]), controlPoints: true, instructions: false };
  const instruction = INSTRUCTION_PREFIX.exec(text);
  if (instruction) return { kind: 'number', number: Number(instruction[1]), controlPoints: false, instructions: true };
  const bare = /^#?0*(\d{1,2})$/.exec(text);
  if (bare) return { kind: 'number', number: Number(bare[1]), controlPoints: true, instructions: true };
  return { kind: 'words', words: text.split(' ') };
}

/** The search text Teams sent: the command's parameter, empty for the default query (initialRun). */
export function searchText(query: MessagingExtensionQuery): string {
  const parameters = query.parameters ?? [];
  if (parameters.some((p) => p.name === 'initialRun')) return '';
  const value: unknown = parameters.find((p) => p.name === SEARCH_COMMAND.parameter)?.value;
  return typeof value === 'string' ? value.slice(0, 200) : '';
}

/** The page Teams asked for: skip 0 and count 25 unless it says otherwise; never more than MAX_PAGE. */
export function pageOf(query: MessagingExtensionQuery): { skip: number; count: number } {
  const whole = (n: unknown, fallback: number) => (typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : fallback);
  const skip = whole(query.queryOptions?.skip, 0);
  const count = Math.min(MAX_PAGE, whole(query.queryOptions?.count, MAX_PAGE) || MAX_PAGE);
  return { skip, count };
}

/**
 * How well `haystack` answers every word, or null when a word is missing: words found at the start of a
 * word of the haystack count most, so "reg" puts "Registerförteckning" before "Incidentregistrering".
 */
export function wordScore(words: readonly string[], haystack: string): number | null {
  const text = ` ${foldForSearch(haystack)}`;
  let score = 0;
  for (const word of words) {
    if (!text.includes(word)) return null;
    score += text.includes(` ${word}`) ? 2 : 1;
  }
  return score;
}

interface Candidate<T> {
  item: T;
  number: number;
  haystack: string;
}

/** The candidates a number (exactly) or words match, with their score. */
function pick<T>(query: Exclude<SearchQuery, { kind: 'initial' }>, candidates: Candidate<T>[]): { item: T; score: number }[] {
  if (query.kind === 'number') return candidates.filter((c) => c.number === query.number).map((c) => ({ item: c.item, score: 0 }));
  return candidates.flatMap((c) => {
    const score = wordScore(query.words, c.haystack);
    return score === null ? [] : [{ item: c.item, score }];
  });
}

// ---------------------------------------------------------------------------------------------
// The cards

const dash = (value: string) => value || '–';

/**
 * Teams sends no result card over 28 KB (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/build-bot-based-message-extension)
 * and the card shows six lines of a text: a status (up to 8,000 characters) is cut at a word, the tab has it whole.
 */
export const EXCERPT_LENGTH = 600;

export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
/** Cards of other things than a control point have no evidence button. */
const NO_EVIDENCE = { evidenceTitle: '', evidenceUrl: '' };

/** A control point's card: `evidence` is how many evidence items it has (the count the bot's other cards show). */
function controlPointResult(ctx: ExtensionContext, board: BoardView, cp: ControlPointSummary, evidence: number): Result {
  const { locale } = ctx;
  const t = STRINGS[locale];
  const terms = TERMS[locale];
  const dpoLevel = markLabel(board.scale, cp.dpo, locale);
  const unitLevel = cp.unitLevel === null ? terms.level.noUnitLevel : levelLabel(board.scale, cp.unitLevel, locale);
  const status = cp.unitStatus ? `${cp.unitStatus.statusDate} (${cp.unitStatus.authorName})` : t.noStatus;
  const title = fill(t.controlPointTitle, { n: cp.number, title: cp.title });
  const url = ctx.link({ kind: 'controlPoint', number: cp.number }, title);
  const evidenceUrl = ctx.link({ kind: 'controlPoint', number: cp.number, section: 'evidence' }, title);
  const evidenceParts = evidenceView(locale, { count: evidence, url: evidenceUrl });
  const overdue = cp.overdue ? `⚠ ${t.overdue}` : '';
  const badges = [overdue, cp.focus ? `★ ${t.focus}` : ''].filter(Boolean).join(' · ');
  const card = renderCard('search-result', {
    title,
    subtitle: board.unit.name,
    badges,
    facts: [
      { label: t.unitStatus, value: status },
      { label: t.dpoAssessment, value: dpoLevel },
      { label: t.unitLevel, value: unitLevel },
      { label: t.overdue, value: cp.overdue ? terms.yes : terms.no },
      { label: t.owner, value: dash(cp.owner) },
      { label: t.activities, value: fill(t.activityCounts, cp.activities) },
      ...(cp.expectedEnd ? [{ label: t.expectedEnd, value: cp.expectedEnd }] : []),
      evidenceParts.fact,
    ],
    textHeading: t.unitStatus,
    text: excerpt(cp.unitStatus?.text ?? ''),
    linkTitle: t.openTab,
    url,
    ...evidenceParts.action,
  });
  const text = [`${t.dpoAssessment}: ${dpoLevel}`, cp.unitStatus ? `${t.unitStatus} ${cp.unitStatus.statusDate}` : t.noStatus, overdue];
  return { card, preview: { title, text: text.filter(Boolean).join(' · ') } };
}

function instructionResult(ctx: ExtensionContext, plan: ActionPlanView, i: Instruction): Result {
  const { locale } = ctx;
  const t = STRINGS[locale];
  const terms = TERMS[locale];
  const overdue = isInstructionOverdue(i, ctx.today);
  const period = periodLabel(i.plannedFrom, i.plannedQuarter, locale);
  const title = `${i.code}: ${i.title}`;
  const card = renderCard('search-result', {
    title,
    subtitle: [terms.thing.instruction, plan.project?.name ?? ''].filter(Boolean).join(' · '),
    badges: overdue ? `⚠ ${t.overdue}` : '',
    facts: [
      { label: t.searchState, value: terms.state[i.state] },
      { label: t.searchPlanned, value: dash(period) },
      { label: t.overdue, value: overdue ? terms.yes : terms.no },
      ...(i.group ? [{ label: t.searchGroup, value: i.group }] : []),
    ],
    textHeading: t.searchNote,
    text: excerpt(i.note ?? ''),
    linkTitle: t.openTab,
    url: ctx.link({ kind: 'actionPlan' }, terms.thing.actionPlan),
    ...NO_EVIDENCE,
  });
  const text = [terms.state[i.state], period, overdue ? `⚠ ${t.overdue}` : ''];
  return { card, preview: { title, text: text.filter(Boolean).join(' · ') } };
}

function boardResult(ctx: ExtensionContext, board: BoardView): Result {
  const { locale } = ctx;
  const t = STRINGS[locale];
  const title = fill(t.boardTitle, { unit: board.unit.name, year: board.year });
  const overdue = board.controlPoints.filter((cp) => cp.overdue).length;
  const facts = board.controlPoints.map((cp) => {
    const parts = [markLabel(board.scale, cp.dpo, locale), cp.overdue ? `⚠ ${t.overdue}` : ''];
    return { label: `${cp.focus ? '★ ' : ''}${cp.number}. ${cp.title}`, value: parts.filter(Boolean).join(' · ') };
  });
  const card = renderCard('search-result', {
    title,
    subtitle: t.boardSubtitle,
    badges: overdue > 0 ? `⚠ ${t.overdue}: ${say(locale, 'count.ofTotal', { n: overdue, total: board.controlPoints.length })}` : '',
    facts,
    textHeading: '',
    text: '',
    linkTitle: t.openBoard,
    url: ctx.link({ kind: 'board' }, title),
    ...NO_EVIDENCE,
  });
  return { card, preview: { title, text: t.boardSubtitle } };
}

function actionPlanResult(ctx: ExtensionContext, plan: ActionPlanView): Result {
  const { locale } = ctx;
  const t = STRINGS[locale];
  const terms = TERMS[locale];
  const title = plan.project ? `${terms.thing.actionPlan}: ${plan.project.name}` : terms.thing.actionPlan;
  const { progress } = plan;
  const ofTotal = (n: number) => say(locale, 'count.ofTotal', { n, total: progress.total });
  const overduePackages = plan.workPackages.filter((wp) => wp.overdue).length;
  const overdueInstructions = Object.values(plan.instructions)
    .flat()
    .filter((i) => isInstructionOverdue(i, ctx.today)).length;
  const card = renderCard('search-result', {
    title,
    subtitle: plan.project ? periodOf(plan.project.startDate, plan.project.endDate, locale) : '',
    badges: overduePackages + overdueInstructions > 0 ? `⚠ ${t.overdue}` : '',
    facts: [
      { label: terms.stateGroup.done, value: ofTotal(progress.done) },
      { label: terms.stateGroup.ongoing, value: ofTotal(progress.ongoing) },
      { label: terms.stateGroup.planned, value: ofTotal(progress.planned) },
      ...(progress.notStated > 0 ? [{ label: terms.stateGroup.notStated, value: ofTotal(progress.notStated) }] : []),
      { label: t.searchOverdueInstructions, value: String(overdueInstructions) },
      { label: t.searchOverduePackages, value: say(locale, 'count.ofTotal', { n: overduePackages, total: plan.workPackages.length }) },
    ],
    textHeading: '',
    text: '',
    linkTitle: t.openTab,
    url: ctx.link({ kind: 'actionPlan' }, title),
    ...NO_EVIDENCE,
  });
  const preview = say(locale, 'count.instructionsDone', { done: progress.done, total: progress.total });
  return { card, preview: { title, text: preview } };
}

function periodOf(from: string, to: string, locale: Locale): string {
  return say(locale, 'period', { from, to });
}

/** One result as the extension answers it: the card to insert and its thumbnail preview (no buttons, no tap). */
function attachmentOf(result: Result): MessagingExtensionAttachment {
  return {
    ...result.card,
    preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: result.preview },
  };
}

function resultResponse(results: Result[]): MessagingExtensionResponse {
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: results.map(attachmentOf) } };
}

function messageResponse(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

/** A domain error before the search could start (a unit the caller may not read) as the extension's message answer. */
export function extensionRefusal(error: DomainError, locale: Locale): MessagingExtensionResponse {
  return messageResponse(errorMessage(error, locale));
}

/** The search with the unit it names at its end ("kp 4 i Kultur"), when `isUnit` knows that name; else as it came. */
export function searchNamingUnit(
  query: MessagingExtensionQuery,
  isUnit: (name: string) => boolean,
): { query: MessagingExtensionQuery; unit?: string } {
  const match = /^(.*?\S)\s+(?:i|in)\s+(\S.*)$/iu.exec(searchText(query).trim());
  if (!match || !isUnit(match[2]!)) return { query };
  const parameters = (query.parameters ?? []).map((p) => (p.name === SEARCH_COMMAND.parameter ? { ...p, value: match[1]! } : p));
  return { query: { ...query, parameters }, unit: match[2]! };
}

// ---------------------------------------------------------------------------------------------
// The invokes

/** Runs `answer` for a caller who may read the board; a domain error (an unknown tenant, a missing year) becomes a message. */
async function asReader(ctx: ExtensionContext, answer: () => Promise<MessagingExtensionResponse>): Promise<MessagingExtensionResponse> {
  try {
    const actor = await ctx.actor();
    if (!can(actor, 'read', ctx.unitId)) {
      return messageResponse(errorMessage(new DomainError('forbidden', { permission: 'read', unitId: ctx.unitId }), ctx.locale));
    }
    return await answer();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return messageResponse(errorMessage(error, ctx.locale));
  }
}

async function actionPlanOf(ctx: ExtensionContext): Promise<ActionPlanView> {
  return buildActionPlan(await ctx.store.getActionPlanData(ctx.unitId), ctx.today);
}

interface Ranked {
  score: number;
  result: () => Result;
}

function instructionsOf(plan: ActionPlanView): Instruction[] {
  return Object.values(plan.instructions)
    .flat()
    .sort((a, b) => a.number - b.number);
}

/** Every match of a search, best first; control points before instructions, each in number order. */
async function searchMatches(ctx: ExtensionContext, search: SearchQuery): Promise<Ranked[]> {
  const [board, evidence] = await Promise.all([ctx.board(), ctx.store.evidence.countByControlPoint(ctx.unitId)]);
  const controlPointOf = (cp: ControlPointSummary) => () => controlPointResult(ctx, board, cp, evidence.get(cp.number) ?? 0);
  if (search.kind === 'initial') return board.controlPoints.map((cp) => ({ score: 0, result: controlPointOf(cp) }));
  const controlPoints =
    search.kind === 'number' && !search.controlPoints
      ? []
      : pick(
          search,
          board.controlPoints.map((cp) => ({ item: cp, number: cp.number, haystack: `${cp.number} ${cp.title}` })),
        ).map((m) => ({ score: m.score, result: controlPointOf(m.item) }));
  if (search.kind === 'number' && !search.instructions) return controlPoints;
  const plan = await actionPlanOf(ctx);
  const instructions = pick(
    search,
    instructionsOf(plan).map((i) => ({ item: i, number: i.number, haystack: `${i.code} ${i.title} ${i.group ?? ''}` })),
  ).map((m) => ({ score: m.score, result: () => instructionResult(ctx, plan, m.item) }));
  // Array.prototype.sort is stable: equal scores keep control points first, in number order.
  return [...controlPoints, ...instructions].sort((a, b) => b.score - a.score);
}

/** composeExtension/query: control points and instructions matching the text, one page of them. */
export function searchResponse(ctx: ExtensionContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
  return asReader(ctx, async () => {
    if (query.commandId !== SEARCH_COMMAND.id) return messageResponse(STRINGS[ctx.locale].searchUnknownCommand);
    const matches = await searchMatches(ctx, parseSearch(searchText(query)));
    const { skip, count } = pageOf(query);
    return resultResponse(matches.slice(skip, skip + count).map((m) => m.result()));
  });
}

/** The tab's view a pasted address of this app names (https://<app>/tab/control-points/4), or null for any other address. */
export function pageOfAddress(url: string, publicUrl: string): TabPage | null {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(publicUrl);
  } catch {
    return null;
  }
  if (target.origin !== base.origin) return null;
  const tabRoot = `${base.pathname.replace(/\/+$/, '')}/tab`;
  const path = target.pathname;
  if (path !== tabRoot && !path.startsWith(`${tabRoot}/`)) return null;
  return tabPageOf(path.slice(tabRoot.length));
}

/** composeExtension/queryLink: the card of the view a pasted /tab/... address names; nothing for any other address. */
export function unfurlResponse(ctx: ExtensionContext, url: string | undefined): Promise<MessagingExtensionResponse> {
  const page = pageOfAddress(url ?? '', ctx.publicUrl);
  if (!page) return Promise.resolve(resultResponse([]));
  // The city view names no one unit: nothing unfurls (its address opens the tab).
  if (page.kind === 'city') return Promise.resolve(resultResponse([]));
  return asReader(ctx, async () => {
    if (page.kind === 'actionPlan') return resultResponse([actionPlanResult(ctx, await actionPlanOf(ctx))]);
    const board = await ctx.board();
    if (page.kind === 'board') return resultResponse([boardResult(ctx, board)]);
    const cp = board.controlPoints.find((c) => c.number === page.number);
    if (!cp) return resultResponse([]);
    const evidence = await ctx.store.evidence.countByControlPoint(ctx.unitId);
    return resultResponse([controlPointResult(ctx, board, cp, evidence.get(cp.number) ?? 0)]);
  });
}
