import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
let seq = 0;
const ADMIN = 'bootstrap-admin-token-0123456789';

async function sms(from: string, text: string): Promise<void> {
  seq += 1;
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_api_${seq}`, networkCode: '63902' }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
}

const get = (path: string, token = ADMIN) => t.http.get(path).set('authorization', `Bearer ${token}`);

beforeEach(async () => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', BOOTSTRAP_ADMIN_TOKEN: ADMIN });
  loadSampleAreas(t);
  loadSampleContacts(t);
  await sms('+254711000111', 'R violence Kondele youths fighting, people injured'); // urgent, Kisumu
  await sms('+254711000112', 'R hate speech Eldoret leaflets at the bus stage'); // Uasin Gishu
  await sms('+254711000113', 'R land dispute Kibera'); // Nairobi
  await sms('+254711000114', 'something is wrong'); // no place yet
});
afterEach(() => t.close());

describe('GET /api/reports', () => {
  it('when an admin lists reports, then all come newest first with area path and a pseudonymous reporter', async () => {
    const response = await get('/api/reports');
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((r: { category: string | null }) => r.category)).toEqual([null, 'resource_dispute', 'hate_speech', 'violence']);
    const kondele = response.body.items[3];
    expect(kondele).toMatchObject({
      category: 'violence',
      area: { code: 'KE-17-01-05', name: 'Kondele', path: ['Kenya', 'Kisumu', 'Kisumu Central', 'Kondele'] },
      urgent: true,
      status: 'new',
      source: 'sms',
      language: 'en',
      description: 'R violence Kondele youths fighting, people injured',
      reporter: expect.stringMatching(/^C-\w{5}$/),
    });
    expect(JSON.stringify(response.body)).not.toContain('254711');
  });

  it('when filtered by status, area subtree and category, then only those come back', async () => {
    expect((await get('/api/reports?status=unparsed')).body.items).toHaveLength(1);
    expect((await get('/api/reports?area=KE-17')).body.items.map((r: { area: { code: string } }) => r.area.code)).toEqual(['KE-17-01-05']);
    expect((await get('/api/reports?category=hate_speech')).body.items).toHaveLength(1);
    expect((await get('/api/reports?since=2999-01-01')).body.items).toHaveLength(0);
  });

  it('when paged with a limit, then the cursor walks through every report once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`/api/reports?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...response.body.items.map((r: { ref: string }) => r.ref));
      cursor = response.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect((await get('/api/reports?cursor=nonsense')).status).toBe(400);
    expect((await get('/api/reports?status=happy')).body.error.code).toBe('invalid_query');
  });

  it('when a token is limited to an area, then it sees only that subtree, and a report elsewhere is not found', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'Kisumu desk', role: 'coordinator', areaCode: 'KE-17' });
    const mine = await get('/api/reports', token);
    expect(mine.body.items.map((r: { area: { code: string } }) => r.area.code)).toEqual(['KE-17-01-05']);
    const elsewhere = (await get('/api/reports')).body.items.find((r: { category: string }) => r.category === 'hate_speech').ref;
    expect((await get(`/api/reports/${elsewhere}`, token)).status).toBe(404);
  });
});

describe('GET /api/triage', () => {
  it('when reports have no known place or no committee above them, then they are on the coordinators\' triage list', async () => {
    await sms('+254711000115', 'R violence Kajiado'); // no committee anywhere above Kajiado
    const triage = await get('/api/triage');
    expect(triage.status).toBe(200);
    // Uasin Gishu has a coordinator but no committee, so Eldoret's report is there too; Kondele and Kibra are not.
    expect(triage.body.items.map((r: { description: string }) => r.description)).toEqual([
      'R violence Kajiado',
      'something is wrong',
      'R hate speech Eldoret leaflets at the bus stage',
    ]);
  });
});

describe('GET and PATCH /api/reports/:ref, GET /api/alerts', () => {
  it('when a coordinator resolves a report with a note, then it is audited, the timeline shows alert, change and note, and the reporter gets one SMS', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'Kisumu desk', role: 'coordinator', areaCode: 'KE-17' });
    const ref = (await get('/api/reports?area=KE-17')).body.items[0].ref;

    const patched = await t.http.patch(`/api/reports/${ref}`).set('authorization', `Bearer ${token}`).send({ status: 'resolved', note: 'elders met' });
    expect(patched.status).toBe(200);
    expect(patched.body.status).toBe('resolved');

    const detail = await get(`/api/reports/${ref}`);
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(['received', 'alert', 'status', 'note']);
    expect(detail.body.timeline[2]).toMatchObject({ by: 'token Kisumu desk', detail: 'new -> resolved' });
    expect(detail.body.timeline[3]).toMatchObject({ by: 'token Kisumu desk', detail: 'elders met' });
    const toReporter = t.gateway.services.messages.listRecent({ direction: 'out', limit: 100, reveal: true }).filter((m) => m.contact === '+254711000111' && m.text.includes('has been resolved'));
    expect(toReporter).toHaveLength(1);

    const alertList = await get('/api/alerts');
    expect(alertList.body.items).toEqual([{ report: ref, committee: { code: 'KE-17-01', name: 'Kisumu Central' }, level: 0, status: 'open', sentAt: expect.any(String), acknowledgedAt: null, escalations: 0 }]);
  });

  it('when a viewer tries to change a status, then 403 and nothing changes; a bad body is 422; an unknown ref 404', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'observer', role: 'viewer' });
    const ref = (await get('/api/reports')).body.items[0].ref;
    const refused = await t.http.patch(`/api/reports/${ref}`).set('authorization', `Bearer ${token}`).send({ status: 'resolved' });
    expect(refused.status).toBe(403);
    expect(countRows(t, "select count(*) from audit_log where action = 'report_status'")).toBe(0);
    expect((await t.http.patch(`/api/reports/${ref}`).set('authorization', `Bearer ${ADMIN}`).send({ status: 'closed' })).status).toBe(422);
    expect((await t.http.patch('/api/reports/ZZZZZ').set('authorization', `Bearer ${ADMIN}`).send({ status: 'resolved' })).status).toBe(404);
  });
});
