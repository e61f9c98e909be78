/**
 * Whether the tab is on screen, so that work only a viewer needs (the live poll) stops while nobody sees it:
 * - the page's own visibility (document.visibilityState: a browser tab in the background, a minimised window);
 * - in Teams, app caching: Teams keeps a tab the person left for a while and tells it first
 *   (app.lifecycle.registerBeforeSuspendOrTerminateHandler), then brings it back with registerOnResumeHandler.
 *   A cached tab's frame is hidden inside a Teams window that is itself visible, so its document stays 'visible'.
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/app-caching
 */

export interface Presence {
  /** True while the tab is shown. */
  visible(): boolean;
  /** Calls back whenever visible() may have changed; returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}

/** The page's visibility, and the host's word that it suspended (cached) or resumed the tab. */
export class TabPresence implements Presence {
  private suspended = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly doc: Document = document) {}

  visible(): boolean {
    return !this.suspended && this.doc.visibilityState !== 'hidden';
  }

  /** Teams is about to cache the tab (true), or brought it back (false). */
  setSuspended(suspended: boolean): void {
    if (this.suspended === suspended) return;
    this.suspended = suspended;
    this.listeners.forEach((l) => l());
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    this.doc.addEventListener('visibilitychange', listener);
    return () => {
      this.listeners.delete(listener);
      this.doc.removeEventListener('visibilitychange', listener);
    };
  }
}
