import { SegmentedMessage } from 'sms-segments-calculator';

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

/** How a provider will bill a text: GSM-7 (160 / 153 per part) or UCS-2 (70 / 67 per part). */
export function measureSms(text: string): SegmentInfo {
  const measured = new SegmentedMessage(text);
  return { encoding: measured.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2', segments: measured.segmentsCount };
}
