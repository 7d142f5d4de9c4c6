import { createManualClock, type ManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, loadSampleContacts, replyToMessage, startTestGateway, type TestGateway } from '../support/test-gateway';
import { seedPeople } from '../support/people';

let t: TestGateway;
let clock: ManualClock;
let seq = 0;

const NATIONAL_COORDINATOR = '+254700000108'; // Samuel Ochieng, coordinator for Kenya, English
const COUNTY_COORDINATOR = '+254700000106'; // David Kiprop, coordinator for KE-44 only

/** Sends an SMS through the real webhook and returns the reply the gateway queued for the sender. */
async function sms(from: string, text: string): Promise<string> {
  seq += 1;
  clock.advance(1000);
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_smsbc_${seq}`, networkCode: '63902' }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
  // The reply reaches the phone before the person writes again (a waiting reply would take the next one in).
  await t.gateway.services.dispatcher.runOnce();
  return replyToMessage(t, `ATXid_smsbc_${seq}`);
}

async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const more = t.gateway.services.broadcastRunner.runOnce();
    // A cycle can take nothing because the rate window is full: done only when nothing is queued.
    if ((await t.gateway.services.dispatcher.runOnce()) === 0 && !more && countRows(t, "select count(*) from messages where status = 'queued'") === 0) break;
    clock.advance(1000);
  }
}

const broadcastRows = () => countRows(t, 'select count(*) from messages where broadcast_id is not null');

beforeEach(() => {
  clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' }, { clock });
  loadSampleAreas(t);
  loadSampleContacts(t);
  seedPeople(t.gateway, 1234, { areaCode: 'KE-31', role: 'member', language: 'en' }); // Nakuru
});
afterEach(() => t.close());

describe('SMS-first broadcasts from a coordinator\'s phone', () => {
  it('when a coordinator sends BC with an area and a text, then the preview asks for a code, and only YES with that code sends it', async () => {
    const preview = await sms(NATIONAL_COORDINATOR, 'BC Nakuru Peace meeting at the stadium on Saturday 10am. Leaders of all communities will speak. Come and bring your neighbours, your elders and your children. Keep the peace.');
    const match = /^2 SMS each to 1,234 people in Nakuru, ~2,468 SMS\. Reply YES (\d{6}) to send$/.exec(preview);
    expect(match).not.toBeNull();
    const code = match![1]!;
    await drain();
    expect(broadcastRows()).toBe(0);

    const wrong = code === '100000' ? '100001' : '100000';
    expect(await sms(NATIONAL_COORDINATOR, `YES ${wrong}`)).toBe(`No broadcast is waiting for code ${wrong}. Send BC, the area and your message.`);
    expect(await sms(COUNTY_COORDINATOR, `YES ${code}`)).toBe(`No broadcast is waiting for code ${code}. Send BC, the area and your message.`); // another phone
    await drain();
    expect(broadcastRows()).toBe(0);

    expect(await sms(NATIONAL_COORDINATOR, `YES ${code}`)).toMatch(/^Broadcast B[2-9A-HJKMNP-TW-Z]{4} is going out to 1,234 people in Nakuru\.$/);
    await drain();
    expect(countRows(t, "select count(*) from messages where broadcast_id is not null and status = 'sent'")).toBe(1234);
    const text = t.gateway.db.$client.prepare('select text_enc from messages where broadcast_id is not null limit 1').pluck().get() as string;
    expect(t.gateway.services.vault.decrypt(text)).toBe('Peace meeting at the stadium on Saturday 10am. Leaders of all communities will speak. Come and bring your neighbours, your elders and your children. Keep the peace.');
    clock.advance(6 * 60_000); // (the same text within 5 minutes is not answered at all)
    expect(await sms(NATIONAL_COORDINATOR, `YES ${code}`)).toMatch(/^No broadcast is waiting/); // a repeat sends nothing more
    await drain();
    expect(broadcastRows()).toBe(1234);
  });

  it('when the code comes after 10 minutes, then nothing is sent and the coordinator is told to start again', async () => {
    const code = /YES (\d{6})/.exec(await sms(NATIONAL_COORDINATOR, 'BC Nakuru Avoid the market road tonight'))![1]!;
    clock.advance(10 * 60_000);
    expect(await sms(NATIONAL_COORDINATOR, `YES ${code}`)).toBe(`Code ${code} has expired (10 minutes). Send BC with the area and message again.`);
    await drain();
    expect(broadcastRows()).toBe(0);
    expect(countRows(t, "select count(*) from broadcasts where status = 'expired'")).toBe(1);
  });

  it('when a coordinator names an area outside their own, or no text, then they are told so and nothing is created', async () => {
    expect(await sms(COUNTY_COORDINATOR, 'BC Nakuru Peace meeting Saturday')).toMatch(/^You can broadcast only within /);
    expect(await sms(NATIONAL_COORDINATOR, 'BC Nakuru')).toBe('To broadcast send: BC <area> <message>, e.g. BC Nakuru Peace meeting Saturday 10am');
    expect(await sms(NATIONAL_COORDINATOR, 'BC')).toMatch(/^To broadcast send/);
    expect(await sms(NATIONAL_COORDINATOR, 'BC Marsabit Peace meeting Saturday')).toBe('Nobody in Marsabit gets peace messages yet. Nothing was sent.');
    expect(countRows(t, 'select count(*) from broadcasts')).toBe(0);
  });

  it('when someone who is not a coordinator sends BC, then it is an ordinary message and no broadcast is made', async () => {
    await sms('+254711000555', 'BC Nakuru everyone come to fight tonight');
    await sms('+254700000101', 'BC Nakuru Peace meeting Saturday'); // a committee chair
    expect(countRows(t, 'select count(*) from broadcasts')).toBe(0);
    expect(countRows(t, 'select count(*) from reports')).toBe(2);
  });
});
