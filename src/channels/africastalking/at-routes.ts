import { Router } from 'express';
import type { FormBody } from '../channel-types';
import type { WebhookServices } from '../webhook-services';
import { formBody } from '../form-body';
import { badRequest } from '../../lib/errors';
import { parseAtDeliveryReport, parseAtInboundSms, requireAtToken, type AtDoor } from './at-webhooks';

/** Africa's Talking callbacks: answer 200 fast (AT retries for ~10 minutes until it gets one). */
export function createAtRoutes(services: WebhookServices, options: AtDoor & { bodyLimit: string }): Router {
  const router = Router();
  router.use(requireAtToken(options));
  router.use(formBody(options.bodyLimit));

  router.post('/sms', async (req, res) => {
    const parsed = parseAtInboundSms((req.body ?? {}) as FormBody);
    if (!parsed.ok) throw badRequest(parsed.reason);
    // Stored before the 200, read after it (the inbound processor): a provider never waits for the reading.
    const result = await services.commit(() => services.inbound.storeSms(parsed.value, () => req.log));
    res.status(200).type('text/plain').send(result.duplicate ? 'duplicate' : 'ok');
    if (!result.duplicate) services.inboundStored();
  });

  router.post('/delivery', async (req, res) => {
    const parsed = parseAtDeliveryReport((req.body ?? {}) as FormBody);
    if (!parsed.ok) throw badRequest(parsed.reason);
    await services.commit(() => services.delivery.applyReport(parsed.value, () => req.log));
    res.status(200).type('text/plain').send('ok');
  });

  return router;
}
