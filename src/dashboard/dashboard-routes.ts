import { randomBytes } from 'node:crypto';
import compression from 'compression';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { AreaScope } from '../access/area-scope';
import type { AuditLog } from '../access/audit-log';
import type { Principal, TokenService } from '../access/token-service';
import type { AreaDirectory } from '../areas/area-directory';
import type { ImportResult } from '../areas/area-import';
import { BroadcastError, type BroadcastService } from '../broadcast/broadcast-service';
import type { Config } from '../config';
import type { ContactRepository } from '../contacts/contact-repository';
import type { Taxonomy } from '../flows/flow-schema';
import { ImportError } from '../lib/csv-records';
import { HttpError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { ReportQueries } from '../reports/report-queries';
import type { ReportService } from '../reports/report-service';
import { loadAssets } from './assets';
import { csrfMatches, type DashboardSessions } from './dashboard-sessions';
import { chooseLanguage, DASHBOARD_LANGUAGES, fill, valueLabel, type DashboardLanguage } from './dashboard-texts';
import { html } from './html';
import { layout, type PageContext } from './layout';
import { overviewPage } from './pages/overview-page';
import { alertsPage, reportListRegion, reportPage, reportsPage, triagePage, type ReportListFilter } from './pages/report-pages';
import { broadcastInputFromForm, broadcastPage, broadcastsPage, composerPage, confirmPage, previewRegion, progressRegion, type ComposerForm } from './pages/broadcast-pages';
import { areasPage, committeesPage, tokensPage, type ImportOutcome } from './pages/people-pages';

const SESSION_COOKIE = 'gw_session';
/** The dashboard's paths; everything else is left to the rest of the app. */
const DASHBOARD_PATH = /^\/(|favicon\.ico|assets\/.*|signin|signout|language\/[^/]+|reports(\/.*)?|alerts|triage|broadcasts(\/.*)?|committees(\/.*)?|areas(\/.*)?|tokens(\/.*)?)$/;
const SIGNIN_COOKIE = 'gw_signin';
const LANGUAGE_COOKIE = 'gw_lang';

export interface DashboardDeps {
  config: Pick<Config, 'NODE_ENV' | 'MAP_TILES_URL' | 'DEFAULT_COUNTRY'>;
  logger: Logger;
  sessions: DashboardSessions;
  tokens: TokenService;
  scope: AreaScope;
  queries: ReportQueries;
  reports: Pick<ReportService, 'findByRef' | 'changeStatus'>;
  contacts: Pick<ContactRepository, 'findById' | 'findByPseudonym' | 'revealPhone' | 'listWithDuty' | 'removeDuty'>;
  areas: AreaDirectory;
  taxonomy: Taxonomy;
  broadcasts: BroadcastService;
  broadcastCreated: () => void;
  audit: AuditLog;
  importContacts: (csvText: string, mayPlace: (areaCode: string | null) => boolean) => ImportResult;
  importAreas: (csvText: string) => ImportResult;
}

declare module 'express-serve-static-core' {
  interface Locals {
    page?: PageContext;
  }
}

const filterSchema = z.object({
  area: z.string().max(40).optional(),
  category: z.string().max(40).optional(),
  status: z.enum(['new', 'incomplete', 'unparsed', 'verified', 'actioned', 'resolved', 'rejected', '']).optional(),
  since: z.iso.date().or(z.literal('')).optional(),
  until: z.iso.date().or(z.literal('')).optional(),
  cursor: z.string().max(200).optional(),
});

/**
 * The coordinators' dashboard at `/`: server-rendered pages on the same services as the API, in
 * the signed-in token's role and area. Sign-in exchanges an API token for a session cookie
 * (HttpOnly, SameSite=Strict, Secure outside development); every form carries the session's CSRF
 * token; the CSP forbids every other host (but the map tiles, when MAP_TILES_URL is set).
 */
export function createDashboardRoutes(deps: DashboardDeps): Router {
  const { config, areas, scope } = deps;
  const assets = loadAssets();
  const router = Router();
  // Only the dashboard's own paths come in: any other (a closed webhook door, /metrics in
  // production) keeps its plain 404, whoever asks.
  const outer = Router();
  outer.use((req, res, next) => (DASHBOARD_PATH.test(req.path) ? router(req, res, next) : next()));
  const secureCookies = config.NODE_ENV === 'production';
  const tilesOrigin = config.MAP_TILES_URL ? new URL(config.MAP_TILES_URL.replace(/\{[a-z]\}/g, 'x')).origin : null;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${tilesOrigin ? ` ${tilesOrigin}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secureCookies ? ['upgrade-insecure-requests'] : []),
  ].join('; ');

  const categoryLabel = (lang: DashboardLanguage) => (id: string) => {
    const category = deps.taxonomy.categories.find((c) => c.id === id);
    // Reports the parser could not place in a category count as "unknown", in the reader's language.
    return (category?.label as Record<string, string> | undefined)?.[lang] ?? category?.label.en ?? valueLabel(lang, id);
  };

  router.use(compression());
  router.use(assets.router);
  router.get('/favicon.ico', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.status(204).end();
  });
  router.use((req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    const cookies = parseCookies(req.get('cookie') ?? '');
    const session = deps.sessions.find(cookies[SESSION_COOKIE]);
    const lang = chooseLanguage(cookies[LANGUAGE_COOKIE], req.get('accept-language'));
    const role = session?.principal.role;
    res.locals.page = { t: DASHBOARD_LANGUAGES[lang], lang, session, assets, path: req.originalUrl.split('#')[0]!, canWrite: role === 'admin' || role === 'coordinator', isAdmin: role === 'admin' };
    res.setHeader('Vary', 'Cookie, Accept-Language');
    next();
  });

  const ctxOf = (res: Response): PageContext => res.locals.page!;
  const send = (res: Response, status: number, body: string) => res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(body);
  const cookie = (name: string, value: string, maxAgeSeconds: number) =>
    serializeCookie(name, value, { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/', maxAge: maxAgeSeconds });
  const isHtmx = (req: Request) => req.get('hx-request') === 'true';

  /** A form may only come from this origin (besides the CSRF token). */
  const sameOrigin: RequestHandler = (req, _res, next) => {
    const origin = req.get('origin');
    if (!origin || origin === 'null') return next();
    // A malformed Origin header is as foreign as another site's (a refusal, not a server error).
    const host = URL.canParse(origin) ? new URL(origin).host : null;
    next(host === req.get('host') ? undefined : new HttpError(403, 'csrf', 'cross-origin form'));
  };
  const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 500 });
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 5 } }).single('file');
  const verifyCsrf: RequestHandler = (req, res, next) => {
    const session = ctxOf(res).session;
    const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
    if (!session || !csrfMatches(session, given)) return next(new HttpError(403, 'csrf', 'missing or wrong CSRF token'));
    next();
  };

  // Sign-in: a double-submit token (cookie + field) guards the form before there is a session.
  router.get('/signin', (req, res) => {
    const ctx = ctxOf(res);
    // The same value while it lasts: two tabs (or a favicon request) must not void each other's form.
    const token = parseCookies(req.get('cookie') ?? '')[SIGNIN_COOKIE] ?? randomBytes(18).toString('base64url');
    res.setHeader('Set-Cookie', cookie(SIGNIN_COOKIE, token, 3600));
    const notice = req.query.out === '1' ? ctx.t.signed_out : req.query.expired === '1' ? ctx.t.session_expired : null;
    send(res, 200, signInPage(ctx, token, notice, null));
  });

  function signInPage(ctx: PageContext, token: string, flash: string | null, error: string | null): string {
    const { t } = ctx;
    return layout(
      ctx,
      t.sign_in_title,
      html`<p class="help">${t.sign_in_help}</p>
<form method="post" action="/signin" class="stack signin">
  <input type="hidden" name="_signin" value="${token}">
  <label>${t.token} <input type="password" name="token" required autocomplete="current-password" spellcheck="false"></label>
  <button type="submit">${t.sign_in}</button>
</form>`,
      { flash, error },
    );
  }

  router.post('/signin', sameOrigin, form, (req, res) => {
    const ctx = ctxOf(res);
    const body = req.body as Record<string, unknown>;
    const expected = parseCookies(req.get('cookie') ?? '')[SIGNIN_COOKIE];
    if (!expected || body._signin !== expected) throw new HttpError(403, 'csrf', 'sign-in form without its cookie');
    const principal = typeof body.token === 'string' && body.token.length <= 200 ? deps.tokens.authenticate(body.token.trim()) : null;
    if (!principal) {
      const token = randomBytes(18).toString('base64url');
      res.setHeader('Set-Cookie', cookie(SIGNIN_COOKIE, token, 3600));
      return send(res, 401, signInPage(ctx, token, null, ctx.t.sign_in_failed));
    }
    const { cookie: sessionId, maxAgeSeconds } = deps.sessions.create(principal);
    deps.audit.record({ actor: principal.name, action: 'dashboard_sign_in', subject: principal.tokenId });
    res.setHeader('Set-Cookie', [cookie(SESSION_COOKIE, sessionId, maxAgeSeconds), cookie(SIGNIN_COOKIE, '', 0)]);
    res.redirect(303, '/');
  });

  router.post('/signout', sameOrigin, form, verifyCsrf, (req, res) => {
    deps.sessions.destroy(parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE]);
    res.setHeader('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
    res.redirect(303, '/signin?out=1');
  });

  router.get('/language/:lang', (req, res) => {
    const lang = String(req.params.lang);
    if (!(lang in DASHBOARD_LANGUAGES)) throw new HttpError(404, 'not_found', 'no such language');
    const back = typeof req.query.back === 'string' && /^\/(?![/\\])/.test(req.query.back) ? req.query.back : '/';
    res.setHeader('Set-Cookie', serializeCookie(LANGUAGE_COOKIE, lang, { sameSite: 'lax', secure: secureCookies, path: '/', maxAge: 365 * 86400 }));
    res.redirect(303, back);
  });

  // Everything below needs a session. A page asks for sign-in; a script request is told to go there.
  router.use((req, res, next) => {
    if (ctxOf(res).session) return next();
    const hadCookie = !!parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE];
    const target = `/signin${hadCookie ? '?expired=1' : ''}`;
    if (isHtmx(req)) return res.status(401).setHeader('HX-Redirect', target).end();
    if (req.method === 'GET') return res.redirect(303, target);
    next(new HttpError(401, 'unauthorized', 'sign in first'));
  });

  const principalOf = (res: Response): Principal => ctxOf(res).session!.principal;
  const visible = (res: Response, filter?: string) => scope.visibleCodes(principalOf(res), filter);
  const writer: RequestHandler = (_req, res, next) => next(ctxOf(res).canWrite ? undefined : new HttpError(403, 'forbidden', 'read only'));
  const admin: RequestHandler = (_req, res, next) => next(ctxOf(res).isAdmin ? undefined : new HttpError(403, 'forbidden', 'admins only'));
  const post = (path: string, ...handlers: RequestHandler[]) => router.post(path, sameOrigin, form, verifyCsrf, writer, ...handlers);

  /** The areas a principal may see, as indented options (for filters and pickers). */
  function areaOptions(principal: Principal) {
    const codes = scope.visibleCodes(principal);
    const allowed = codes ? new Set(codes) : null;
    const out: { value: string; label: string }[] = [];
    const walk = (code: string | null, depth: number) => {
      for (const area of areas.childrenOf(code)) {
        if (!allowed || allowed.has(area.code)) out.push({ value: area.code, label: `${'— '.repeat(depth)}${area.name}` });
        walk(area.code, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }

  router.get('/', (req, res) => {
    const ctx = ctxOf(res);
    const days = req.query.days === '30' ? 30 : 7;
    const data = deps.queries.overview(visible(res), days);
    send(
      res,
      200,
      layout(ctx, ctx.t.overview_title, overviewPage(ctx, data, { days, categoryLabel: categoryLabel(ctx.lang), mapTilesUrl: config.MAP_TILES_URL ?? null }), {
        scripts: ['uplot.js', 'leaflet.js', 'dashboard.js'],
        styles: ['uplot.css', 'leaflet.css'],
      }),
    );
  });

  function reportFilter(req: Request): ReportListFilter {
    const parsed = filterSchema.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'invalid_query', 'bad filter');
    const f = parsed.data;
    return { area: f.area || undefined, category: f.category || undefined, status: f.status || undefined, since: f.since || undefined, until: f.until || undefined, cursor: f.cursor || undefined };
  }

  function listReports(res: Response, filter: ReportListFilter) {
    // "To" is a whole day: reports before the next midnight (UTC).
    const until = filter.until ? new Date(Date.parse(filter.until) + 86_400_000).toISOString() : undefined;
    return deps.queries.list(visible(res, filter.area), { status: filter.status as never, category: filter.category, since: filter.since, until, cursor: filter.cursor, limit: 50 });
  }

  router.get('/reports', (req, res) => {
    const ctx = ctxOf(res);
    const filter = reportFilter(req);
    const choices = {
      areas: areaOptions(principalOf(res)),
      categories: deps.taxonomy.categories.map((c) => ({ value: c.id, label: categoryLabel(ctx.lang)(c.id) })),
    };
    send(res, 200, layout(ctx, ctx.t.reports_title, reportsPage(ctx, listReports(res, filter), filter, choices, categoryLabel(ctx.lang)), { scripts: ['htmx.js'] }));
  });

  router.get('/reports/list', (req, res) => {
    const ctx = ctxOf(res);
    const filter = { ...reportFilter(req), cursor: undefined };
    send(res, 200, reportListRegion(ctx, listReports(res, filter), filter, categoryLabel(ctx.lang)).value);
  });

  function findReport(res: Response, ref: string) {
    const report = deps.reports.findByRef(ref);
    if (!report || !scope.covers(principalOf(res), report.areaCode)) throw new HttpError(404, 'not_found', `no report ${ref}`);
    return report;
  }

  function showReport(req: Request, res: Response, options: { revealed?: string | null; flash?: string | null; status?: number } = {}) {
    const ctx = ctxOf(res);
    const report = findReport(res, String(req.params.ref));
    const view = deps.queries.view(report);
    send(res, options.status ?? 200, layout(ctx, fill(ctx.t.report_title, { ref: report.ref }), reportPage(ctx, view, deps.queries.timeline(report), { categoryLabel: categoryLabel(ctx.lang), revealed: options.revealed }), { flash: options.flash }));
  }

  router.get('/reports/:ref', (req, res) => showReport(req, res, { flash: req.query.saved === '1' ? ctxOf(res).t.status_changed : null }));

  post('/reports/:ref/status', (req, res) => {
    const body = z.object({ status: z.enum(['verified', 'actioned', 'resolved', 'rejected']), note: z.string().max(500).optional() }).safeParse(req.body);
    if (!body.success) throw new HttpError(422, 'invalid_body', 'status: verified, actioned, resolved or rejected; note: at most 500 characters');
    const report = findReport(res, String(req.params.ref));
    if (report.status === 'incomplete' && body.data.status === 'verified') throw new HttpError(403, 'forbidden', 'an incomplete report cannot be verified');
    const principal = principalOf(res);
    deps.reports.changeStatus(report, body.data.status, `token ${principal.name}`, body.data.note?.trim() || undefined);
    res.redirect(303, `/reports/${report.ref}?saved=1`);
  });

  // Revealing a reporter's number: admins only, audited, shown once (never put in a URL).
  router.post('/reports/:ref/reveal', sameOrigin, form, verifyCsrf, admin, (req, res) => {
    const report = findReport(res, String(req.params.ref));
    const contact = report.reporterContactId ? deps.contacts.findById(report.reporterContactId) : undefined;
    const number = contact && contact.phoneEnc !== '' ? deps.contacts.revealPhone(contact) : null;
    deps.audit.record({ actor: principalOf(res).name, action: 'reveal_number', subject: report.ref, detail: contact ? contact.pseudonym : 'no reporter' });
    showReport(req, res, { revealed: number });
  });

  router.get('/alerts', (req, res) => {
    const ctx = ctxOf(res);
    const status = z.enum(['open', 'acknowledged', 'escalated', 'unanswered']).optional().safeParse(req.query.status || undefined);
    if (!status.success) throw new HttpError(400, 'invalid_query', 'status');
    send(res, 200, layout(ctx, ctx.t.alerts_title, alertsPage(ctx, deps.queries.alertBoard(visible(res), status.data), status.data)));
  });

  router.get('/triage', (_req, res) => {
    const ctx = ctxOf(res);
    send(res, 200, layout(ctx, ctx.t.triage_title, triagePage(ctx, deps.queries.triage(visible(res), 200), categoryLabel(ctx.lang))));
  });

  // Broadcasts: the composer previews through the same service call as POST /api/broadcasts/preview.
  const broadcastAreas = (b: { audience: string }) => (JSON.parse(b.audience) as { areas: string[] }).areas;
  function previewOf(res: Response, input: ReturnType<typeof broadcastInputFromForm>) {
    if (!scope.coversAll(principalOf(res), input.audience.areas)) return { preview: null, error: `${ctxOf(res).t.forbidden}` };
    try {
      return { preview: deps.broadcasts.preview(input), error: null };
    } catch (error) {
      if (error instanceof BroadcastError) return { preview: null, error: error.message };
      throw error;
    }
  }

  router.get('/broadcasts', (_req, res) => {
    const ctx = ctxOf(res);
    const items = deps.broadcasts
      .list(100)
      .filter((b) => scope.coversAll(principalOf(res), broadcastAreas(b)))
      .map((b) => deps.broadcasts.describe(b));
    send(res, 200, layout(ctx, ctx.t.broadcasts_title, broadcastsPage(ctx, items)));
  });

  const composer = (res: Response, formValues: ComposerForm, preview: ReturnType<typeof previewRegion>, status = 200) => {
    const ctx = ctxOf(res);
    send(res, status, layout(ctx, ctx.t.composer_title, composerPage(ctx, formValues, { areas: areaOptions(principalOf(res)) }, preview), { scripts: ['htmx.js'] }));
  };

  router.get('/broadcasts/new', writer, (_req, res) => composer(res, {}, previewRegion(ctxOf(res), null, null)));

  post('/broadcasts/preview', (req, res) => {
    const { preview, error } = previewOf(res, broadcastInputFromForm(req.body as ComposerForm));
    send(res, 200, previewRegion(ctxOf(res), preview, error).value);
  });

  post('/broadcasts/new', (req, res) => {
    const ctx = ctxOf(res);
    const formValues = req.body as ComposerForm;
    const input = broadcastInputFromForm(formValues);
    const { preview, error } = previewOf(res, input);
    if (formValues.action === 'review' && preview) {
      return send(res, 200, layout(ctx, ctx.t.confirm_title, confirmPage(ctx, input, preview, randomBytes(12).toString('base64url'))));
    }
    composer(res, formValues, previewRegion(ctx, preview, error), error ? 422 : 200);
  });

  post('/broadcasts', (req, res) => {
    const body = req.body as Record<string, unknown>;
    let input: ReturnType<typeof broadcastInputFromForm>;
    try {
      input = JSON.parse(String(body.input)) as ReturnType<typeof broadcastInputFromForm>;
    } catch {
      throw new HttpError(400, 'bad_request', 'input');
    }
    if (!Array.isArray(input?.audience?.areas) || !scope.coversAll(principalOf(res), input.audience.areas.map(String))) throw new HttpError(403, 'forbidden', 'outside your area');
    const key = typeof body.key === 'string' && /^[\w-]{8,40}$/.test(body.key) ? body.key : undefined;
    const principal = principalOf(res);
    let created;
    try {
      created = deps.broadcasts.create(input, { source: 'api', createdBy: principal.name, idempotencyKey: key ? `dashboard:${principal.tokenId}:${key}` : undefined });
    } catch (error) {
      if (error instanceof BroadcastError) throw new HttpError(422, error.code, error.message);
      throw error;
    }
    if (!created.replayed) {
      deps.audit.record({ actor: principal.name, action: 'broadcast_create', subject: created.broadcast.ref, detail: created.broadcast.audience });
      deps.broadcastCreated();
    }
    res.redirect(303, `/broadcasts/${created.broadcast.id}`);
  });

  function findBroadcast(res: Response, id: string) {
    const broadcast = deps.broadcasts.find(id);
    if (!broadcast || !scope.coversAll(principalOf(res), broadcastAreas(broadcast))) throw new HttpError(404, 'not_found', 'no such broadcast');
    return broadcast;
  }

  router.get('/broadcasts/:id', (req, res) => {
    const ctx = ctxOf(res);
    const described = deps.broadcasts.describe(findBroadcast(res, String(req.params.id)));
    send(res, 200, layout(ctx, fill(ctx.t.broadcast_title, { ref: described.ref }), broadcastPage(ctx, described), { scripts: ['htmx.js'] }));
  });

  router.get('/broadcasts/:id/progress', (req, res) => {
    send(res, 200, progressRegion(ctxOf(res), deps.broadcasts.describe(findBroadcast(res, String(req.params.id)))).value);
  });

  for (const action of ['cancel', 'pause', 'resume'] as const) {
    post(`/broadcasts/:id/${action}`, (req, res) => {
      const broadcast = findBroadcast(res, String(req.params.id));
      try {
        deps.broadcasts[action](broadcast);
      } catch (error) {
        if (error instanceof BroadcastError) throw new HttpError(409, error.code, error.message);
        throw error;
      }
      deps.audit.record({ actor: principalOf(res).name, action: `broadcast_${action}`, subject: broadcast.ref });
      if (action === 'resume') deps.broadcastCreated();
      res.redirect(303, `/broadcasts/${broadcast.id}`);
    });
  }

  // Committees and contacts: people with a duty, within the token's area.
  function committees(res: Response, outcome: ImportOutcome, status = 200, flash: string | null = null) {
    const ctx = ctxOf(res);
    const people = deps.contacts.listWithDuty(visible(res));
    send(res, status, layout(ctx, ctx.t.committees_title, committeesPage(ctx, people, { areas: areaOptions(principalOf(res)), areaName: (code) => areas.get(code)?.name ?? code, outcome }), { flash }));
  }
  const mayPlace = (res: Response) => (areaCode: string | null) => (principalOf(res).areaCode ? !!areaCode && scope.covers(principalOf(res), areaCode) : true);
  function runImport(work: () => ImportResult): ImportOutcome {
    try {
      return { ok: true, ...work() };
    } catch (error) {
      if (error instanceof ImportError) return { ok: false, problems: error.problems };
      throw error;
    }
  }

  router.get('/committees', (_req, res) => committees(res, null));

  post('/committees/add', (req, res) => {
    const body = req.body as Record<string, string>;
    const row = [body.phone, body.name, body.role, body.area_code, body.language].map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',');
    const outcome = runImport(() => deps.importContacts(`phone,name,role,area_code,language\n${row}\n`, mayPlace(res)));
    if (outcome?.ok) deps.audit.record({ actor: principalOf(res).name, action: 'contact_add', detail: `${body.role} ${body.area_code}` });
    // One row: its problems are about "line 2" of a file nobody saw.
    const shown: ImportOutcome = outcome && !outcome.ok ? { ok: false, problems: outcome.problems.map((p) => p.replace(/^line 2: /, '')) } : null;
    committees(res, shown, shown ? 422 : 200, outcome?.ok ? ctxOf(res).t.added : null);
  });

  router.post('/committees/upload', sameOrigin, upload, verifyCsrf, writer, (req, res) => {
    if (!req.file) throw new HttpError(400, 'bad_request', 'no file');
    const outcome = runImport(() => deps.importContacts(req.file!.buffer.toString('utf8'), mayPlace(res)));
    if (outcome?.ok) deps.audit.record({ actor: principalOf(res).name, action: 'contacts_import', detail: `${outcome.inserted} new, ${outcome.updated} updated` });
    committees(res, outcome, outcome?.ok ? 200 : 422);
  });

  post('/committees/remove', (req, res) => {
    const ctx = ctxOf(res);
    const contact = deps.contacts.findByPseudonym(String((req.body as Record<string, unknown>).pseudonym ?? ''));
    if (!contact || contact.phoneEnc === '' || contact.role === 'reporter' || !scope.covers(principalOf(res), contact.areaCode)) throw new HttpError(404, 'not_found', 'no such person');
    deps.contacts.removeDuty(contact.id);
    deps.audit.record({ actor: principalOf(res).name, action: 'contact_remove', subject: contact.pseudonym, detail: `was ${contact.role} ${contact.areaCode ?? '-'}` });
    committees(res, null, 200, fill(ctx.t.removed, { who: contact.name ?? contact.pseudonym }));
  });

  // Areas: everyone reads the tree (their part of it); national admins upload.
  function areasView(res: Response, outcome: ImportOutcome, status = 200) {
    const ctx = ctxOf(res);
    const principal = principalOf(res);
    const roots = principal.areaCode ? [areas.get(principal.areaCode)].filter((a) => a !== undefined) : areas.childrenOf(null);
    send(res, status, layout(ctx, ctx.t.areas_title, areasPage(ctx, roots, (code) => areas.childrenOf(code), { canUpload: ctx.isAdmin && !principal.areaCode, outcome })));
  }
  router.get('/areas', (_req, res) => areasView(res, null));
  router.post('/areas/upload', sameOrigin, upload, verifyCsrf, admin, (req, res) => {
    if (principalOf(res).areaCode) throw new HttpError(403, 'forbidden', 'the area tree is changed by national admins');
    if (!req.file) throw new HttpError(400, 'bad_request', 'no file');
    const outcome = runImport(() => deps.importAreas(req.file!.buffer.toString('utf8')));
    if (outcome?.ok) deps.audit.record({ actor: principalOf(res).name, action: 'areas_import', detail: `${outcome.inserted} new, ${outcome.updated} updated` });
    areasView(res, outcome, outcome?.ok ? 200 : 422);
  });

  // Tokens: admins, each within their own area.
  function tokensView(res: Response, created: { token: string; name: string } | null = null) {
    const ctx = ctxOf(res);
    const principal = principalOf(res);
    const tokens = deps.tokens.list().filter((token) => scope.covers(principal, token.area));
    send(res, created ? 201 : 200, layout(ctx, ctx.t.tokens_title, tokensPage(ctx, tokens, { areas: areaOptions(principal), created, fixedArea: principal.areaCode })));
  }
  router.get('/tokens', admin, (_req, res) => tokensView(res));
  router.post('/tokens', sameOrigin, form, verifyCsrf, admin, (req, res) => {
    const body = z
      .object({ name: z.string().trim().min(1).max(60), role: z.enum(['admin', 'coordinator', 'viewer']), area: z.string().max(40).optional(), expires: z.string().regex(/^\d{0,4}$/).optional() })
      .safeParse(req.body);
    if (!body.success) throw new HttpError(422, 'invalid_body', 'name, role, area, expires');
    const principal = principalOf(res);
    const areaCode = body.data.area || principal.areaCode || null;
    if (areaCode && !areas.get(areaCode)) throw new HttpError(422, 'invalid_body', `unknown area ${areaCode}`);
    if (!scope.covers(principal, areaCode)) throw new HttpError(403, 'forbidden', 'outside your area');
    const created = deps.tokens.create({ name: body.data.name, role: body.data.role, areaCode, expiresInDays: body.data.expires ? Number(body.data.expires) : undefined });
    deps.audit.record({ actor: principal.name, action: 'token_create', subject: created.id, detail: `${body.data.role} ${areaCode ?? '*'}` });
    tokensView(res, { token: created.token, name: body.data.name });
  });
  router.post('/tokens/:id/revoke', sameOrigin, form, verifyCsrf, admin, (req, res) => {
    const token = deps.tokens.find(String(req.params.id));
    if (!token || !scope.covers(principalOf(res), token.area)) throw new HttpError(404, 'not_found', 'no such token');
    if (deps.tokens.revoke(token.id) === 'revoked') deps.audit.record({ actor: principalOf(res).name, action: 'token_revoke', subject: token.id });
    res.redirect(303, '/tokens');
  });

  // Errors as pages (a script request gets the short text): never a stack trace.
  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    const ctx = res.locals.page;
    if (!ctx || res.headersSent) return next(error);
    // multer's limits (a file over 2 MB, too many fields) are the uploader's to fix: 413.
    const status =
      error instanceof HttpError ? error.status : error instanceof multer.MulterError ? 413 : typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 500;
    if (status >= 500) req.log.error({ err: error }, 'dashboard request failed');
    else req.log.warn({ code: error instanceof HttpError ? error.code : 'bad_request' }, 'dashboard request refused');
    const { t } = ctx;
    const message =
      error instanceof HttpError && error.code === 'csrf' ? t.csrf_failed : status === 403 ? t.forbidden : status === 404 ? t.not_found : status === 413 ? t.too_large : status < 500 ? t.bad_request : t.error;
    if (isHtmx(req)) return res.status(status).type('text').send(message);
    send(res, status, layout(ctx, message, html`<p><a href="/">${t.nav_overview}</a></p>`));
  });

  return outer;
}
