import { Router } from 'express';
import type { MessageView } from '../../outbox/message-queries';
import { badRequest } from '../../lib/errors';

/**
 * Development only (SMS_PROVIDER=console, never in production): the "handset" view of what the
 * console provider recorded for one number, used by `npm run simulate:sms`.
 */
export function createConsoleRoutes(inbox: (phone: string, after: string) => MessageView[]): Router {
  const router = Router();
  router.get('/outbox', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to : '';
    const after = typeof req.query.after === 'string' ? req.query.after : '1970-01-01T00:00:00.000Z';
    if (!to) throw badRequest('query parameter `to` is required');
    if (Number.isNaN(Date.parse(after))) throw badRequest('`after` must be an ISO date');
    res.json({ items: inbox(to, new Date(after).toISOString()).map(({ text, status, createdAt, segments }) => ({ text, status, createdAt, segments })) });
  });
  return router;
}
