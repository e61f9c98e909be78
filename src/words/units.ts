/**
 * A unit's change (unit.created / unit.updated / unit.archived, src/domain/changes.ts) as every surface says it:
 * the bot's status card, the digest's row, the change log. The unit is named by unitLabel, so an example unit
 * reads "Exempel 01 – … (exempel)" wherever it shows.
 */
import type { ChangeRecord, Locale, Unit, UnitPerson } from '../domain/model.js';
import { unitLabel } from '../domain/units.js';
import { movedFact, type Fact } from './facts.js';
import { TERMS } from './terms.js';

export interface UnitChangeText {
  headline: string;
  /** The unit as named after the change. */
  subject: string;
  short: string;
  facts: Fact[];
}

/** A person as a channel post shows them: name and role. Their e-mail is for who may manage the unit (src/domain/units.ts seesUnitContacts). */
const personText = (p: UnitPerson, locale: Locale) => `${p.name} (${TERMS[locale].role[p.role]})`;
const peopleText = (people: readonly UnitPerson[], locale: Locale) =>
  people.length ? people.map((p) => personText(p, locale)).join('; ') : TERMS[locale].unitWords.noResponsible;

/** Whether a change is a unit's own (created, changed, archived or restored). */
export function isUnitChange(change: Pick<ChangeRecord, 'kind'>): boolean {
  return change.kind === 'unit.created' || change.kind === 'unit.updated' || change.kind === 'unit.archived';
}

/** The change in a headline and facts: what the new unit is, or each field before → after. */
export function unitChangeText(change: Pick<ChangeRecord, 'kind' | 'before' | 'after' | 'year'>, locale: Locale): UnitChangeText {
  const w = TERMS[locale].unitWords;
  const after = change.after as Unit;
  const before = change.before as Unit | null;
  const subject = unitLabel(after, locale);
  if (change.kind === 'unit.created' || !before) {
    const facts = [
      { label: w.id, value: after.id },
      { label: w.nameEn, value: after.nameEn },
      { label: w.organisation, value: after.organisation },
      ...(change.year !== null ? [{ label: w.firstYear, value: String(change.year) }] : []),
      { label: w.responsible, value: peopleText(after.responsible, locale) },
    ];
    return { headline: w.created, subject, short: `${w.created}: ${subject}`, facts };
  }
  const headline = change.kind === 'unit.archived' ? w.archived : before.archived && !after.archived ? w.restored : w.updated;
  const facts = [
    ...movedFact(w.name, before.name, after.name),
    ...movedFact(w.nameEn, before.nameEn, after.nameEn),
    ...movedFact(w.organisation, before.organisation, after.organisation),
    ...movedFact(w.responsible, peopleText(before.responsible, locale), peopleText(after.responsible, locale)),
  ];
  return { headline, subject, short: `${headline}: ${subject}`, facts };
}
