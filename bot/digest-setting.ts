/**
 * `sammanfattning av` / `digest off` and `sammanfattning på` / `digest on`: the weekly digest
 * (src/schedule/) switched off or on for the channel the command is typed in, kept on the saved
 * conversation in the app state, so every instance and every restart follows it.
 */
import type { Locale } from '../src/domain/model.js';
import type { WeeklyTime } from '../src/schedule/calendar.js';
import { WEEKDAYS } from '../src/schedule/calendar.js';
import type { AppStateStore, ConversationScope } from '../src/store/port.js';
import { noticeCard, type CardAttachment } from './cards.js';
import { fill, STRINGS } from './i18n.js';

export interface DigestSwitch {
  appState: AppStateStore;
  /** When the digest goes out; null when it is off for the whole app. */
  digestAt: WeeklyTime | null;
  now: () => Date;
}

export async function switchDigest(
  options: DigestSwitch,
  where: { conversationId: string; scope: ConversationScope },
  on: boolean,
  locale: Locale,
): Promise<CardAttachment> {
  const t = STRINGS[locale].schedule;
  if (where.scope !== 'channel') return noticeCard(locale, t.digestChannelOnly);
  const saved = await options.appState.getConversation(where.conversationId);
  if (saved && saved.digest !== on) {
    await options.appState.saveConversation({ ...saved, digest: on, updatedAt: options.now().toISOString() });
  }
  if (!on) return noticeCard(locale, t.digestOff, { color: 'Good' });
  if (!options.digestAt) return noticeCard(locale, t.digestNotRunning, { color: 'Attention' });
  const day = t.weekdays[WEEKDAYS.indexOf(options.digestAt.day)]!;
  return noticeCard(locale, fill(t.digestOn, { day, time: options.digestAt.time }), { color: 'Good' });
}
