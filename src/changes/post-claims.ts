/**
 * Claims on channel posts, shared by every instance of the app (App Service scales out, and
 * every instance reads the same change log). Whoever holds a post's claim makes the post; the
 * others leave it alone. A claim is a lease on a claim-once key of the app state (the store's
 * acquireLease), so an instance that dies holding one (kill -9, a crash, a redeploy) blocks the
 * post only until the lease expires: then another instance takes it over and posts.
 *
 * Two ways to finish:
 * - complete(): the post is made for good, the key is never claimed again (a reminder for one
 *   day: `reminder:<conversation>:<day>`, completed after the connector's 2xx);
 * - release(): the holder is done for now and a cursor records what was posted (status posts:
 *   `status-posts:<conversation>`, released after each run, the conversation's cursor moved after
 *   each 2xx).
 * Either way the holder calls keep() before each attempt to post: it renews the lease when
 * half of it is gone and says false when the lease was lost, so a holder that stalled past its
 * lease never posts what another instance has taken over.
 */
import type { AppStateStore, Lease } from '../store/port.js';

export interface PostClaimsOptions {
  state: AppStateStore;
  /** How long a claim lasts without renewal: longer than one attempt to post takes. */
  leaseMs: number;
  now?: () => Date;
}

export class PostClaim {
  private lost = false;

  constructor(
    private lease: Lease,
    private readonly options: Required<PostClaimsOptions>,
  ) {}

  get key(): string {
    return this.lease.key;
  }

  /** True while the claim is held; renews the lease once less than half of it is left. */
  async keep(): Promise<boolean> {
    if (this.lost) return false;
    const now = this.options.now();
    if (Date.parse(this.lease.expiresAt) - now.getTime() > this.options.leaseMs / 2) return true;
    const renewed = await this.options.state.renewLease(this.lease, now, this.options.leaseMs);
    if (renewed) this.lease = renewed;
    else this.lost = true;
    return renewed !== null;
  }

  /** The post was made: the key stays claimed for good (or for `keepMs`). */
  async complete(keepMs?: number): Promise<boolean> {
    if (this.lost) return false;
    this.lost = true;
    return this.options.state.completeLease(this.lease, this.options.now(), keepMs);
  }

  /** Done for now, nothing left unfinished under this claim: anyone may claim the key again. */
  async release(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    await this.options.state.releaseLease(this.lease);
  }
}

export class PostClaims {
  private readonly options: Required<PostClaimsOptions>;

  constructor(options: PostClaimsOptions) {
    this.options = { now: () => new Date(), ...options };
  }

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /** The claim on a post, or null while another instance holds it or once it was completed. */
  async claim(key: string): Promise<PostClaim | null> {
    const lease = await this.options.state.acquireLease(key, this.options.now(), this.options.leaseMs);
    return lease ? new PostClaim(lease, this.options) : null;
  }
}
