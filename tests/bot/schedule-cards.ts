/** The schedule's cards (bot/schedule-cards.ts) for tests/bot/cards.spec.ts: reminders and weekly digests, full and empty. */
import type { CardAttachment, ChangeContext } from '../../bot/cards.js';
import { reminderCard, weeklyDigestCard } from '../../bot/schedule-cards.js';
import type { BoardData, ChangeRecord, Locale } from '../../src/domain/model.js';
import type { WeeklyDigest } from '../../src/schedule/weekly-digest.js';
import { nextDeadlines, overdueOn } from '../../src/schedule/work-due.js';

export function scheduleCards(
  locale: Locale,
  board: BoardData,
  changes: ChangeRecord[],
  ctx: ChangeContext,
): { name: string; card: CardAttachment }[] {
  const overdue = overdueOn(board, '2026-11-30');
  const linkOf = () => ctx.boardUrl;
  const digest: WeeklyDigest = {
    unitId: board.unit.id,
    unit: board.unit,
    week: '2026-W49',
    from: new Date('2026-11-23T07:00:00Z'),
    to: new Date('2026-11-30T07:00:00Z'),
    changes,
    finished: changes.slice(0, 1),
    becameOverdue: overdue.slice(0, 2),
    overdueCount: overdue.length,
    next: nextDeadlines(board, null, '2025-01-01', 5),
  };
  const quiet: WeeklyDigest = { ...digest, changes: [], finished: [], becameOverdue: [], next: [], overdueCount: 0 };
  const timeZone = 'Europe/Stockholm';
  return [
    { name: `reminder personal ${locale}`, card: reminderCard(locale, { items: overdue, personal: true, linkOf, boardUrl: ctx.boardUrl }) },
    {
      name: `reminder channel ${locale}`,
      card: reminderCard(locale, { items: overdue.slice(0, 1), personal: false, linkOf, boardUrl: ctx.boardUrl }),
    },
    { name: `weekly digest ${locale}`, card: weeklyDigestCard(locale, digest, { ...ctx, timeZone }) },
    { name: `weekly digest, a quiet week ${locale}`, card: weeklyDigestCard(locale, quiet, { ...ctx, timeZone }) },
  ];
}
