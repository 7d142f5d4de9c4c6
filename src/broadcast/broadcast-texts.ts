import { SegmentedMessage } from 'sms-segments-calculator';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../config';

/** The placeholders a broadcast text may use: the recipient's target area's name, and the broadcast's ref. */
export const PLACEHOLDERS = ['area', 'ref'] as const;

const MAX_TEXT = 1000;

export const textsSchema = z
  .partialRecord(z.enum(LANGUAGES), z.string().trim().min(1, 'must not be empty').max(MAX_TEXT, `at most ${MAX_TEXT} characters`))
  .refine((texts) => Object.keys(texts).length > 0, 'give a text in at least one language')
  .superRefine((texts, ctx) => {
    for (const [language, text] of Object.entries(texts)) {
      for (const [, name] of (text ?? '').matchAll(/\{([^{}]*)\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(name!)) {
          ctx.addIssue({ code: 'custom', path: [language], message: `unknown placeholder {${name}} (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(' or ')})` });
        }
      }
    }
  });
export type BroadcastTexts = Partial<Record<Language, string>>;

/** The text a recipient gets: their language's, else the fallback's. Returns the language used too. */
export function textFor(texts: BroadcastTexts, fallback: Language, language: Language): { language: Language; template: string } {
  const own = texts[language];
  return own ? { language, template: own } : { language: fallback, template: texts[fallback]! };
}

export function renderText(template: string, values: { area: string; ref: string }): string {
  return template.replace(/\{area\}/g, values.area).replace(/\{ref\}/g, values.ref);
}

export interface TextMeasure {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  characters: number;
  /** The characters that force UCS-2 (and so 70 characters a segment instead of 160). */
  nonGsmCharacters: string[];
}

/** What a provider will bill for a text, as sms-segments-calculator counts it. */
export function measureText(text: string): TextMeasure {
  const measured = new SegmentedMessage(text);
  return {
    encoding: measured.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2',
    segments: measured.segmentsCount,
    characters: [...text].length,
    nonGsmCharacters: [...new Set(measured.getNonGsmCharacters())],
  };
}
