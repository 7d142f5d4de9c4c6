import twilio from 'twilio';
import { countRows, startTestGateway, type TestGateway } from '../support/test-gateway';

/**
 * Every webhook route × every way of configuring the providers × no, wrong and right credentials:
 * only authenticated requests to a configured provider are stored or answered. A provider whose
 * credential is not set has no door at all (404).
 */
const AT_TOKEN = 'at-webhook-token-0123456789abcdef';
const TWILIO_TOKEN = 'twilio-auth-token-for-tests';
const PUBLIC_URL = 'https://gateway.example.org';

const SETUPS = {
  "Africa's Talking only": {
    env: { SMS_PROVIDER: 'africastalking', AT_USERNAME: 'peacegw', AT_API_KEY: 'key', AT_WEBHOOK_TOKEN: AT_TOKEN },
    doors: { africastalking: 'token', twilio: 'closed' },
  },
  'Twilio only': {
    env: { SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'ACtest', TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_FROM: '+15005550006' },
    doors: { africastalking: 'closed', twilio: 'signed' },
  },
  'console with AT_WEBHOOK_TOKEN': {
    env: { SMS_PROVIDER: 'console', AT_WEBHOOK_TOKEN: AT_TOKEN },
    doors: { africastalking: 'token', twilio: 'closed' },
  },
  'console in development without a token (the simulators)': {
    env: { NODE_ENV: 'development', SMS_PROVIDER: 'console' },
    doors: { africastalking: 'open', twilio: 'closed' },
  },
  "Africa's Talking in development without a token": {
    env: { NODE_ENV: 'development', SMS_PROVIDER: 'africastalking', AT_USERNAME: 'peacegw', AT_API_KEY: 'key' },
    doors: { africastalking: 'closed', twilio: 'closed' },
  },
} as const;

type Credential = 'none' | 'wrong' | 'right';
let seq = 0;

interface Route {
  provider: 'africastalking' | 'twilio';
  path: string;
  body: () => Record<string, string>;
  /** What "stored or answered" means on this route. */
  effect: (t: TestGateway) => number;
}

const inbound = (t: TestGateway) => countRows(t, "select count(*) from messages where direction = 'in'");
const ussdSessions = (t: TestGateway) => countRows(t, 'select count(*) from ussd_sessions');
const deliveries = (t: TestGateway) => countRows(t, "select count(*) from messages where direction = 'out' and status = 'delivered'");

const ROUTES: Route[] = [
  { provider: 'africastalking', path: '/webhooks/africastalking/sms', body: () => ({ from: '+254711000111', to: '21525', text: 'Fighting at Kondele market', id: `ATXid_door_${++seq}` }), effect: inbound },
  { provider: 'africastalking', path: '/webhooks/africastalking/delivery', body: () => ({ id: 'ATXid_sent_1', status: 'Success', phoneNumber: '+254711000222' }), effect: deliveries },
  { provider: 'africastalking', path: '/webhooks/africastalking/ussd', body: () => ({ sessionId: `ATUid_door_${++seq}`, serviceCode: '*384*7#', phoneNumber: '+254711000111', text: '' }), effect: ussdSessions },
  { provider: 'africastalking', path: '/webhooks/africastalking/ussd/events', body: () => ({ sessionId: 'ATUid_none', status: 'Success' }), effect: () => 0 },
  { provider: 'twilio', path: '/webhooks/twilio/sms', body: () => ({ From: '+254711000111', To: '+15005550006', Body: 'Fighting at Kondele market', MessageSid: `SM${String(++seq).padStart(32, '0')}` }), effect: inbound },
  { provider: 'twilio', path: '/webhooks/twilio/status', body: () => ({ MessageSid: 'SMsent1', MessageStatus: 'delivered' }), effect: deliveries },
];

function send(t: TestGateway, route: Route, credential: Credential) {
  const body = route.body();
  if (route.provider === 'africastalking') {
    const query = credential === 'none' ? '' : `?token=${credential === 'right' ? AT_TOKEN : 'not-the-token-at-all-0000000'}`;
    return t.http.post(route.path + query).type('form').send(new URLSearchParams(body).toString());
  }
  const signature = twilio.getExpectedTwilioSignature(credential === 'right' ? TWILIO_TOKEN : 'some-other-token', PUBLIC_URL + route.path, body);
  const request = t.http.post(route.path).type('form');
  if (credential !== 'none') request.set('X-Twilio-Signature', signature);
  return request.send(new URLSearchParams(body).toString());
}

/** The status a request must get, and whether it may store or answer anything. */
function expected(door: string, credential: Credential, route: Route): { status: number; effect: boolean } {
  if (door === 'closed') return { status: 404, effect: false };
  if (door === 'open' || credential === 'right') {
    const status = route.path.endsWith('/twilio/status') ? 204 : 200;
    return { status, effect: !route.path.endsWith('/events') && !route.path.endsWith('/delivery') && !route.path.endsWith('/status') };
  }
  return { status: 403, effect: false };
}

describe.each(Object.entries(SETUPS))('with %s', (_name, setup) => {
  let t: TestGateway;
  beforeAll(() => {
    t = startTestGateway({ PUBLIC_URL, ...setup.env });
  });
  afterAll(() => t.close());

  const cases = ROUTES.flatMap((route) => (['none', 'wrong', 'right'] as const).map((credential) => [route.path, credential, route] as const));
  it.each(cases)('POST %s with %s credentials', async (_path, credential, route) => {
    const door = setup.doors[route.provider];
    const before = route.effect(t);
    const response = await send(t, route, credential);
    const want = expected(door, credential, route);
    expect(response.status).toBe(want.status);
    if (want.effect) expect(route.effect(t)).toBe(before + 1);
    else expect(route.effect(t)).toBe(before);
    if (route.path.endsWith('/ussd') && want.status === 200) expect(response.text).toMatch(/^CON /);
  });
});
