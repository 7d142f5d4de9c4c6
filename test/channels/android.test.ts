import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { createAndroidSender } from '../../src/channels/android/android-sender';
import type { SendOutcome } from '../../src/channels/channel-types';
import { importAreasCsv } from '../../src/areas/area-import';
import { importContactsCsv } from '../../src/contacts/contact-import';
import { PROJECT_ROOT } from '../support/child-gateway';
import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

/** An Android phone as a gateway: its client library intercepted at the cloud API, its webhooks signed. */
const KEY = 'android-signing-key-0123456789';
const API = 'https://api.sms-gate.app';
const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'android', name), 'utf8');
const sign = (body: string, timestamp: string, key = KEY) => createHmac('sha256', key).update(body + timestamp).digest('hex');
const nowSeconds = () => String(Math.floor(Date.now() / 1000));

afterEach(() => nock.cleanAll());

function failure(outcome: SendOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe('the Android sender, its client intercepted at api.sms-gate.app', () => {
  const sender = createAndroidSender({ url: 'https://api.sms-gate.app/3rdparty/v1', login: 'gwuser', password: 'gwpass' });

  it('when sending, then one request per number carries the text with basic auth, and the message id comes back', async () => {
    let auth: string | undefined;
    let sent: { message: string; phoneNumbers: string[] } | undefined;
    nock(API)
      .post('/3rdparty/v1/message', (body) => {
        sent = body as typeof sent;
        return true;
      })
      .query(true)
      .reply(function () {
        auth = this.req.headers.authorization as string;
        return [202, fixture('send-response.json'), { 'content-type': 'application/json' }];
      });
    const [outcome] = await sender.send('Mkutano wa amani', [{ messageId: 'm1', to: '+50255500101' }]);
    expect(auth).toBe(`Basic ${Buffer.from('gwuser:gwpass').toString('base64')}`);
    expect(sent).toMatchObject({ message: 'Mkutano wa amani', phoneNumbers: ['+50255500101'] });
    expect(outcome).toEqual({ messageId: 'm1', ok: true, providerMessageId: 'PyDmBQZZXYmyxMwED8Fzy', providerStatus: 'Pending' });
  });

  it.each([
    [503, { code: 'http_503', retryable: true }],
    [429, { code: 'http_429', retryable: true }],
    [401, { code: 'auth', retryable: false }],
    [400, { code: 'http_400', retryable: false }],
  ])('when the API answers %s, then the failure is %j', async (status, decision) => {
    nock(API).post('/3rdparty/v1/message').query(true).reply(status, { message: 'error' });
    expect(failure((await sender.send('hi', [{ messageId: 'x', to: '+50255500101' }]))[0])).toMatchObject(decision);
  });

  it('when the phone or the cloud cannot be reached, then the failure is retryable', async () => {
    nock(API).post('/3rdparty/v1/message').query(true).replyWithError('connect ECONNREFUSED');
    expect(failure((await sender.send('hi', [{ messageId: 'x', to: '+50255500101' }]))[0])).toMatchObject({ code: 'network', retryable: true });
  });
});

describe('the Android webhooks', () => {
  let t: TestGateway;
  afterEach(() => t.close());
  const post = (body: string, headers: Record<string, string>) => t.http.post('/webhooks/android').set('content-type', 'application/json').set(headers).send(body);

  function start(env: Record<string, string> = {}) {
    t = startTestGateway({ ANDROID_WEBHOOK_SIGNING_KEY: KEY, ...env });
    loadSampleAreas(t);
    importAreasCsv(t.gateway.db, { now: () => new Date() }, readFileSync(join(PROJECT_ROOT, 'scripts', 'sample-data', 'areas-guatemala.csv'), 'utf8'));
    importContactsCsv(t.gateway.db, t.gateway.services.contacts, 'GT', readFileSync(join(PROJECT_ROOT, 'scripts', 'sample-data', 'contacts-guatemala.csv'), 'utf8'));
  }

  it('when the phone posts a signed sms:received, then the report is stored once (a replay changes nothing) and the committee is alerted', async () => {
    start();
    const body = fixture('sms-received.json').trim();
    const ts = nowSeconds();
    expect((await post(body, { 'X-Signature': sign(body, ts), 'X-Timestamp': ts })).status).toBe(200);
    expect((await post(body, { 'X-Signature': sign(body, ts), 'X-Timestamp': ts })).status).toBe(200);
    expect(countRows(t, "select count(*) from messages where direction = 'in' and provider = 'android'")).toBe(1);
    expect(countRows(t, "select count(*) from reports where area_code = 'GT-AV-01' and urgent = 1")).toBe(1);
    expect(countRows(t, 'select count(*) from alerts')).toBe(1);
  });

  it.each([
    ['no signature', (body: string, ts: string) => ({ 'X-Timestamp': ts }), 'missing X-Signature'],
    ['another key', (body: string, ts: string) => ({ 'X-Signature': sign(body, ts, 'someone-elses-key-0000'), 'X-Timestamp': ts }), 'invalid X-Signature'],
    ['a signature of another body', (_body: string, ts: string) => ({ 'X-Signature': sign('{}', ts), 'X-Timestamp': ts }), 'invalid X-Signature'],
    ['a timestamp 10 minutes old', (body: string) => {
      const old = String(Math.floor(Date.now() / 1000) - 600);
      return { 'X-Signature': sign(body, old), 'X-Timestamp': old };
    }, 'too old'],
  ])('when a webhook comes with %s, then it is refused with 403 and nothing is stored', async (_name, headers, reason) => {
    start();
    const body = fixture('sms-received.json').trim();
    const response = await post(body, headers(body, nowSeconds()));
    expect(response.status).toBe(403);
    expect(response.text).toContain(reason);
    expect(countRows(t, 'select count(*) from messages')).toBe(0);
  });

  it('when delivered and failed events come for a message the phone sent, then its row follows; a ping is acknowledged', async () => {
    start();
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+50255500101', country: 'GT' });
    const id = t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'Reunion de paz' });
    t.gateway.db.$client.prepare("update messages set status = 'sent', provider = 'android', provider_message_id = 'PyDmBQZZXYmyxMwED8Fzy' where id = ?").run(id);
    for (const [file, status] of [['sms-delivered.json', 'delivered'], ['system-ping.json', 'delivered']] as const) {
      const body = fixture(file).trim();
      const ts = nowSeconds();
      expect((await post(body, { 'X-Signature': sign(body, ts), 'X-Timestamp': ts })).status).toBe(200);
      expect(t.gateway.db.$client.prepare('select status from messages where id = ?').pluck().get(id)).toBe(status);
    }
  });

  it('when no signing key is configured, then the Android door does not exist', async () => {
    t = startTestGateway({});
    const body = fixture('sms-received.json').trim();
    const ts = nowSeconds();
    expect((await post(body, { 'X-Signature': sign(body, ts), 'X-Timestamp': ts })).status).toBe(404);
  });
});
