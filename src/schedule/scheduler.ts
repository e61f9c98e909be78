/**
 * Sends the weekly digest and reminders of overdue work, per unit, each exactly once, also
 * across restarts and across instances sharing one store. Time comes from an injected clock and
 * `tick()` does what is due at that time, so tests drive it without waiting; `start()` ticks on an
 * interval. Knows nothing of Bot Framework: the bot implements ScheduledPoster.
 *
 * Exactly once, with the claims of status posts (src/changes/post-claims.ts):
 * - per unit (issue 14 item 4): a unit's digest goes to the channels that follow it
 *   (src/store/channel-units.ts; one that never chose follows the default unit), its reminders to the
 *   personal chats of the people responsible, else to the channels that follow it. Only units with
 *   someone to tell are run: the digest for units followed by a channel with the digest on, reminders
 *   for units with overdue work (read from the store: on SharePoint the synced state). Archived units
 *   are left out;
 * - a unit's run (this week's digest, today's reminders) is done under one lease per unit and period,
 *   `digest-run:<unit>:<week>` or `reminders-run:<unit>:<day>` (the default unit's keep their names from
 *   before several units: `digest-run:<week>`, `reminders-run:<day>`), so one instance sends while the
 *   others wait, and two instances can serve two units at once;
 * - each message has its own claim-once key, `digest:<conversation>:<ISO week>` or
 *   `reminder:<conversation>:<item>:<ISO week>`, completed after the connector's 2xx, so a run taken
 *   over from a killed instance skips what it sent. A message's lease is half the run's and taken
 *   only after the run's lease was renewed, so it ends before the run's: once the run is taken
 *   over, a key that cannot be claimed was completed;
 * - the digest's week of changes is read from the change log once per tick for all its units (WeekChanges);
 * - a finished run moves the unit's cursor (`schedule:digest[:<unit>]`, `schedule:reminders[:<unit>]`) to its
 *   week or day; once every unit of the period is done the instance stops looking until the next one
 *   (no store request per tick until then).
 */
import type { IsoDate } from '../domain/model.js';
import { PostClaims, type PostClaim } from '../changes/post-claims.js';
import type { PostOutcome } from '../changes/status-posts.js';
import type { AppStateStore, BoardStore, SavedConversation } from '../store/port.js';
import { FollowingMap } from '../store/channel-units.js';
import { localDay, reminderMoment, weeklyDigestMoment, type WeeklyTime } from './calendar.js';
import { remindersByConversation, reminderKey, type FindResponsible } from './reminders.js';
import { buildWeeklyDigest, WeekChanges, type DigestWindow, type WeeklyDigest } from './weekly-digest.js';
import { overdueOn, type DueWork } from './work-due.js';

export interface ScheduledPoster {
  digest(conversation: SavedConversation, digest: WeeklyDigest): Promise<PostOutcome>;
  reminder(conversation: SavedConversation, items: DueWork[], unitId: string): Promise<PostOutcome>;
}

export interface SchedulerOptions {
  store: BoardStore;
  poster: ScheduledPoster;
  /** The default unit: followed by every conversation that never chose one (and by all of them without `following`). */
  unitId: string;
  /** Which unit each conversation follows, read now (ChannelUnits.fresh); absent: all follow `unitId`. */
  following?: () => Promise<FollowingMap>;
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
/** What a unit's run is keyed by: the default unit's keys are those from before several units (nothing is sent twice on an upgrade). */
interface UnitOfRun {
  unitId: string;
  isDefault: boolean;
}
const unitPart = (unit: UnitOfRun) => (unit.isDefault ? '' : `:${unit.unitId}`);
export const scheduleCursor = (job: Job, unit?: UnitOfRun) => `schedule:${job}${unit ? unitPart(unit) : ''}`;
const runKey = (job: Job, unit: UnitOfRun, period: string) => `${job}-run${unitPart(unit)}:${period}`;
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
  /** Per job: the period this instance knows is done for every unit; per job and unit, the same, and when to try an unfinished one again. */
  private readonly done = new Map<string, string>();
  private readonly notBefore = new Map<string, number>();
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
    if (this.options.reminders) await this.remindersDue(now, this.options.reminders);
    if (this.options.digest) await this.digestsDue(now, this.options.digest);
    for (const check of this.options.alsoOnTick ?? []) {
      await check(now).catch((error: unknown) => this.log('schedule: a check failed', error));
    }
  }

  private async remindersDue(now: Date, reminders: NonNullable<SchedulerOptions['reminders']>): Promise<void> {
    const moment = reminderMoment(now, reminders);
    if (!moment || now < moment.due) return;
    await this.perUnit(
      'reminders',
      moment.day,
      (units) => this.unitsWithOverdue(units, moment.day),
      (run, unit, following) => this.sendReminders(run, unit, moment, following),
    );
  }

  private async digestsDue(now: Date, digest: WeeklyTime): Promise<void> {
    const moment = weeklyDigestMoment(now, digest);
    if (now < moment.due) return;
    const window: DigestWindow = {
      week: moment.week,
      from: moment.previous,
      to: moment.due,
      fromDay: localDay(moment.previous, digest.timeZone),
      toDay: localDay(moment.due, digest.timeZone),
    };
    // The change log is read once for the run's units, and only when some unit's digest is built.
    let read: Promise<WeekChanges> | undefined;
    const weekChanges = () => (read ??= WeekChanges.read(this.options.store, window.from, window.to));
    await this.perUnit(
      'digest',
      moment.week,
      (units, following) => this.unitsWithDigest(units, following),
      (run, unit, following) => this.sendDigests(run, unit, { window, weekChanges }, following),
    );
  }

  /**
   * Runs a job's period for each unit that has someone to tell, once per unit across instances. The
   * period is done for this instance when every such unit is done.
   */
  private async perUnit(
    job: Job,
    period: string,
    unitsOf: (units: string[], following: FollowingMap) => Promise<string[]>,
    send: (run: PostClaim, unit: string, following: FollowingMap) => Promise<boolean>,
  ): Promise<void> {
    if (this.done.get(job) === period) return;
    let units: string[];
    let following: FollowingMap;
    try {
      following = (await this.options.following?.()) ?? new FollowingMap({}, this.options.unitId);
      units = await unitsOf(await this.openUnits(), following);
    } catch (error) {
      this.log(`schedule: the units of the ${job} run for ${period} could not be read; trying again later`, error);
      return;
    }
    let all = true;
    for (const unitId of units) {
      all =
        (await this.job(job, { unitId, isDefault: unitId === this.options.unitId }, period, (run) => send(run, unitId, following))) && all;
    }
    if (all) this.done.set(job, period);
  }

  /** The units not archived (the default unit always: an install from before several units may not list it yet). */
  private async openUnits(): Promise<string[]> {
    const open = (await this.options.store.listUnits()).filter((u) => !u.archived).map((u) => u.id);
    return open.includes(this.options.unitId) ? open : [this.options.unitId, ...open];
  }

  private async unitsWithDigest(units: string[], following: FollowingMap): Promise<string[]> {
    const channels = await this.digestChannels();
    return units.filter((unitId) => following.followersOf(unitId, channels).length > 0);
  }

  private async unitsWithOverdue(units: string[], day: IsoDate): Promise<string[]> {
    const due: string[] = [];
    for (const unitId of units) if (overdueOn(await this.options.store.getBoardData(unitId), day).length > 0) due.push(unitId);
    return due;
  }

  private async digestChannels(): Promise<SavedConversation[]> {
    return (await this.state.listConversations()).filter((c) => c.scope === 'channel' && c.digest !== false);
  }

  /** Runs a unit's period of a job once across instances; `send` answers whether everything was sent. True when it is done. */
  private async job(job: Job, unit: UnitOfRun, period: string, send: (run: PostClaim) => Promise<boolean>): Promise<boolean> {
    const key = `${job}${unitPart(unit)}`;
    const now = this.now().getTime();
    if (this.done.get(key) === period) return true;
    if (now < (this.notBefore.get(key) ?? 0)) return false;
    try {
      if (((await this.state.getCursor(scheduleCursor(job, unit))) ?? 0) >= periodNumber(period)) {
        this.done.set(key, period);
        return true;
      }
      const run = await this.runs.claim(runKey(job, unit, period));
      if (!run) {
        // Another instance is at it; should it die, its lease has run out by then.
        this.notBefore.set(key, now + this.options.leaseMs);
        return false;
      }
      return await this.finish(job, unit, period, run, await this.sendUnder(run, send));
    } catch (error) {
      this.log(`schedule: the ${job} run of ${unit.unitId} for ${period} failed; trying again later`, error);
      this.notBefore.set(key, now + this.options.retryLaterMs);
      return false;
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

  private async finish(job: Job, unit: UnitOfRun, period: string, run: PostClaim, sent: boolean | 'lost'): Promise<boolean> {
    const key = `${job}${unitPart(unit)}`;
    const now = this.now().getTime();
    if (sent === 'lost') {
      this.log(`schedule: the ${job} run of ${unit.unitId} for ${period} was taken over by another instance`);
      this.notBefore.set(key, now + this.options.leaseMs);
      return false;
    }
    if (sent) {
      await this.state.advanceCursor(scheduleCursor(job, unit), periodNumber(period));
      await run.complete(KEEP_MS);
      this.done.set(key, period);
      return true;
    }
    await run.release();
    this.notBefore.set(key, now + this.options.retryLaterMs);
    return false;
  }

  /** The unit's digest, to each channel that follows the unit and has the digest on. */
  private async sendDigests(
    run: PostClaim,
    unitId: string,
    week: { window: DigestWindow; weekChanges: () => Promise<WeekChanges> },
    following: FollowingMap,
  ): Promise<boolean> {
    const channels = following.followersOf(unitId, await this.digestChannels());
    if (channels.length === 0) return true;
    const digest = await buildWeeklyDigest(this.options.store, unitId, week.window, await week.weekChanges());
    let all = true;
    for (const channel of channels) {
      const keyed = [{ key: digestKey(channel.id, digest.week), value: digest }];
      all = (await this.sendOnce(run, channel, keyed, () => this.options.poster.digest(channel, digest))) && all;
    }
    return all;
  }

  /** One card per conversation with the unit's overdue items not yet reminded there this week. */
  private async sendReminders(
    run: PostClaim,
    unitId: string,
    moment: { day: IsoDate; week: string },
    following: FollowingMap,
  ): Promise<boolean> {
    const board = await this.options.store.getBoardData(unitId);
    const conversations = await this.state.listConversations();
    // The unit's channels hear what nobody responsible can be told in person; personal chats are found by the owner.
    const heard = conversations.filter((c) => c.scope !== 'channel' || following.unitOf(c.id) === unitId);
    const plan = await remindersByConversation(overdueOn(board, moment.day), heard, (owner, chats) =>
      this.options.findResponsible(owner, chats, unitId),
    );
    const unit = { unitId, isDefault: unitId === this.options.unitId };
    let all = true;
    for (const { conversation, items } of plan) {
      const keyed = items.map((item) => ({
        key: reminderKey(conversation.id, item, moment.week, unit.isDefault ? undefined : unitId),
        value: item,
      }));
      all = (await this.sendOnce(run, conversation, keyed, (left) => this.options.poster.reminder(conversation, left, unitId))) && all;
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
