/**
 * The bot's Adaptive Cards: JSON templates in bot/cards/, bound with adaptivecards-templating
 * to view data computed here (localized strings, level labels, links). Returns plain
 * attachments ({ contentType, content }) so nothing here depends on the Bot Framework SDK.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import * as ACData from 'adaptivecards-templating';
import type { ChangeRecord, Locale, StatusUpdate, Unit } from '../src/domain/model.js';
import { LIMITS } from '../src/domain/rules.js';
import { APP_ROOT } from '../src/paths.js';
import { levelLabel, type Scale } from '../src/domain/scale.js';
import type { BoardView, ControlPointDetail, Mark } from '../src/domain/views.js';
import { unitLabel } from '../src/domain/units.js';
import { isUnitChange, markLabel, TERMS } from '../src/words/index.js';
import { changeLabel, describeChange, type DescribeContext } from '../src/words/changes.js';
import { fill, formatWhen, STRINGS, type Strings } from './i18n.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_NAMES = [
  'welcome',
  'help',
  'board',
  'control-point',
  'focus',
  'report',
  'assess',
  'status-change',
  'digest',
  'notice',
  'search-result',
  'status-request',
  'reminder',
  'weekly-digest',
] as const;
export type CardName = (typeof CARD_NAMES)[number];

export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

/** The templates live in bot/cards/ of the app (also when the server runs compiled from dist/). */
export const CARDS_DIR = path.join(APP_ROOT, 'bot/cards');

const templates = new Map<CardName, unknown>(
  CARD_NAMES.map((name) => [name, JSON.parse(fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8'))]),
);

export function renderCard(name: CardName, data: Record<string, unknown>): CardAttachment {
  const template = new ACData.Template(templates.get(name));
  const content = template.expand({ $root: data }) as Record<string, unknown>;
  return { contentType: CARD_CONTENT_TYPE, content };
}

/**
 * How a card names its unit: the unit's label (unitLabel: "(exempel)", "(arkiverad)") when the app has more
 * than one unit, undefined with one (the cards then read as they did before several units).
 */
export function cardUnit(units: readonly Unit[], unitId: string, locale: Locale): string | undefined {
  if (units.length < 2) return undefined;
  const unit = units.find((u) => u.id === unitId);
  return unit ? unitLabel(unit, locale) : undefined;
}

function commands(t: Strings) {
  return t.helpCommands.map(([command, description]) => ({ command, description }));
}

/** `following`: which unit the conversation follows and how to choose another ("Här följer jag …"), when there is a choice. */
export function welcomeCard(locale: Locale, options: { personal: boolean; boardUrl: string; following?: string }): CardAttachment {
  const t = STRINGS[locale];
  return renderCard('welcome', {
    title: t.welcomeTitle,
    text: t.welcomeText,
    personalHint: options.personal ? t.welcomePersonal : '',
    following: options.following ?? '',
    helpIntro: t.helpIntro,
    commands: commands(t),
    openBoard: t.openBoard,
    boardUrl: options.boardUrl,
  });
}

export function helpCard(locale: Locale, options: { unknownText?: string; boardUrl: string; following?: string }): CardAttachment {
  const t = STRINGS[locale];
  return renderCard('help', {
    notice: options.unknownText ? fill(t.unknownCommand, { text: options.unknownText.slice(0, 80) }) : '',
    title: t.helpTitle,
    following: options.following ?? '',
    helpIntro: t.helpIntro,
    commands: commands(t),
    openBoard: t.openBoard,
    boardUrl: options.boardUrl,
  });
}

export function noticeCard(
  locale: Locale,
  text: string,
  options: { title?: string; color?: 'Default' | 'Attention' | 'Good' } = {},
): CardAttachment {
  void locale;
  return renderCard('notice', { title: options.title ?? '', text, color: options.color ?? 'Default' });
}

/** Who placed the mark and when, and the level ("tolkad från rapporten" while it is read from the report). */
function assessmentLine(t: Strings, scale: Scale, a: Mark | null, locale: Locale, year: number): string {
  if (!a) return fill(t.notAssessedYet, { year });
  return fill(t.assessedBy, { name: a.assessedByName, when: formatWhen(a.assessedAt, locale), level: markLabel(scale, a, locale) });
}

export function boardCard(locale: Locale, board: BoardView, boardUrl: string): CardAttachment {
  const t = STRINGS[locale];
  const rows = board.controlPoints.map((cp) => {
    const parts = [markLabel(board.scale, cp.dpo, locale)];
    if (cp.unitStatus) parts.push(`${t.unitStatus.toLocaleLowerCase(locale)} ${cp.unitStatus.statusDate}`);
    if (cp.overdue) parts.push(`⚠ ${t.overdue}`);
    return { label: `${cp.focus ? '★ ' : ''}${cp.number}. ${cp.title}`, value: parts.join(' · ') };
  });
  return renderCard('board', {
    title: fill(t.boardTitle, { unit: unitLabel(board.unit, locale), year: board.year }),
    subtitle: t.boardSubtitle,
    rows,
    openBoard: t.openBoard,
    boardUrl,
  });
}

/** The current year's assessments of a control point, newest last. */
function ofYear(detail: ControlPointDetail, year: number): Mark[] {
  return detail.assessmentsByYear.find((y) => y.year === year)?.assessments ?? [];
}

/** How many evidence items a control point has, and the tab's evidence section of it (control-points/<n>#evidence). */
export interface EvidenceLink {
  count: number;
  url: string;
}

/** The card's evidence fact ("Underlag: 3") and its button ("Visa underlaget (3)"). */
export function evidenceView(locale: Locale, evidence: EvidenceLink) {
  const words = TERMS[locale].evidenceWords;
  return {
    fact: { label: words.count, value: String(evidence.count) },
    action: { evidenceTitle: fill(words.show, { count: evidence.count }), evidenceUrl: evidence.url },
  };
}

export function controlPointCard(
  locale: Locale,
  detail: ControlPointDetail,
  year: number,
  tabUrl: string,
  evidence: EvidenceLink,
  /** The unit's label with more than one unit (cardUnit): said under the title. */
  unit?: string,
): CardAttachment {
  const t = STRINGS[locale];
  const cp = detail.controlPoint;
  const latest = ofYear(detail, year).at(-1) ?? null;
  const status: StatusUpdate | undefined = detail.statusUpdates.find((s) => s.year === year) ?? detail.statusUpdates[0];
  const counts = { done: 0, ongoing: 0, planned: 0 };
  for (const a of detail.activities) counts[a.state] += 1;
  const facts = [
    { label: t.owner, value: cp.owner },
    { label: t.dpoAssessment, value: assessmentLine(t, detail.scale, latest, locale, year) },
    { label: t.unitStatus, value: status ? `${status.statusDate} (${status.authorName})` : t.noStatus },
    ...(status?.unitLevel ? [{ label: t.unitLevel, value: levelLabel(detail.scale, status.unitLevel, locale) }] : []),
    ...(cp.expectedEnd ? [{ label: t.expectedEnd, value: cp.expectedEnd }] : []),
    { label: t.activities, value: fill(t.activityCounts, counts) },
  ];
  const evidenceParts = evidenceView(locale, evidence);
  facts.push(evidenceParts.fact);
  const badges = [
    detail.overdue ? `⚠ ${t.overdue}` : '',
    detail.focusYears.length > 0 ? `★ ${t.focus} ${detail.focusYears.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return renderCard('control-point', {
    title: fill(t.controlPointTitle, { n: cp.number, title: cp.title }),
    unit: unit ?? '',
    badges,
    facts,
    statusHeading: t.unitStatus,
    statusText: status?.text ?? '',
    openTab: t.openTab,
    tabUrl,
    ...evidenceParts.action,
  });
}

/** The board's focus areas; `unit` (cardUnit, with more than one unit) ends the title, as the report card's does. */
export function focusCard(locale: Locale, board: BoardView, linkOf: (n: number, label: string) => string, unit?: string): CardAttachment {
  const t = STRINGS[locale];
  const focused = board.controlPoints.filter((cp) => cp.focus);
  const title = fill(t.focusTitle, { year: board.focusYear ?? board.year + 1 });
  return renderCard('focus', {
    title: unit ? `${title}: ${unit}` : title,
    none: t.focusNone,
    rows: focused.map((cp) => ({ label: `${cp.number}. ${cp.title}`, value: markLabel(board.scale, cp.dpo, locale) })),
    texts: board.focusTexts.map((f) => ({
      heading: fill(t.focusSlideText, { n: f.controlPoint, title: focused.find((cp) => cp.number === f.controlPoint)?.title ?? '' }),
      // Adaptive Cards' markdown subset: one bulleted line per line of the slide.
      text: f.text
        .split('\n')
        .map((line) => `- ${line}`)
        .join('\n'),
    })),
    links: focused.slice(0, 5).map((cp) => {
      const label = fill(t.controlPointTitle, { n: cp.number, title: cp.title });
      return { title: label.length > 40 ? `${label.slice(0, 39)}…` : label, url: linkOf(cp.number, label) };
    }),
  });
}

/** The annual report of the board's year: what it holds now, and the link to download it in the tab. */
export function reportCard(locale: Locale, board: BoardView, downloadUrl: string): CardAttachment {
  const t = STRINGS[locale];
  const total = board.controlPoints.length;
  const focused = board.controlPoints.filter((cp) => cp.focus).map((cp) => String(cp.number));
  const facts = [
    { label: t.reportAssessed, value: fill(t.reportOfTwelve, { n: board.controlPoints.filter((cp) => cp.dpo).length, total }) },
    { label: t.reportStatuses, value: fill(t.reportOfTwelve, { n: board.controlPoints.filter((cp) => cp.unitStatus).length, total }) },
    ...(focused.length > 0 ? [{ label: fill(t.reportFocus, { year: board.focusYear ?? board.year + 1 }), value: focused.join(', ') }] : []),
  ];
  return renderCard('report', {
    title: fill(t.reportTitle, { year: board.year, unit: unitLabel(board.unit, locale) }),
    text: t.reportText,
    facts,
    download: t.reportDownload,
    downloadUrl,
  });
}

export interface AssessCardInput {
  detail: ControlPointDetail;
  unitId: string;
  year: number;
  canAssess: boolean;
  /** Teams user ids whose clients refresh the card automatically (at most 60). */
  userIds: string[];
  tabUrl: string;
  /** The control point's evidence: how many items, and the link to them in the tab. */
  evidence: EvidenceLink;
  message?: { text: string; tone: 'good' | 'attention' };
  /** The level to preselect (the latest assessment's, or what the DPO chose before an error). */
  level?: number | null;
  /** The unit's label with more than one unit (cardUnit): said before the year. */
  unit?: string | undefined;
}

export function assessCard(locale: Locale, input: AssessCardInput): CardAttachment {
  const t = STRINGS[locale];
  const { detail, year } = input;
  const cp = detail.controlPoint;
  const latest = ofYear(detail, year).at(-1) ?? null;
  const ref = { cp: cp.number, unit: input.unitId, year };
  const level = input.level ?? latest?.level ?? null;
  return renderCard('assess', {
    title: fill(t.assessTitle, { n: cp.number, title: cp.title }),
    yearLabel: [input.unit, fill(t.year, { year })].filter(Boolean).join(' · '),
    message: input.message?.text ?? '',
    messageColor: input.message?.tone === 'good' ? 'Good' : 'Attention',
    current: assessmentLine(t, detail.scale, latest, locale, year),
    currentComment: latest?.comment ?? '',
    canAssess: input.canAssess,
    levelLabel: t.assessLevel,
    levelPlaceholder: t.assessLevelPlaceholder,
    levelRequired: t.assessLevelRequired,
    levelValue: level === null ? '' : String(level),
    levels: detail.scale.levels.map((l) => ({ title: `${l.level} – ${l.label[locale]}`, value: String(l.level) })),
    commentLabel: t.assessComment,
    commentPlaceholder: t.assessCommentPlaceholder,
    commentMax: LIMITS.comment,
    submit: t.assessSubmit,
    submitData: { ...ref, formId: randomUUID() },
    refreshData: ref,
    userIds: input.userIds.slice(0, 60),
    openTab: t.openTab,
    tabUrl: input.tabUrl,
    ...evidenceView(locale, input.evidence).action,
  });
}

/** What a card needs to know about the board to describe a change (src/words/changes.ts), and where it links. */
export interface ChangeContext extends DescribeContext {
  /** The unit's label (unitLabel) when the app has more than one unit: the post names it; absent with one unit. */
  unit?: string;
  linkOf(change: ChangeRecord): string;
  boardUrl: string;
}

export function statusChangeCard(locale: Locale, change: ChangeRecord, ctx: ChangeContext): CardAttachment {
  const t = STRINGS[locale];
  const view = describeChange(change, locale, ctx);
  return renderCard('status-change', {
    headline: view.headline,
    // A unit's own change is about the unit: its subject already names it.
    subject: ctx.unit && !isUnitChange(change) ? [ctx.unit, view.subject].filter(Boolean).join(' · ') : view.subject,
    facts: view.facts,
    text: view.text,
    byline: fill(t.changeBy, { name: change.actorName, when: formatWhen(change.at, locale) }),
    linkTitle: t.openTab,
    url: ctx.linkOf(change),
  });
}

/** A change as one row of a list card: what it is about, and what happened, by whom and when. */
export function changeRow(locale: Locale, change: ChangeRecord, ctx: ChangeContext): { label: string; value: string } {
  const view = describeChange(change, locale, ctx);
  return { label: changeLabel(change, locale, ctx), value: `${view.short} (${change.actorName}, ${formatWhen(change.at, locale)})` };
}

export function digestCard(locale: Locale, changes: ChangeRecord[], ctx: ChangeContext): CardAttachment {
  const t = STRINGS[locale];
  const rows = changes.slice(-30).map((change) => changeRow(locale, change, ctx));
  return renderCard('digest', {
    title: fill(t.digestTitle, { count: changes.length }),
    subtitle: ctx.unit ? `${ctx.unit} · ${t.digestSubtitle}` : t.digestSubtitle,
    rows,
    seeAll: t.seeAll,
    boardUrl: ctx.boardUrl,
  });
}
