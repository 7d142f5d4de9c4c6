import { measureSms } from '../broadcast/segments';

/** GSM-7 characters that take two septets (an escape and the character). */
const GSM_EXTENSION = new Set(['|', '^', '€', '{', '}', '[', ']', '~', '\\', '\f']);

/** A USSD string is at most 160 octets: 182 GSM-7 septets, or 80 UCS-2 characters. */
export const USSD_GSM_LIMIT = 182;
export const USSD_UCS2_LIMIT = 80;

export interface ScreenSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** septets (GSM-7) or UTF-16 code units (UCS-2) */
  used: number;
  limit: number;
}

/** How much of a USSD screen a whole response ("CON …" / "END …") takes. */
export function ussdScreenSize(response: string): ScreenSize {
  const { encoding } = measureSms(response);
  if (encoding === 'GSM-7') {
    let used = 0;
    for (const char of response) used += GSM_EXTENSION.has(char) ? 2 : 1;
    return { encoding, used, limit: USSD_GSM_LIMIT };
  }
  return { encoding, used: response.length, limit: USSD_UCS2_LIMIT };
}

export function fitsUssdScreen(response: string): boolean {
  const size = ussdScreenSize(response);
  return size.used <= size.limit;
}
