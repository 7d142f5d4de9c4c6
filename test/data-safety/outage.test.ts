import { SendError, type SmsSender } from '../../src/channels/channel-types';
import { createManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * A provider outage of hours is ordinary where the gateway works. A fake provider that fails every
 * request (as a network error or a 503 does) for 90 minutes of a manual clock, then comes back.
 */
let t: TestGateway;
afterEach(() => t.close());

function flakyProvider() {
  const handedOver: { messageId: string; text: string }[] = [];
  let requests = 0;
  const state = { down: true };
  const sender: SmsSender = {
    provider: 'africastalking',
    maxBatch: 100,
    async send(text, recipients) {
      requests += 1;
      if (state.down) return recipients.map((r) => ({ messageId: r.messageId, ok: false as const, error: new SendError('network', 'ECONNREFUSED', true) }));
      for (const r of recipients) handedOver.push({ messageId: r.messageId, text });
      return recipients.map((r) => ({ messageId: r.messageId, ok: true as const, providerMessageId: `ok-${r.messageId}`, providerStatus: 'Success' }));
    },
  };
  return { sender, state, handedOver, requests: () => requests };
}

describe('a provider outage', () => {
  it('when the provider is down for 90 minutes and comes back, then every queued reply and alert is sent exactly once, alerts first, and the provider was probed, not hammered', async () => {
    const clock = createManualClock(new Date('2026-11-29T06:00:00Z'));
    const provider = flakyProvider();
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', SEND_RETRY_BASE_SECONDS: '30', SEND_RETRY_MAX_SECONDS: '600' }, { clock, sender: provider.sender });
    loadSampleAreas(t);
    loadSampleContacts(t);
    let seq = 0;
    const sms = async (from: string, text: string) => {
      seq += 1;
      const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_outage_${seq}` }).toString();
      expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
    };
    for (let i = 0; i < 5; i++) await sms(`+25471100010${i}`, `Mzozo wa ardhi Kondele, shamba la ${i}`);
    await sms('+254711000199', 'Vijana wanapigana Kondele, watu wamejeruhiwa');
    const waiting = () => countRows(t, "select count(*) from messages where direction = 'out' and status = 'queued'");
    expect(waiting()).toBeGreaterThan(6); // six receipts and the alerts to Kondele's committee
    const alertRows = countRows(t, "select count(*) from messages where priority = 0");

    // 90 minutes down: the dispatcher runs every 10 s, maintenance every 20 s (escalation after 15 min).
    for (let s = 0; s < 90 * 60; s += 10) {
      clock.advance(10_000);
      if (s % 20 === 0) t.gateway.runMaintenance();
      await t.gateway.services.dispatcher.runOnce();
    }
    expect(countRows(t, "select count(*) from messages where status = 'failed'")).toBe(0);
    // Undelivered and unacknowledged for ALERT_ESCALATE_MINUTES: the alert went one level up meanwhile.
    expect(countRows(t, 'select count(*) from alerts where level > 0')).toBeGreaterThan(0);
    expect(t.gateway.services.dispatcher.circuit()).toMatchObject({ open: true });
    const requestsWhileDown = provider.requests();
    // Probed at growing intervals capped at 10 minutes, not 540 cycles × every message.
    expect(requestsWhileDown).toBeLessThan(40);
    const health = await t.http.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^provider: africastalking has failed every request since/)]));

    provider.state.down = false;
    for (let s = 0; s < 15 * 60 && waiting() > 0; s += 10) {
      clock.advance(10_000);
      await t.gateway.services.dispatcher.runOnce();
    }
    expect(waiting()).toBe(0);
    expect(t.gateway.services.dispatcher.circuit()).toMatchObject({ open: false });
    expect((await t.http.get('/healthz')).status).toBe(200);

    const rows = t.gateway.db.$client.prepare("select id, priority, status from messages where direction = 'out'").all() as { id: string; priority: number; status: string }[];
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const ids = provider.handedOver.map((h) => h.messageId);
    expect(new Set(ids).size).toBe(ids.length); // each exactly once
    expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
    // Alerts (and the escalations raised during the outage) went before any receipt.
    const lane = new Map(rows.map((r) => [r.id, r.priority]));
    const order = provider.handedOver.map((h) => lane.get(h.messageId)!);
    const lastAlert = order.lastIndexOf(0);
    const firstReply = order.indexOf(1);
    expect(alertRows).toBeGreaterThan(0);
    expect(lastAlert).toBeLessThan(firstReply);
  });
});
