import { randomBytes } from 'node:crypto';

/** Settings a production start accepts (a random key, Africa's Talking with its webhook token, https). */
export function strongProductionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PHONE_KEY: randomBytes(32).toString('base64'),
    SMS_PROVIDER: 'africastalking',
    AT_USERNAME: 'peacegw',
    AT_API_KEY: 'at-api-key',
    AT_WEBHOOK_TOKEN: randomBytes(18).toString('hex'),
    PUBLIC_URL: 'https://gateway.example.org',
  };
}
