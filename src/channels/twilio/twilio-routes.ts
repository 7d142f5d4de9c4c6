import { Router } from 'express';
import type { FormBody } from '../channel-types';
import type { WebhookServices } from '../webhook-services';
import { formBody } from '../form-body';
import { badRequest } from '../../lib/errors';
import { parseTwilioInboundSms, parseTwilioStatus, requireTwilioSignature, twiml } from './twilio-webhooks';

/** Twilio webhooks: signature first (nothing from a forged request is stored), replies as TwiML. */
export function createTwilioRoutes(services: WebhookServices, options: { authToken: string; publicUrl: string; bodyLimit: string }): Router {
  const router = Router();
  router.use(formBody(options.bodyLimit));
  router.use(requireTwilioSignature(options.authToken, options.publicUrl));

  router.post('/sms', async (req, res) => {
    const parsed = parseTwilioInboundSms((req.body ?? {}) as FormBody);
    if (!parsed.ok) throw badRequest(parsed.reason);
    const result = await services.commit(() => services.inbound.receiveSms(parsed.value, 'inband', () => req.log));
    res.status(200).type('text/xml').send(twiml(result.inbandReply));
  });

  router.post('/status', async (req, res) => {
    const parsed = parseTwilioStatus((req.body ?? {}) as FormBody);
    if (!parsed.ok) throw badRequest(parsed.reason);
    await services.commit(() => services.delivery.applyReport(parsed.value, () => req.log));
    res.status(204).end();
  });

  return router;
}
