import { createHmac } from 'node:crypto';
import { parseAndroidEvent, verifyAndroidSignature } from '../../src/channels/android/android-webhooks';
import { parseAtDeliveryReport, parseAtInboundSms } from '../../src/channels/africastalking/at-webhooks';
import { parseTwilioInboundSms, parseTwilioStatus } from '../../src/channels/twilio/twilio-webhooks';

/** The providers' request parsers alone: tables of bodies and what each becomes. Milliseconds. */
describe("Africa's Talking request parsers", () => {
  it.each([
    [{ from: '+254711000111', to: '21525', text: 'hello', id: 'ATXid_1' }, { ok: true, value: { provider: 'africastalking', providerMessageId: 'ATXid_1', from: '+254711000111', to: '21525', text: 'hello' } }],
    [{ from: '+254711000111', text: '' }, { ok: true, value: expect.objectContaining({ text: '', providerMessageId: null }) }],
    [{ to: '21525', text: 'no sender' }, { ok: false, reason: expect.stringContaining('from') }],
    [{ from: ['+1', '+2'], text: 'repeated field' }, { ok: false, reason: expect.any(String) }],
  ])('inbound SMS %j', (body, expected) => {
    expect(parseAtInboundSms(body)).toEqual(expected);
  });

  it.each([
    [{ id: 'ATXid_1', status: 'Success' }, { status: 'delivered', retryable: false }],
    [{ id: 'ATXid_1', status: 'Failed', failureReason: 'UserIsInactive' }, { status: 'failed', retryable: true, optedOut: false }],
    [{ id: 'ATXid_1', status: 'Rejected', failureReason: 'UserInBlackList' }, { status: 'failed', retryable: false, optedOut: true }],
    [{ id: 'ATXid_1', status: 'Expired' }, { status: 'failed' }],
    [{ id: 'ATXid_1', status: 'Buffered' }, { status: 'sent' }],
  ])('delivery report %j', (body, expected) => {
    const parsed = parseAtDeliveryReport(body);
    expect(parsed).toMatchObject({ ok: true, value: expect.objectContaining(expected) });
  });
});

describe('Twilio request parsers', () => {
  it.each([
    [{ From: '+254711000111', To: '+15005550006', Body: 'hi', MessageSid: 'SM1' }, { ok: true, value: { provider: 'twilio', providerMessageId: 'SM1', from: '+254711000111', to: '+15005550006', text: 'hi' } }],
    [{ To: '+15005550006', Body: 'hi' }, { ok: false, reason: 'missing From' }],
  ])('inbound SMS %j', (body, expected) => {
    expect(parseTwilioInboundSms(body)).toEqual(expected);
  });

  it.each([
    [{ MessageSid: 'SM1', MessageStatus: 'delivered' }, { ok: true, value: expect.objectContaining({ status: 'delivered', optedOut: false }) }],
    [{ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '21610' }, { ok: true, value: expect.objectContaining({ status: 'failed', optedOut: true }) }],
    [{ MessageStatus: 'sent' }, { ok: false, reason: 'missing MessageSid' }],
  ])('status %j', (body, expected) => {
    expect(parseTwilioStatus(body)).toEqual(expected);
  });
});

describe('Android (SMS Gateway for Android) request parsers', () => {
  it.each([
    [{ id: 'e1', event: 'sms:received', payload: { message: 'hi', phoneNumber: '+996700123456' } }, { kind: 'inbound', sms: { provider: 'android', providerMessageId: 'e1', from: '+996700123456', to: null, text: 'hi' } }],
    [{ id: 'e2', event: 'sms:delivered', payload: { messageId: 'm1' } }, { kind: 'delivery', report: expect.objectContaining({ providerMessageId: 'm1', status: 'delivered' }) }],
    [{ id: 'e3', event: 'sms:failed', payload: { messageId: 'm1', error: 'NO_SERVICE' } }, { kind: 'delivery', report: expect.objectContaining({ status: 'failed', failureReason: 'NO_SERVICE', retryable: true }) }],
    [{ id: 'e4', event: 'system:ping', payload: {} }, { kind: 'ignored', event: 'system:ping' }],
  ])('event %j', (body, expected) => {
    expect(parseAndroidEvent(body)).toEqual({ ok: true, value: expected });
  });

  it.each([[null], [[]], [{ event: 'sms:received', payload: {} }], [{ payload: {} }]])('unreadable %j is a 400 reason', (body) => {
    expect(parseAndroidEvent(body)).toMatchObject({ ok: false });
  });

  const key = 'k'.repeat(20);
  const body = Buffer.from('{"event":"system:ping"}');
  const sign = (ts: string) => createHmac('sha256', key).update(Buffer.concat([body, Buffer.from(ts)])).digest('hex');
  it.each([
    ['1000', sign('1000'), 1000, 'ok'],
    ['1000', sign('1000'), 1000 + 301, 'stale'],
    ['1000', sign('1001'), 1000, 'invalid'],
    ['1000', 'zz', 1000, 'invalid'],
    [undefined, sign('1000'), 1000, 'missing'],
  ])('signature at %s (%s) checked at %s is %s', (ts, signature, now, verdict) => {
    expect(verifyAndroidSignature(key, body, ts, signature, now)).toBe(verdict);
  });
});
