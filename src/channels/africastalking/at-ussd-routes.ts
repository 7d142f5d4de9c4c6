import express, { Router, type ErrorRequestHandler } from 'express';
import type { UssdScreen, UssdService } from '../../ussd/ussd-service';
import { field, optionalField, type FormBody } from '../channel-types';
import { requireAtToken, type AtDoor } from './at-webhooks';

export interface UssdRouteServices {
  ussd: Pick<UssdService, 'hop' | 'sessionEnded'>;
  commit<T>(work: () => T): Promise<T>;
  /** The sorry screen in the default language, for a request that cannot be read at all. */
  sorry: UssdScreen;
}

/** Africa's Talking's USSD wire format: "CON " keeps the session open, "END " closes it. */
export function atUssdResponse(screen: UssdScreen): string {
  return `${screen.end ? 'END' : 'CON'} ${screen.text}`;
}

/**
 * Africa's Talking USSD: every answer is HTTP 200 `text/plain` starting with `CON ` or `END `. An
 * HTTP error would cut the caller off without a word, so even an unreadable hop gets `END` + sorry.
 */
export function createAtUssdRoutes(services: UssdRouteServices, options: AtDoor & { bodyLimit: string }): Router {
  const router = Router();
  router.use(requireAtToken(options));
  const form = express.urlencoded({ extended: false, limit: options.bodyLimit, parameterLimit: 200, type: () => true });

  router.post('/events', form, async (req, res) => {
    const body = (req.body ?? {}) as FormBody;
    const sessionId = field(body, 'sessionId');
    const known = sessionId ? await services.commit(() => services.ussd.sessionEnded(sessionId, optionalField(body, 'status'))) : false;
    req.log.info({ status: optionalField(body, 'status'), known, hops: optionalField(body, 'hopsCount') }, 'ussd session ended');
    res.status(200).type('text/plain').send('ok');
  });

  router.post('/', form, async (req, res) => {
    const body = (req.body ?? {}) as FormBody;
    const screen = await services.commit(() =>
      services.ussd.hop(
        { sessionId: field(body, 'sessionId'), serviceCode: field(body, 'serviceCode'), phoneNumber: field(body, 'phoneNumber'), text: optionalField(body, 'text') },
        () => req.log,
      ),
    );
    res.status(200).type('text/plain').send(atUssdResponse(screen));
  });

  const unreadable: ErrorRequestHandler = (error, req, res, next) => {
    if (req.path === '/events') return next(error);
    req.log.warn({ type: (error as { type?: string }).type }, 'unreadable ussd hop');
    res.status(200).type('text/plain').send(atUssdResponse(services.sorry));
  };
  router.use(unreadable);
  return router;
}
