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
    const result = await services.commit(() => services.inbound.receiveSms(parsed.value, 'outbox', () => req.log));
    if (!result.duplicate) services.outboxChanged();
    res.status(200).type('text/plain').send(result.duplicate ? 'duplicate' : 'ok');
  });

  router.post('/delivery', async (req, res) => {
    const parsed = parseAtDeliveryReport((req.body ?? {}) as FormBody);
    if (!parsed.ok) throw badRequest(parsed.reason);
    await services.commit(() => services.delivery.applyReport(parsed.value, () => req.log));
    res.status(200).type('text/plain').send('ok');
  });

  return router;
}
