import { loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';
import { UssdPhone } from '../support/ussd-phone';
import { join } from 'node:path';
import request from 'supertest';
import { measureSms } from '../../src/outbox/segments';
import { loadConfig } from '../../src/config';
import { createGateway } from '../../src/gateway';
import { createManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';

let t: TestGateway;
let seq = 0;
beforeEach(() => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
  loadSampleAreas(t);
  loadSampleContacts(t);
});
afterEach(() => t.close());

async function sms(from: string, text: string): Promise<void> {
  seq += 1;
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_alert_${seq}`, networkCode: '63902' }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
}

/** Every outbound message, with the number it goes to (revealed for the test only). */
function outbound(): { to: string; text: string }[] {
  return t.gateway.services.messages
    .listRecent({ direction: 'out', limit: 500, reveal: true })
    .reverse()
    .map((m) => ({ to: m.contact, text: m.text }));
}

const KISUMU_CENTRAL = ['+254700000101', '+254700000102', '+254700000103'];

describe('rapid alerts to the committee responsible', () => {
  it('when an urgent USSD report comes from a ward, then its sub-county committee (and nobody else) gets one-segment alerts in their languages, without the reporter', async () => {
    const phone = new UssdPhone(t, '+254711000111', 'hook');
    await phone.dial();
    for (const input of ['1', '1', 'kondele', '1', '1', '1', '5', 'Youths with machetes near the stage']) await phone.send(input);
    const end = await phone.send('1');
    const ref = /ref is (\w{5})/.exec(end)![1]!;

    const alerts = outbound().filter((m) => m.to !== '+254711000111');
    expect(alerts.map((m) => m.to).sort()).toEqual(KISUMU_CENTRAL);
    expect(alerts.find((m) => m.to === '+254700000101')!.text).toBe(`HARAKA ripoti ${ref}: Vurugu Kondele. Watu hatarini. Jibu POKEA ${ref} ukiishughulikia.`);
    expect(alerts.find((m) => m.to === '+254700000102')!.text).toBe(`URGENT report ${ref}: Violence at Kondele. People hurt or in danger. Reply ACK ${ref} if you are taking it.`);
    for (const alert of alerts) {
      expect(measureSms(alert.text).segments).toBe(1);
      expect(alert.text).not.toMatch(/254711000111|0711000111|machetes/);
    }
    expect(t.gateway.db.$client.prepare('select committee_area_code, status from alerts').all()).toEqual([{ committee_area_code: 'KE-17-01', status: 'open' }]);
  });

  it('when a member acknowledges by SMS, then the alert is taken and the other members are told who took it, by name', async () => {
    await sms('+254711000111', 'Vijana wanapigana Kondele, watu wamejeruhiwa');
    const { ref } = t.gateway.db.$client.prepare('select ref from reports').get() as { ref: string };
    await sms('+254700000102', `ACK ${ref}`);
    const afterAck = outbound();
    expect(afterAck.filter((m) => m.text.includes('is taking report') || m.text.includes('anashughulikia')).map((m) => [m.to, m.text])).toEqual([
      ['+254700000101', `Peter Kamau anashughulikia ripoti ${ref}. Asanteni.`],
      ['+254700000103', `Peter Kamau anashughulikia ripoti ${ref}. Asanteni.`],
    ]);
    expect(t.gateway.db.$client.prepare('select status from alerts').pluck().all()).toEqual(['acknowledged']);
  });

  it('when the ward has no committee, then the nearest area above that has one is alerted; a report that is not urgent alerts nobody', async () => {
    await sms('+254711000111', 'fighting in Lindi, people injured');
    expect(t.gateway.db.$client.prepare('select committee_area_code from alerts').pluck().all()).toEqual(['KE-30-01']);
    await sms('+254722000222', 'R hate speech Kondele leaflets');
    expect(t.gateway.db.$client.prepare('select count(*) from alerts').pluck().get()).toBe(1);
  });

  it('when an urgent SMS report lacks its place, then the alert goes once the reporter names the place', async () => {
    await sms('+254711000111', 'violence, people hurt, urgent');
    expect(t.gateway.db.$client.prepare('select count(*) from alerts').pluck().get()).toBe(0);
    await sms('+254711000111', 'Kondele');
    expect(t.gateway.db.$client.prepare('select committee_area_code from alerts').pluck().all()).toEqual(['KE-17-01']);
  });
});

describe('the escalation ladder', () => {
  // The scheduler runs on the database with the gateway's clock: tests move the clock and run it.
  function alertRows() {
    return t.gateway.db.$client.prepare('select level, committee_area_code as area, status from alerts order by level').all();
  }

  it('when nobody acknowledges, then after the timeout the next level up gets it, once; at the top it is marked unanswered', async () => {
    await t.close();
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', ALERT_ESCALATE_MINUTES: '15' }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
    await sms('+254711000111', 'Vijana wanapigana Kondele, watu wamejeruhiwa');
    const { ref } = t.gateway.db.$client.prepare('select ref from reports').get() as { ref: string };

    clock.advance(14 * 60_000);
    t.gateway.runMaintenance();
    expect(alertRows()).toEqual([{ level: 0, area: 'KE-17-01', status: 'open' }]);

    clock.advance(2 * 60_000);
    t.gateway.runMaintenance();
    t.gateway.runMaintenance();
    expect(alertRows()).toEqual([
      { level: 0, area: 'KE-17-01', status: 'escalated' },
      { level: 1, area: 'KE-17', status: 'open' },
    ]);
    // The county committee (its chair) is next, then the national coordinator, in English.
    const urgentText = `URGENT report ${ref}: Violence at Kondele. People hurt or in danger. Reply ACK ${ref} if you are taking it.`;
    expect(outbound().filter((m) => m.to === '+254700000109').map((m) => m.text)).toEqual([urgentText]);

    clock.advance(16 * 60_000);
    t.gateway.runMaintenance();
    expect(outbound().filter((m) => m.to === '+254700000108').map((m) => m.text)).toEqual([urgentText]);
    clock.advance(16 * 60_000);
    t.gateway.runMaintenance();
    expect(alertRows()).toEqual([
      { level: 0, area: 'KE-17-01', status: 'escalated' },
      { level: 1, area: 'KE-17', status: 'escalated' },
      { level: 2, area: 'KE', status: 'unanswered' },
    ]);
  });

  it('when a member acknowledges in time, then the ladder stops', async () => {
    await t.close();
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
    await sms('+254711000111', 'fighting in Lindi, people injured');
    const { ref } = t.gateway.db.$client.prepare('select ref from reports').get() as { ref: string };
    clock.advance(5 * 60_000);
    await sms('+254700000104', `ACK ${ref}`);
    clock.advance(60 * 60_000);
    t.gateway.runMaintenance();
    expect(alertRows()).toEqual([{ level: 0, area: 'KE-30-01', status: 'acknowledged' }]);
  });

  it('when the gateway restarts in the middle of an escalation, then the step is neither lost nor repeated', async () => {
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    const dir = t.dir;
    await t.gateway.close();
    const env = { AT_WEBHOOK_TOKEN: 'hook', DATABASE_PATH: join(dir, 'shared.db'), NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    const first = createGateway(loadConfig(env), { logger: createLogger('silent'), clock });
    first.services.areas.reload();
    t = { ...t, gateway: first, http: request(first.app) } as TestGateway;
    loadSampleAreas(t);
    loadSampleContacts(t);
    await sms('+254711000111', 'Vijana wanapigana Kondele, watu wamejeruhiwa');
    clock.advance(16 * 60_000);
    await first.close(); // stopped before its scheduler ran: the step is due but not taken

    const second = createGateway(loadConfig(env), { logger: createLogger('silent'), clock });
    t = { ...t, gateway: second, http: request(second.app) } as TestGateway;
    second.runMaintenance();
    const third = createGateway(loadConfig(env), { logger: createLogger('silent'), clock });
    third.runMaintenance(); // a second process on the same file finds nothing left to do
    await third.close();
    expect(alertRows()).toEqual([
      { level: 0, area: 'KE-17-01', status: 'escalated' },
      { level: 1, area: 'KE-17', status: 'open' },
    ]);
    expect(outbound().filter((m) => m.to === '+254700000109')).toHaveLength(1);
    await second.close();
  });
});

describe('cluster rules (flows/alert-rules.yaml)', () => {
  it('when the third related report in a committee\'s area comes within the window, then the committee and the coordinators above get one cluster alert, once', async () => {
    await t.close();
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
    const clusterAlerts = () => t.gateway.db.$client.prepare("select committee_area_code as area, rule from alerts where kind = 'cluster'").all();

    await sms('+254711000111', 'R violence Kondele stones thrown');
    clock.advance(60 * 60_000);
    await sms('+254711000112', 'threats against traders in Migosi');
    await sms('+254711000113', 'R hate speech Kibera'); // another committee, another rule: does not count
    expect(clusterAlerts()).toEqual([]);
    clock.advance(60 * 60_000);
    await sms('+254711000114', 'fighting at Kisumu Central market');
    expect(clusterAlerts()).toEqual([{ area: 'KE-17-01', rule: 'violence' }]);
    const cluster = outbound().filter((m) => m.text.startsWith('CLUSTER') || m.text.startsWith('MFULULIZO'));
    expect(cluster.map((m) => m.to).sort()).toEqual([...KISUMU_CENTRAL, '+254700000108'].sort());
    expect(cluster.find((m) => m.to === '+254700000108')!.text).toMatch(/^CLUSTER: 3 reports in Kisumu Central within 24h \(Violence\)\. Latest [2-9A-HJKMNP-TW-Z]{5}\. Reply ACK/);
    for (const alert of cluster) expect(measureSms(alert.text).segments).toBe(1);

    await sms('+254711000115', 'violence again in Kondele');
    expect(clusterAlerts()).toHaveLength(1);
    clock.advance(25 * 60 * 60_000);
    for (const [i, text] of ['violence in Kondele', 'threats in Migosi', 'fighting in Kondele'].entries()) await sms(`+25471100012${i}`, text);
    expect(clusterAlerts()).toHaveLength(2);
  });
});

describe('silence watch', () => {
  it('when a monitor misses a check-in, then they get a reminder, and a day later the chair is told; a check-in starts the watch again', async () => {
    await t.close();
    const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', CHECK_IN_DAYS: '7', CHECK_IN_GRACE_HOURS: '24' }, { clock });
    loadSampleAreas(t);
    loadSampleContacts(t);
    const MONITOR = '+254700000107'; // Mary Wanjiru, Lindi (Kiswahili)
    const CHAIR = '+254700000105'; // Fatuma Hassan, chair for Kibra (Kiswahili)
    const to = (phone: string) => outbound().filter((m) => m.to === phone).map((m) => m.text);

    clock.advance(6 * 86_400_000);
    t.gateway.runMaintenance();
    expect(to(MONITOR)).toEqual([]);

    clock.advance(2 * 86_400_000);
    t.gateway.runMaintenance();
    expect(to(MONITOR)).toEqual(['Kumbusho: hujatuma taarifa ya Lindi wiki hii. Tuma SAWA kama ni shwari, au ripoti.']);

    await sms(MONITOR, 'sawa');
    expect(to(MONITOR).at(-1)).toBe('Asante. Taarifa ya Lindi imepokelewa. Ripoti chochote unachoona.');
    expect(t.gateway.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(0);

    clock.advance(8 * 86_400_000);
    t.gateway.runMaintenance();
    expect(to(MONITOR)).toHaveLength(3);
    clock.advance(25 * 3_600_000);
    t.gateway.runMaintenance();
    t.gateway.runMaintenance();
    expect(to(CHAIR)).toEqual(['Hakuna taarifa kutoka kwa Mary Wanjiru wa Lindi tangu 2026-11-28. Kimya si amani: fuatilia.']);
    expect(to('+254700000104')).toEqual([]); // a member, not the chair
  });

  it('when a monitor reports in words that nothing happened, then it is a check-in and no report', async () => {
    await t.close();
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
    loadSampleAreas(t);
    loadSampleContacts(t);
    const MONITOR = '+254700000107'; // Mary Wanjiru, Lindi (Kiswahili)
    await sms(MONITOR, 'Siku ya kura Lindi: upigaji kura ni wa amani, hakuna tukio');
    expect(outbound().filter((m) => m.to === MONITOR).map((m) => m.text).at(-1)).toBe('Asante. Taarifa ya Lindi imepokelewa. Ripoti chochote unachoona.');
    expect(t.gateway.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(0);
    // Good news of a land quarrel settled is no report either.
    await sms(MONITOR, 'habari njema: wazee wa Lindi wamepatana kuhusu mpaka wa shamba');
    expect(outbound().filter((m) => m.to === MONITOR).map((m) => m.text)).toEqual(['Asante. Taarifa ya Lindi imepokelewa. Ripoti chochote unachoona.']);
    expect(t.gateway.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(0);
    // Something urgent in the same words is a report; so is a threat ("the agent was threatened").
    await sms(MONITOR, 'hakuna tukio la kura lakini mtu amepigwa risasi Lindi');
    expect(t.gateway.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(1);
    await sms(MONITOR, 'Lindi: no incidents at the polling station but our agent was threatened');
    expect(t.gateway.db.$client.prepare('select category from reports').pluck().all()).toEqual(expect.arrayContaining(['threat']));
    expect(t.gateway.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(2);
  });

  it('when someone who is not a monitor sends OK, then it is an ordinary message', async () => {
    await sms('+254711000111', 'OK');
    expect(t.gateway.db.$client.prepare('select count(*) from reports').pluck().get()).toBe(1);
  });
});
