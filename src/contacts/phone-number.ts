import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Language } from '../config';

/** Who a message came from, as far as the gateway needs to know. */
export type Address =
  // E.164, e.g. +254711000111; `country` (ISO, e.g. KE) when parsed, so that callers need not parse again
  | { kind: 'mobile'; value: string; country?: string | null }
  | { kind: 'shortcode'; value: string } // 3–6 digits: a service, never auto-replied to
  | { kind: 'alphanumeric'; value: string }; // a sender id such as "SAFARICOM": never auto-replied to

/**
 * Normalizes a sender or recipient as the providers write it. Numbers without `+` are read in the
 * deployment's country (`0712 345 678` in Kenya → `+254712345678`). Returns null for anything that is
 * neither a valid number, a short code nor an alphanumeric sender id.
 */
export function parseAddress(raw: string, defaultCountry: string): Address | null {
  const key = `${defaultCountry} ${raw}`;
  const known = recentlyParsed.get(key);
  if (known !== undefined) return known;
  const address = parseUncached(raw, defaultCountry);
  // Bounded: a caller's few numbers per minute, not a directory (the map is dropped when full).
  if (recentlyParsed.size >= RECENTLY_PARSED_LIMIT) recentlyParsed.clear();
  recentlyParsed.set(key, address && Object.freeze(address));
  return address;
}

/**
 * Parsing with libphonenumber costs more than the rest of a USSD hop's number handling: a session
 * sends the same number on every hop (and a busy sender on every SMS), so recent results are kept.
 */
const RECENTLY_PARSED_LIMIT = 4096;
const recentlyParsed = new Map<string, Address | null>();

function parseUncached(raw: string, defaultCountry: string): Address | null {
  const trimmed = raw.trim();
  if (/^\d{3,6}$/.test(trimmed)) return { kind: 'shortcode', value: trimmed };
  if (/^(?=.*[A-Za-z])[A-Za-z0-9 ._-]{2,11}$/.test(trimmed)) return { kind: 'alphanumeric', value: trimmed.toUpperCase() };
  if (!/^[+\d][\d\s().-]{5,20}$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return { kind: 'mobile', value: parsed.number, country: parsed.country ?? null };
}

export function canAutoReply(address: Address): boolean {
  return address.kind === 'mobile';
}

/** The ISO country of an E.164 number ("+996…" → "KG"), or null. */
export function countryOf(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}

/** The language to speak to someone who has chosen none, by their number's country. */
const LANGUAGE_BY_COUNTRY: Record<string, Language> = {
  KG: 'ru',
  TZ: 'sw',
  // Spanish-speaking Latin America and the Caribbean.
  ...Object.fromEntries(['MX', 'GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'CU', 'DO', 'PR', 'CO', 'VE', 'EC', 'PE', 'BO', 'PY', 'CL', 'AR', 'UY'].map((c) => [c, 'es' as Language])),
};

export function languageForNumber(e164: string, fallback: Language): Language {
  return languageForCountry(countryOf(e164), fallback);
}

export function languageForCountry(country: string | null | undefined, fallback: Language): Language {
  return (country && LANGUAGE_BY_COUNTRY[country]) || fallback;
}

/** The country of a parsed address (without parsing its number a second time). */
export function countryOfAddress(address: Address): string | null {
  if (address.kind !== 'mobile') return null;
  return address.country !== undefined ? address.country : countryOf(address.value);
}
