/**
 * The cards of the schedule (src/schedule/): a reminder of overdue work and the weekly digest,
 * in the conversation's language, from the templates bot/cards/reminder.json and weekly-digest.json.
 */
import type { Locale } from '../src/domain/model.js';
import type { WeeklyDigest } from '../src/schedule/weekly-digest.js';
import type { DueWork } from '../src/schedule/work-due.js';
import { changeRow, renderCard, type CardAttachment, type ChangeContext } from './cards.js';
import { fill, STRINGS } from './i18n.js';
import { unitLabel } from '../src/domain/units.js';

/** How many of the week's changes the digest lists; the rest are counted. */
export const DIGEST_CHANGE_ROWS = 15;

/** Where an item opens in the tab: its control point, else the action plan. */
export type WorkLink = (item: DueWork) => string;

const dateOf = (date: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** What an item is and when it was due: "Aktivitet · kontrollpunkt 4 · slutdatum 30 juni 2025". */
function detailOf(item: DueWork, locale: Locale): string {
  const t = STRINGS[locale].schedule;
  return [
    t.kind[item.kind],
    item.controlPoint === null ? '' : fill(t.controlPoint, { n: item.controlPoint }),
    fill(t.due, { date: dateOf(item.due, locale) }),
  ]
    .filter(Boolean)
    .join(' · ');
}

function workRows(items: DueWork[], locale: Locale): { label: string; value: string }[] {
  return items.map((item) => ({ label: item.title, value: detailOf(item, locale) }));
}

export function reminderCard(
  locale: Locale,
  input: { items: DueWork[]; personal: boolean; linkOf: WorkLink; boardUrl: string; unit?: string | undefined },
): CardAttachment {
  const t = STRINGS[locale];
  return renderCard('reminder', {
    // With more than one unit the reminder names whose work it is (unitLabel).
    title: input.unit ? `${t.schedule.reminderTitle}: ${input.unit}` : t.schedule.reminderTitle,
    intro: input.personal ? t.schedule.reminderPerson : t.schedule.reminderChannel,
    items: input.items.map((item) => ({ title: item.title, detail: detailOf(item, locale), url: input.linkOf(item) })),
    note: t.schedule.reminderOnce,
    openTitle: t.openBoard,
    boardUrl: input.boardUrl,
  });
}

const dayOf = (at: Date, locale: Locale, timeZone: string) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { day: 'numeric', month: 'short', timeZone }).format(at);

export function weeklyDigestCard(locale: Locale, digest: WeeklyDigest, ctx: ChangeContext & { timeZone: string }): CardAttachment {
  const t = STRINGS[locale];
  const s = t.schedule;
  const shown = digest.changes.slice(-DIGEST_CHANGE_ROWS);
  const more = digest.changes.length - shown.length;
  const section = (heading: string, rows: { label: string; value: string }[], empty = '', color = 'Default') => ({
    heading,
    rows,
    empty,
    color,
  });
  const sections = [
    section(
      fill(s.changes, { count: digest.changes.length }),
      shown.map((c) => changeRow(locale, c, ctx)),
      digest.changes.length === 0 ? s.noChanges : more > 0 ? fill(s.moreChanges, { count: more }) : '',
    ),
    ...(digest.becameOverdue.length ? [section(s.becameOverdue, workRows(digest.becameOverdue, locale), '', 'Attention')] : []),
    ...(digest.finished.length
      ? [
          section(
            s.finished,
            digest.finished.map((c) => changeRow(locale, c, ctx)),
            '',
            'Good',
          ),
        ]
      : []),
    ...(digest.next.length ? [section(s.next, workRows(digest.next, locale))] : []),
  ];
  return renderCard('weekly-digest', {
    title: fill(s.weeklyTitle, { week: digest.week.slice(-2).replace(/^0/, '') }),
    period: fill(s.weeklyPeriod, {
      unit: unitLabel(digest.unit, locale),
      from: dayOf(digest.from, locale, ctx.timeZone),
      to: dayOf(digest.to, locale, ctx.timeZone),
    }),
    sections,
    note: [fill(s.overdueTotal, { count: digest.overdueCount }), s.turnOff].join(' '),
    openTitle: t.openBoard,
    boardUrl: ctx.boardUrl,
  });
}
