import { timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { AuditLog } from './access/audit-log';
import type { AreaScope } from './access/area-scope';
import { createApiRoutes } from './api/api-routes';
import { CHANNEL_MODULES } from './channels/registry';
import type { ContactRepository } from './contacts/contact-repository';
import type { Erasure } from './data-safety/erasure';
import type { TokenService } from './access/token-service';
import type { MessageQueries, MessageView } from './outbox/message-queries';
import type { UssdRouteServices } from './channels/africastalking/at-ussd-routes';
import { createConsoleRoutes } from './channels/console/console-routes';
import type { WebhookServices } from './channels/webhook-services';
import type { Config } from './config';
import { HttpError, unauthorized } from './lib/errors';
import type { Logger } from './lib/logger';
import type { Metrics } from './ops/metrics';
import { installRequestLog } from './ops/request-log';

export interface AppDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  webhooks: WebhookServices;
  ussd: UssdRouteServices;
  tokens: TokenService;
  messages: MessageQueries;
  audit: AuditLog;
  scope: AreaScope;
  contacts: Pick<ContactRepository, 'findByPseudonym'>;
  erasure: Pick<Erasure, 'erase'>;
  /** More coordinator API routes (reports, alerts), mounted under /api after authentication. */
  apiRoutes?: Router[];
  /** The coordinators' dashboard, mounted at / after every other route. */
  dashboard?: Router;
  /** What is wrong, for /healthz: an empty list when all is well. */
  health(): string[];
  /** Told of a request that failed on the database (disk full, read-only, locked): /healthz shows it. */
  storageFailed?(code: string): void;
  /** For the console provider's development inbox. */
  consoleInbox(phone: string, after: string): MessageView[];
}

/** SQLite errors that say the database cannot take writes now (not a bug in the request). */
function isStorageError(error: unknown): error is { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN)/.test(code);
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

/**
 * The routes a refusal is counted under, as templates. Anything else (a made-up path under /api, or
 * under a webhook prefix whose token check runs before routing) counts as `other`: a caller without
 * credentials must not be able to add a metric series per request.
 */
const ROUTE_TEMPLATES: [RegExp, string][] = [
  [/^\/api\/(reports|messages|alerts|triage|broadcasts|tokens)$/, '/api/$1'],
  [/^\/api\/reports\/export$/, '/api/reports/export'],
  [/^\/api\/broadcasts\/preview$/, '/api/broadcasts/preview'],
  [/^\/api\/(reports|broadcasts|tokens)\/[^/]+$/, '/api/$1/:id'],
  [/^\/api\/broadcasts\/[^/]+\/(cancel|pause|resume)$/, '/api/broadcasts/:id/$1'],
  [/^\/webhooks\/africastalking\/(sms|delivery|ussd|ussd\/events)$/, '/webhooks/africastalking/$1'],
  [/^\/webhooks\/twilio\/(sms|status)$/, '/webhooks/twilio/$1'],
  [/^\/metrics$/, '/metrics'],
];

function routeLabel(url: string): string {
  const path = url.split('?')[0]!.replace(/\/+$/, '');
  for (const [pattern, label] of ROUTE_TEMPLATES) if (pattern.test(path)) return path.replace(pattern, label);
  return 'other';
}

/** Counts every 401 and 403, whichever door answered it (API, webhook token or signature, metrics). */
function countAuthRejections(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode === 401 || res.statusCode === 403) metrics.authRejections.inc({ route: routeLabel(req.originalUrl), status: String(res.statusCode) });
    });
    next();
  };
}

/** Builds the express app. It never listens: main.ts does, and tests drive it in-process. */
export function createApp(deps: AppDeps) {
  const { config, logger, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(installRequestLog(app, logger));
  app.use(countAuthRejections(metrics));

  app.get('/healthz', (_req, res) => {
    const reasons = deps.health();
    if (reasons.length === 0) res.status(200).json({ status: 'ok' });
    else res.status(503).json({ status: reasons.some((r) => r.startsWith('database')) ? 'unavailable' : 'degraded', reasons });
  });
  // /metrics tells queue depths and traffic: behind METRICS_TOKEN when set; production serves none without one.
  if (config.METRICS_TOKEN || config.NODE_ENV !== 'production') {
    const expected = config.METRICS_TOKEN ? Buffer.from(`Bearer ${config.METRICS_TOKEN}`) : null;
    app.get('/metrics', async (req, res) => {
      if (expected) {
        const given = Buffer.from(req.get('authorization') ?? '');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized();
      }
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  }

  // Each channel mounts its doors, each only when its credential is set (see webhookDoors); otherwise 404.
  for (const channel of CHANNEL_MODULES) {
    for (const [path, router] of channel.routes({ webhooks: deps.webhooks, ussd: deps.ussd }, config)) {
      app.use(`/webhooks/${channel.name}${path === '/' ? '' : path}`, router);
    }
  }
  app.use('/api', createApiRoutes({ tokens: deps.tokens, messages: deps.messages, audit: deps.audit, scope: deps.scope, contacts: deps.contacts, erasure: deps.erasure, more: deps.apiRoutes }));
  if (config.SMS_PROVIDER === 'console' && config.NODE_ENV !== 'production') {
    app.use('/console', createConsoleRoutes(deps.consoleInbox));
  }
  if (deps.dashboard) app.use(deps.dashboard);

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
    } else if (isStorageError(error)) {
      // Nothing was stored: the provider retries a 503, and /healthz says why.
      deps.storageFailed?.(String(error.code));
      status = 503;
      code = 'storage_unavailable';
      message = 'the gateway cannot store this now; try again later';
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
