import express, { Router } from 'express';
import type { WebhookServices } from '../webhook-services';
import { badRequest } from '../../lib/errors';
import { parseAndroidEvent, verifyAndroidSignature } from './android-webhooks';

/**
 * The Android phone's webhooks (one URL for every event): the signature first, over the raw body, so
 * that nothing of a forged or replayed request is read, let alone stored.
 */
export function createAndroidRoutes(services: WebhookServices, options: { signingKey: string; bodyLimit: string; now?: () => number }): Router {
  const router = Router();
  const now = options.now ?? Date.now;
  router.use(express.raw({ type: () => true, limit: options.bodyLimit }));
  router.post('/', async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifyAndroidSignature(options.signingKey, raw, req.get('x-timestamp'), req.get('x-signature'), Math.floor(now() / 1000));
    if (verdict !== 'ok') {
      res.status(403).type('text/plain').send(`forbidden: ${verdict === 'missing' ? 'missing X-Signature or X-Timestamp' : verdict === 'stale' ? 'X-Timestamp too old or too new' : 'invalid X-Signature'}`);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw badRequest('malformed JSON');
    }
    const parsed = parseAndroidEvent(body);
    if (!parsed.ok) throw badRequest(parsed.reason);
    const event = parsed.value;
    let stored = false;
    if (event.kind === 'inbound') {
      stored = !(await services.commit(() => services.inbound.storeSms(event.sms, () => req.log))).duplicate;
    } else if (event.kind === 'delivery') {
      await services.commit(() => services.delivery.applyReport(event.report, () => req.log));
    }
    res.status(200).json({ ok: true });
    if (stored) services.inboundStored();
  });
  return router;
}
