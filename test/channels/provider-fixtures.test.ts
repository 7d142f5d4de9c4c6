import { parseAddress } from '../../src/contacts/phone-number';
import { formField, loadFixture, type FixtureCase } from '../support/fixtures';
import { contactOptedOut, countRows, seedSentMessage, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Every case of the shared provider fixtures, replayed in order through the real app and a real
 * migrated SQLite file, checked against what its `expect` says.
 */
const FILES = [
  { provider: 'africastalking', name: 'africastalking-sms', from: 'from' },
  { provider: 'africastalking', name: 'africastalking-delivery', from: 'phoneNumber' },
  { provider: 'twilio', name: 'twilio-sms', from: 'From' },
  { provider: 'twilio', name: 'twilio-status', from: 'To' },
] as const;

/** Delivery fixtures refer to messages we sent earlier: create them first, as the dispatcher would have. */
function seedOutboundFor(t: TestGateway, provider: 'africastalking' | 'twilio', cases: FixtureCase[]) {
  const seen = new Set<string>();
  for (const c of cases) {
    const id = formField(c.body, provider === 'twilio' ? 'MessageSid' : 'id');
    const phone = formField(c.body, provider === 'twilio' ? 'To' : 'phoneNumber');
    if (!id || !phone || seen.has(id) || id.includes('unknown')) continue;
    seen.add(id);
    seedSentMessage(t, phone, provider, id);
  }
}

function inboundCount(t: TestGateway): number {
  return countRows(t, "select count(*) from messages where direction = 'in'");
}

function outboundCountFor(t: TestGateway, from: string): number {
  const address = parseAddress(from, 'KE');
  const contact = address && t.gateway.services.contacts.findByAddress(address);
  if (!contact) return 0;
  return countRows(t, "select count(*) from messages where direction = 'out' and contact_id = ?", contact.id);
}

describe.each(FILES)('$name fixtures through the real app', ({ provider, name, from }) => {
  const fixture = loadFixture(provider, name);
  let t: TestGateway;

  beforeAll(() => {
    t = startTestGateway(fixture.env);
    if (name.endsWith('delivery') || name.endsWith('status')) seedOutboundFor(t, provider, fixture.cases);
  });
  afterAll(() => t.close());

  // The cases are a sequence (a duplicate follows its original), so they run in file order.
  it.each(fixture.cases.map((c) => [c.name, c] as const))('when %s, then the gateway answers as the provider expects', async (_name, c) => {
    const storedBefore = inboundCount(t);
    const sender = formField(c.body, from);
    const outboundBefore = sender ? outboundCountFor(t, sender) : 0;

    const response = await t.http.post(c.path).set(c.headers).send(c.body);

    const statuses = Array.isArray(c.expect.status) ? c.expect.status : [c.expect.status];
    expect(statuses).toContain(response.status);
    expect(response.status).toBeLessThan(500);
    if (c.expect.contentType) expect(response.headers['content-type']).toContain(c.expect.contentType);
    if (c.expect.bodyStartsWith) expect(response.text.startsWith(c.expect.bodyStartsWith)).toBe(true);
    if (c.expect.stored !== undefined) expect(inboundCount(t) - storedBefore).toBe(c.expect.stored);
    if (response.status >= 400) expect(inboundCount(t)).toBe(storedBefore);
    if (c.expect.optedOut !== undefined) {
      const phone = formField(c.body, from)!;
      expect(contactOptedOut(t, phone)).toBe(c.expect.optedOut);
    }
    if (c.expect.autoReply === false) expect(outboundCountFor(t, sender!)).toBe(outboundBefore);
    if (c.expect.messageStatus) {
      const id = formField(c.body, provider === 'twilio' ? 'MessageSid' : 'id');
      const row = t.gateway.db.$client
        .prepare("select status, failure_retryable from messages where direction = 'out' and provider_message_id = ?")
        .get(id) as { status: string; failure_retryable: number | null };
      expect(row.status).toBe(c.expect.messageStatus);
      if (c.expect.retryable !== undefined) expect(row.failure_retryable === 1).toBe(c.expect.retryable);
    }
  });
});

describe('Twilio inbound reply', () => {
  it('when a signed SMS report arrives, then the reply comes back in-band as TwiML and is recorded as sent', async () => {
    const fixture = loadFixture('twilio', 'twilio-sms');
    const t = startTestGateway(fixture.env);
    try {
      const signed = fixture.cases[0]!;
      const response = await t.http.post(signed.path).set(signed.headers).send(signed.body);
      expect(response.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Report [2-9A-HJKMNP-TW-Z]{5} received\. .+<\/Message><\/Response>$/);
      expect(countRows(t, "select count(*) from messages where direction = 'out' and status = 'sent' and provider = 'twilio'")).toBe(1);
    } finally {
      await t.close();
    }
  });
});
