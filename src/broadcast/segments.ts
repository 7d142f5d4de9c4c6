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
  const known = cache.get(text);
  if (known) return known;
  const measured = new SegmentedMessage(text);
  const info: SegmentInfo = { encoding: measured.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: measured.segmentsCount };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(text, info);
  return info;
}
