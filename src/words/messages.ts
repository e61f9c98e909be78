/**
 * Messages with placeholders, in Swedish and English: sentences more than one surface says, and
 * every error a person can be shown. Keys are flat and typed; `{name}` is filled by ./fill.ts.
 * A message's placeholders are the same in both languages (tests/words checks it).
 */

const sv = {
  /** The neutral label of a level until the DPO has named the levels. */
  'level.neutral': 'Nivå {n} av {count}',
  /** A level with its label: "Nivå 3 av 5: Delvis uppfylld". */
  'level.withLabel': 'Nivå {n} av {count}: {label}',
  /** A quarter as the report writes it, in both languages: 2025-Q2 -> "Q2 2025" (report line 658: "Q4 2024 & Q1 2025"). */
  quarter: 'Q{q} {year}',
  /** A span of quarters or dates. */
  period: '{from} – {to}',
  /** Counts of states in running text (tab, bot cards, deck). */
  'count.activities': '{done} klara, {ongoing} pågående, {planned} planerade',
  'count.instructionsDone': '{done} av {total} anvisningar klara',
  'count.ofTotal': '{n} av {total}',
  plannedFor: 'planerad {quarter}',
  runsUntil: 'beräknas pågå fram till {date}',
  /** A status request (statusRequest.created) as the channel post, the digest and the change log say it. */
  'statusRequest.created': 'Status begärd',
  'statusRequest.asked': '{requester} bad {asked} om ny status för kontrollpunkt {n}, senast {due}',
  'statusRequest.askedLabel': 'Tillfrågad',
  'statusRequest.dueLabel': 'Svara senast',
} as const;

export type MessageKey = keyof typeof sv;
/** The Swedish templates as literal types: the source of each message's parameter names. */
export type SvMessages = typeof sv;

const en: Record<MessageKey, string> = {
  'level.neutral': 'Level {n} of {count}',
  'level.withLabel': 'Level {n} of {count}: {label}',
  quarter: 'Q{q} {year}',
  period: '{from} – {to}',
  'count.activities': '{done} done, {ongoing} ongoing, {planned} planned',
  'count.instructionsDone': '{done} of {total} instructions done',
  'count.ofTotal': '{n} of {total}',
  plannedFor: 'planned {quarter}',
  runsUntil: 'expected to run until {date}',
  'statusRequest.created': 'Status requested',
  'statusRequest.asked': '{requester} asked {asked} for a new status on control point {n}, due {due}',
  'statusRequest.askedLabel': 'Asked',
  'statusRequest.dueLabel': 'Answer by',
};

export const MESSAGES: Record<'sv' | 'en', Record<MessageKey, string>> = { sv, en };
