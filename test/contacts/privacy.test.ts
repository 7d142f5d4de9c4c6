import { readFileSync, existsSync } from 'node:fs';
import { parseAddress } from '../../src/contacts/phone-number';
import { createPhoneVault } from '../../src/contacts/phone-vault';
import { formField, loadFixture } from '../support/fixtures';
import { seedSentMessage, startTestGateway } from '../support/test-gateway';

/** Every way a number may appear in clear: E.164, without +, local (07…) and the bare subscriber digits. */
function numberForms(phone: string): string[] {
  const digits = phone.replace(/^\+/, '');
  const forms = [phone, digits, digits.slice(-9)];
  if (digits.startsWith('254')) forms.push(`0${digits.slice(3)}`);
  return forms;
}

describe('confidentiality at rest and in logs', () => {
  it('when every fixture has been replayed and every reply dispatched, then neither the database file nor the logs hold a number or a text in clear', async () => {
    const files = [
      loadFixture('africastalking', 'africastalking-sms'),
      loadFixture('africastalking', 'africastalking-delivery'),
      loadFixture('twilio', 'twilio-sms'),
      loadFixture('twilio', 'twilio-status'),
    ];
    const t = startTestGateway(files[0]!.env);
    const phones = new Set<string>();
    const texts = new Set<string>();
    try {
      seedSentMessage(t, '+254711000111', 'africastalking', 'ATXid_03cb5ecf11ce748794c0f9a85c276259');
      for (const file of files) {
        for (const c of file.cases) {
          for (const name of ['from', 'From', 'phoneNumber', 'To']) {
            const value = formField(c.body, name);
            const address = value ? parseAddress(value, 'KE') : null;
            if (address?.kind === 'mobile' && !address.value.startsWith('+2547001')) phones.add(address.value);
          }
          for (const name of ['text', 'Body']) {
            const value = formField(c.body, name);
            if (value && value.length > 4) texts.add(value);
          }
          await t.http.post(c.path).set(c.headers).send(c.body);
        }
      }
      await t.gateway.services.dispatcher.runOnce();
      t.gateway.db.$client.pragma('wal_checkpoint(TRUNCATE)');

      expect(phones.size).toBeGreaterThanOrEqual(4);
      expect(texts.size).toBeGreaterThanOrEqual(5);
      const stored = [t.dbPath, `${t.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
      const storedUtf8 = [t.dbPath, `${t.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8')).join('\n');
      const logs = t.logs.join('\n');
      expect(logs.length).toBeGreaterThan(1000);
      for (const phone of phones) {
        for (const form of numberForms(phone)) {
          expect(stored).not.toContain(form);
          expect(logs).not.toContain(form);
        }
      }
      for (const text of texts) {
        expect(storedUtf8).not.toContain(text);
        expect(logs).not.toContain(text);
        // a distinctive fragment, in case a text were stored cut or re-encoded
        const fragment = text.slice(0, 12);
        expect(storedUtf8).not.toContain(fragment);
        expect(logs).not.toContain(fragment);
      }
      expect(logs).not.toContain('at-hook-5e1b9c');
      expect(logs).not.toContain(files[0]!.env.TWILIO_AUTH_TOKEN);
    } finally {
      await t.close();
    }
  });
});

describe('the phone vault', () => {
  const vault = createPhoneVault(Buffer.alloc(32, 3).toString('base64'));

  it('when a number is sealed twice, then the ciphertexts differ but both open to the number', () => {
    const a = vault.encrypt('+254711000111');
    const b = vault.encrypt('+254711000111');
    expect(a).not.toBe(b);
    expect(vault.decrypt(a)).toBe('+254711000111');
    expect(vault.decrypt(b)).toBe('+254711000111');
  });

  it('when a sealed value is tampered with, then it does not open', () => {
    const sealed = vault.encrypt('+254711000111');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('+254799999999').toString('base64url');
    expect(() => vault.decrypt(parts.join('.'))).toThrow();
  });

  it('when pseudonyms are made, then they are stable per number, keyed, and free of look-alike characters', () => {
    const p = vault.pseudonym('+254711000111');
    expect(p).toMatch(/^C-[2-9A-HJKMNP-TW-Z]{5}$/);
    expect(vault.pseudonym('+254711000111')).toBe(p);
    expect(createPhoneVault(Buffer.alloc(32, 4).toString('base64')).pseudonym('+254711000111')).not.toBe(p);
  });
});

describe('the reporter-disclosure check every test gateway runs as it closes', () => {
  it('when an outbound message to someone else would carry a reporter\'s number, then closing the gateway fails', async () => {
    const t = startTestGateway();
    const { contact: reporter } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254711000111' });
    const { contact: member } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254722000222' });
    t.gateway.services.reports.create({ source: 'api', status: 'new', language: 'en', reporterContactId: reporter.id, receipt: false });
    t.gateway.services.outbox.enqueue({ contactId: member.id, text: 'Call the reporter on 0711000111' });
    await expect(t.close()).rejects.toThrow('discloses a reporter');
    await t.gateway.close();
  });
});
