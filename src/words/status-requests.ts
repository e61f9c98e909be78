/**
 * A status request's change (statusRequest.created, src/domain/changes.ts) as every surface says it:
 * the bot's channel post, the digest's row and the tab's change log. It names the person asked and the
 * due date; the record holds no Teams account id (StatusRequestFacts).
 */
import type { StatusRequestFacts } from '../domain/changes.js';
import type { ChangeRecord, Locale } from '../domain/model.js';
import { fill } from './fill.js';
import { MESSAGES } from './messages.js';

export interface StatusRequestChangeText {
  headline: string;
  /** "DPO bad Anna Andersson om ny status för kontrollpunkt 4, senast 2026-12-12". */
  sentence: string;
  facts: { label: string; value: string }[];
}

export function statusRequestChangeText(
  change: Pick<ChangeRecord, 'after' | 'actorName' | 'controlPoint'>,
  locale: Locale,
): StatusRequestChangeText {
  const m = MESSAGES[locale];
  const asked = change.after as StatusRequestFacts;
  const requester = asked.requestedByName || change.actorName;
  const sentence = fill(
    m['statusRequest.asked'],
    { requester, asked: asked.askedName, n: change.controlPoint ?? '', due: asked.dueDate },
    locale,
  );
  const facts = [
    { label: m['statusRequest.askedLabel'], value: asked.askedName },
    { label: m['statusRequest.dueLabel'], value: asked.dueDate },
  ];
  return { headline: m['statusRequest.created'], sentence, facts };
}
