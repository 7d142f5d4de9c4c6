import nock from 'nock';
import twilio from 'twilio';
import { atomically } from '../../src/db/client';
import { createManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';
import { UssdPhone } from '../support/ussd-phone';

/**
 * Each attack of the trust-boundaries issue, reproduced against the real gateway (real app over HTTP,
 * real SQLite file and migrations), and shown to fail.
 */
const AT_TOKEN = 'at-webhook-token-0123456789abcdef';
const NATIONAL_COORDINATOR = '+254700000108';
const KISUMU_CENTRAL = ['+254700000101', '+254700000102', '+254700000103'];
const KIBRA_MEMBER = '+254700000104';
const REPORTER = '+254711000111';

let t: TestGateway;
let seq = 0;

async function sms(from: string, text: string): Promise<string> {
  seq += 1;
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_attack_${seq}` }).toString();
  const response = await t.http.post(`/webhooks/africastalking/sms?token=${AT_TOKEN}`).type('form').send(body);
  expect(response.status).toBe(200);
  // The reply reaches the phone before the person writes again (a waiting reply would take the next one in).
  await t.gateway.services.dispatcher.runOnce();
  const reply = t.gateway.services.messages.listRecent({ direction: 'out', limit: 1000, reveal: true }).find((m) => m.contact === from);
  return reply?.text ?? '';
}

/** The newest reply to `from` after this call (the reply to the message just sent). */
async function replyTo(from: string, text: string): Promise<string> {
  const before = countRows(t, "select count(*) from messages where direction = 'out'");
  const reply = await sms(from, text);
  return countRows(t, "select count(*) from messages where direction = 'out'") > before ? reply : '(no reply)';
}

function start(env: Record<string, string> = {}, options: Parameters<typeof startTestGateway>[1] = {}) {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: AT_TOKEN, ...env }, options);
  loadSampleAreas(t);
  loadSampleContacts(t);
}

function urgentReportIn(areaCode: string, reporter?: string) {
  const reporterContactId = reporter ? t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: reporter }).contact.id : null;
  return atomically(t.gateway.db, () =>
    t.gateway.services.reports.create({ source: 'sms', status: 'new', language: 'en', category: 'violence', areaCode, urgent: true, description: 'Fighting, people hurt', reporterContactId, receipt: false }),
  );
}

const alertStatuses = () => t.gateway.db.$client.prepare('select level, status, committee_area_code as area from alerts order by level').all();

afterEach(async () => {
  nock.cleanAll();
  await t.close();
});

describe('a forged text through a provider that is not configured', () => {
  it("when Africa's Talking is the provider and someone posts an unsigned BC and YES to the Twilio route with the national coordinator's number, then there is no such route and no broadcast", async () => {
    start({ SMS_PROVIDER: 'africastalking', AT_USERNAME: 'peacegw', AT_API_KEY: 'key' });
    const form = (Body: string) => new URLSearchParams({ From: NATIONAL_COORDINATOR, To: '+15005550006', Body, MessageSid: `SM${++seq}` }).toString();
    expect((await t.http.post('/webhooks/twilio/sms').type('form').send(form('BC KE Violence expected tomorrow, stay home'))).status).toBe(404);
    expect((await t.http.post('/webhooks/twilio/sms').type('form').send(form('YES 123456'))).status).toBe(404);
    expect(countRows(t, 'select count(*) from broadcasts')).toBe(0);
    expect(countRows(t, 'select count(*) from messages')).toBe(0);
  });

  it('when Twilio is the provider, then an unsigned or wrongly signed BC is refused before anything is stored', async () => {
    start({ AT_WEBHOOK_TOKEN: '', SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'ACtest', TWILIO_AUTH_TOKEN: 'real-auth-token', TWILIO_FROM: '+15005550006', PUBLIC_URL: 'https://gw.example.org' });
    const params = { From: NATIONAL_COORDINATOR, To: '+15005550006', Body: 'BC KE Violence expected tomorrow', MessageSid: 'SMforged1' };
    const forged = twilio.getExpectedTwilioSignature('guessed-token', 'https://gw.example.org/webhooks/twilio/sms', params);
    expect((await t.http.post('/webhooks/twilio/sms').type('form').send(new URLSearchParams(params).toString())).status).toBe(403);
    expect((await t.http.post('/webhooks/twilio/sms').set('X-Twilio-Signature', forged).type('form').send(new URLSearchParams(params).toString())).status).toBe(403);
    expect((await t.http.post(`/webhooks/africastalking/sms?token=${AT_TOKEN}`).type('form').send('from=%2B254700000108&text=BC+KE+x')).status).toBe(404);
    expect(countRows(t, 'select count(*) from broadcasts')).toBe(0);
    expect(countRows(t, 'select count(*) from messages')).toBe(0);
  });
});

describe('alerts cannot be silenced by a text', () => {
  it('when every Kisumu Central member sends STOP, then they are told alerts continue, broadcasts stop, and the next urgent report still reaches all of them', async () => {
    start();
    for (const member of KISUMU_CENTRAL) {
      const reply = await replyTo(member, 'STOP');
      expect(reply).toMatch(/still get alerts for your committee|Bado utapokea tahadhari/);
    }
    await t.gateway.services.dispatcher.runOnce();

    // Broadcasts and peace messages end for them...
    const preview = t.gateway.services.broadcasts.preview({ audience: { areas: ['KE-17-01'], roles: ['members'] }, texts: { en: 'Peace meeting' } });
    expect(preview.recipients).toBe(0);
    // ...alerts do not.
    const report = urgentReportIn('KE-17-01-05', REPORTER);
    while ((await t.gateway.services.dispatcher.runOnce()) > 0);
    const alerts = t.gateway.db.$client
      .prepare("select m.status from alert_recipients r join messages m on m.id = r.message_id join alerts a on a.id = r.alert_id where a.report_id = ?")
      .pluck()
      .all(report.id);
    expect(alerts).toEqual(['sent', 'sent', 'sent']);
  });

  it('when no recipient of an alert can be reached (the provider refuses every number), then it escalates at once, not after ALERT_ESCALATE_MINUTES', async () => {
    const clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
    start({ SMS_PROVIDER: 'africastalking', AT_USERNAME: 'peacegw', AT_API_KEY: 'key', ALERT_ESCALATE_MINUTES: '15' }, { clock });
    nock('https://api.africastalking.com')
      .persist()
      .post('/version1/messaging')
      .reply(201, (_uri, body) => {
        const numbers = new URLSearchParams(body as string).get('to')!.split(',');
        return { SMSMessageData: { Message: 'Sent to 0', Recipients: numbers.map((number) => ({ statusCode: 406, status: 'UserInBlacklist', number, messageId: 'None', cost: '0' })) } };
      });
    urgentReportIn('KE-17-01-05', REPORTER);
    expect(alertStatuses()).toEqual([{ level: 0, status: 'open', area: 'KE-17-01' }]);
    await t.gateway.services.dispatcher.runOnce();
    expect(countRows(t, "select count(*) from messages where status = 'failed'")).toBe(3);
    // The county chair above (KE-17) has it now, with the clock not moved at all.
    expect(alertStatuses()).toEqual([
      { level: 0, status: 'escalated', area: 'KE-17-01' },
      { level: 1, status: 'open', area: 'KE-17' },
    ]);
  });
});

describe('committee commands stay in their area, and tell nothing to anyone else', () => {
  it('when a member of another area ACKs and FALSEs a Kondele report, then nothing changes, nobody is told, and the reply is the one an unknown ref gets', async () => {
    start();
    const report = urgentReportIn('KE-17-01-05', REPORTER);
    const outBefore = countRows(t, "select count(*) from messages where direction = 'out'");
    const unknown = (await replyTo(KIBRA_MEMBER, 'ACK 22222')).replace('22222', '<ref>');
    expect((await replyTo(KIBRA_MEMBER, `ACK ${report.ref}`)).replace(report.ref, '<ref>')).toBe(unknown);
    expect((await replyTo(KIBRA_MEMBER, `FALSE ${report.ref}`)).replace(report.ref, '<ref>')).toBe(unknown);
    expect(t.gateway.services.reports.findByRef(report.ref)!.status).toBe('new');
    expect(alertStatuses()).toEqual([{ level: 0, status: 'open', area: 'KE-17-01' }]);
    expect(countRows(t, "select count(*) from audit_log where action in ('report_status', 'report_acknowledged')")).toBe(0);
    // Only the three replies went out: no "someone is taking it" to the Kisumu committee.
    expect(countRows(t, "select count(*) from messages where direction = 'out'")).toBe(outBefore + 3);
  });

  it('when anyone sends ACK with a ref, then members and non-members get the same reply (no membership oracle), and a member of the right committee still acknowledges', async () => {
    start();
    const report = urgentReportIn('KE-17-01-05', REPORTER);
    const asMember = (await replyTo(KISUMU_CENTRAL[1]!, 'ACK 22222')).replace('22222', '<ref>');
    const asStranger = (await replyTo('+254733999888', 'ACK 22222')).replace('22222', '<ref>');
    const strangerOnRealRef = (await replyTo('+254733999888', `ACK ${report.ref}`)).replace(report.ref, '<ref>');
    expect(asStranger).toBe(asMember);
    expect(strangerOnRealRef).toBe(asMember);
    expect(await replyTo(KISUMU_CENTRAL[1]!, `ACK ${report.ref} on my way`)).toBe(`Report ${report.ref} acknowledged. Thank you for taking it.`);
    expect(alertStatuses()).toEqual([{ level: 0, status: 'acknowledged', area: 'KE-17-01' }]);
    expect(t.gateway.services.reports.notes(report).map((n) => n.text)).toEqual(['on my way']);
  });
});

describe('abuse limits', () => {
  it('when one phone sends 50 urgent reports, then all 50 are stored but only the first 3 alert, and the rest are shown grouped with the first', async () => {
    start({ BOOTSTRAP_ADMIN_TOKEN: 'bootstrap-admin-token-xyz' });
    for (let i = 0; i < 50; i++) await sms(REPORTER, `Fighting in Kondele, people injured, urgent ${i}`);
    expect(countRows(t, 'select count(*) from reports where urgent = 1')).toBe(50);
    expect(countRows(t, "select count(*) from alerts where kind = 'urgent'")).toBe(3);
    // 3 urgent alerts and one cluster alert to the 3 members (+ the county's coordinators for the cluster).
    const toCommittee = countRows(t, "select count(*) from alert_recipients r join alerts a on a.id = r.alert_id where a.kind = 'urgent'");
    expect(toCommittee).toBe(9);
    const list = await t.http.get('/api/reports?limit=200').set('authorization', 'Bearer bootstrap-admin-token-xyz');
    const items = list.body.items as { ref: string; groupedWith: string | null; createdAt: string }[];
    const first = [...items].reverse()[0]!;
    expect(items.filter((r) => r.groupedWith === first.ref)).toHaveLength(47);
  });

  it('when a coordinator\'s confirmation code is guessed wrong 3 times, then the broadcast is cancelled and the right code no longer sends it', async () => {
    start();
    const code = /YES (\d{6})/.exec(await replyTo(NATIONAL_COORDINATOR, 'BC Kibra Peace meeting at the chief camp'))![1]!;
    const wrong = ['111111', '222222', '333333'].filter((c) => c !== code);
    expect(await replyTo(NATIONAL_COORDINATOR, `YES ${wrong[0]}`)).toMatch(/^No broadcast is waiting/);
    expect(await replyTo(NATIONAL_COORDINATOR, `YES ${wrong[1]}`)).toMatch(/^No broadcast is waiting/);
    expect(await replyTo(NATIONAL_COORDINATOR, 'YES 444444')).toMatch(/wrong 3 times: the broadcast is cancelled/);
    expect(await replyTo(NATIONAL_COORDINATOR, `YES ${code}`)).toMatch(/^No broadcast is waiting/);
    expect(t.gateway.db.$client.prepare('select status from broadcasts').pluck().all()).toEqual(['cancelled']);
    expect(countRows(t, 'select count(*) from messages where broadcast_id is not null')).toBe(0);
  });

  it('when one phone looks up more than 10 refs in an hour (SMS STATUS or USSD), then further look-ups are refused until the hour has passed', async () => {
    const clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
    start({ SMS_REPLY_LIMIT: '50' }, { clock });
    const report = urgentReportIn('KE-17-01-05', REPORTER);
    for (let i = 0; i < 9; i++) expect(await replyTo('+254733999888', `STATUS ${report.ref}${' '.repeat(i)}`)).toMatch(/^Report [2-9A-HJKMNP-TW-Z]{5}: /);
    const phone = new UssdPhone(t, '+254733999888', AT_TOKEN);
    await phone.dial();
    await phone.send('2');
    expect(await phone.send(report.ref)).toMatch(/^END Report .+: /);
    expect(await replyTo('+254733999888', `STATUS ${report.ref} again`)).toBe('Too many reports checked from this phone. Try again in an hour.');
    const again = new UssdPhone(t, '+254733999888', AT_TOKEN);
    await again.dial();
    await again.send('2');
    expect(await again.send(report.ref)).toBe('END Too many reports checked from this phone. Try again in an hour.');
    clock.advance(61 * 60_000);
    expect(await replyTo('+254733999888', `STATUS ${report.ref}`)).toMatch(/^Report [2-9A-HJKMNP-TW-Z]{5}: /);
  });
});

describe('the API stays within a token\'s area', () => {
  it('when a viewer limited to Nairobi reads /api/messages, then no Kisumu committee message is among them, while a national viewer sees them', async () => {
    start();
    urgentReportIn('KE-17-01-05', REPORTER);
    urgentReportIn('KE-30-01', '+254711000222');
    const nairobi = t.gateway.services.tokens.create({ name: 'Nairobi viewer', role: 'viewer', areaCode: 'KE-30' }).token;
    const national = t.gateway.services.tokens.create({ name: 'national viewer', role: 'viewer' }).token;
    const read = async (token: string) => (await t.http.get('/api/messages?limit=500').set('authorization', `Bearer ${token}`)).body.items as { text: string }[];
    expect((await read(national)).filter((m) => m.text.includes('Kondele'))).toHaveLength(3);
    const scoped = await read(nairobi);
    expect(scoped.length).toBeGreaterThan(0);
    expect(scoped.filter((m) => m.text.includes('Kondele'))).toEqual([]);
    expect(scoped.every((m) => m.text.includes('Kibra'))).toBe(true);
  });

  it('when a token of another area replays an Idempotency-Key, then it gets a broadcast of its own, never the other area\'s', async () => {
    start();
    const kisumu = t.gateway.services.tokens.create({ name: 'Kisumu desk', role: 'coordinator', areaCode: 'KE-17' }).token;
    const nairobi = t.gateway.services.tokens.create({ name: 'Nairobi desk', role: 'coordinator', areaCode: 'KE-30' }).token;
    const post = (token: string, area: string) =>
      t.http.post('/api/broadcasts').set('authorization', `Bearer ${token}`).set('Idempotency-Key', 'election-day-1').send({ audience: { areas: [area] }, texts: { en: `Peace in ${area}` } });
    const first = await post(kisumu, 'KE-17');
    expect(first.status).toBe(201);
    const replayedByOther = await post(nairobi, 'KE-30');
    expect(replayedByOther.status).toBe(201);
    expect(replayedByOther.body.id).not.toBe(first.body.id);
    expect(replayedByOther.body.audience.areas).toEqual(['KE-30']);
    const replayedBySame = await post(kisumu, 'KE-17');
    expect(replayedBySame.status).toBe(200);
    expect(replayedBySame.body.id).toBe(first.body.id);
  });
});
