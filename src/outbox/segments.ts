import { SegmentedMessage } from 'sms-segments-calculator';

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

/** How a provider will bill a text: GSM-7 (160 / 153 per part) or UCS-2 (70 / 67 per part). */
const cache = new Map<string, SegmentInfo>();
const CACHE_LIMIT = 2000;

/** Measuring is costly (grapheme splitting); replies and broadcasts repeat the same texts, so results are kept. */
export function measureSms(text: string): SegmentInfo {
  // Every ASCII letter and digit is one GSM-7 septet and never changes the encoding, so texts that
  // differ only in them (a receipt with another ref, a number) measure the same: one cache entry.
  const key = text.replace(/[A-Za-z0-9]/g, 'a');
  const known = cache.get(key);
  if (known) return known;
  const measured = new SegmentedMessage(key);
  const info: SegmentInfo = { encoding: measured.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: measured.segmentsCount };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, info);
  return info;
}
