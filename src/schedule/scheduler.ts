/**
 * Sends the weekly digest to every channel and reminders of overdue work, each exactly once, also
 * across restarts and across instances sharing one store. Time comes from an injected clock and
 * `tick()` does what is due at that time, so tests drive it without waiting; `start()` ticks on an
 * interval. Knows nothing of Bot Framework: the bot implements ScheduledPoster.
 *
 * Exactly once, with the claims of status posts (src/changes/post-claims.ts):
 * - a run (this week's digests, today's reminders) is done under one lease, `digest-run:<week>` or
 *   `reminders-run:<day>`, so one instance sends while the others wait;
 * - each message has its own claim-once key, `digest:<conversation>:<ISO week>` or
 *   `reminder:<conversation>:<item>:<ISO week>`, completed after the connector's 2xx, so a run taken
 *   over from a killed instance skips what it sent. A message's lease is half the run's and taken
 *   only after the run's lease was renewed, so it ends before the run's: once the run is taken
 *   over, a key that cannot be claimed was completed;
 * - a finished run moves a cursor (`schedule:digest`, `schedule:reminders`) to its week or day, so
 *   every instance stops looking until the next one (no store request per tick until then).
 */
import type { IsoDate } from '../domain/model.js';
import { PostClaims, type PostClaim } from '../changes/post-claims.js';
import type { PostOutcome } from '../changes/status-posts.js';
import type { AppStateStore, BoardStore, SavedConversation } from '../store/port.js';
import { localDay, reminderMoment, weeklyDigestMoment, type WeeklyTime } from './calendar.js';
import { remindersByConversation, reminderKey, type FindResponsible } from './reminders.js';
import { buildWeeklyDigest, type WeeklyDigest } from './weekly-digest.js';
import { overdueOn, type DueWork } from './work-due.js';

export interface ScheduledPoster {
  digest(conversation: SavedConversation, digest: WeeklyDigest): Promise<PostOutcome>;
  reminder(conversation: SavedConversation, items: DueWork[], unitId: string): Promise<PostOutcome>;
}

export interface SchedulerOptions {
  store: BoardStore;
  poster: ScheduledPoster;
  unitId: string;
  /** Who an owner text names among the personal chats (reminders.ts findResponsible). */
  findResponsible: FindResponsible;
  /** When the digest goes out; null: never. */
  digest: WeeklyTime | null;
  /** From when reminders go out on working days; null: never. */
  reminders: { time: string; timeZone: string } | null;
  /** How long a run's claim lasts without renewal (a killed instance's run is taken over after this). */
  leaseMs: number;
  /** A run that could not send everything is tried again after this long. */
  retryLaterMs: number;
  checkMs: number;
  /** Other checks that run on every tick with this clock (status requests past their due date); each claims its own posts. */
  alsoOnTick?: ((now: Date) => Promise<unknown>)[];
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

type Job = 'digest' | 'reminders';
export const scheduleCursor = (job: Job) => `schedule:${job}`;
export const digestKey = (conversationId: string, week: string) => `digest:${conversationId}:${week}`;
/** Completed message keys are kept this long, then the store may forget them (the week is long past). */
const KEEP_MS = 35 * 24 * 60 * 60 * 1000;

/** A week or a day as a cursor value that grows with time: 2026-W49 -> 202649, 2026-11-30 -> 20261130. */
export function periodNumber(period: string): number {
  return Number(period.replace(/\D/g, ''));
}

/** Why a run stops early: its claim was lost to another instance. */
class LostRun extends Error {}

export class Scheduler {
  private readonly state: AppStateStore;
  private readonly runs: PostClaims;
  private readonly messages: PostClaims;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;
  /** Per job: the period this instance knows is done, and when to try an unfinished one again. */
  private readonly done = new Map<Job, string>();
  private readonly notBefore = new Map<Job, number>();
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.state = options.store.appState;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((message, error) => console.error(message, error ?? ''));
    const now = this.now;
    this.runs = new PostClaims({ state: this.state, leaseMs: options.leaseMs, now });
    // A message's lease ends before the run's (see above): under half of it, taken right after keep().
    this.messages = new PostClaims({ state: this.state, leaseMs: Math.max(1, Math.floor(options.leaseMs * 0.45)), now });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.checkMs);
    this.timer.unref();
    void this.tick();
  }

  /** No tick starts after this; one in progress finishes (await idle()). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves when no tick is in progress (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Sends what is due now; one tick at a time (a call during a tick waits for it and then runs). */
  async tick(): Promise<void> {
    while (this.running) await this.running;
    if (this.stopped) return;
    this.running = this.dueWork().finally(() => (this.running = undefined));
    return this.running;
  }

  private async dueWork(): Promise<void> {
    const now = this.now();
    const { digest, reminders } = this.options;
    if (reminders) {
      const moment = reminderMoment(now, reminders);
      if (moment && now >= moment.due) await this.job('reminders', moment.day, (run) => this.sendReminders(run, moment));
    }
    if (digest) {
      const moment = weeklyDigestMoment(now, digest);
      if (now >= moment.due) {
        const window = {
          week: moment.week,
          from: moment.previous,
          to: moment.due,
          fromDay: localDay(moment.previous, digest.timeZone),
          toDay: localDay(moment.due, digest.timeZone),
        };
        await this.job('digest', moment.week, async (run) => this.sendDigests(run, await this.digestOf(window)));
      }
    }
    for (const check of this.options.alsoOnTick ?? []) {
      await check(now).catch((error: unknown) => this.log('schedule: a check failed', error));
    }
  }

  private digestOf(window: Parameters<typeof buildWeeklyDigest>[2]): Promise<WeeklyDigest> {
    return buildWeeklyDigest(this.options.store, this.options.unitId, window);
  }

  /** Runs a job's period once across instances; `send` answers whether everything was sent. */
  private async job(job: Job, period: string, send: (run: PostClaim) => Promise<boolean>): Promise<void> {
    const now = this.now().getTime();
    if (this.done.get(job) === period || now < (this.notBefore.get(job) ?? 0)) return;
    try {
      if (((await this.state.getCursor(scheduleCursor(job))) ?? 0) >= periodNumber(period)) {
        this.done.set(job, period);
        return;
      }
      const run = await this.runs.claim(`${job}-run:${period}`);
      if (!run) {
        // Another instance is at it; should it die, its lease has run out by then.
        this.notBefore.set(job, now + this.options.leaseMs);
        return;
      }
      await this.finish(job, period, run, await this.sendUnder(run, send));
    } catch (error) {
      this.log(`schedule: the ${job} run for ${period} failed; trying again later`, error);
      this.notBefore.set(job, now + this.options.retryLaterMs);
    }
  }

  private async sendUnder(run: PostClaim, send: (run: PostClaim) => Promise<boolean>): Promise<boolean | 'lost'> {
    try {
      return await send(run);
    } catch (error) {
      if (error instanceof LostRun) return 'lost';
      await run.release();
      throw error;
    }
  }

  private async finish(job: Job, period: string, run: PostClaim, sent: boolean | 'lost'): Promise<void> {
    const now = this.now().getTime();
    if (sent === 'lost') {
      this.log(`schedule: the ${job} run for ${period} was taken over by another instance`);
      this.notBefore.set(job, now + this.options.leaseMs);
    } else if (sent) {
      await this.state.advanceCursor(scheduleCursor(job), periodNumber(period));
      await run.complete(KEEP_MS);
      this.done.set(job, period);
    } else {
      await run.release();
      this.notBefore.set(job, now + this.options.retryLaterMs);
    }
  }

  private async sendDigests(run: PostClaim, digest: WeeklyDigest): Promise<boolean> {
    const channels = (await this.state.listConversations()).filter((c) => c.scope === 'channel' && c.digest !== false);
    let all = true;
    for (const channel of channels) {
      const keyed = [{ key: digestKey(channel.id, digest.week), value: digest }];
      all = (await this.sendOnce(run, channel, keyed, () => this.options.poster.digest(channel, digest))) && all;
    }
    return all;
  }

  /** One card per conversation with the overdue items not yet reminded there this week. */
  private async sendReminders(run: PostClaim, moment: { day: IsoDate; week: string }): Promise<boolean> {
    const board = await this.options.store.getBoardData(this.options.unitId);
    const conversations = await this.state.listConversations();
    const plan = await remindersByConversation(overdueOn(board, moment.day), conversations, this.options.findResponsible);
    let all = true;
    for (const { conversation, items } of plan) {
      const keyed = items.map((item) => ({ key: reminderKey(conversation.id, item, moment.week), value: item }));
      all =
        (await this.sendOnce(run, conversation, keyed, (left) => this.options.poster.reminder(conversation, left, this.options.unitId))) &&
        all;
    }
    return all;
  }

  /**
   * Sends one message about what can still be claimed of `keyed` (a key completed before was sent
   * before and is left out; nothing left, nothing sent), and settles the keys by the outcome.
   */
  private async sendOnce<T>(
    run: PostClaim,
    conversation: SavedConversation,
    keyed: { key: string; value: T }[],
    send: (values: T[]) => Promise<PostOutcome>,
  ): Promise<boolean> {
    if (!(await run.keep())) throw new LostRun();
    const claimed: { value: T; claim: PostClaim }[] = [];
    for (const { key, value } of keyed) {
      const claim = await this.messages.claim(key);
      if (claim) claimed.push({ value, claim });
    }
    if (claimed.length === 0) return true;
    const outcome = await this.post(() => send(claimed.map((c) => c.value)));
    return this.settle(
      conversation,
      outcome,
      claimed.map((c) => c.claim),
    );
  }

  private async post(send: () => Promise<PostOutcome>): Promise<PostOutcome> {
    try {
      return await send();
    } catch (error) {
      return { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Delivered, refused for good or gone: the keys are done. Throttled or failing: they are given back for a later run. */
  private async settle(conversation: SavedConversation, outcome: PostOutcome, claims: PostClaim[]): Promise<boolean> {
    if (outcome.kind === 'retry') {
      this.log(`schedule: posting to ${conversation.id} failed (${outcome.reason}); trying again later`);
      for (const claim of claims) await claim.release();
      return false;
    }
    if (outcome.kind === 'gone') {
      this.log(`schedule: conversation ${conversation.id} removed the app (${outcome.reason}); forgetting it`);
      await this.state.removeConversation(conversation.id);
    } else if (outcome.kind === 'rejected') {
      this.log(`schedule: conversation ${conversation.id} refused a scheduled post for good (${outcome.reason}); skipping it`);
    }
    for (const claim of claims) await claim.complete(KEEP_MS);
    return true;
  }
}
