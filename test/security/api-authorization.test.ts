import type { Response } from 'supertest';
import { atomically } from '../../src/db/client';
import type { ReportRow } from '../../src/reports/report-service';
import { loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Every coordinator API route × every kind of caller. Everything the routes guard lies in Kenya:
 * a coordinator token for Kenya must reach it, one for Kyrgyzstan must see none of it, a viewer reads
 * but never changes, and no token, a wrong one, a revoked one and an expired one get 401. Changing any
 * authorization or scope check under src/api makes some row here fail.
 */
const ADMIN = 'bootstrap-admin-token-for-authz';
const BROADCAST = { texts: { en: 'Peace meeting at the chief camp on Saturday 10am.' } };

type Caller = 'none' | 'wrong' | 'revoked' | 'expired' | 'viewer' | 'other_area' | 'other_area_admin' | 'home_area' | 'admin';
const CALLERS: Caller[] = ['none', 'wrong', 'revoked', 'expired', 'viewer', 'other_area', 'other_area_admin', 'home_area', 'admin'];

/**
 * read: any valid token may call it; what it returns is limited to the token's area.
 * read_one: one thing, read by any valid token within its area; 404 outside (its existence is not told).
 * change: admins and coordinators, on things within their area (404 outside: its existence is not told).
 * change_in_body: like change, but the area is named in the body (403 outside).
 * admin: admins only.
 */
type Kind = 'read' | 'read_one' | 'change' | 'change_in_body' | 'admin';

interface Route {
  name: string;
  kind: Kind;
  call(t: TestGateway, auth: Record<string, string>): Promise<Response>;
  /** For reads answered 200: whether the Kenyan thing the route guards is in the answer. */
  shows?: (response: Response) => boolean;
}

let t: TestGateway;
const tokens: Partial<Record<Caller, string>> = {};
let alertedRef: string;
let triageRef: string;
let broadcastId: string;

function newReport(areaCode: string, urgent = false): ReportRow {
  return atomically(t.gateway.db, () => t.gateway.services.reports.create({ source: 'api', status: 'new', language: 'en', category: 'violence', areaCode, urgent, description: 'Youths fighting near the market' }));
}

function newBroadcast(state: 'sending' | 'paused' = 'sending'): string {
  const { broadcast } = t.gateway.services.broadcasts.create({ audience: { areas: ['KE-30'] }, ...BROADCAST }, { source: 'api', createdBy: 'setup' });
  if (state === 'paused') t.gateway.services.broadcasts.pause(broadcast);
  return broadcast.id;
}

const items = (response: Response) => (response.body as { items: Record<string, unknown>[] }).items;

const ROUTES: Route[] = [
  { name: 'GET /api/reports', kind: 'read', call: (t, a) => t.http.get('/api/reports').set(a), shows: (r) => items(r).some((i) => i.ref === alertedRef) },
  { name: 'GET /api/reports?area=KE-17', kind: 'read', call: (t, a) => t.http.get('/api/reports?area=KE-17').set(a), shows: (r) => items(r).some((i) => i.ref === alertedRef) },
  { name: 'GET /api/reports/:ref', kind: 'read_one', call: (t, a) => t.http.get(`/api/reports/${alertedRef}`).set(a), shows: (r) => r.body.ref === alertedRef },
  { name: 'PATCH /api/reports/:ref', kind: 'change', call: (t, a) => t.http.patch(`/api/reports/${newReport('KE-17-01').ref}`).set(a).send({ status: 'verified', note: 'seen' }) },
  { name: 'GET /api/reports/export?format=json', kind: 'read', call: (t, a) => t.http.get('/api/reports/export?format=json').set(a), shows: (r) => r.text.includes(alertedRef) },
  { name: 'GET /api/reports/export?format=csv', kind: 'read', call: (t, a) => t.http.get('/api/reports/export?format=csv').set(a), shows: (r) => r.text.includes(alertedRef) },
  { name: 'GET /api/triage', kind: 'read', call: (t, a) => t.http.get('/api/triage').set(a), shows: (r) => items(r).some((i) => i.ref === triageRef) },
  { name: 'GET /api/alerts', kind: 'read', call: (t, a) => t.http.get('/api/alerts').set(a), shows: (r) => items(r).some((i) => i.report === alertedRef) },
  { name: 'GET /api/messages', kind: 'read', call: (t, a) => t.http.get('/api/messages').set(a), shows: (r) => items(r).length > 0 },
  { name: 'POST /api/broadcasts/preview', kind: 'change_in_body', call: (t, a) => t.http.post('/api/broadcasts/preview').set(a).send({ audience: { areas: ['KE-30'] }, ...BROADCAST }) },
  { name: 'POST /api/broadcasts', kind: 'change_in_body', call: (t, a) => t.http.post('/api/broadcasts').set(a).send({ audience: { areas: ['KE-30'] }, ...BROADCAST }) },
  { name: 'GET /api/broadcasts', kind: 'read', call: (t, a) => t.http.get('/api/broadcasts').set(a), shows: (r) => items(r).some((i) => i.id === broadcastId) },
  { name: 'GET /api/broadcasts/:id', kind: 'read_one', call: (t, a) => t.http.get(`/api/broadcasts/${broadcastId}`).set(a), shows: (r) => r.body.id === broadcastId },
  { name: 'POST /api/broadcasts/:id/pause', kind: 'change', call: (t, a) => t.http.post(`/api/broadcasts/${newBroadcast()}/pause`).set(a) },
  { name: 'POST /api/broadcasts/:id/resume', kind: 'change', call: (t, a) => t.http.post(`/api/broadcasts/${newBroadcast('paused')}/resume`).set(a) },
  { name: 'POST /api/broadcasts/:id/cancel', kind: 'change', call: (t, a) => t.http.post(`/api/broadcasts/${newBroadcast()}/cancel`).set(a) },
  { name: 'GET /api/tokens', kind: 'admin', call: (t, a) => t.http.get('/api/tokens').set(a), shows: (r) => items(r).some((i) => i.name === 'viewer national') },
  { name: 'DELETE /api/tokens/:id', kind: 'admin', call: (t, a) => t.http.delete(`/api/tokens/${t.gateway.services.tokens.create({ name: 'spare', role: 'viewer' }).id}`).set(a) },
];

/** What each caller must get: a status, and for reads whether the Kenyan thing is shown. */
function expectation(route: Route, caller: Caller): { status: number; shows?: boolean } {
  const { kind } = route;
  if (['none', 'wrong', 'revoked', 'expired'].includes(caller)) return { status: 401 };
  const outside = caller === 'other_area' || caller === 'other_area_admin';
  if (kind === 'admin') {
    // An area-limited admin manages only its own area's tokens: national ones are neither listed nor revoked.
    if (caller === 'other_area_admin') return route.shows ? { status: 200, shows: false } : { status: 404 };
    return caller === 'admin' ? { status: 200, ...(route.shows ? { shows: true } : {}) } : { status: 403 };
  }
  if (kind === 'read') return { status: 200, shows: !outside };
  if (kind === 'read_one') return outside ? { status: 404 } : { status: 200, shows: true };
  if (caller === 'viewer') return { status: 403 };
  if (outside) return { status: kind === 'change' ? 404 : 403 };
  return { status: route.name === 'POST /api/broadcasts' ? 201 : 200 };
}

beforeAll(() => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', BOOTSTRAP_ADMIN_TOKEN: ADMIN });
  loadSampleAreas(t);
  loadSampleContacts(t);
  alertedRef = newReport('KE-17-01', true).ref; // alerts the Kisumu Central committee: messages to Kenyans
  triageRef = newReport('KE-47').ref; // West Pokot has no committee
  broadcastId = newBroadcast();
  const make = (role: 'admin' | 'coordinator' | 'viewer', areaCode: string | null) => t.gateway.services.tokens.create({ name: `${role} ${areaCode ?? 'national'}`, role, areaCode });
  tokens.viewer = make('viewer', null).token;
  tokens.other_area = make('coordinator', 'KG').token;
  tokens.other_area_admin = make('admin', 'KG').token;
  tokens.home_area = make('coordinator', 'KE').token;
  tokens.admin = ADMIN;
  const revoked = make('admin', null);
  t.gateway.services.tokens.revoke(revoked.id);
  tokens.revoked = revoked.token;
  const expired = t.gateway.services.tokens.create({ name: 'expired', role: 'admin', expiresInDays: 1 });
  t.gateway.db.$client.prepare('update api_tokens set expires_at = ? where id = ?').run(new Date(Date.now() - 1000).toISOString(), expired.id);
  tokens.expired = expired.token;
  tokens.wrong = 'pgw_this-token-was-never-issued-by-the-gateway';
});
afterAll(() => t.close());

const rows = ROUTES.flatMap((route) => CALLERS.map((caller) => [route.name, caller, route] as const));

describe('the coordinator API, every route × every caller', () => {
  it.each(rows)('%s as %s', async (_name, caller, route) => {
    const auth: Record<string, string> = tokens[caller] ? { authorization: `Bearer ${tokens[caller]}` } : {};
    const response = await route.call(t, auth);
    const want = expectation(route, caller);
    expect(response.status).toBe(want.status);
    if (want.shows !== undefined) expect(route.shows!(response)).toBe(want.shows);
  });

  it('when refusals happen, then /metrics counts 401 and 403 per route, and made-up paths cannot add series', async () => {
    const series = async () => (await t.http.get('/metrics')).text.split('\n').filter((line) => line.startsWith('gateway_auth_rejections_total')).length;
    await t.http.get('/api/not-a-route');
    await t.http.post('/webhooks/africastalking/not-a-route?token=wrong');
    const before = await series();
    for (let i = 0; i < 30; i++) {
      await t.http.get(`/api/probe-${i}`);
      await t.http.post(`/webhooks/africastalking/probe-${i}?token=wrong`);
    }
    expect(await series()).toBe(before);
    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toMatch(/gateway_auth_rejections_total\{route="other",status="401"\} (3[1-9]|[4-9]\d)/);
    expect(metrics).toMatch(/gateway_auth_rejections_total\{route="\/api\/reports",status="401"\} [1-9]/);
    expect(metrics).toMatch(/gateway_auth_rejections_total\{route="\/api\/reports\/:id",status="403"\} [1-9]/);
    expect(metrics).toMatch(/gateway_auth_rejections_total\{route="\/api\/broadcasts\/preview",status="403"\} [1-9]/);
  });
});
