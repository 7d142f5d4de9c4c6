import { importContactsCsv } from '../../src/contacts/contact-import';
import { createManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Reports that came before their area had a committee: on the triage list, whenever they came, and
 * urgent ones of the last day alerted as soon as a committee is imported.
 */
const ADMIN = 'bootstrap-admin-token-0123456789';
let t: TestGateway;
let seq = 0;
const clock = createManualClock(new Date('2026-11-29T06:00:00Z'));
afterEach(() => t.close());

async function sms(from: string, text: string): Promise<string> {
  seq += 1;
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_late_${seq}` }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
  return t.gateway.db.$client.prepare('select ref from reports order by created_at desc limit 1').pluck().get() as string;
}
const triage = async () => ((await t.http.get('/api/triage').set('authorization', `Bearer ${ADMIN}`)).body.items as { ref: string }[]).map((r) => r.ref);
const alertsTo = (phone: string) =>
  t.gateway.services.messages.listRecent({ direction: 'out', limit: 200, reveal: true }).filter((m) => m.contact === phone && /URGENT|HARAKA/.test(m.text));

describe('a committee imported after its reports came', () => {
  it('when urgent reports came to Kajiado before it had a committee, then they are on triage; once one is imported, those of the last 24 h alert it and leave triage, an older one stays', async () => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', BOOTSTRAP_ADMIN_TOKEN: ADMIN }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
    const old = await sms('+254711000301', 'R violence Kajiado youths fighting, people injured');
    clock.advance(30 * 3_600_000);
    const recent = await sms('+254711000302', 'R violence Kajiado Central, houses burning, people injured');
    const ordinary = await sms('+254711000303', 'R land dispute Kajiado over a boundary');
    t.gateway.runMaintenance();
    expect(await triage()).toEqual(expect.arrayContaining([old, recent, ordinary]));

    importContactsCsv(t.gateway.db, t.gateway.services.contacts, 'KE', 'phone,name,role,area_code,language\n+254700000901,Naserian Sankale,chair,KE-10,en\n');
    clock.advance(20_000);
    t.gateway.runMaintenance();
    const alerts = alertsTo('+254700000901');
    expect(alerts.map((m) => m.text)).toEqual([expect.stringContaining(recent)]);
    const list = await triage();
    expect(list).toContain(old); // older than a day: never alerted, a coordinator must look at it
    expect(list).not.toContain(recent);
    expect(list).not.toContain(ordinary); // the committee receives it now (its digest)
    // Once only.
    t.gateway.runMaintenance();
    expect(alertsTo('+254700000901')).toHaveLength(1);
    expect(countRows(t, "select count(*) from alerts where kind = 'urgent' and level = 0")).toBe(1);
  });
});
