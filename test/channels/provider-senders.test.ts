import nock from 'nock';
import twilio from 'twilio';
import { createAtSender } from '../../src/channels/africastalking/at-sender';
import type { SendOutcome } from '../../src/channels/channel-types';
import { createTwilioSender } from '../../src/channels/twilio/twilio-sender';

afterEach(() => nock.cleanAll());

function failure(outcome: SendOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome)}`);
  return outcome.error;
}

describe("Africa's Talking sender, SDK intercepted at api.africastalking.com", () => {
  const sender = createAtSender({ username: 'peacegw', apiKey: 'at-key-123', senderId: 'AMANI' });
  const recipients = [
    { messageId: 'm1', to: '+254711000111' },
    { messageId: 'm2', to: '+254722000222' },
    { messageId: 'm3', to: '+254733000333' },
    { messageId: 'm4', to: '+254744000444' },
  ];

  it('when sending one text to several numbers, then one bulk request carries all of them with enqueue=1 and each result is mapped', async () => {
    let sentBody: URLSearchParams | undefined;
    let apiKey: string | undefined;
    nock('https://api.africastalking.com')
      .post('/version1/messaging', (body) => {
        sentBody = new URLSearchParams(body as string);
        return true;
      })
      .reply(function () {
        apiKey = this.req.headers['apikey'] as string;
        return [
          201,
          {
            SMSMessageData: {
              Message: 'Sent to 1/4',
              Recipients: [
                { statusCode: 101, status: 'Success', number: '+254711000111', messageId: 'ATXid_1', cost: 'KES 0.8000' },
                { statusCode: 403, status: 'InvalidPhoneNumber', number: '+254722000222', messageId: 'None', cost: '0' },
                { statusCode: 406, status: 'UserInBlacklist', number: '+254733000333', messageId: 'None', cost: '0' },
                { statusCode: 500, status: 'InternalServerError', number: '+254744000444', messageId: 'None', cost: '0' },
              ],
            },
          },
        ];
      });

    const outcomes = await sender.send('Amani kwa wote', recipients);

    expect(apiKey).toBe('at-key-123');
    expect(sentBody?.get('username')).toBe('peacegw');
    expect(sentBody?.get('to')).toBe('+254711000111,+254722000222,+254733000333,+254744000444');
    expect(sentBody?.get('message')).toBe('Amani kwa wote');
    expect(sentBody?.get('from')).toBe('AMANI');
    expect(sentBody?.get('bulkSMSMode')).toBe('1');
    expect(sentBody?.get('enqueue')).toBe('1');

    expect(outcomes[0]).toEqual({ messageId: 'm1', ok: true, providerMessageId: 'ATXid_1', providerStatus: 'Success' });
    expect(failure(outcomes[1])).toMatchObject({ code: 'at_403', retryable: false, optedOut: false });
    expect(failure(outcomes[2])).toMatchObject({ code: 'at_406', retryable: false, optedOut: true });
    expect(failure(outcomes[3])).toMatchObject({ code: 'at_500', retryable: true, optedOut: false });
  });

  it('when the credentials are wrong (HTTP 401), then every recipient fails with a non-retryable auth error', async () => {
    nock('https://api.africastalking.com').post('/version1/messaging').reply(401, 'The supplied authentication is invalid');
    const outcomes = await sender.send('hello', recipients.slice(0, 2));
    expect(outcomes.map((o) => failure(o))).toEqual([
      expect.objectContaining({ code: 'auth', retryable: false }),
      expect.objectContaining({ code: 'auth', retryable: false }),
    ]);
  });

  it.each([429, 502, 503])('when the API answers HTTP %i, then the send is retryable', async (status) => {
    nock('https://api.africastalking.com').post('/version1/messaging').reply(status, 'busy');
    const [outcome] = await sender.send('hello', recipients.slice(0, 1));
    expect(failure(outcome)).toMatchObject({ retryable: true, optedOut: false });
  });

  it('when the network fails, then the send is retryable', async () => {
    nock('https://api.africastalking.com').post('/version1/messaging').replyWithError('socket hang up');
    const [outcome] = await sender.send('hello', recipients.slice(0, 1));
    expect(failure(outcome)).toMatchObject({ code: 'network', retryable: true });
  });
});

describe('Twilio sender, SDK intercepted at api.twilio.com', () => {
  const sid = 'AC11111111111111111111111111111111';
  const sender = createTwilioSender({
    accountSid: sid,
    authToken: 'token-abc',
    from: '+254700123456',
    statusCallback: 'https://gateway.example.org/webhooks/twilio/status',
    keepAlive: false,
  });
  const path = `/2010-04-01/Accounts/${sid}/Messages.json`;

  it('when sending, then one request per recipient carries To, From, Body and the status callback', async () => {
    const bodies: URLSearchParams[] = [];
    nock('https://api.twilio.com')
      .post(path, (body) => {
        bodies.push(new URLSearchParams(body as string));
        return true;
      })
      .times(2)
      .reply(201, (_uri, body) => ({ sid: `SM${bodies.length}`, status: 'queued', to: new URLSearchParams(body as string).get('To') }));

    const outcomes = await sender.send('Тынчтык', [
      { messageId: 'a', to: '+996555123456' },
      { messageId: 'b', to: '+254711000111' },
    ]);

    expect(bodies.map((b) => b.get('To'))).toEqual(['+996555123456', '+254711000111']);
    expect(bodies[0]!.get('From')).toBe('+254700123456');
    expect(bodies[0]!.get('Body')).toBe('Тынчтык');
    expect(bodies[0]!.get('StatusCallback')).toBe('https://gateway.example.org/webhooks/twilio/status');
    expect(outcomes).toEqual([
      { messageId: 'a', ok: true, providerMessageId: 'SM1', providerStatus: 'queued' },
      { messageId: 'b', ok: true, providerMessageId: 'SM2', providerStatus: 'queued' },
    ]);
  });

  it.each([
    [400, 21610, { retryable: false, optedOut: true }],
    [400, 21211, { retryable: false, optedOut: false }],
    [429, 20429, { retryable: true, optedOut: false }],
    [500, 20500, { retryable: true, optedOut: false }],
    [503, 20503, { retryable: true, optedOut: false }],
  ])('when Twilio answers HTTP %i with error %i, then the send error says %j', async (status, code, decision) => {
    nock('https://api.twilio.com').post(path).reply(status, { status, code, message: `error ${code}`, more_info: 'https://www.twilio.com/docs/errors' });
    const [outcome] = await sender.send('hello', [{ messageId: 'x', to: '+254711000111' }]);
    expect(failure(outcome)).toMatchObject(decision);
  });
});

describe('X-Twilio-Signature', () => {
  it('when checked against the SDK test vector from PROTOCOLS.md, then it validates', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    expect(twilio.validateRequest('12345', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', url, params)).toBe(true);
    expect(twilio.validateRequest('12345', 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', url, { ...params, Digits: '1235' })).toBe(false);
  });
});
