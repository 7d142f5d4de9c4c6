import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../../src/lib/clock';
import { RESUME_WINDOW_MS } from '../../src/ussd/ussd-service';
import { runScript, startChildGateway } from '../support/child-gateway';
import { UssdPhone } from '../support/ussd-phone';
import { countRows, loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

const PHRASE = 'Quintessa zebra gathering behind the granary';

/** Every file of the database (the main file, its WAL and shared memory) as text, to search. */
function databaseFiles(dbPath: string): { file: string; text: string }[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter((f) => existsSync(f)).map((file) => ({ file, text: readFileSync(file).toString('latin1') }));
}

describe('nothing in clear', () => {
  it('when a USSD report carries a distinctive phrase, then neither the database, its WAL nor the logs hold it, and the files are readable by their owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidential-'));
    const dbPath = join(dir, 'gateway.db');
    expect((await runScript('scripts/cli.ts', ['import', 'areas', 'scripts/sample-data/areas-kenya.csv'], { DATABASE_PATH: dbPath })).code).toBe(0);
    const gateway = await startChildGateway({ DATABASE_PATH: dbPath, LOG_LEVEL: 'debug' });
    try {
      const session = await runScript('scripts/simulate-ussd.ts', ['--url', gateway.url, '--phone', '0711222333', '--script', `1,1,kibera,1,1,1,3,${PHRASE},1`]);
      expect(session.code).toBe(0);
      expect(session.output).toMatch(/Your report ref is [2-9A-HJKMNP-TW-Z]{5}\./);

      const running = databaseFiles(dbPath);
      expect(running.map((f) => f.file)).toContain(`${dbPath}-wal`);
      for (const { file, text } of running) {
        expect({ file, found: text.includes('Quintessa') }).toEqual({ file, found: false });
        expect({ file, found: text.includes('711222333') }).toEqual({ file, found: false });
      }
      for (const file of [dbPath, `${dbPath}-wal`]) expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    } finally {
      gateway.process.kill('SIGTERM');
      expect(await gateway.exited).toBe(0);
    }
    for (const { file, text } of databaseFiles(dbPath)) expect({ file, found: text.includes('Quintessa') }).toEqual({ file, found: false });
    expect(gateway.output()).toContain('"url":"/webhooks/africastalking/ussd"'); // the log did see the hops…
    expect(gateway.output()).not.toContain('Quintessa'); // …never what was typed
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('when the resume window of a USSD session is over, then the session (what the caller typed) is deleted; a draft still resumable is kept until then', async () => {
    const clock = createManualClock(new Date('2026-11-29T08:00:00Z'));
    const t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' }, { clock });
    try {
      loadSampleAreas(t);
      const done = new UssdPhone(t, '+254711222333', 'hook');
      await done.dial();
      for (const input of ['1', '1', 'kibera', '1', '1', '1', '3', PHRASE, '1']) await done.send(input);
      const dropped = new UssdPhone(t, '+254722333444', 'hook');
      await dropped.dial();
      for (const input of ['1', '1', 'kibera']) await dropped.send(input);
      expect(countRows(t, 'select count(*) from ussd_sessions')).toBe(2);

      clock.advance(RESUME_WINDOW_MS - 60_000);
      t.gateway.runMaintenance();
      expect(countRows(t, 'select count(*) from ussd_sessions')).toBe(2);

      clock.advance(120_000);
      t.gateway.runMaintenance(); // the dropped draft becomes an incomplete report, then both go
      expect(countRows(t, 'select count(*) from ussd_sessions')).toBe(0);
      expect(countRows(t, "select count(*) from reports where status = 'incomplete'")).toBe(1);
    } finally {
      await t.close();
    }
  });
});

describe('erasure on request', () => {
  const ADMIN = 'national-admin-token-0123456789';
  const REPORTER = '+254711000555';
  let t: TestGateway;
  afterEach(() => t.close());

  async function sms(from: string, text: string, id: string) {
    const body = new URLSearchParams({ from, to: '21525', text, id }).toString();
    expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
    await t.gateway.services.dispatcher.runOnce();
  }

  /** Every sealed value left in the database, decrypted: what a thief with the key could read. */
  function everythingReadable(): string {
    const v = t.gateway.services.vault;
    const sealed = t.gateway.db.$client
      .prepare(
        `select phone_enc from contacts union all select text_enc from messages union all select reply_parts_enc from messages where reply_parts_enc is not null
         union all select description_enc from reports where description_enc is not null union all select note_enc from report_notes
         union all select state_enc from ussd_sessions union all select last_response_enc from ussd_sessions`,
      )
      .pluck()
      .all() as string[];
    const plain = t.gateway.db.$client.prepare("select group_concat(coalesce(detail, '') || ' ' || coalesce(subject, ''), ' ') from audit_log").pluck().get() as string;
    return sealed.map((s) => v.decrypt(s)).join('\n') + plain;
  }

  it('when an admin erases a reporter, then their number and every text they wrote or received are gone, their reports stay as category, area and time, and the audit says so without the number', async () => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', BOOTSTRAP_ADMIN_TOKEN: ADMIN });
    loadSampleAreas(t);
    loadSampleContacts(t);
    await sms(REPORTER, 'Vijana wanapigana Kondele, watu wamejeruhiwa karibu na duka la Mama Zawadi', 'ATXid_erase_1');
    await sms(REPORTER, 'Mzozo wa ardhi Kibera kati ya familia ya Otieno', 'ATXid_erase_2');
    const ussd = new UssdPhone(t, REPORTER, 'hook');
    await ussd.dial();
    for (const input of ['1', '1', 'kibera', '1', '1', '1', '3', PHRASE, '1']) await ussd.send(input);
    const other = '+254722000666';
    await sms(other, 'Chuki mtandaoni dhidi ya jamii Lindi', 'ATXid_erase_3');
    const before = everythingReadable();
    expect(before).toContain('Mama Zawadi');
    expect(before).toContain(REPORTER);

    const contact = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: REPORTER })!;
    const reportsBefore = t.gateway.db.$client.prepare('select ref, category, area_code, created_at from reports where reporter_contact_id = ? order by ref').all(contact.id);
    expect(reportsBefore).toHaveLength(3);

    // An area admin cannot (the reporter has no place); a national admin can.
    const kisumuAdmin = t.gateway.services.tokens.create({ name: 'kisumu admin', role: 'admin', areaCode: 'KE-42' }).token;
    expect((await t.http.delete(`/api/contacts/${contact.pseudonym}`).set('authorization', `Bearer ${kisumuAdmin}`)).status).toBe(404);
    const coordinator = t.gateway.services.tokens.create({ name: 'coordinator', role: 'coordinator' }).token;
    expect((await t.http.delete(`/api/contacts/${contact.pseudonym}`).set('authorization', `Bearer ${coordinator}`)).status).toBe(403);
    const erased = await t.http.delete(`/api/contacts/${contact.pseudonym}`).set('authorization', `Bearer ${ADMIN}`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, formerPseudonym: contact.pseudonym, reports: 3 });
    expect((await t.http.delete(`/api/contacts/${contact.pseudonym}`).set('authorization', `Bearer ${ADMIN}`)).status).toBe(404); // a replay changes nothing

    const after = everythingReadable();
    for (const gone of [REPORTER, '711000555', 'Mama Zawadi', 'Otieno', 'Quintessa', contact.pseudonym]) expect({ gone, found: after.includes(gone) }).toEqual({ gone, found: false });
    expect(after).toContain('Chuki mtandaoni'); // someone else's text stays
    const reportsAfter = t.gateway.db.$client.prepare("select ref, category, area_code, created_at from reports where erased_at is not null and description_enc is null and reporter_contact_id is null order by ref").all();
    expect(reportsAfter).toEqual(reportsBefore);
    const shown = await t.http.get(`/api/reports/${(reportsBefore[0] as { ref: string }).ref}`).set('authorization', `Bearer ${ADMIN}`);
    expect(shown.body).toMatchObject({ erased: true, description: null, reporter: null });
    expect(t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: REPORTER })).toBeUndefined();
    const audit = t.gateway.db.$client.prepare("select actor, subject, detail from audit_log where action = 'contact_erase'").all();
    expect(audit).toEqual([{ actor: 'bootstrap admin', subject: erased.body.pseudonym, detail: expect.stringContaining('3 reports kept without their text') }]);
    // The person writing again is a new contact with no history (the pseudonym, derived from the
    // number, is the same: erasure does not make a returning number a stranger to its own key).
    await sms(REPORTER, 'Habari', 'ATXid_erase_4');
    const returning = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: REPORTER })!;
    expect(returning.id).not.toBe(contact.id);
    expect(countRows(t, 'select count(*) from messages where contact_id = ?', returning.id)).toBe(2);
    expect(countRows(t, 'select count(*) from reports where reporter_contact_id = ?', returning.id)).toBe(1); // only "Habari"
  });

  it('when a committee member who left notes is erased, then their notes are gone too; the report keeps its status', async () => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', BOOTSTRAP_ADMIN_TOKEN: ADMIN });
    loadSampleAreas(t);
    loadSampleContacts(t);
    await sms(REPORTER, 'R violence Kondele youths fighting, people injured', 'ATXid_note_1');
    const ref = t.gateway.db.$client.prepare('select ref from reports').pluck().get() as string;
    const MEMBER = '+254700000102'; // Peter Kamau, Kisumu Central
    await sms(MEMBER, `RESOLVE ${ref} met the elders at Mzee Onyango's compound`, 'ATXid_note_2');
    expect(everythingReadable()).toContain("Mzee Onyango's compound");

    const member = t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: MEMBER })!;
    expect((await t.http.delete(`/api/contacts/${member.pseudonym}`).set('authorization', `Bearer ${ADMIN}`)).body).toMatchObject({ erased: true, notes: 1 });
    expect(everythingReadable()).not.toContain('Onyango');
    expect(t.gateway.db.$client.prepare('select status from reports where ref = ?').pluck().get(ref)).toBe('resolved');
  });

  it('when an operator erases by number from the CLI, then the same happens; an unknown number is said so', async () => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
    loadSampleAreas(t);
    await sms(REPORTER, 'Mzozo wa ardhi Kibera kati ya familia ya Otieno', 'ATXid_cli_1');
    const env = { NODE_ENV: 'test', DATABASE_PATH: t.dbPath };
    const unknown = await runScript('scripts/cli.ts', ['contacts', 'erase', '0799000000', '--yes'], env);
    expect(unknown).toMatchObject({ code: 1, output: expect.stringContaining('No contact with that number') });
    const noAnswer = await runScript('scripts/cli.ts', ['contacts', 'erase', '0711000555'], env);
    expect(noAnswer).toMatchObject({ code: 64, output: expect.stringContaining('add --yes') });
    const done = await runScript('scripts/cli.ts', ['contacts', 'erase', '0711000555', '--yes'], env);
    expect(done.code).toBe(0);
    expect(done.output).toMatch(/Erased C-\w+ \(now X-\w+\): 2 messages without text .* 1 reports kept without text/);
    expect(everythingReadable()).not.toContain('Otieno');
  });
});

describe('retention', () => {
  it('when RETENTION_DAYS is set, then once a day the texts of older messages are purged (rows stay), newer ones and unsent ones are kept', async () => {
    const clock = createManualClock(new Date('2026-10-01T08:00:00Z'));
    const t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', RETENTION_DAYS: '30' }, { clock });
    try {
      loadSampleAreas(t);
      const sms = async (text: string, id: string) => {
        const body = new URLSearchParams({ from: '+254711000777', to: '21525', text, id }).toString();
        expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
      };
      await sms('Old message about the Kondele land dispute', 'ATXid_ret_1');
      await t.gateway.services.dispatcher.runOnce(); // its reply is sent
      const { contact } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254722000888' });
      t.gateway.services.outbox.enqueue({ contactId: contact.id, text: 'Still waiting to be sent' }); // not handed over yet
      clock.advance(31 * 86_400_000);
      await sms('New message about Kibera', 'ATXid_ret_2');

      t.gateway.runMaintenance();
      const texts = t.gateway.services.messages.listRecent({ limit: 50, reveal: false }).map((m) => m.text);
      expect(texts).toEqual(expect.arrayContaining(['New message about Kibera', 'Still waiting to be sent', '']));
      expect(texts.join('\n')).not.toContain('Kondele land');
      expect(countRows(t, 'select count(*) from messages')).toBe(texts.length); // rows stay
      expect(countRows(t, "select count(*) from reports where description_enc is not null")).toBe(2); // descriptions stay
    } finally {
      await t.close();
    }
  });
});
