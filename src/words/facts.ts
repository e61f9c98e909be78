/** A card's fact (label and value), and a change of one value as a fact: none when nothing moved. */
export interface Fact {
  label: string;
  value: string;
}

export const movedFact = (label: string, from: string, to: string): Fact[] => (from === to ? [] : [{ label, value: `${from} → ${to}` }]);
