export { ALERT_NAME_MAX, ALERT_PLACE_MAX } from '../flows/text-limits';

/** GSM-7's letters beyond ASCII: these stay as they are. */
const GSM_LETTERS = new Set([...'£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜäöñüà¿¡§']);

/**
 * A place or name as one GSM-7 SMS can carry it: a letter outside GSM-7 that is a Latin letter with
 * an accent (á í ó ú â ã ç …) loses the accent, as people write them in SMS. Left alone, one "Cobán"
 * turns a whole alert into UCS-2 (70 characters a segment) and sends two SMS to every member. Other
 * scripts (Cyrillic) are kept: their templates are UCS-2 anyway.
 */
export function gsmLatin(text: string): string {
  let out = '';
  for (const char of text) {
    if (char.charCodeAt(0) < 128 || GSM_LETTERS.has(char)) out += char;
    else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += /^[A-Za-z]$/.test(base) ? base : char;
    }
  }
  return out;
}

export function cut(text: string, max: number): string {
  text = gsmLatin(text);
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return space >= max / 2 ? text.slice(0, space) : text.slice(0, max);
}
