/**
 * The Universal Action (adaptiveCard/action) verbs the bot's cards send, validated with zod.
 * Action.Execute merges the card's inputs (level, comment) into `data`.
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 */
import { z } from 'zod';
import { LIMITS } from '../src/domain/rules.js';
import { normalizeNewlines } from '../src/domain/text.js';

const cardRef = {
  cp: z.coerce.number().int().min(1).max(LIMITS.controlPointNumber),
  unit: z.string().min(1).max(64),
  year: z.coerce.number().int().min(2000).max(2100),
};

export const assessmentSubmit = z.object({
  verb: z.literal('assessment.submit'),
  data: z.object({
    ...cardRef,
    formId: z.string().min(8).max(64),
    /** Input.ChoiceSet sends the chosen value as a string; empty when nothing is chosen. */
    level: z.string().max(4).optional(),
    /** Windows line ends as newlines; other control characters are refused by the domain rules (src/domain/text.ts). */
    comment: z.string().max(LIMITS.comment).transform(normalizeNewlines).optional(),
  }),
});

export const assessmentRefresh = z.object({
  verb: z.literal('assessment.refresh'),
  data: z.object(cardRef),
});

export const cardAction = z.discriminatedUnion('verb', [assessmentSubmit, assessmentRefresh]);
export type CardAction = z.infer<typeof cardAction>;

/** The chosen level, or null when none was chosen. */
export function chosenLevel(raw: string | undefined): number | null {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .safeParse(raw?.trim() || undefined);
  return parsed.success ? parsed.data : null;
}
