import { loadConfig } from '../../src/config';
import { countRows, contactOptedOut, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
let seq = 0;
beforeEach(() => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook' });
});
afterEach(() => t.close());

async function sms(from: string, text: string) {
  seq += 1;
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_opt_${seq}`, networkCode: '63902' }).toString();
  const response = await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body);
  expect(response.status).toBe(200);
}

function lastReplyTo(phone: string): string | undefined {
  const items = t.gateway.services.messages.listOutboundTo(t.gateway.services.contacts.findByAddress({ kind: 'mobile', value: phone })!.id, '1970-01-01T00:00:00.000Z');
  return items.at(-1)?.text;
}

describe('opt-out and opt-in keywords', () => {
  it.each([
    ['STOP', 'en', 'You will get no more messages from us. Text START to join again.'],
    ['  stop. ', 'en', 'You will get no more messages from us. Text START to join again.'],
    ['Unsubscribe', 'en', 'You will get no more messages from us. Text START to join again.'],
    ['acha', 'sw', 'Hutapokea ujumbe zaidi kutoka kwetu. Tuma ANZA kujiunga tena.'],
    ['СТОП', 'ru', 'Рассылка отключена. Отправьте СТАРТ, чтобы вернуться.'],
    ['стоп!', 'ru', 'Рассылка отключена. Отправьте СТАРТ, чтобы вернуться.'],
    ['токтот', 'ky', 'Билдирүүлөр токтотулду. Кайра кошулуу үчүн: БАШТА.'],
  ])('when a new contact texts %j, then they are opted out and told so in %s', async (text, _language, reply) => {
    await sms('+254711000111', text);
    expect(contactOptedOut(t, '+254711000111')).toBe(true);
    expect(lastReplyTo('+254711000111')).toBe(reply);
  });

  it.each([['START'], ['anza'], ['СТАРТ'], ['Башта']])('when an opted-out contact texts %j, then they are opted back in', async (text) => {
    await sms('+254711000111', 'STOP');
    await sms('+254711000111', text);
    expect(contactOptedOut(t, '+254711000111')).toBe(false);
  });

  it('when the word appears inside a longer message, then it is a message, not an opt-out', async () => {
    await sms('+254711000111', 'stop the fighting at Kondele market');
    expect(contactOptedOut(t, '+254711000111')).toBe(false);
    expect(lastReplyTo('+254711000111')).toMatch(/^Report [2-9A-HJKMNP-TW-Z]{5} received\. Where did this happen\?/);
  });

  it('when the number is written locally (0711…), then it is the same contact as +254711…', async () => {
    await sms('0711000111', 'hello');
    await sms('+254711000111', 'hello again');
    expect(countRows(t, 'select count(*) from contacts')).toBe(1);
  });

  it('when an alphanumeric sender texts, then it is stored but never answered', async () => {
    await sms('SAFARICOM', 'Your bundle expires today');
    expect(countRows(t, "select count(*) from messages where direction = 'in'")).toBe(1);
    expect(countRows(t, "select count(*) from messages where direction = 'out'")).toBe(0);
    expect(countRows(t, "select count(*) from contacts where kind = 'alphanumeric'")).toBe(1);
  });

  it('when a message comes without a provider id twice within seconds, then it is stored once', async () => {
    for (let i = 0; i < 2; i++) {
      await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send('from=%2B254711000111&to=21525&text=same+words');
    }
    expect(countRows(t, "select count(*) from messages where direction = 'in'")).toBe(1);
  });

  it('when the sender is not a number, short code or sender id, then 400 and nothing is stored', async () => {
    const response = await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send('from=%2B12&text=x&id=bad1');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_sender');
    expect(countRows(t, 'select count(*) from contacts')).toBe(0);
  });

  it('when the default language is Kiswahili, then the reply to a message in no recognizable language is in Kiswahili', async () => {
    await t.close();
    t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', DEFAULT_LANGUAGE: 'sw' });
    expect(loadConfig({ DEFAULT_LANGUAGE: 'sw' }).DEFAULT_LANGUAGE).toBe('sw');
    await sms('+254711000111', 'hello there');
    expect(lastReplyTo('+254711000111')).toMatch(/^Ripoti [2-9A-HJKMNP-TW-Z]{5} imepokelewa\. Nini kilitokea\?|^Ripoti [2-9A-HJKMNP-TW-Z]{5} imepokelewa\. Ilitokea wapi\?/);
  });
});
