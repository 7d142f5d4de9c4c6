import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { MessageQueries } from '../outbox/message-queries';
import { forbidden, HttpError, unauthorized } from '../lib/errors';
import type { ContactRepository } from '../contacts/contact-repository';
import type { Erasure } from '../data-safety/erasure';
import type { AuditLog } from '../access/audit-log';
import type { AreaScope } from '../access/area-scope';
import type { Principal, Role, TokenService } from '../access/token-service';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** Bearer token → principal; anything else is 401 (a revoked or expired token included). */
export function authenticate(tokens: TokenService): RequestHandler {
  return (req, _res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    const principal = match ? tokens.authenticate(match[1]!) : null;
    if (!principal) return next(unauthorized());
    req.principal = principal;
    next();
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => next(req.principal && roles.includes(req.principal.role) ? undefined : forbidden(`requires role ${roles.join(' or ')}`));
}

/** Parses a query with a zod schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const result = schema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new HttpError(400, 'invalid_query', `${issue.path.join('.') || 'query'}: ${issue.message}`);
  }
  return result.data;
}

const messagesQuery = z.object({
  direction: z.enum(['in', 'out']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  reveal: z.enum(['0', '1']).optional(),
});

/** The coordinator API: JSON, bearer tokens, one error shape. */
export function createApiRoutes(deps: {
  tokens: TokenService;
  messages: MessageQueries;
  audit: AuditLog;
  scope: AreaScope;
  contacts: Pick<ContactRepository, 'findByPseudonym'>;
  erasure: Pick<Erasure, 'erase'>;
  more?: Router[];
}): Router {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.use(authenticate(deps.tokens));
  for (const routes of deps.more ?? []) router.use(routes);

  /**
   * Recent messages. An area-limited token sees only the messages of people placed within its area
   * (committee members, monitors, coordinators, subscribers): a reporter with no place is seen only
   * by tokens without an area.
   */
  router.get('/messages', (req, res) => {
    const query = parseQuery(messagesQuery, req.query);
    const principal = req.principal!;
    const reveal = query.reveal === '1';
    if (reveal && principal.role !== 'admin') throw forbidden('only an admin token may reveal phone numbers');
    const items = deps.messages.listRecent({ direction: query.direction, limit: query.limit, reveal, areaCodes: deps.scope.visibleCodes(principal) });
    if (reveal) deps.audit.record({ actor: principal.name, action: 'reveal_numbers', subject: 'messages', detail: `${items.length} messages` });
    res.json({ items });
  });

  // Tokens: admins only. An area-limited admin manages the tokens of its own area.
  const admin = requireRole('admin');
  router.get('/tokens', admin, (req, res) => {
    res.json({ items: deps.tokens.list().filter((token) => deps.scope.covers(req.principal!, token.area)) });
  });
  router.delete('/tokens/:id', admin, (req, res) => {
    const id = String(req.params.id);
    const token = deps.tokens.find(id);
    if (!token || !deps.scope.covers(req.principal!, token.area)) throw new HttpError(404, 'not_found', 'no such token');
    const outcome = deps.tokens.revoke(id);
    if (outcome === 'revoked') deps.audit.record({ actor: req.principal!.name, action: 'token_revoke', subject: id });
    res.json({ ...deps.tokens.find(id)!, outcome });
  });

  /**
   * Erasure on request (admins): the person's number and every text they wrote or received are gone;
   * their reports stay without text. An area admin may erase people placed within its area; people
   * with no place (most reporters) only a national admin.
   */
  router.delete('/contacts/:pseudonym', admin, (req, res) => {
    const contact = deps.contacts.findByPseudonym(String(req.params.pseudonym));
    if (!contact || contact.phoneEnc === '' || !deps.scope.covers(req.principal!, contact.areaCode)) throw new HttpError(404, 'not_found', 'no such contact');
    const result = deps.erasure.erase(contact.id, req.principal!.name)!;
    res.json({ erased: true, ...result });
  });

  return router;
}
