import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureCase {
  name: string;
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
  expect: {
    status: number | number[];
    contentType?: string;
    bodyStartsWith?: string;
    stored?: number;
    optedOut?: boolean;
    autoReply?: boolean;
    messageStatus?: string;
    retryable?: boolean;
    sameAsPrevious?: boolean;
    note?: string;
  };
}

export interface FixtureFile {
  env: Record<string, string>;
  cases: FixtureCase[];
}

/** Raw provider payloads in their exact wire encoding (copied from ../shared/fixtures). */
export function loadFixture(provider: 'africastalking' | 'twilio', name: string): FixtureFile {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', provider, `${name}.json`), 'utf8')) as FixtureFile;
}

/** The form field of a raw body, decoded as a provider's server would. */
export function formField(body: string, name: string): string | undefined {
  return new URLSearchParams(body).get(name) ?? undefined;
}
