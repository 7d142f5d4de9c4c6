import nock from 'nock';
import { SendError, type SmsSender } from '../../src/channels/channel-types';
import { createAtSender } from '../../src/channels/africastalking/at-sender';
import { PRIORITY } from '../../src/outbox/outbox-repository';
import { createManualClock } from '../../src/lib/clock';
import { countRows, startTestGateway, type TestGateway } from '../support/test-gateway';

const AT_ENV = { SMS_PROVIDER: 'africastalking', AT_USERNAME: 'peacegw', AT_API_KEY: 'at-key-123', AT_WEBHOOK_TOKEN: 'hook-token' };
const inboundSms = (id: string, from: string, text: string) =>
  `from=${encodeURIComponent(from)}&to=21525&text=${encodeURIComponent(text)}&date=2026-11-20T08%3A34%3A18.445Z&id=${id}&networkCode=63902`;

function outboundRows(t: TestGateway) {
  return t.gateway.db.$client
    .prepare("select status, provider_message_id as providerId, attempts, failure_reason as reason, next_attempt_at as nextAttemptAt from messages where direction = 'out' order by created_at")
    .all() as { status: string; providerId: string | null; attempts: number; reason: string | null; nextAttemptAt: string | null }[];
}

afterEach(() => nock.cleanAll());

describe('outbox and dispatcher with the Africa\'s Talking SDK intercepted', () => {
  let t: TestGateway;
  afterEach(() => t.close());

  it('when an SMS arrives, then the reply leaves through the SDK and a later delivery report marks it delivered', async () => {
    t = startTestGateway(AT_ENV, { sender: createAtSender({ username: 'peacegw', apiKey: 'at-key-123' }) });
    let to: string | null = null;
    let message: string | null = null;
    nock('https://api.africastalking.com')
      .post('/version1/messaging', (body) => {
        const form = new URLSearchParams(body as string);
        to = form.get('to');
        message = form.get('message');
        return true;
      })
      .reply(201, { SMSMessageData: { Recipients: [{ statusCode: 101, status: 'Success', number: '+254711000111', messageId: 'ATXid_reply1' }] } });

    await t.http.post('/webhooks/africastalking/sms?token=hook-token').type('form').send(inboundSms('ATXid_in1', '+254711000111', 'Vijana wanapigana Kondele'));
    expect(outboundRows(t)).toEqual([expect.objectContaining({ status: 'queued' })]);

    expect(await t.gateway.services.dispatcher.runOnce()).toBe(1);
    expect(to).toBe('+254711000111');
    expect(message).toMatch(/^Ripoti [2-9A-HJKMNP-TW-Z]{5} imepokelewa\. Ilitokea wapi\?/);
    expect(outboundRows(t)).toEqual([expect.objectContaining({ status: 'sent', providerId: 'ATXid_reply1', attempts: 1 })]);

    await t.http.post('/webhooks/africastalking/delivery?token=hook-token').type('form').send('id=ATXid_reply1&status=Success&phoneNumber=%2B254711000111&networkCode=63902');
    expect(outboundRows(t)[0]!.status).toBe('delivered');
    expect(nock.isDone()).toBe(true);
  });

  it('when the provider fails with a retryable error, then the message waits with growing delays (capped), and gives up only when its 24 h deadline has passed', async () => {
    const clock = createManualClock();
    const failing: SmsSender = {
      provider: 'africastalking',
      maxBatch: 100,
      send: async (_text, recipients) => recipients.map((r) => ({ messageId: r.messageId, ok: false as const, error: new SendError('at_500', 'InternalServerError', true) })),
    };
    t = startTestGateway(AT_ENV, { clock, sender: failing });
    await t.http.post('/webhooks/africastalking/sms?token=hook-token').type('form').send(inboundSms('ATXid_in2', '+254711000111', 'hello'));

    await t.gateway.services.dispatcher.runOnce();
    expect(outboundRows(t)[0]).toMatchObject({ status: 'queued', attempts: 1, reason: 'at_500' });
    expect(await t.gateway.services.dispatcher.runOnce()).toBe(0); // not due yet

    clock.advance(31_000);
    await t.gateway.services.dispatcher.runOnce();
    expect(outboundRows(t)[0]).toMatchObject({ status: 'queued', attempts: 2 });

    // Far more than 5 attempts: an outage of hours does not drop a reply.
    for (let minutes = 0; minutes < 23 * 60; minutes += 10) {
      clock.advance(600_000);
      await t.gateway.services.dispatcher.runOnce();
    }
    const retried = outboundRows(t)[0]!;
    expect(retried).toMatchObject({ status: 'queued' });
    expect(retried.attempts).toBeGreaterThan(20);

    for (let minutes = 0; minutes < 90; minutes += 10) {
      clock.advance(600_000);
      await t.gateway.services.dispatcher.runOnce();
    }
    expect(outboundRows(t)[0]).toMatchObject({ status: 'failed', reason: 'at_500' });
  });

  it('when the provider says the person blocked us, then the message fails for good and the contact is opted out', async () => {
    const blocked: SmsSender = {
      provider: 'africastalking',
      maxBatch: 100,
      send: async (_text, recipients) => recipients.map((r) => ({ messageId: r.messageId, ok: false as const, error: new SendError('at_406', 'UserInBlacklist', false, true) })),
    };
    t = startTestGateway(AT_ENV, { sender: blocked });
    await t.http.post('/webhooks/africastalking/sms?token=hook-token').type('form').send(inboundSms('ATXid_in3', '+254722000222', 'hello'));
    await t.gateway.services.dispatcher.runOnce();
    expect(outboundRows(t)[0]).toMatchObject({ status: 'failed', reason: 'at_406' });
    expect(countRows(t, 'select count(*) from contacts where opted_out_at is not null')).toBe(1);
  });

  it('when a contact has opted out, then notices to them are not sent but replies to their own messages are', async () => {
    const sent: string[] = [];
    const recording: SmsSender = {
      provider: 'console',
      maxBatch: 100,
      send: async (text, recipients) => {
        sent.push(text);
        return recipients.map((r) => ({ messageId: r.messageId, ok: true as const, providerMessageId: `c-${r.messageId}`, providerStatus: 'recorded' }));
      },
    };
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook-token' }, { sender: recording });
    await t.http.post('/webhooks/africastalking/sms?token=hook-token').type('form').send(inboundSms('ATXid_stop', '+254733000333', 'STOP'));
    const contact = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: '+254733000333' })!;
    t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'Peace meeting tomorrow', priority: PRIORITY.bulk });

    await t.gateway.services.dispatcher.runOnce();

    expect(sent).toEqual(['You will get no more messages from us. Text START to join again.']);
    expect(countRows(t, "select count(*) from messages where direction = 'out' and failure_reason = 'opted_out'")).toBe(1);
  });

  it('when replies and bulk messages are both waiting, then the replies are claimed first', async () => {
    t = startTestGateway({});
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254711000111' });
    for (let i = 0; i < 5; i++) t.gateway.services.outbox.enqueue({ contactId: contact.id, text: `bulk ${i}`, priority: PRIORITY.bulk });
    t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'reply', priority: PRIORITY.reply });
    const claimed = t.gateway.services.outbox.claimDue(2);
    expect(claimed.map((m) => m.text)).toEqual(['reply', 'bulk 0']);
  });

  it('when the gateway restarts with messages in flight, then they are marked unknown and never sent again', async () => {
    t = startTestGateway({});
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254711000111' });
    t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'in flight' });
    t.gateway.services.outbox.claimDue(10); // claimed, then "crash" before the outcome is recorded
    t.gateway.services.dispatcher.start();
    await t.gateway.services.dispatcher.stop();
    expect(outboundRows(t)).toEqual([expect.objectContaining({ status: 'unknown', attempts: 1 })]);
    expect(await t.gateway.services.dispatcher.runOnce()).toBe(0);
  });
});
