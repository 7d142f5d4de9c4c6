import type { SmsSender } from '../../src/channels/channel-types';
import { measureText } from '../../src/broadcast/broadcast-texts';
import { createManualClock, type ManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';
import { seedPeople } from '../support/people';

const ADMIN = 'bootstrap-admin-token-0123456789';
let t: TestGateway;
let clock: ManualClock;

interface Handover {
  at: number;
  segments: number;
  recipients: number;
  text: string;
}

/** A provider that takes everything, 30 ms per request on the fake clock, and remembers each hand-over. */
function recordingSender(maxBatch: number, log: Handover[]): SmsSender {
  return {
    provider: 'console',
    maxBatch,
    async send(text, recipients) {
      log.push({ at: clock.now().getTime(), segments: measureText(text).segments * recipients.length, recipients: recipients.length, text });
      clock.advance(30);
      return recipients.map((r, i) => ({ messageId: r.messageId, ok: true as const, providerMessageId: `fake-${log.length}-${i}`, providerStatus: 'Sent' }));
    },
  };
}

/** The dispatcher's own loop, on the fake clock: a cycle, and when it sent nothing, the pause it asks for. */
async function runUntilEmpty(maxCycles = 100_000): Promise<void> {
  for (let i = 0; i < maxCycles; i++) {
    const more = t.gateway.services.broadcastRunner.runOnce();
    const handled = await t.gateway.services.dispatcher.runOnce();
    if (handled === 0) {
      if (!more && t.gateway.services.outbox.nextDueSegments() === null) return;
      clock.advance(t.gateway.services.dispatcher.pauseMs());
    }
  }
  throw new Error('the outbox never emptied');
}

/** The most segments handed over in any one-second window that ends at a hand-over. */
function busiestSecond(log: Handover[]): number {
  let busiest = 0;
  for (const end of log) busiest = Math.max(busiest, log.filter((h) => h.at > end.at - 1000 && h.at <= end.at).reduce((sum, h) => sum + h.segments, 0));
  return busiest;
}

function start(env: Record<string, string>, maxBatch: number, log: Handover[]): void {
  clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', BOOTSTRAP_ADMIN_TOKEN: ADMIN, ...env }, { clock, sender: recordingSender(maxBatch, log) });
  loadSampleAreas(t);
}

const broadcast = (body: object) => t.http.post('/api/broadcasts').set('authorization', `Bearer ${ADMIN}`).send(body);

afterEach(() => t.close());

describe('provider rate in segments per second (fake clock)', () => {
  it('when 3,000 people get a mix of one- and two-segment texts at 250 segments/s, then no second ever carries more than 250 and the rate is reached', async () => {
    const log: Handover[] = [];
    start({ CONSOLE_SEGMENTS_PER_SECOND: '250' }, 100, log);
    seedPeople(t.gateway, 2000, { areaCode: 'KE-17-01', language: 'sw', prefix: '71' });
    seedPeople(t.gateway, 1000, { areaCode: 'KE-17-01', language: 'en', prefix: '72' });
    const english = 'Peace meeting for all of {area} at the chief camp on Saturday at 10am. Elders, youth and women leaders will speak. Bring your neighbours and keep the peace.';
    expect(measureText(english.replace('{area}', 'Kisumu Central')).segments).toBe(2);
    expect((await broadcast({ audience: { areas: ['KE-17-01'] }, texts: { sw: 'Amani {area}: mkutano Jumamosi saa nne.', en: english } })).status).toBe(201);

    await runUntilEmpty();
    const total = log.reduce((sum, h) => sum + h.segments, 0);
    expect(total).toBe(2000 + 2 * 1000);
    expect(busiestSecond(log)).toBe(250);
    const seconds = (log.at(-1)!.at - log[0]!.at + 1000) / 1000;
    const achieved = total / seconds;
    expect(achieved).toBeLessThanOrEqual(250);
    expect(achieved).toBeGreaterThanOrEqual(0.95 * 250);
    expect(Math.max(...log.map((h) => h.recipients))).toBe(100);
  });

  it('when the provider takes one recipient per request at 5 segments/s, then two-segment texts go at most two and a half a second', async () => {
    const log: Handover[] = [];
    start({ CONSOLE_SEGMENTS_PER_SECOND: '5' }, 1, log);
    seedPeople(t.gateway, 40, { areaCode: 'KE-30-01', language: 'en' });
    const text = 'Avoid the market road in Kibra tonight. Police and elders are talking to both sides. Stay home if you can, and report anything you see to the peace committee. Thank you.';
    expect(measureText(text).segments).toBe(2);
    await broadcast({ audience: { areas: ['KE-30-01'] }, texts: { en: text } });
    await runUntilEmpty();
    expect(log).toHaveLength(40);
    expect(busiestSecond(log)).toBeLessThanOrEqual(5);
    expect(busiestSecond(log)).toBe(4);
  });
});

describe('priority lanes', () => {
  it('when an urgent report comes in while a 20,000-recipient broadcast is draining, then its rapid alert goes in the next cycle, before the remaining bulk rows', async () => {
    const log: Handover[] = [];
    start({ CONSOLE_SEGMENTS_PER_SECOND: '300' }, 100, log);
    loadSampleContacts(t);
    seedPeople(t.gateway, 20_000, { areaCode: 'KE-30-01', language: 'en' });
    await broadcast({ audience: { areas: ['KE'] }, texts: { en: 'Just peaceful elections. Vote, go home, keep the peace.' } });
    for (let i = 0; i < 20; i++) {
      t.gateway.services.broadcastRunner.runOnce();
      if ((await t.gateway.services.dispatcher.runOnce()) === 0) clock.advance(t.gateway.services.dispatcher.pauseMs());
    }
    const bulkSentBefore = countRows(t, "select count(*) from messages where broadcast_id is not null and status = 'sent'");
    expect(bulkSentBefore).toBeGreaterThan(0);

    const report = new URLSearchParams({ from: '+254799000111', to: '21525', text: 'R violence Kondele youths fighting, people injured', id: 'ATXid_urgent', networkCode: '63902' });
    expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(report.toString())).status).toBe(200);
    const alertIds = t.gateway.db.$client.prepare('select message_id from alert_recipients').pluck().all() as string[];
    expect(alertIds.length).toBeGreaterThanOrEqual(3); // the Kisumu Central committee

    // The next cycle that sends anything (the rate window may first need to free up).
    const cycleStart = log.length;
    let handled = 0;
    while (handled === 0) {
      handled = await t.gateway.services.dispatcher.runOnce();
      if (handled === 0) clock.advance(t.gateway.services.dispatcher.pauseMs());
    }
    const statuses = alertIds.map((id) => t.gateway.db.$client.prepare('select status from messages where id = ?').pluck().get(id));
    expect(statuses.every((s) => s === 'sent')).toBe(true);
    // In that cycle the alert (and the reporter's receipt) were handed over first, bulk only after.
    const cycle = log.slice(cycleStart).map((h) => (h.text.startsWith('Just peaceful') ? 'bulk' : 'alert or reply'));
    expect(cycle[0]).toBe('alert or reply');
    expect(cycle.slice(cycle.indexOf('bulk'))).not.toContain('alert or reply');
    expect(countRows(t, "select count(*) from messages where broadcast_id is not null and status = 'sent'")).toBeLessThan(bulkSentBefore + 100);
    expect(countRows(t, "select count(*) from messages where broadcast_id is not null and status = 'queued'")).toBeGreaterThan(15_000);
  });
});
