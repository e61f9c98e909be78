/**
 * Why a direct edit of a SharePoint list is refused, where no domain rule words it (src/store/sharepoint/sync.ts):
 * the edit.refused change keeps the reason in both languages and the channel post shows it in the channel's.
 */
import type { Localized } from '../domain/model.js';

export const DIRECT_EDIT_WORDS = {
  /** "DPO Statusförfrågningar" is the app's record of who asked whom: any hand edit is put back. */
  statusRequestsInApp: { sv: 'Statusförfrågningar görs i appen', en: 'Status requests are made in the app' },
  /** "DPO Kontakt": a second row for a unit. */
  oneContact: {
    sv: 'Det finns en kontakt per förvaltning: ändra den som finns',
    en: 'There is one contact per unit: change the one there is',
  },
  /** "DPO Underlag (länkar)": who added a link, and when, is the app's record. */
  evidenceAddedBy: {
    sv: 'Vem som lade till underlaget, och när, ändras inte',
    en: 'Who added the evidence, and when, does not change',
  },
} as const satisfies Record<string, Localized>;
