/**
 * Evidence (underlag) attached to a control point: a policy, a routine, minutes, a register
 * extract… that shows what the unit's status says. A person adds a link (https only); in
 * SharePoint mode every file in the app's document library "DPO Underlag" with a control-point
 * value is evidence by itself. Pure: types and rules, no I/O.
 */
import { details, DomainError } from './errors.js';
import type { IsoDate, IsoTimestamp } from './model.js';
import { isIsoDate } from './period.js';
import { can, type Actor } from './roles.js';
import { checkControlPointNumber } from './rules.js';
import { checkPlainText } from './text.js';

/** The kinds of evidence; their words are src/words' `evidenceKind` (EVIDENCE_KIND_KEYS, kept equal by a test). */
export const EVIDENCE_KINDS = ['policy', 'routine', 'minutes', 'registerExtract', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** 'link': added by a person in the tab or the API; 'library': a file in the "DPO Underlag" document library. */
export const EVIDENCE_ORIGINS = ['link', 'library'] as const;
export type EvidenceOrigin = (typeof EVIDENCE_ORIGINS)[number];

export const EVIDENCE_LIMITS = { title: 300, url: 2000 } as const;

export interface Evidence {
  /** Stable within a store: a link's row id, or `file:<list item id>` for a library file. */
  id: string;
  unitId: string;
  controlPoint: number;
  title: string;
  /** An https address: the link given, or the file's webUrl. */
  url: string;
  kind: EvidenceKind;
  /** The date of the document (a policy's decision date, a meeting's date), as the person gave it. */
  date: IsoDate;
  origin: EvidenceOrigin;
  addedBy: string;
  addedByName: string;
  addedAt: IsoTimestamp;
}

export interface NewEvidence {
  unitId: string;
  controlPoint: number;
  title: string;
  url: string;
  kind: EvidenceKind;
  date: IsoDate;
}

/** The DPO and the unit's CISO and editors (those who assess or answer for the unit) add evidence. */
export function mayHandleEvidence(actor: Actor, unitId: string): boolean {
  return can(actor, 'assess', unitId) || can(actor, 'writeStatus', unitId);
}

export function authorizeEvidence(actor: Actor, unitId: string): void {
  if (!mayHandleEvidence(actor, unitId)) throw new DomainError('forbidden', { permission: 'addEvidence', unitId });
}

/**
 * A link is removed by the person who added it (while they may still handle evidence) or by the DPO,
 * who keeps the follow-up; a file is removed in the library, where SharePoint's own permissions apply.
 */
export function mayRemoveEvidence(actor: Actor, evidence: Pick<Evidence, 'addedBy' | 'origin' | 'unitId'>): boolean {
  if (evidence.origin !== 'link' || !mayHandleEvidence(actor, evidence.unitId)) return false;
  return can(actor, 'assess', evidence.unitId) || evidence.addedBy === actor.id;
}

/** Refuses the removal of a library file (unprocessable) or of someone else's link by anyone but the DPO (forbidden). */
export function authorizeEvidenceRemoval(actor: Actor, evidence: Pick<Evidence, 'addedBy' | 'origin' | 'unitId'>): void {
  authorizeEvidence(actor, evidence.unitId);
  if (evidence.origin === 'library') {
    throw new DomainError('unprocessable', details('En fil tas bort i dokumentbiblioteket.', 'A file is removed in the document library.'));
  }
  if (!mayRemoveEvidence(actor, evidence)) throw new DomainError('forbidden', { permission: 'removeEvidence' });
}

/** A link is changed (in the SharePoint list) by those who may remove it: who added it, or the DPO. */
export function authorizeEvidenceChange(actor: Actor, evidence: Pick<Evidence, 'addedBy' | 'origin' | 'unitId'>): void {
  authorizeEvidence(actor, evidence.unitId);
  if (!mayRemoveEvidence(actor, evidence)) throw new DomainError('forbidden', { permission: 'changeEvidence' });
}

/** True for an absolute https URL with a host and no credentials. */
export function isHttpsUrl(value: string): boolean {
  if (value.length > EVIDENCE_LIMITS.url) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0 && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Refuses evidence a person may not add or that is not well formed; answers it trimmed. */
export function checkNewEvidence(actor: Actor, input: NewEvidence): NewEvidence {
  authorizeEvidence(actor, input.unitId);
  checkControlPointNumber(input.controlPoint);
  const title = input.title.trim();
  if (title.length === 0 || title.length > EVIDENCE_LIMITS.title) {
    throw new DomainError(
      'invalid_input',
      details(`Titeln ska ha 1–${EVIDENCE_LIMITS.title} tecken.`, `The title needs 1–${EVIDENCE_LIMITS.title} characters.`),
    );
  }
  checkPlainText(title, { sv: 'titeln', en: 'the title' });
  const url = input.url.trim();
  if (!isHttpsUrl(url)) {
    throw new DomainError('invalid_input', details('Länken ska vara en https-adress.', 'The link must be an https address.'));
  }
  if (!(EVIDENCE_KINDS as readonly string[]).includes(input.kind)) {
    throw new DomainError('invalid_input', details('Okänd typ av underlag.', 'Unknown kind of evidence.'));
  }
  if (!isIsoDate(input.date)) {
    throw new DomainError('invalid_input', details('Datumet ska skrivas ÅÅÅÅ-MM-DD.', 'The date must be written YYYY-MM-DD.'));
  }
  return { ...input, title, url };
}

/** Evidence of a control point, newest document first, then by title. */
export function sortEvidence(items: Evidence[]): Evidence[] {
  return [...items].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'sv'));
}
