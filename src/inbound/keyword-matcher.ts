import { LANGUAGES, type Language } from '../config';
import type { Keywords } from '../flows/content';

/** Upper case, accents and punctuation gone, spaces folded: `¡Stop!` and `stop.` both read `STOP`. */
export function normalizeForKeywords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type KeywordIntent = { intent: 'opt_out' | 'opt_in'; language: Language } | null;

/** Opt-out and opt-in words count only as the whole message, so "stop the fighting" is a report. */
export function createKeywordMatcher(keywords: Keywords) {
  const table = new Map<string, { intent: 'opt_out' | 'opt_in'; language: Language }>();
  for (const intent of ['opt_out', 'opt_in'] as const) {
    for (const language of LANGUAGES) {
      for (const word of keywords[intent][language]) table.set(normalizeForKeywords(word), { intent, language });
    }
  }
  return (text: string): KeywordIntent => table.get(normalizeForKeywords(text)) ?? null;
}
