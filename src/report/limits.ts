/**
 * How many reports may be on their way at once: per person (so one person cannot fill the
 * queue) and in all (so a burst cannot queue up minutes of work). Beyond either, the request
 * is refused at once with 429 and a message saying why, rather than left waiting.
 */
import { DomainError } from '../domain/errors.js';

export interface ReportLimitsOptions {
  /** Reports one person may have building or waiting. */
  perPerson?: number;
  /** Reports building or waiting in all. */
  total?: number;
}

export class ReportLimits {
  readonly perPerson: number;
  readonly total: number;
  private readonly byPerson = new Map<string, number>();
  private inFlight = 0;

  constructor(options: ReportLimitsOptions = {}) {
    this.perPerson = options.perPerson ?? 3;
    this.total = options.total ?? 24;
  }

  /** Runs the build for the person, or refuses with report_user_busy / report_busy (429). */
  async run<T>(person: string, build: () => Promise<T>): Promise<T> {
    const mine = this.byPerson.get(person) ?? 0;
    if (mine >= this.perPerson) throw new DomainError('report_user_busy', { count: mine });
    if (this.inFlight >= this.total) throw new DomainError('report_busy');
    this.byPerson.set(person, mine + 1);
    this.inFlight += 1;
    try {
      return await build();
    } finally {
      this.inFlight -= 1;
      const left = (this.byPerson.get(person) ?? 1) - 1;
      if (left > 0) this.byPerson.set(person, left);
      else this.byPerson.delete(person);
    }
  }

  /** Reports building or waiting now (for diagnostics). */
  get active(): number {
    return this.inFlight;
  }
}
