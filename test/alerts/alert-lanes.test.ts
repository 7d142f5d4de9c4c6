import type { SmsSender } from '../../src/channels/channel-types';
import { PRIORITY } from '../../src/outbox/outbox-repository';
import { atomically } from '../../src/db/client';
import { createManualClock } from '../../src/lib/clock';
import { crowdNumber } from '../support/people';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Rapid alerts on a busy day: a provider that takes 200 ms to answer each request, hundreds of
 * receipts waiting, and an urgent report arriving in the middle of it.
 */
let t: TestGateway;
afterEach(() => t.close());

/** A provider that answers each request after `delayMs`, recording every hand-over in order. */
function slowProvider(delayMs: number) {
  const handedOver: { seq: number; text: string; to: string[] }[] = [];
  let seq = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const sender: SmsSender = {
    provider: 'console',
    maxBatch: 100,
    async send(text, recipients) {
      handedOver.push({ seq: ++seq, text, to: recipients.map((r) => r.to) });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      inFlight -= 1;
      return recipients.map((r) => ({ messageId: r.messageId, ok: true as const, providerMessageId: `slow-${seq}-${r.messageId}`, providerStatus: 'Success' }));
    },
  };
  return { sender, handedOver, seqNow: () => seq, maxInFlight: () => maxInFlight };
}

describe('rapid alerts jump the queue', () => {
  it('when 500 receipts wait behind a 200 ms provider and an urgent report comes in, then its alerts are handed over before any further receipt, with many requests in flight', async () => {
    const provider = slowProvider(200);
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', CONSOLE_SEGMENTS_PER_SECOND: '100' }, { sender: provider.sender });
    loadSampleAreas(t);
    loadSampleContacts(t);
    atomically(t.gateway.db, () => {
      for (let i = 0; i < 500; i++) {
        const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: crowdNumber(i, '72') });
        t.gateway.services.outbox.enqueue({ contactId: contact.id, text: `Report R${i} received. Thank you.`, priority: PRIORITY.reply, essential: true });
      }
    });
    t.gateway.services.dispatcher.start();
    try {
      while (provider.handedOver.length < 60) await new Promise((resolve) => setTimeout(resolve, 20));

      const body = new URLSearchParams({ from: '+254711000111', to: '21525', text: 'Vijana wanapigana Kondele, watu wamejeruhiwa', id: 'ATXid_urgent_lanes' }).toString();
      expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
      const answeredAt = provider.seqNow();

      const isAlert = (text: string) => text.startsWith('HARAKA') || text.startsWith('URGENT');
      while (provider.handedOver.filter((h) => isAlert(h.text)).length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      const alerts = provider.handedOver.filter((h) => isAlert(h.text));
      const lastAlert = Math.max(...alerts.map((h) => h.seq));
      const receiptsBetween = provider.handedOver.filter((h) => h.seq > answeredAt && h.seq < lastAlert && !isAlert(h.text));
      expect(receiptsBetween).toEqual([]);
      // All three Kisumu Central members, in two texts (Kiswahili and English).
      expect(alerts.flatMap((h) => h.to).sort()).toEqual(['+254700000101', '+254700000102', '+254700000103']);
      // Distinct texts went out side by side, not one per round trip.
      expect(provider.maxInFlight()).toBeGreaterThanOrEqual(10);
    } finally {
      await t.gateway.services.dispatcher.stop();
    }
    expect(countRows(t, "select count(*) from messages where status = 'sending'")).toBe(0);
  });

  it('when every lane has messages waiting, then they are claimed alert, reply, notice, urgent broadcast, bulk, oldest first within a lane', () => {
    t = startTestGateway({});
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254711000111' });
    const lanes = ['bulk', 'urgentBroadcast', 'notice', 'reply', 'alert'] as const;
    for (const lane of lanes) for (const n of [1, 2]) t.gateway.services.outbox.enqueue({ contactId: contact.id, text: `${lane} ${n}`, priority: PRIORITY[lane] });
    expect(t.gateway.services.outbox.claimDue(10).map((m) => m.text)).toEqual([
      'alert 1', 'alert 2', 'reply 1', 'reply 2', 'notice 1', 'notice 2', 'urgentBroadcast 1', 'urgentBroadcast 2', 'bulk 1', 'bulk 2',
    ]);
  });
});

describe('seen from outside', () => {
  it('when a rapid alert has waited more than 60 s, then /healthz is 503 degraded with the reason, and /metrics shows each lane and the wait', async () => {
    const clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
    atomically(t.gateway.db, () => t.gateway.services.reports.create({ source: 'api', status: 'new', language: 'en', category: 'violence', areaCode: 'KE-17-01-05', urgent: true }));
    const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254711000111' });
    t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'Peace meeting', priority: PRIORITY.bulk });

    clock.advance(59_000);
    expect((await t.http.get('/healthz')).status).toBe(200);
    clock.advance(2_000);
    const health = await t.http.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', reasons: ['alerts: the oldest rapid alert has waited 61 s to be sent'] });

    const metrics = (await t.http.get('/metrics')).text;
    expect(metrics).toContain('gateway_outbox_waiting{lane="alert"} 3'); // one SMS per Kisumu Central member
    expect(metrics).toContain('gateway_outbox_waiting{lane="bulk"} 1');
    expect(metrics).toContain('gateway_outbox_waiting{lane="reply"} 0');
    expect(metrics).toContain('gateway_oldest_waiting_alert_seconds 61');

    await t.gateway.services.dispatcher.runOnce();
    expect((await t.http.get('/healthz')).status).toBe(200);
    expect((await t.http.get('/metrics')).text).toContain('gateway_oldest_waiting_alert_seconds 0');
  });
});

describe('when inbound outruns the provider', () => {
  const REPORTER = '+254711000999';
  let seq = 0;
  async function sms(from: string, text: string) {
    seq += 1;
    const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_busy_${seq}` }).toString();
    expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
  }
  const refs = () => (t.gateway.db.$client.prepare('select ref from reports order by created_at').pluck().all() as string[]);

  it('when a reporter sends three reports while 400 receipts wait ahead of theirs, then they get one SMS with the three refs, in their language; a report after it left gets its own receipt', async () => {
    const provider = slowProvider(200);
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', CONSOLE_SEGMENTS_PER_SECOND: '200' }, { sender: provider.sender });
    loadSampleAreas(t);
    atomically(t.gateway.db, () => {
      for (let i = 0; i < 400; i++) {
        const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: crowdNumber(i, '72') });
        t.gateway.services.outbox.enqueue({ contactId: contact.id, text: `Report R${i} received. Thank you.`, priority: PRIORITY.reply, essential: true });
      }
    });
    t.gateway.services.dispatcher.start();
    try {
      while (provider.handedOver.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await sms(REPORTER, 'Kuna mzozo wa ardhi Kondele leo');
      await sms(REPORTER, 'Vitisho vya uchaguzi huko Kibera');
      await sms(REPORTER, 'Chuki mtandaoni dhidi ya jamii Lindi');
      expect(countRows(t, "select count(*) from messages where direction = 'in'")).toBe(3);
      const [a, b, c] = refs();

      const toReporter = () => provider.handedOver.filter((h) => h.to.includes(REPORTER));
      while (toReporter().length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(toReporter().map((h) => h.text)).toEqual([`Ripoti zako ${a}, ${b}, ${c} zimepokelewa. Asante. Weka nambari hizi ili kuzifuatilia.`]);

      await sms(REPORTER, 'Mzozo wa mpaka wa shamba Kondele tena');
      const d = refs()[3];
      while (toReporter().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(toReporter()[1]!.text).toBe(`Ripoti yako ${d} imepokelewa. Waratibu wetu wataikagua. Weka nambari ${d} ili kuifuatilia.`);
    } finally {
      await t.gateway.services.dispatcher.stop();
    }
    // Every receipt of the crowd still went, each once; the reporter's row is one, marked sent.
    expect(provider.handedOver.filter((h) => h.text.startsWith('Report R')).flatMap((h) => h.to)).toHaveLength(400);
    expect(countRows(t, "select count(*) from messages m join contacts c on c.id = m.contact_id where m.direction = 'out' and m.status = 'sent' and m.in_reply_to is not null")).toBe(2);
  });

  it('when a question and receipts wait together, then they go as one message that a phone shows whole; Russian stays within three UCS-2 segments', async () => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
    loadSampleAreas(t);
    await sms('+996700123456', 'Драка');
    await sms('+996700123456', 'Конфликт из-за воды на границе, село Арка');
    await sms('+996700123456', 'спор за пастбище Кок-Таш');
    const rows = t.gateway.db.$client.prepare("select encoding, segments from messages where direction = 'out'").all() as { encoding: string; segments: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.encoding).toBe('UCS-2');
    expect(rows[0]!.segments).toBeLessThanOrEqual(3);
    const [text] = t.gateway.services.messages.listRecent({ direction: 'out', limit: 1, reveal: false }).map((m) => m.text);
    const [first, second, third] = refs();
    expect(text!.split('\n')).toEqual([`Сообщение ${first} принято. Где это было? Ответьте названием села.`, `Сообщения ${second}, ${third} получены. Спасибо. Сохраните номера.`]);
  });
});
