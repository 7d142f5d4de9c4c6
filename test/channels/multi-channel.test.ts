import nock from 'nock';
import twilio from 'twilio';
import { createAndroidSender } from '../../src/channels/android/android-sender';
import { createAtSender } from '../../src/channels/africastalking/at-sender';
import { createConsoleSender } from '../../src/channels/console/console-sender';
import { createTwilioSender } from '../../src/channels/twilio/twilio-sender';
import { importContactsCsv } from '../../src/contacts/contact-import';
import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Several channels at once: Africa's Talking and Twilio (their SDKs intercepted at their real
 * endpoints) and the console, routed by SMS_ROUTES and by the channel a person last wrote in on.
 */
const TWILIO_TOKEN = 'twilio-auth-token-0123456789';
const SID = 'AC0123456789abcdef0123456789abcdef';
const PUBLIC_URL = 'https://gateway.example.org';
const ADMIN = 'bootstrap-admin-token-0123456789';
const KENYAN = '+254711000111';
const FIJIAN = '+6797012345';
const KYRGYZ = '+996700123456';

let t: TestGateway;
const atNumbers: string[] = [];
const twilioNumbers: string[] = [];
const androidNumbers: string[] = [];
let atDown = false;

beforeEach(() => {
  atNumbers.length = 0;
  twilioNumbers.length = 0;
  androidNumbers.length = 0;
  atDown = false;
  // The field team's phone in local-server mode.
  nock('http://192.168.1.20:8080')
    .persist()
    .post('/message')
    .query(true)
    .reply((_uri, body) => {
      const numbers = (body as { phoneNumbers: string[] }).phoneNumbers;
      androidNumbers.push(...numbers);
      return [202, { id: `android-${androidNumbers.length}`, state: 'Pending', recipients: numbers.map((phoneNumber) => ({ phoneNumber, state: 'Pending' })) }];
    });
  nock('https://api.africastalking.com')
    .persist()
    .post('/version1/messaging')
    .reply((_uri, body) => {
      const numbers = (new URLSearchParams(body as string).get('to') ?? '').split(',');
      if (atDown) return [503, 'Service Unavailable'];
      atNumbers.push(...numbers);
      return [201, { SMSMessageData: { Message: 'ok', Recipients: numbers.map((number, i) => ({ statusCode: 101, status: 'Success', number, messageId: `ATXid_${atNumbers.length}_${i}`, cost: 'KES 0.8' })) } }];
    });
  nock('https://api.twilio.com')
    .persist()
    .post(`/2010-04-01/Accounts/${SID}/Messages.json`)
    .reply((_uri, body) => {
      const to = new URLSearchParams(body as string).get('To')!;
      twilioNumbers.push(to);
      return [201, { sid: `SM${twilioNumbers.length}`, status: 'queued', to }];
    });
  t = startTestGateway(
    {
      SMS_CHANNELS: 'africastalking,twilio,android,console',
      ANDROID_GATEWAY_URL: 'http://192.168.1.20:8080',
      ANDROID_GATEWAY_LOGIN: 'sms',
      ANDROID_GATEWAY_PASSWORD: 'field-phone',
      AT_USERNAME: 'peacegw',
      AT_API_KEY: 'at-key',
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_FROM: '+15005550006',
      AT_WEBHOOK_TOKEN: 'hook',
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN, PUBLIC_URL, BOOTSTRAP_ADMIN_TOKEN: ADMIN, SMS_ROUTES: 'KE:africastalking,FJ:twilio,KG:android,*:console', AT_SEGMENTS_PER_SECOND: '1000', TWILIO_SEGMENTS_PER_SECOND: '1000',
    },
    {
      senders: [
        createAtSender({ username: 'peacegw', apiKey: 'at-key' }),
        createTwilioSender({ accountSid: SID, authToken: TWILIO_TOKEN, from: '+15005550006', statusCallback: `${PUBLIC_URL}/webhooks/twilio/status`, keepAlive: false }),
        createAndroidSender({ url: 'http://192.168.1.20:8080', login: 'sms', password: 'field-phone' }),
        createConsoleSender(),
      ],
    },
  );
  loadSampleAreas(t);
});
afterEach(async () => {
  await t.close();
  nock.cleanAll();
});

const providerOf = (phone: string) =>
  t.gateway.db.$client
    .prepare("select m.provider from messages m join contacts c on c.id = m.contact_id where m.direction = 'out' and c.id = ? order by m.created_at desc, m.rowid desc limit 1")
    .pluck()
    .get(t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: phone })!.id);

describe('several channels at once', () => {
  it('when a Kenyan reports through Africa’s Talking, a Fijian (Twilio) and a Kyrgyz contact (the Android phone) are written to, and a Kenyan who wrote through Twilio is answered, then each goes out on its own channel', async () => {
    const body = new URLSearchParams({ from: KENYAN, to: '21525', text: 'R land dispute Kondele over a boundary', id: 'ATXid_multi_1' }).toString();
    expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);

    for (const phone of [FIJIAN, KYRGYZ]) {
      const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: phone, country: phone === FIJIAN ? 'FJ' : 'KG' });
      t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'Peace meeting on Saturday' });
    }
    // A Kenyan number that wrote in through Twilio: later messages to them go back through Twilio.
    const params = { From: '+254722000222', To: '+15005550006', Body: 'STATUS K7Q2M', MessageSid: 'SM_in_1', AccountSid: SID };
    const signature = twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params);
    expect((await t.http.post('/webhooks/twilio/sms').set('X-Twilio-Signature', signature).type('form').send(new URLSearchParams(params).toString())).status).toBe(200);
    const viaTwilio = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: '+254722000222' })!;
    t.gateway.services.outbox.enqueue({ contactId: viaTwilio.id, text: 'Your report has been resolved' });

    await t.gateway.services.dispatcher.runOnce();
    expect(providerOf(KENYAN)).toBe('africastalking');
    expect(providerOf(FIJIAN)).toBe('twilio');
    expect(providerOf(KYRGYZ)).toBe('android');
    expect(androidNumbers).toEqual([KYRGYZ]);
    expect(providerOf('+254722000222')).toBe('twilio');
    expect(atNumbers).toEqual([KENYAN]);
    expect(twilioNumbers.sort()).toEqual(['+254722000222', FIJIAN].sort());
    // Everything went (the Twilio sender's reply was carried in-band, as TwiML, and recorded as sent).
    expect(countRows(t, "select count(*) from messages where direction = 'out' and status != 'sent'")).toBe(0);
  });

  it('when a broadcast goes to members whose numbers are Kenyan, Fijian and Kyrgyz, then its rows split across Africa’s Talking, Twilio and the Android phone', async () => {
    importContactsCsv(t.gateway.db, t.gateway.services.contacts, 'KE', `phone,name,role,area_code,language\n${KENYAN},A,member,KE-17,en\n${FIJIAN},B,member,KE-17,en\n${KYRGYZ},C,member,KE-17,ru\n+254733000333,D,member,KE-17,sw\n`);
    const preview = await t.http.post('/api/broadcasts/preview').set('authorization', `Bearer ${ADMIN}`).send({ audience: { areas: ['KE-17'], roles: ['members'] }, texts: { en: 'Peace meeting Saturday', sw: 'Mkutano wa amani Jumamosi', ru: 'Встреча в субботу' } });
    expect(preview.body.channels).toEqual([
      { channel: 'africastalking', recipients: 2, segments: 2, estimatedCost: 1.6 },
      { channel: 'twilio', recipients: 1, segments: 1, estimatedCost: 0.8 },
      { channel: 'android', recipients: 1, segments: 1, estimatedCost: 0.8 },
    ]);
    const created = await t.http.post('/api/broadcasts').set('authorization', `Bearer ${ADMIN}`).send({ audience: { areas: ['KE-17'], roles: ['members'] }, texts: { en: 'Peace meeting Saturday', sw: 'Mkutano wa amani Jumamosi', ru: 'Встреча в субботу' } });
    expect(created.status).toBe(201);
    while (t.gateway.services.broadcastRunner.runOnce());
    const split = Object.fromEntries(
      (t.gateway.db.$client.prepare('select provider, count(*) as n from messages where broadcast_id = ? group by provider').all(created.body.id) as { provider: string; n: number }[]).map((r) => [r.provider, r.n]),
    );
    expect(split).toEqual({ africastalking: 2, twilio: 1, android: 1 });
    await t.gateway.services.dispatcher.runOnce();
    expect(atNumbers.sort()).toEqual([KENYAN, '+254733000333'].sort());
    expect(twilioNumbers).toEqual([FIJIAN]);
    expect(androidNumbers).toEqual([KYRGYZ]);
  });

  it("when Africa's Talking is down, then Twilio keeps sending its own rows at once, and the Kenyan rows wait for Africa's Talking", async () => {
    atDown = true;
    const people = Array.from({ length: 10 }, (_, i) => t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: `+67970123${String(i).padStart(2, '0')}`, country: 'FJ' }).contact);
    const kenyans = Array.from({ length: 10 }, (_, i) => t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: `+2547110002${String(i).padStart(2, '0')}`, country: 'KE' }).contact);
    for (const person of [...kenyans, ...people]) t.gateway.services.outbox.enqueue({ contactId: person.id, text: `Notice for ${person.pseudonym}` });
    await t.gateway.services.dispatcher.runOnce();
    expect(twilioNumbers).toHaveLength(10);
    expect(countRows(t, "select count(*) from messages where provider = 'twilio' and status = 'sent'")).toBe(10);
    expect(countRows(t, "select count(*) from messages where provider = 'africastalking' and status = 'queued'")).toBe(10); // waiting to retry, not failed
    expect(atNumbers).toEqual([]);
  });
});
