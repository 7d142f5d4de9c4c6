import { Router, type Request } from 'express';
import { BroadcastError, type BroadcastRow, type BroadcastService } from '../broadcast/broadcast-service';
import { forbidden, HttpError, notFound } from '../lib/errors';
import type { AuditLog } from '../access/audit-log';
import { requireRole } from './api-routes';
import type { Principal } from '../access/token-service';
import type { AreaScope } from '../access/area-scope';

/**
 * Broadcasts over the coordinator API: preview, create (Idempotency-Key makes a retried POST safe),
 * progress, and control. A token limited to an area may only reach people within it.
 */
export function createBroadcastRoutes(deps: { broadcasts: BroadcastService; scope: AreaScope; audit: AuditLog; broadcastCreated: () => void }): Router {
  const { broadcasts, audit } = deps;
  const router = Router();
  const write = requireRole('admin', 'coordinator');
  const withinScope = (principal: Principal, codes: string[]) => deps.scope.coversAll(principal, codes);

  /** The body's audience areas must be the token's own (checked before anything is counted). */
  function checkScope(req: Request): void {
    const codes = (req.body as { audience?: { areas?: unknown } } | undefined)?.audience?.areas;
    if (req.principal!.areaCode && Array.isArray(codes) && !withinScope(req.principal!, codes.filter((c): c is string => typeof c === 'string'))) {
      throw forbidden(`this token may only broadcast within ${req.principal!.areaCode}`);
    }
  }

  function run<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof BroadcastError) throw new HttpError(error.code === 'wrong_state' ? 409 : 422, error.code, error.message);
      throw error;
    }
  }

  function load(req: Request): BroadcastRow {
    const broadcast = broadcasts.find(String(req.params.id));
    const audience = broadcast && (JSON.parse(broadcast.audience) as { areas: string[] });
    if (!broadcast || !withinScope(req.principal!, audience!.areas)) throw notFound('no such broadcast');
    return broadcast;
  }

  router.post('/broadcasts/preview', write, (req, res) => {
    checkScope(req);
    res.json(run(() => broadcasts.preview(req.body)));
  });

  router.post('/broadcasts', write, (req, res) => {
    checkScope(req);
    const key = req.get('idempotency-key');
    if (key !== undefined && !/^[\w.:-]{1,100}$/.test(key)) throw new HttpError(400, 'bad_request', 'Idempotency-Key: 1–100 letters, digits or . _ : -');
    // Keys are per token: another token's identical key is another request, never its broadcast.
    const idempotencyKey = key === undefined ? undefined : `${req.principal!.tokenId}:${key}`;
    const { broadcast, replayed } = run(() => broadcasts.create(req.body, { source: 'api', createdBy: req.principal!.name, idempotencyKey }));
    if (!replayed) {
      audit.record({ actor: req.principal!.name, action: 'broadcast_create', subject: broadcast.ref, detail: broadcast.audience });
      deps.broadcastCreated();
    }
    res.status(replayed ? 200 : 201).json(broadcasts.describe(broadcast));
  });

  router.get('/broadcasts', (req, res) => {
    const items = broadcasts.list(100).filter((b) => withinScope(req.principal!, (JSON.parse(b.audience) as { areas: string[] }).areas));
    res.json({ items: items.map((b) => broadcasts.describe(b)) });
  });

  router.get('/broadcasts/:id', (req, res) => {
    res.json(broadcasts.describe(load(req)));
  });

  for (const action of ['cancel', 'pause', 'resume'] as const) {
    router.post(`/broadcasts/:id/${action}`, write, (req, res) => {
      const broadcast = run(() => broadcasts[action](load(req)));
      audit.record({ actor: req.principal!.name, action: `broadcast_${action}`, subject: broadcast.ref });
      if (action === 'resume') deps.broadcastCreated();
      res.json(broadcasts.describe(broadcast));
    });
  }

  return router;
}
