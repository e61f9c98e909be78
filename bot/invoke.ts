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

/** The status request's card (bot/status-requests.ts): which request, and the answer's inputs. */
const requestRef = { id: z.string().min(1).max(64), unit: z.string().min(1).max(64) };

export const statusRequestAnswer = z.object({
  verb: z.literal('statusRequest.answer'),
  data: z.object({
    ...requestRef,
    text: z.string().max(LIMITS.statusText).transform(normalizeNewlines).optional(),
    /** Input.ChoiceSet: the level as a string, empty when the unit gives none. */
    unitLevel: z.string().max(4).optional(),
  }),
});

export const statusRequestRefresh = z.object({
  verb: z.literal('statusRequest.refresh'),
  data: z.object(requestRef),
});

export const statusRequestAction = z.discriminatedUnion('verb', [statusRequestAnswer, statusRequestRefresh]);
export type StatusRequestAction = z.infer<typeof statusRequestAction>;

/** The chosen level, or null when none was chosen. */
export function chosenLevel(raw: string | undefined): number | null {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .safeParse(raw?.trim() || undefined);
  return parsed.success ? parsed.data : null;
}
