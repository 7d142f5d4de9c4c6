import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, ConfigError, loadConfig } from '../src/config';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('when nothing is set, then the embedded defaults of CONTRACT.md apply', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATABASE_PATH: './data/gateway.db',
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'http://localhost:3000',
      DEFAULT_COUNTRY: 'KE',
      DEFAULT_LANGUAGE: 'en',
      SMS_PROVIDER: 'console',
      usingDevelopmentPhoneKey: true,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SMS_PROVIDER: 'smpp' }, 'SMS_PROVIDER'],
    [{ DEFAULT_LANGUAGE: 'fr' }, 'DEFAULT_LANGUAGE'],
    [{ DEFAULT_COUNTRY: 'Kenya' }, 'DEFAULT_COUNTRY'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ PHONE_KEY: 'c2hvcnQ=' }, 'PHONE_KEY'],
    [{ SMS_PROVIDER: 'africastalking' }, 'AT_USERNAME'],
    [{ SMS_PROVIDER: 'africastalking', AT_USERNAME: 'u' }, 'AT_API_KEY'],
    [{ AT_API_KEY: 'k' }, 'AT_USERNAME'],
    [{ SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_FROM'],
    [{ TWILIO_ACCOUNT_SID: 'AC1' }, 'TWILIO_AUTH_TOKEN'],
    [{ NODE_ENV: 'production', SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+1' }, 'PHONE_KEY'],
    [{ NODE_ENV: 'production', PHONE_KEY: randomBytes(32).toString('base64') }, 'SMS_PROVIDER'],
  ])('when %j, then the start is refused naming %s', (env, variable) => {
    expect(problems(env)).toContain(variable);
  });

  it('when production has a strong key, a real provider with its webhook token and an https URL, then it starts', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PHONE_KEY: randomBytes(32).toString('base64'),
      SMS_PROVIDER: 'africastalking',
      AT_USERNAME: 'peacegw',
      AT_API_KEY: 'key',
      AT_WEBHOOK_TOKEN: 'a'.repeat(24),
      PUBLIC_URL: 'https://gateway.example.org',
    });
    expect(config.usingDevelopmentPhoneKey).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when .env.example is read, then it documents every variable the gateway reads, and as given it starts', () => {
    const example = readFileSync(join(__dirname, '..', '.env.example'), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...CONFIG_KEYS].sort());
    const env = Object.fromEntries([...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => loadConfig(env)).not.toThrow();
  });
});
