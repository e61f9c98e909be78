/** Quarters as people type them: "2025-Q2", "2025-q2" or Swedish "2025-K2" all mean 2025-Q2. */
const QUARTER = /^(\d{4})\s*-?\s*[QK]([1-4])$/i;

/** A quarter in the API's form, 2025-Q2. */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

/** The quarter in the API's form, null for an empty field, or 'invalid'. */
export function parseQuarter(input: string): Quarter | null | 'invalid' {
  const text = input.trim();
  if (text === '') return null;
  const m = QUARTER.exec(text);
  return m ? (`${m[1]}-Q${m[2]}` as Quarter) : 'invalid';
}

export interface PeriodCheck {
  from: string | null;
  to: string | null;
  fromError: 'format' | null;
  toError: 'format' | 'order' | null;
}

export function checkPeriod(fromInput: string, toInput: string): PeriodCheck {
  const from = parseQuarter(fromInput);
  const to = parseQuarter(toInput);
  const fromError = from === 'invalid' ? 'format' : null;
  let toError: PeriodCheck['toError'] = to === 'invalid' ? 'format' : null;
  if (!fromError && !toError && from && to && from > to) toError = 'order';
  return { from: from === 'invalid' ? null : from, to: to === 'invalid' ? null : to, fromError, toError };
}
