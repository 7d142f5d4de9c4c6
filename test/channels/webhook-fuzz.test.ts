import fc from 'fast-check';
import { countRows, startTestGateway, type TestGateway } from '../support/test-gateway';

const ROUTES = [
  '/webhooks/africastalking/sms?token=hook',
  '/webhooks/africastalking/delivery?token=hook',
  '/webhooks/twilio/sms',
  '/webhooks/twilio/status',
];

/** Field names the providers use, plus noise, so the bodies reach the parsers and not only the validators. */
const fieldName = fc.oneof(
  fc.constantFrom('from', 'to', 'text', 'id', 'date', 'status', 'phoneNumber', 'failureReason', 'From', 'To', 'Body', 'MessageSid', 'MessageStatus', 'ErrorCode'),
  fc.string({ maxLength: 12 }),
);
const fieldValue = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('+254711000111', '0711000111', '40404', 'SAFARICOM', '', '%', '%E0%A4%A', '+', 'Success', 'Failed', 'delivered', '21610', 'STOP', 'СТОП'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const formBody = fc.oneof(
  fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 12 }).map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const contentType = fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'application/json', 'text/plain', 'multipart/form-data');

describe('random bodies at every webhook', () => {
  let t: TestGateway;
  beforeAll(() => {
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
  });
  afterAll(() => t.close());

  it('when any body of any type is posted, then the answer is never a 5xx and the gateway stays healthy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), formBody, contentType, async (route, body, type) => {
        const response = await t.http.post(route).set('content-type', type).send(body);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    expect((await t.http.get('/healthz')).status).toBe(200);
    // Whatever the noise queued (a reply to a body that happened to be a valid SMS) is sent, not stuck.
    const queued = countRows(t, "select count(*) from messages where direction = 'out' and status = 'queued'");
    await expect(t.gateway.services.dispatcher.runOnce()).resolves.toBe(queued);
    expect(countRows(t, "select count(*) from messages where direction = 'out' and status in ('queued', 'sending')")).toBe(0);
  });
});
