import express, { type ErrorRequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { AuditLog } from './api/audit-log';
import { createApiRoutes } from './api/api-routes';
import type { TokenService } from './api/token-service';
import type { MessageQueries, MessageView } from './broadcast/message-queries';
import { createAtRoutes } from './channels/africastalking/at-routes';
import { createAtUssdRoutes, type UssdRouteServices } from './channels/africastalking/at-ussd-routes';
import { createConsoleRoutes } from './channels/console/console-routes';
import { createTwilioRoutes } from './channels/twilio/twilio-routes';
import type { WebhookServices } from './channels/webhook-services';
import type { Config } from './config';
import { HttpError } from './lib/errors';
import type { Logger } from './lib/logger';
import type { Metrics } from './ops/metrics';
import { installRequestLog } from './ops/request-log';

export interface AppDeps {
  config: Pick<Config, 'AT_WEBHOOK_TOKEN' | 'TWILIO_AUTH_TOKEN' | 'PUBLIC_URL' | 'BODY_LIMIT' | 'SMS_PROVIDER' | 'NODE_ENV'>;
  logger: Logger;
  metrics: Metrics;
  webhooks: WebhookServices;
  ussd: UssdRouteServices;
  tokens: TokenService;
  messages: MessageQueries;
  audit: AuditLog;
  /** More coordinator API routes (reports, alerts), mounted under /api after authentication. */
  apiRoutes?: Router[];
  /** Answers whether the database is usable (for /healthz). */
  databaseHealthy(): boolean;
  /** For the console provider's development inbox. */
  consoleInbox(phone: string, after: string): MessageView[];
}

/** Body-parser's error types, as the status a client should see. */
const PARSER_ERRORS: Record<string, { status: 400 | 413 | 415; message: string }> = {
  'entity.too.large': { status: 413, message: 'request body too large' },
  'parameters.too.many': { status: 413, message: 'too many form fields' },
  'entity.parse.failed': { status: 400, message: 'malformed request body' },
  'charset.unsupported': { status: 415, message: 'unsupported charset' },
  'encoding.unsupported': { status: 415, message: 'unsupported content encoding' },
  'request.aborted': { status: 400, message: 'request aborted' },
};

/** Builds the express app. It never listens: main.ts does, and tests drive it in-process. */
export function createApp(deps: AppDeps) {
  const { config, logger, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(installRequestLog(app, logger));

  app.get('/healthz', (_req, res) => {
    const ok = deps.databaseHealthy();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/webhooks/africastalking/ussd', createAtUssdRoutes(deps.ussd, { webhookToken: config.AT_WEBHOOK_TOKEN, bodyLimit: config.BODY_LIMIT }));
  app.use('/webhooks/africastalking', createAtRoutes(deps.webhooks, { webhookToken: config.AT_WEBHOOK_TOKEN, bodyLimit: config.BODY_LIMIT }));
  app.use('/webhooks/twilio', createTwilioRoutes(deps.webhooks, { authToken: config.TWILIO_AUTH_TOKEN, publicUrl: config.PUBLIC_URL, bodyLimit: config.BODY_LIMIT }));
  app.use('/api', createApiRoutes({ tokens: deps.tokens, messages: deps.messages, audit: deps.audit, more: deps.apiRoutes }));
  if (config.SMS_PROVIDER === 'console' && config.NODE_ENV !== 'production') {
    app.use('/console', createConsoleRoutes(deps.consoleInbox));
  }

  app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'no such route')));

  /** The one error path: a short reason in `{ error: { code, message } }`, never a stack trace. */
  const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
    const parserError = typeof error?.type === 'string' ? PARSER_ERRORS[error.type] : undefined;
    let status = 500;
    let code = 'internal';
    let message = 'internal error';
    if (error instanceof HttpError) {
      ({ status, code, message } = error);
    } else if (parserError) {
      ({ status, message } = parserError);
      code = error.type;
    } else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      status = error.status;
      code = 'bad_request';
      message = 'bad request';
    }
    const route = req.baseUrl || req.path;
    if (route.startsWith('/webhooks')) metrics.webhookRejections.inc({ route, reason: code });
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    else req.log.warn({ code }, 'request refused');
    if (res.headersSent) return;
    res.status(status).json({ error: { code, message } });
  };
  app.use(errorHandler);
  return app;
}
