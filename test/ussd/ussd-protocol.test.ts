import { createManualClock } from '../../src/lib/clock';
import { loadFixture } from '../support/fixtures';
import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';
import { UssdPhone } from '../support/ussd-phone';

let t: TestGateway;
afterEach(() => t.close());

async function rawHop(body: string, contentType = 'application/x-www-form-urlencoded', path = '/webhooks/africastalking/ussd') {
  return t.http.post(path).set('content-type', contentType).send(body);
}

describe('Africa\'s Talking USSD fixtures', () => {
  it('when every fixture case is replayed in order, then each answer is what the fixture expects', async () => {
    const fixture = loadFixture('africastalking', 'africastalking-ussd');
    t = startTestGateway(fixture.env);
    loadSampleAreas(t);
    let previous = '';
    for (const c of fixture.cases) {
      const response = await t.http.post(c.path).set(c.headers).send(c.body);
      expect({ name: c.name, status: response.status }).toEqual({ name: c.name, status: c.expect.status });
      if (c.expect.contentType) expect(response.headers['content-type']).toContain(c.expect.contentType);
      if (c.expect.bodyStartsWith) expect({ name: c.name, start: response.text.slice(0, 4) }).toEqual({ name: c.name, start: c.expect.bodyStartsWith });
      if (c.expect.sameAsPrevious) expect(response.text).toBe(previous);
      previous = response.text;
    }
    // The free text with a star was taken whole: the session had consumed "1*2" before it.
    // (kept as its keyed hash and length, never in clear)
    const state = t.gateway.db.$client.prepare("select consumed_hash, consumed_length, status from ussd_sessions where session_id = 'ATUid_5c1d2e3f4a5b6c7d'").get();
    const typed = '1*2*Near the market * by the bridge';
    expect(state).toEqual({ consumed_hash: t.gateway.services.vault.lookupHash(typed), consumed_length: typed.length, status: 'incomplete' });
  });
});

describe('the USSD protocol', () => {
  beforeEach(() => {
    t = startTestGateway();
    loadSampleAreas(t);
  });

  it('when the gateway retries a hop, then the same screen comes back and the input is applied once', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    await phone.send('1');
    const first = await phone.send('1');
    const again = await phone.repeat();
    expect(again).toBe(first);
    expect(first).toMatch(/^CON Where did it happen\?/);
    const next = await phone.send('kisumu');
    expect(next).toMatch(/^CON Did you mean:/);
    expect(countRows(t, 'select hops from ussd_sessions')).toBe(4);
  });

  it('when a hop is retried on a session stored before the wire format moved to the channel ("CON …" kept), then that screen still comes back', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    await phone.send('1');
    t.gateway.db.$client.prepare('update ussd_sessions set last_response_enc = ?').run(t.gateway.services.vault.encrypt('CON What happened? (stored the old way)'));
    expect(await phone.repeat()).toBe('CON What happened? (stored the old way)');
  });

  it('when a live session\'s stored state is changed in the database between hops, then the next hop follows the stored state, not the one remembered in memory', async () => {
    const walker = new UssdPhone(t, '+254711000111');
    await walker.dial();
    await walker.send('1');
    expect(await walker.send('1')).toMatch(/^CON Where did it happen\?/);
    const other = new UssdPhone(t, '+254711000222');
    await other.dial();
    // The walker's row now holds the other session's state (the main menu): "1" starts a report again.
    t.gateway.db.$client
      .prepare('update ussd_sessions set state_enc = (select state_enc from ussd_sessions where session_id = ?) where session_id = ?')
      .run(other.sessionId, walker.sessionId);
    expect(await walker.send('1')).toMatch(/^CON What happened\?/);
  });

  it('when hops of one session come from another number, then what they do is that number\'s, as if nothing were remembered between hops', async () => {
    const post = (phoneNumber: string, text: string) =>
      t.http.post('/webhooks/africastalking/ussd').type('form').send(new URLSearchParams({ sessionId: 'ATUid_swapped', serviceCode: '*384*2413#', phoneNumber, text }).toString());
    const inputs = ['1', '1', 'kibra', '1', '1', '2', 'Fighting near the school', '1'];
    expect((await post('+254711000111', '')).text).toMatch(/^CON /);
    for (let i = 1; i <= inputs.length; i++) await post(i <= 4 ? '+254711000111' : '+254711000222', inputs.slice(0, i).join('*'));
    const reporter = t.gateway.db.$client.prepare('select c.pseudonym from reports r join contacts c on c.id = r.reporter_contact_id').pluck().get();
    expect(reporter).toBe(t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: '+254711000222', country: 'KE' })!.pseudonym);
  });

  it('when sessions are live, ended or left idle, then /metrics counts only those with a hop in the last 180 s that have not ended', async () => {
    await t.close();
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    t = startTestGateway({}, { clock });
    loadSampleAreas(t);
    const active = async () => Number(/^gateway_ussd_sessions_active (\d+)/m.exec((await t.http.get('/metrics')).text)?.[1]);
    const first = new UssdPhone(t, '+254711000111');
    const second = new UssdPhone(t, '+254711000222');
    const third = new UssdPhone(t, '+254711000333');
    await first.dial();
    await second.dial();
    await third.dial();
    expect(await active()).toBe(3);
    expect(await second.send('5')).toMatch(/^END /); // Help ends the session
    expect(await third.dropped()).toBe(200);
    expect(await active()).toBe(1);
    clock.advance(181_000);
    expect(await active()).toBe(0);
  });

  it('when a retried hop of the final confirmation arrives, then only one report is stored', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    for (const input of [null, '1', '1', 'kibra', '1', '1', '2', 'Fighting near the school']) {
      if (input === null) await phone.dial();
      else await phone.send(input);
    }
    const end = await phone.send('1');
    expect(await phone.repeat()).toBe(end);
    expect(await phone.repeat()).toBe(end);
    expect(countRows(t, 'select count(*) from reports')).toBe(1);
    expect(countRows(t, "select count(*) from messages where direction = 'out'")).toBe(1);
  });

  it.each([
    ['no phone number', 'sessionId=ATUid_x&serviceCode=*384*2413%23&text=', /^END Sorry, something went wrong\. Please dial again\.$/],
    ['no session id', 'phoneNumber=%2B254711000111&text=', /^END Sorry/],
    ['an invalid number', 'sessionId=ATUid_y&phoneNumber=%2B12&text=', /^END Sorry/],
    ['a short-code "number"', 'sessionId=ATUid_z&phoneNumber=40404&text=', /^END Sorry/],
    ['repeated fields', 'sessionId=a&sessionId=b&phoneNumber=%2B254711000111&text=', /^END Sorry/],
  ])('when a hop comes with %s, then it gets END with an apology over HTTP 200', async (_name, body, expected) => {
    const response = await rawHop(body);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toMatch(expected);
    expect(countRows(t, 'select count(*) from ussd_sessions')).toBe(0);
  });

  it('when the body is JSON or oversized, then the caller still gets END with an apology, never an HTTP error', async () => {
    const json = await rawHop('{"sessionId":"a"}', 'application/json');
    expect(json.status).toBe(200);
    expect(json.text).toMatch(/^END Sorry/);
    const big = await rawHop(`sessionId=ATUid_big&phoneNumber=%2B254711000111&text=${'1'.repeat(100_000)}`);
    expect(big.status).toBe(200);
    expect(big.text).toMatch(/^END Sorry/);
  });

  it('when inputs are empty tokens, emoji, Cyrillic or 200 characters, then the screen repeats with a reason or takes the text', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    await phone.send('1');
    expect(await phone.send('')).toMatch(/^CON Invalid choice\.\nWhat happened\?/); // text "1*"
    expect(await phone.send('')).toMatch(/^CON Invalid choice\./); // text "1**"
    expect(phone.text).toBe('1**');
    expect(await phone.send('🙂')).toMatch(/^CON Invalid choice\./);
    expect(await phone.send('Привет')).toMatch(/^CON Invalid choice\./);
    for (const input of ['1', 'kibra', '1', '1', '2']) await phone.send(input);
    expect(await phone.send('x'.repeat(200))).toMatch(/^CON Too long\. Shorten it\./);
    expect(await phone.send('Вооружённые люди 🙁 у рынка')).toMatch(/^CON Send report\?/);
  });

  it('when the text arrives out of step with the session, then the newest token is taken as the input', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    await phone.send('1');
    const response = await rawHop(`sessionId=${phone.sessionId}&phoneNumber=%2B254711000111&text=7*7*2`);
    expect(response.text).toMatch(/^CON Where did it happen\?/);
  });

  it('when the dialled code carries extra digits, then they are applied as the first inputs', async () => {
    const response = await rawHop('sessionId=ATUid_pre&serviceCode=*384*2413*1%23&phoneNumber=%2B254711000111&text=1');
    expect(response.text).toMatch(/^CON What happened\?/);
  });
});

describe('resuming an unfinished report', () => {
  it('when the caller drops mid-report and dials again within 30 minutes, then they can continue with the answers kept', async () => {
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    t = startTestGateway({}, { clock });
    loadSampleAreas(t);
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    for (const input of ['1', '1', 'kibra', '1']) await phone.send(input);
    expect(await phone.dropped('Incomplete')).toBe(200);

    clock.advance(10 * 60_000);
    expect(await phone.dial()).toBe('CON You have an unfinished report.\n1 Continue it\n2 Start again');
    expect(await phone.send('1')).toMatch(/^CON When\?/);
    expect(await phone.send('2')).toMatch(/^CON Is anyone hurt/);
    await phone.send('2');
    await phone.send('Stones thrown at the chief camp');
    expect(await phone.send('1')).toMatch(/^END Thank you\. Your report ref is/);

    const report = t.gateway.db.$client.prepare('select category, area_code, occurred_when, status from reports').all();
    expect(report).toEqual([{ category: 'violence', area_code: 'KE-30-01', occurred_when: 'today', status: 'new' }]);
    clock.advance(60 * 60_000);
    expect(t.gateway.services.ussd.sweepAbandonedDrafts()).toBe(0);
    expect(await phone.dial()).toMatch(/^CON Peace Line/);
  });

  it('when the caller chooses to start again, then the old draft is kept as an incomplete report and the menu shows', async () => {
    const clock = createManualClock();
    t = startTestGateway({}, { clock });
    loadSampleAreas(t);
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    await phone.send('1');
    await phone.send('6');
    clock.advance(60_000);
    await phone.dial();
    expect(await phone.send('2')).toMatch(/^CON Peace Line/);
    expect(t.gateway.db.$client.prepare('select category, status from reports').all()).toEqual([{ category: 'electoral', status: 'incomplete' }]);
  });

  it('when a draft is left longer than 30 minutes, then it is kept as an incomplete report, once, and no longer offered', async () => {
    const clock = createManualClock();
    t = startTestGateway({}, { clock });
    loadSampleAreas(t);
    const phone = new UssdPhone(t, '+254711000111');
    await phone.dial();
    for (const input of ['1', '2', 'eldoret', '1', '3', '2', 'Threats written on the gate']) await phone.send(input);
    clock.advance(31 * 60_000);
    expect(t.gateway.services.ussd.sweepAbandonedDrafts()).toBe(1);
    expect(t.gateway.services.ussd.sweepAbandonedDrafts()).toBe(0);
    const [report] = t.gateway.db.$client.prepare('select * from reports').all() as { status: string; category: string; area_code: string; description_enc: string; ref: string }[];
    expect(report).toMatchObject({ status: 'incomplete', category: 'threat', area_code: 'KE-44' });
    expect(t.gateway.services.reports.description(t.gateway.services.reports.findByRef(report!.ref)!)).toBe('Threats written on the gate');
    expect(await phone.dial()).toMatch(/^CON Peace Line/);
    // An incomplete report gets no receipt: the caller never finished it.
    expect(countRows(t, "select count(*) from messages where direction = 'out'")).toBe(0);
  });

  it('when the end-of-session notification names an unknown session, then it is acknowledged and nothing changes', async () => {
    t = startTestGateway();
    const response = await rawHop('sessionId=nope&status=Incomplete&phoneNumber=%2B254711000111', undefined, '/webhooks/africastalking/ussd/events');
    expect(response.status).toBe(200);
    expect(countRows(t, 'select count(*) from ussd_sessions')).toBe(0);
  });
});
