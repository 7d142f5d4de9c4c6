/** The GSM 03.38 basic character set (one septet each). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
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
  let septets = 0;
  for (const char of response) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else return { encoding: 'UCS-2', used: response.length, limit: USSD_UCS2_LIMIT };
  }
  return { encoding: 'GSM-7', used: septets, limit: USSD_GSM_LIMIT };
}

export function fitsUssdScreen(response: string): boolean {
  const size = ussdScreenSize(response);
  return size.used <= size.limit;
}
