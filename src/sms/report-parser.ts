import type { Area, AreaDirectory } from '../areas/area-directory';
import { foldForMatching, matchScore } from '../areas/text-match';
import { LANGUAGES, type Language } from '../config';
import type { Keywords } from '../flows/content';
import type { Taxonomy } from '../flows/flow-schema';

export interface ParsedReport {
  category: string | null;
  /** The place understood, or null; `candidates` when several fit equally well. */
  area: Area | null;
  candidates: Area[];
  urgent: boolean;
  /** The language the words that were understood belong to, when any were. */
  language: Language | null;
}

/** How many words of a message are searched for a place name. */
const PLACE_WORDS_MAX = 40;

interface Phrase {
  folded: string;
  words: number;
}

/** A keyword counts when a word of the text is it, starts with it (4+ letters), or is it with a typo or two. */
function wordMatches(word: string, keyword: string): number | null {
  if (word === keyword) return 0;
  if (keyword.length >= 4 && word.startsWith(keyword)) return 1;
  // Two typos at most: words whose lengths differ more cannot match, so the edit distance is skipped.
  if (keyword.length >= 5 && Math.abs(word.length - keyword.length) <= 2) {
    const score = matchScore(word, keyword);
    if (score !== null && score > 1) return score;
  }
  return null;
}

/**
 * Reads a free-text SMS report ("R violence Kibera youths fighting", "vijana wanapigana sokoni
 * kondele 😡", "конфликт из-за воды, село Арка"): the category from the taxonomy's keywords, the
 * place from area names and aliases (typos tolerated, the most specific area preferred), and urgency
 * from the urgent words, in any order and any shipped language.
 */
export function createReportParser(deps: { taxonomy: Taxonomy; keywords: Keywords; areas: AreaDirectory }) {
  const { taxonomy, keywords, areas } = deps;
  const fold = foldForMatching;

  const reportWords = new Set(LANGUAGES.flatMap((l) => keywords.report[l].map(fold)));
  const stopWords = new Set(LANGUAGES.flatMap((l) => keywords.stop_words[l].map(fold)));
  const categoryPhrases = taxonomy.categories.flatMap((category) =>
    LANGUAGES.flatMap((language) =>
      [...category.keywords[language], category.label[language]].map((k) => ({ category: category.id, language, phrase: { folded: fold(k), words: fold(k).split(' ').length } as Phrase })),
    ),
  );
  const urgentPhrases = LANGUAGES.flatMap((language) => keywords.urgent[language].map((k) => ({ language, folded: fold(k) })));

  function phraseScore(words: string[], text: string, phrase: Phrase): number | null {
    if (phrase.words > 1) return ` ${text} `.includes(` ${phrase.folded} `) ? 0 : null;
    let best: number | null = null;
    for (const word of words) {
      const score = wordMatches(word, phrase.folded);
      if (score !== null && (best === null || score < best)) best = score;
    }
    return best;
  }

  function parse(raw: string, options: { rootArea: string | null }): ParsedReport {
    const text = fold(raw);
    let words = text.split(' ').filter(Boolean);
    if (words.length > 0 && reportWords.has(words[0]!)) words = words.slice(1);
    const body = words.join(' ');

    let category: { id: string; score: number; language: Language } | null = null;
    const categoryWords = new Set<string>();
    for (const { category: id, language, phrase } of categoryPhrases) {
      if (id === 'other') continue;
      const score = phraseScore(words, body, phrase);
      if (score === null) continue;
      for (const word of phrase.folded.split(' ')) categoryWords.add(word);
      if (!category || score < category.score) category = { id, score, language };
    }

    let urgent = false;
    let urgentLanguage: Language | null = null;
    for (const { language, folded } of urgentPhrases) {
      if (phraseScore(words, body, { folded, words: folded.split(' ').length }) === 0) {
        urgent = true;
        urgentLanguage ??= language;
      }
    }

    // Places: every run of one to three words that is not a stop word nor a category word, among the
    // first words (where people put the place), so that a 1,600-character text stays cheap to read.
    const placeWords = words.slice(0, PLACE_WORDS_MAX);
    const scored = new Map<string, { area: Area; score: number; words: number }>();
    for (let size = 3; size >= 1; size--) {
      for (let start = 0; start + size <= placeWords.length; start++) {
        const run = placeWords.slice(start, start + size);
        const phrase = run.join(' ');
        if (run.some((w) => stopWords.has(w) || categoryWords.has(w)) || phrase.length < 2) continue;
        for (const match of areas.search(phrase, { within: options.rootArea, limit: 5 })) {
          // Two-letter names (Osh, Ош) count only when written exactly.
          if (phrase.length < 3 && match.score > 0) continue;
          // A typo is tolerated only in a long word; short words must match exactly or as a prefix.
          if (match.score > 1 && run.join(' ').length < 5) continue;
          const known = scored.get(match.area.code);
          if (!known || match.score < known.score || (match.score === known.score && size > known.words)) {
            scored.set(match.area.code, { area: match.area, score: match.score, words: size });
          }
        }
      }
    }
    const depth = (area: Area) => areas.path(area.code).length;
    // A place whose county or district is also named ("Huruma Eldoret") is the one meant.
    const backed = (area: Area) => (areas.path(area.code).some((a) => a.code !== area.code && scored.has(a.code)) ? 1 : 0);
    const ranked = [...scored.values()].sort(
      (a, b) => a.score - b.score || b.words - a.words || backed(b.area) - backed(a.area) || depth(b.area) - depth(a.area),
    );
    const best = ranked[0];
    let candidates: Area[] = [];
    let area: Area | null = null;
    if (best) {
      const ties = ranked.filter((r) => r.score === best.score && r.words === best.words && backed(r.area) === backed(best.area) && depth(r.area) === depth(best.area));
      // Two places of the same name and level in different branches: ask which one.
      if (ties.length > 1) candidates = ties.slice(0, 3).map((r) => r.area);
      else area = best.area;
    }

    return { category: category?.id ?? null, area, candidates, urgent, language: category?.language ?? urgentLanguage };
  }

  /** A reply naming a category ("land", "насилие", "2"): the category, or null. */
  function parseCategory(raw: string): string | null {
    const text = fold(raw);
    const words = text.split(' ').filter(Boolean);
    let best: { id: string; score: number } | null = null;
    for (const { category: id, phrase } of categoryPhrases) {
      const score = phraseScore(words, text, phrase);
      if (score !== null && (!best || score < best.score)) best = { id, score };
    }
    return best?.id ?? null;
  }

  return { parse, parseCategory };
}

export type ReportParser = ReturnType<typeof createReportParser>;
