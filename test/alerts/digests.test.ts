import { measureSms } from '../../src/outbox/segments';
import { createManualClock } from '../../src/lib/clock';
import { runScript } from '../support/child-gateway';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

/** Non-urgent reports reach their committee once a day, at DIGEST_TIME in DIGEST_TZ. */
let t: TestGateway;
let seq = 0;
afterEach(() => t.close());

async function sms(from: string, text: string): Promise<string> {
  seq += 1;
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_digest_${seq}` }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
  return t.gateway.db.$client.prepare('select ref from reports order by created_at desc, rowid desc limit 1').pluck().get() as string;
}
const digestsTo = () =>
  t.gateway.services.messages
    .listRecent({ direction: 'out', limit: 500, reveal: true })
    .filter((m) => /today: |leo: |^[^:]+: \d+ \(/.test(m.text) && /^\+2547000001/.test(m.contact));

function start(clock: ReturnType<typeof createManualClock>) {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', DIGEST_TIME: '18:00', DIGEST_TZ: 'Africa/Nairobi' }, { clock });
  loadSampleAreas(t);
  loadSampleContacts(t);
}

describe('daily digests', () => {
  it('when Kondele had three ordinary reports, then at 18:00 Nairobi time each Kisumu Central member gets one SMS in their language listing them; not before, not twice, and nothing on a day without reports', async () => {
    const clock = createManualClock(new Date('2026-11-29T09:00:00Z')); // 12:00 in Nairobi
    start(clock);
    const refs = [
      await sms('+254711000401', 'R land dispute Kondele over a boundary'),
      await sms('+254711000402', 'R land dispute Kondele grazing'),
      await sms('+254711000403', 'R threat Kondele, a shop owner was warned'),
    ];
    await sms('+254711000404', 'R hate speech Eldoret leaflets at the bus stage'); // no committee above: triage, not a digest

    clock.set(new Date('2026-11-29T14:59:00Z')); // 17:59
    t.gateway.runMaintenance();
    expect(digestsTo()).toEqual([]);

    clock.set(new Date('2026-11-29T15:00:30Z')); // 18:00
    t.gateway.runMaintenance();
    const sent = digestsTo();
    expect(sent.map((m) => m.contact).sort()).toEqual(['+254700000101', '+254700000102', '+254700000103']);
    const english = sent.find((m) => m.contact === '+254700000102')!.text;
    expect(english).toBe(`Kisumu Central today: 3 reports (2 Land/water/border, 1 Threat): ${refs.join(', ')}. Reply ACK and a ref to take one.`);
    const swahili = sent.find((m) => m.contact === '+254700000101')!.text;
    expect(swahili).toBe(`Kisumu Central leo: ripoti 3 (2 Ardhi/maji/mpaka, 1 Vitisho): ${refs.join(', ')}. Jibu POKEA na nambari kuichukua.`);
    for (const m of sent) expect(measureSms(m.text).segments).toBe(1);

    t.gateway.runMaintenance();
    clock.advance(3 * 3_600_000);
    t.gateway.runMaintenance();
    expect(digestsTo()).toHaveLength(3); // once a day

    clock.advance(24 * 3_600_000); // the next day at 21:00, no new report
    t.gateway.runMaintenance();
    expect(digestsTo()).toHaveLength(3);
    expect(countRows(t, "select count(*) from reports where digested_at is not null")).toBe(3);
  });

  it('when a busy day brings 30 reports, then the digest still fits one SMS per language, the rest counted', async () => {
    const clock = createManualClock(new Date('2026-11-29T09:00:00Z'));
    start(clock);
    for (let i = 0; i < 30; i++) await sms(`+2547110005${String(i).padStart(2, '0')}`, `R land dispute Kondele plot ${i}`);
    clock.set(new Date('2026-11-29T15:01:00Z'));
    t.gateway.runMaintenance();
    const sent = digestsTo();
    expect(sent).toHaveLength(3);
    for (const m of sent) {
      expect(measureSms(m.text).segments).toBe(1);
      expect(m.text).toMatch(/\+\d+\./); // "… +24."
      expect(m.text).toContain(' 30 ');
    }
  });

  it('when an operator runs `digests send --now`, then what waits is queued at once and the scheduled run finds nothing left', async () => {
    const clock = createManualClock(new Date('2026-11-29T09:00:00Z'));
    start(clock);
    await sms('+254711000601', 'R land dispute Kondele over a boundary');
    const now = await runScript('scripts/cli.ts', ['digests', 'send', '--now'], { NODE_ENV: 'test', DATABASE_PATH: t.dbPath });
    expect(now.code).toBe(0);
    expect(now.output).toContain('Digests: 3 SMS to 1 committees (1 reports)');
    expect(digestsTo()).toHaveLength(3);
    expect((await runScript('scripts/cli.ts', ['digests', 'send', '--now'], { NODE_ENV: 'test', DATABASE_PATH: t.dbPath })).output).toContain('No reports waiting');
    clock.set(new Date('2026-11-29T15:01:00Z'));
    t.gateway.runMaintenance();
    expect(digestsTo()).toHaveLength(3);
  });
});

describe('the receipt says what happens next', () => {
  it('when reports come from a place with a committee (ordinary and urgent) and from one without, then each receipt says digest, alert now, or coordinators', async () => {
    const clock = createManualClock(new Date('2026-11-29T09:00:00Z'));
    start(clock);
    const reply = (phone: string) => t.gateway.services.messages.listRecent({ direction: 'out', limit: 50, reveal: true }).find((m) => m.contact === phone)!.text;
    const ordinary = await sms('+254711000701', 'R land dispute Kondele over a boundary');
    expect(reply('+254711000701')).toBe(`Your report ${ordinary} was received. The peace committee gets it in today's summary. Keep the ref ${ordinary}.`);
    const urgent = await sms('+254711000702', 'R violence Kondele youths fighting, people injured');
    expect(reply('+254711000702')).toBe(`Your report ${urgent} was received. The peace committee is being alerted now. Keep the ref ${urgent}.`);
    const nowhere = await sms('+254711000703', 'R land dispute Kajiado over a boundary'); // no committee above Kajiado
    expect(reply('+254711000703')).toBe(`Your report ${nowhere} was received. Our coordinators will review it. Keep the ref ${nowhere} to follow it up.`);
  });
});
