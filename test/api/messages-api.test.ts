import { countRows, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
const BOOTSTRAP = 'bootstrap-admin-token-0123456789';

beforeEach(async () => {
  t = startTestGateway({ BOOTSTRAP_ADMIN_TOKEN: BOOTSTRAP });
  await t.http.post('/webhooks/africastalking/sms').type('form').send('from=%2B254711000111&to=21525&text=Vijana+wanapigana+Kondele&id=ATXid_api1');
  await t.gateway.services.dispatcher.runOnce();
});
afterEach(() => t.close());

describe('GET /api/messages', () => {
  it('when no token or a wrong token is given, then 401 in the one error shape', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic abc' }]) {
      const response = await t.http.get('/api/messages').set(headers);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
  });

  it('when a viewer lists messages, then contacts appear only as pseudonyms, newest first', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'Nakuru desk', role: 'viewer' });
    const response = await t.http.get('/api/messages').set('authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
    const [reply, inbound] = response.body.items;
    expect(inbound).toMatchObject({ direction: 'in', channel: 'sms', text: 'Vijana wanapigana Kondele', status: 'received', contact: expect.stringMatching(/^C-\w{5}$/) });
    expect(reply).toMatchObject({ direction: 'out', status: 'sent', segments: 1, contact: inbound.contact });
    expect(JSON.stringify(response.body)).not.toContain('254711000111');
  });

  it('when filtered by direction and limited, then only those come back', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'desk', role: 'coordinator' });
    const response = await t.http.get('/api/messages?direction=in&limit=1').set('authorization', `Bearer ${token}`);
    expect(response.body.items.map((m: { direction: string }) => m.direction)).toEqual(['in']);
    const bad = await t.http.get('/api/messages?limit=0').set('authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('limit');
  });

  it('when a viewer asks to reveal numbers, then 403; when an admin does, then numbers show and the reveal is audited', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'viewer', role: 'viewer' });
    expect((await t.http.get('/api/messages?reveal=1').set('authorization', `Bearer ${token}`)).status).toBe(403);
    expect(countRows(t, 'select count(*) from audit_log')).toBe(0);

    const response = await t.http.get('/api/messages?reveal=1').set('authorization', `Bearer ${BOOTSTRAP}`);
    expect(response.status).toBe(200);
    expect(response.body.items[0].contact).toBe('+254711000111');
    expect(t.gateway.db.$client.prepare('select actor, action from audit_log').all()).toEqual([{ actor: 'bootstrap admin', action: 'reveal_numbers' }]);
  });

  it('when a token is created, then only its hash is stored', async () => {
    const { token } = t.gateway.services.tokens.create({ name: 'x', role: 'admin' });
    expect(countRows(t, 'select count(*) from api_tokens where token_hash = ?', token)).toBe(0);
    expect(countRows(t, 'select count(*) from api_tokens')).toBe(1);
  });

  it('when an unknown API route is asked for, then 404 in the error shape', async () => {
    const response = await t.http.get('/api/nothing').set('authorization', `Bearer ${BOOTSTRAP}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});
