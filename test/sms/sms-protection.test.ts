import { createManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
let seq = 0;
const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
beforeEach(() => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', SMS_REPLY_LIMIT: '3' }, { clock });
  loadSampleAreas(t);
});
afterEach(() => t.close());

async function sms(from: string, text: string): Promise<number> {
  seq += 1;
  clock.advance(1000);
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_prot_${seq}`, networkCode: '63902' }).toString();
  const status = (await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status;
  // The reply reaches the phone before the person writes again (a waiting reply would take the next one in).
  await t.gateway.services.dispatcher.runOnce();
  return status;
}
const outbound = () => countRows(t, "select count(*) from messages where direction = 'out'");
const inbound = () => countRows(t, "select count(*) from messages where direction = 'in'");

describe('loop and cost protection', () => {
  it('when one number sends more than SMS_REPLY_LIMIT messages in 30 minutes, then the rest are stored and read but not answered; after the window, replies resume', async () => {
    for (let i = 0; i < 5; i++) expect(await sms('+254711000111', `R violence Kibera report number ${i}`)).toBe(200);
    expect(inbound()).toBe(5);
    expect(countRows(t, 'select count(*) from reports')).toBe(5);
    expect(outbound()).toBe(3);
    clock.advance(31 * 60_000);
    await sms('+254711000111', 'R violence Kibera once more');
    expect(outbound()).toBe(4);
  });

  it('when the same text comes again within minutes, then it is stored once more but makes no second report and no reply', async () => {
    await sms('+254711000111', 'R violence Kibera youths fighting');
    await sms('+254711000111', 'R violence Kibera youths fighting');
    expect(inbound()).toBe(2);
    expect(countRows(t, 'select count(*) from reports')).toBe(1);
    expect(outbound()).toBe(1);
    clock.advance(6 * 60_000);
    await sms('+254711000111', 'R violence Kibera youths fighting');
    expect(countRows(t, 'select count(*) from reports')).toBe(2);
  });

  it('when a short code keeps texting, then nothing is answered and no report is made', async () => {
    for (let i = 0; i < 3; i++) await sms('40404', `Your balance is KES ${i}. Reply 1 to buy bundles`);
    expect(inbound()).toBe(3);
    expect(outbound()).toBe(0);
    expect(countRows(t, 'select count(*) from reports')).toBe(0);
  });

  it.each([
    ['1,600 characters', `R violence Kibera ${'youths fighting near the market '.repeat(50)}`.slice(0, 1600)],
    ['mixed scripts', 'R violence Kibera драка 打架 قتال'],
    ['control characters', 'R violence\u0000 Kibera\u0007 \u001b[31m fighting'],
    ['only emoji', '😡😡😡🔥'],
    ['only spaces', '      '],
  ])('when the text has %s, then it is answered and nothing breaks', async (_case, text) => {
    expect(await sms('+254722000222', text)).toBe(200);
    expect(outbound()).toBe(1);
  });
});
