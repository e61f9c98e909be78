/**
 * The route Graph calls with change notifications for the synced SharePoint lists
 * (https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks):
 *  - while a subscription is created, Graph POSTs ?validationToken=...; we answer 200 with the
 *    token as text/plain (Graph allows 10 s);
 *  - a notification collection is acknowledged with 202 at once (Graph wants an answer within
 *    3 s); only then is each notification checked (known subscription, our clientState) and the
 *    sync poked. A notification that is not an object, or whose subscriptionId or clientState is
 *    not a string, is ignored (and counted in the log), never thrown on.
 */
import express from 'express';

/** The parts of a changeNotification the app checks (https://learn.microsoft.com/en-us/graph/api/resources/changenotification). */
export interface Notification {
  subscriptionId: string;
  clientState: string;
  changeType?: string;
  resource?: string;
}

export interface NotificationHandlers {
  /** Where Graph was told to send notifications (the subscriptions' notificationUrl path). */
  path: string;
  /** Whether a well-formed notification is ours (known subscription, our clientState). */
  accepts(n: Notification): boolean;
  /** Runs after the 202 when at least one notification was ours. */
  onChange(): void;
}

/** A notification with the fields we check as strings, or null for anything else. */
export function asNotification(value: unknown): Notification | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const n = value as Record<string, unknown>;
  if (typeof n.subscriptionId !== 'string' || typeof n.clientState !== 'string') return null;
  return {
    subscriptionId: n.subscriptionId,
    clientState: n.clientState,
    ...(typeof n.changeType === 'string' ? { changeType: n.changeType } : {}),
    ...(typeof n.resource === 'string' ? { resource: n.resource } : {}),
  };
}

export function graphWebhookRouter(handlers: NotificationHandlers): express.Router {
  const router = express.Router();
  router.post(handlers.path, express.text({ type: 'text/*', limit: '1kb' }), express.json({ limit: '1mb' }), (req, res) => {
    const token = req.query.validationToken;
    if (typeof token === 'string') {
      res.status(200).type('text/plain').send(token);
      return;
    }
    const value = (req.body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(value)) {
      res.status(400).json({ error: { code: 'invalid_input', message: 'expected a change notification collection' } });
      return;
    }
    res.status(202).end();
    const ours = value.map(asNotification).filter((n): n is Notification => n !== null && handlers.accepts(n));
    if (ours.length < value.length)
      console.warn(`Graph notifications: ${value.length - ours.length} ignored (malformed, unknown subscription or wrong clientState)`);
    if (ours.length > 0) setImmediate(() => handlers.onChange());
  });
  // A body that is not JSON (or too large): a plain 400, never the parser's stack.
  router.use(handlers.path, (error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    res.status(400).json({ error: { code: 'invalid_input', message: 'expected a change notification collection' } });
  });
  return router;
}
