import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createManualClock } from '../../src/lib/clock';
import { strongProductionEnv } from '../support/production-env';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

type Agent = ReturnType<typeof request.agent>;

/** Signs in through the form as a browser would (GET the form, POST it back with its cookie). */
async function signIn(t: TestGateway, token: string): Promise<{ agent: Agent; csrf: string; setCookie: string[] }> {
  const agent = request.agent(t.gateway.app);
  const form = await agent.get('/signin');
  const signin = /name="_signin" value="([^"]+)"/.exec(form.text)![1]!;
  const response = await agent.post('/signin').type('form').send({ _signin: signin, token });
  expect(response.status).toBe(303);
  const page = await agent.get('/');
  expect(page.status).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  return { agent, csrf, setCookie: ([] as string[]).concat(response.headers['set-cookie'] ?? []) };
}

describe('dashboard sign-in and sessions', () => {
  const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
  let t: TestGateway;
  beforeAll(() => {
    t = startTestGateway({ DASHBOARD_SESSION_HOURS: '8' }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
  });
  afterAll(() => t.close());

  test('without a session every page sends you to sign in; a script request is told where to go', async () => {
    for (const path of ['/', '/reports', '/reports/list', '/alerts', '/broadcasts/new', '/tokens']) {
      const response = await t.http.get(path);
      expect([path, response.status, response.headers.location]).toEqual([path, 303, '/signin']);
    }
    const htmx = await t.http.get('/reports/list').set('HX-Request', 'true');
    expect(htmx.status).toBe(401);
    expect(htmx.headers['hx-redirect']).toBe('/signin');
    expect((await t.http.post('/reports/AAAAA/status').type('form').send({ status: 'resolved' })).status).toBe(401);
  });

  test('a token becomes an HttpOnly, SameSite=Strict session cookie; a wrong token gets 401 and no session', async () => {
    const token = t.gateway.services.tokens.create({ name: 'admin', role: 'admin' }).token;
    const { setCookie } = await signIn(t, token);
    const session = setCookie.find((c) => c.startsWith('gw_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Max-Age=28800/);
    expect(session).not.toMatch(/Secure/); // NODE_ENV=test: plain http on loopback

    const agent = request.agent(t.gateway.app);
    const form = await agent.get('/signin');
    const signin = /name="_signin" value="([^"]+)"/.exec(form.text)![1]!;
    const wrong = await agent.post('/signin').type('form').send({ _signin: signin, token: 'pgw_not-a-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That token is not valid');
    expect(([] as string[]).concat(wrong.headers['set-cookie'] ?? []).some((c) => c.startsWith('gw_session='))).toBe(false);
    // The form without its cookie (posted from another site): refused before the token is even looked at.
    expect((await t.http.post('/signin').type('form').send({ _signin: signin, token })).status).toBe(403);
    expect(countRows(t, "select count(*) from audit_log where action = 'dashboard_sign_in'")).toBe(1);
  });

  test('a form without the session CSRF token, or from another origin, changes nothing', async () => {
    const admin = t.gateway.services.tokens.create({ name: 'admin 2', role: 'admin' }).token;
    const { agent, csrf } = await signIn(t, admin);
    const before = t.gateway.services.tokens.list().length;
    expect((await agent.post('/tokens').type('form').send({ name: 'sneaky', role: 'admin' })).status).toBe(403);
    expect((await agent.post('/tokens').type('form').send({ _csrf: 'x'.repeat(csrf.length), name: 'sneaky', role: 'admin' })).status).toBe(403);
    expect((await agent.post('/tokens').set('Origin', 'https://evil.example').type('form').send({ _csrf: csrf, name: 'sneaky', role: 'admin' })).status).toBe(403);
    // A malformed Origin is refused the same way, never a server error.
    expect((await agent.post('/tokens').set('Origin', 'not a url').type('form').send({ _csrf: csrf, name: 'sneaky', role: 'admin' })).status).toBe(403);
    expect(t.gateway.services.tokens.list().length).toBe(before);
    const made = await agent.post('/tokens').type('form').send({ _csrf: csrf, name: 'field team', role: 'viewer', area: 'KE-17' });
    expect(made.status).toBe(201);
    expect(made.text).toMatch(/id="new-token">pgw_[\w-]+</);
    expect(t.gateway.services.tokens.list().find((tk) => tk.name === 'field team')).toMatchObject({ role: 'viewer', area: 'KE-17' });
  });

  test('revoking the token ends its session at the next click; sign-out ends it too', async () => {
    const made = t.gateway.services.tokens.create({ name: 'coordinator', role: 'coordinator' });
    const first = await signIn(t, made.token);
    t.gateway.services.tokens.revoke(made.id);
    const after = await first.agent.get('/reports');
    expect([after.status, after.headers.location]).toEqual([303, '/signin?expired=1']);

    const other = t.gateway.services.tokens.create({ name: 'coordinator 2', role: 'coordinator' }).token;
    const second = await signIn(t, other);
    const cookie = second.setCookie.find((c) => c.startsWith('gw_session='))!.split(';')[0]!;
    expect((await second.agent.post('/signout').type('form').send({ _csrf: second.csrf })).headers.location).toBe('/signin?out=1');
    // The old cookie, replayed by someone who kept it: no session.
    expect((await t.http.get('/reports').set('Cookie', cookie)).status).toBe(303);
  });

  test('a session lasts DASHBOARD_SESSION_HOURS and no longer', async () => {
    const token = t.gateway.services.tokens.create({ name: 'night shift', role: 'viewer' }).token;
    const { agent } = await signIn(t, token);
    clock.advance(7.9 * 3_600_000);
    expect((await agent.get('/alerts')).status).toBe(200);
    clock.advance(0.2 * 3_600_000);
    expect((await agent.get('/alerts')).headers.location).toBe('/signin?expired=1');
    t.gateway.runMaintenance();
    expect(countRows(t, 'select count(*) from dashboard_sessions where expires_at <= ?', clock.now().toISOString())).toBe(0);
  });

  test('pages forbid every other host (CSP), assets are content-hashed, cached for a year and compressed', async () => {
    const signin = await t.http.get('/signin').set('Accept-Encoding', 'gzip');
    const csp = signin.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(signin.headers['content-encoding']).toBe('gzip');
    const css = /href="(\/assets\/dashboard-[0-9a-f]{10}\.css)"/.exec(signin.text)![1]!;
    const asset = await t.http.get(css).set('Accept-Encoding', 'gzip');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect((await t.http.get('/assets/dashboard-0000000000.css')).status).toBe(404);
  });

  test('the language comes from the browser, and the switch overrides it', async () => {
    expect((await t.http.get('/signin').set('Accept-Language', 'sw-KE,sw;q=0.9,en;q=0.5')).text).toContain('<html lang="sw">');
    expect((await t.http.get('/signin').set('Accept-Language', 'ru')).text).toContain('Вход в шлюз мира');
    expect((await t.http.get('/signin').set('Accept-Language', 'fr-FR')).text).toContain('<html lang="en">');
    const agent = request.agent(t.gateway.app);
    const switched = await agent.get('/language/ru?back=/signin');
    expect(switched.headers.location).toBe('/signin');
    expect((await agent.get('/signin').set('Accept-Language', 'sw')).text).toContain('<html lang="ru">');
    // The switch only comes back to a path of this site.
    expect((await t.http.get('/language/en?back=//evil.example/x')).headers.location).toBe('/');
  });
});

test('in production the session cookie is Secure and the CSP upgrades insecure requests', async () => {
  const t = startTestGateway({
    ...strongProductionEnv(),
    MAP_TILES_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  });
  try {
    // A Secure cookie is not sent back over plain http (as a browser would not): carried by hand here.
    const form = await t.http.get('/signin');
    const signinCookie = ([] as string[]).concat(form.headers['set-cookie'] ?? []).find((c) => c.startsWith('gw_signin='))!;
    expect(signinCookie).toMatch(/; Secure/);
    const signin = /name="_signin" value="([^"]+)"/.exec(form.text)![1]!;
    const token = t.gateway.services.tokens.create({ name: 'admin', role: 'admin' }).token;
    const response = await t.http.post('/signin').set('Cookie', signinCookie.split(';')[0]!).type('form').send({ _signin: signin, token });
    expect(response.status).toBe(303);
    expect(([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('gw_session='))).toMatch(/HttpOnly; Secure; SameSite=Strict/);
    const csp = (await t.http.get('/signin')).headers['content-security-policy'] as string;
    expect(csp).toContain('upgrade-insecure-requests');
    // The tiles' host, for images only.
    expect(csp).toContain("img-src 'self' data: https://tile.openstreetmap.org");
    expect(csp).toContain("connect-src 'self';");
  } finally {
    await t.close();
  }
});

describe('dashboard actions', () => {
  let t: TestGateway;
  beforeAll(() => {
    t = startTestGateway();
    loadSampleAreas(t);
    loadSampleContacts(t);
  });
  afterAll(() => t.close());

  const report = async (text: string, from: string) => {
    const id = `ATXid_${randomBytes(4).toString('hex')}`;
    await t.http.post('/webhooks/africastalking/sms').type('form').send({ from, to: '21525', text, id });
    return t.gateway.db.$client.prepare('select r.ref from reports r join messages m on m.contact_id = r.reporter_contact_id where m.provider_message_id = ?').pluck().get(id) as string;
  };

  test('an admin reveals a reporter’s number: shown once, audited; a coordinator may not', async () => {
    const ref = await report('Vijana wanapigana Kondele', '+254711333444');
    const admin = await signIn(t, t.gateway.services.tokens.create({ name: 'admin', role: 'admin' }).token);
    const page = await admin.agent.get(`/reports/${ref}`);
    expect(page.text).not.toContain('711333444');
    const revealed = await admin.agent.post(`/reports/${ref}/reveal`).type('form').send({ _csrf: admin.csrf });
    expect(revealed.status).toBe(200);
    expect(revealed.text).toContain('+254711333444');
    expect(countRows(t, "select count(*) from audit_log where action = 'reveal_number' and subject = ? and actor = 'admin'", ref)).toBe(1);

    const coordinator = await signIn(t, t.gateway.services.tokens.create({ name: 'coordinator', role: 'coordinator' }).token);
    expect((await coordinator.agent.get(`/reports/${ref}`)).text).not.toContain('/reveal');
    const refused = await coordinator.agent.post(`/reports/${ref}/reveal`).type('form').send({ _csrf: coordinator.csrf });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('711333444');
  });

  test('statuses, roles and events read in the reader’s language', async () => {
    const ref = await report('Vijana wanapigana Kondele tena', '+254711444555');
    const admin = await signIn(t, t.gateway.services.tokens.create({ name: 'mratibu', role: 'admin' }).token);
    expect((await admin.agent.post(`/reports/${ref}/status`).type('form').send({ _csrf: admin.csrf, status: 'verified', note: 'Tumeongea na wazee' })).status).toBe(303);
    const swahili = (await admin.agent.get(`/reports/${ref}`).set('Accept-Language', 'sw')).text;
    expect(swahili).toContain('<dd id="report-status">imethibitishwa</dd>');
    expect(swahili).toMatch(/<strong>imepokelewa<\/strong> · sms/);
    expect(swahili).toContain('<option value="resolved">imetatuliwa</option>');
    const russian = (await admin.agent.get('/committees').set('Accept-Language', 'ru')).text;
    expect(russian).toContain('<td>председатель</td>');
    expect(russian).toContain('(администратор, везде)');
    // English keeps the API's own words.
    expect((await admin.agent.get(`/reports/${ref}`).set('Accept-Language', 'en')).text).toContain('<dd id="report-status">verified</dd>');
  });

  test('a contacts CSV with bad lines imports nothing and names each line; an area coordinator places people only in their area', async () => {
    const kisumu = await signIn(t, t.gateway.services.tokens.create({ name: 'kisumu', role: 'coordinator', areaCode: 'KE-17' }).token);
    const before = countRows(t, 'select count(*) from contacts');
    const csv = 'phone,name,role,area_code,language\n+254722100001,Ann,member,KE-17-01,sw\nnot-a-phone,Bob,member,KE-17-01,en\n+254722100003,Cy,member,KE-30-01,en\n+254722100004,Di,boss,KE-17-01,en\n';
    const bad = await kisumu.agent.post('/committees/upload').field('_csrf', kisumu.csrf).attach('file', Buffer.from(csv), 'people.csv');
    expect(bad.status).toBe(422);
    const problems = [...bad.text.matchAll(/<li>(line \d+:[^<]*)<\/li>/g)].map((m) => m[1]);
    expect(problems).toEqual([
      'line 3: phone is not a valid mobile number',
      'line 4: area_code &quot;KE-30-01&quot; is outside the areas you may manage',
      'line 5: role &quot;boss&quot; is not one of reporter, monitor, member, chair, coordinator',
    ]);
    expect(countRows(t, 'select count(*) from contacts')).toBe(before);

    // Over the 2 MB limit: a clear 413 page, nothing imported.
    const huge = await kisumu.agent.post('/committees/upload').field('_csrf', kisumu.csrf).attach('file', Buffer.alloc(3 * 1024 * 1024, 'a'), 'people.csv');
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('That file is too large');
    expect(countRows(t, 'select count(*) from contacts')).toBe(before);

    const good = await kisumu.agent.post('/committees/upload').field('_csrf', kisumu.csrf).attach('file', Buffer.from('phone,name,role,area_code,language\n+254722100001,Ann Njeri,member,KE-17-01,sw\n'), 'people.csv');
    expect(good.status).toBe(200);
    expect(good.text).toContain('Imported: 1 new, 0 updated, 0 unchanged.');
    expect(good.text).toContain('Ann Njeri');

    // Taking someone off: only within the area.
    const fatuma = t.gateway.db.$client.prepare("select pseudonym from contacts where name = 'Fatuma Hassan'").pluck().get() as string;
    expect((await kisumu.agent.post('/committees/remove').type('form').send({ _csrf: kisumu.csrf, pseudonym: fatuma })).status).toBe(404);
    const amina = t.gateway.db.$client.prepare("select pseudonym from contacts where name = 'Amina Otieno'").pluck().get() as string;
    const removed = await kisumu.agent.post('/committees/remove').type('form').send({ _csrf: kisumu.csrf, pseudonym: amina });
    expect(removed.status).toBe(200);
    expect(t.gateway.db.$client.prepare("select role || ' ' || coalesce(area_code, '-') from contacts where name = 'Amina Otieno'").pluck().get()).toBe('reporter -');
  });

  test('areas upload: national admins only; lat,lon both or neither and in range; the map counts at the nearest placed area', async () => {
    const admin = await signIn(t, t.gateway.services.tokens.create({ name: 'national', role: 'admin' }).token);
    const bad = await admin.agent
      .post('/areas/upload')
      .field('_csrf', admin.csrf)
      .attach('file', Buffer.from('code,name,parent_code,level,aliases,lat,lon\nKE-17-01-09,Nyalenda,KE-17-01,ward,,-0.1,\nKE-17-01-10,Manyatta,KE-17-01,ward,,95,34.7\n'), 'areas.csv');
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('line 2: lat and lon go together (give both, or neither)');
    expect(bad.text).toContain('line 3: lat &quot;95&quot; must be a number of degrees between -90 and 90');
    const good = await admin.agent
      .post('/areas/upload')
      .field('_csrf', admin.csrf)
      .attach('file', Buffer.from('code,name,parent_code,level,aliases,lat,lon\nKE-17-01-09,Nyalenda,KE-17-01,ward,,-0.108,34.771\n'), 'areas.csv');
    expect(good.status).toBe(200);
    expect(t.gateway.services.areas.get('KE-17-01-09')).toMatchObject({ lat: -0.108, lon: 34.771 });

    const areaAdmin = await signIn(t, t.gateway.services.tokens.create({ name: 'county admin', role: 'admin', areaCode: 'KE-17' }).token);
    expect((await areaAdmin.agent.get('/areas')).text).not.toContain('/areas/upload');
    expect((await areaAdmin.agent.post('/areas/upload').field('_csrf', areaAdmin.csrf).attach('file', Buffer.from('code,name\nX,Y\n'), 'a.csv')).status).toBe(403);

    await report('Fight in Nyalenda market', '+254711555666');
    await report('Land quarrel in Laini Saba', '+254711555667'); // a ward without coordinates: counts at Kibra
    const overview = (await admin.agent.get('/')).text;
    const points = JSON.parse(/<script type="application\/json" id="map-data">(.*?)<\/script>/.exec(overview)![1]!) as { points: { code: string; count: number }[] };
    expect(points.points.find((p) => p.code === 'KE-17-01-09')?.count).toBe(1);
    expect(points.points.find((p) => p.code === 'KE-30-01')?.count).toBeGreaterThanOrEqual(1);
  });
});
