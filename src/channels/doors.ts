import type { Config } from '../config';

/**
 * Which provider doors exist. Africa's Talking: with AT_WEBHOOK_TOKEN, and then always checked; the one
 * exception is a development gateway on the console provider without a token, open for the
 * simulators. Twilio: only with TWILIO_AUTH_TOKEN, and then every request must be signed.
 */
export function webhookDoors(config: Pick<Config, 'NODE_ENV' | 'SMS_PROVIDER' | 'AT_WEBHOOK_TOKEN' | 'TWILIO_AUTH_TOKEN'>): {
  africastalking: 'token' | 'open_for_simulators' | 'closed';
  twilio: 'signed' | 'closed';
} {
  const atOpen = !config.AT_WEBHOOK_TOKEN && config.NODE_ENV !== 'production' && config.SMS_PROVIDER === 'console';
  return {
    africastalking: config.AT_WEBHOOK_TOKEN ? 'token' : atOpen ? 'open_for_simulators' : 'closed',
    twilio: config.TWILIO_AUTH_TOKEN ? 'signed' : 'closed',
  };
}
