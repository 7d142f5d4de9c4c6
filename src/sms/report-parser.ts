import type { Area, AreaDirectory, NameKey } from '../areas/area-directory';
import { doubledOnce, foldForMatching, freeTextTypoAllowance, matchScore, swappedOnce } from '../areas/text-match';
import { LANGUAGES, type Language } from '../config';
import type { Keywords } from '../flows/content';
import type { Taxonomy } from '../flows/flow-schema';
import { realWords } from './real-words';
import { CYRILLIC, keywordForms, kyrgyzSlippedEndingStems, messageWord, type MessageWord, REPAIR_START, russianNameKey, type SlipRepairs } from './word-forms';

export interface ParsedReport {
  category: string | null;
  /** The place understood, or null; `candidates` when several fit equally well. */
  area: Area | null;
  candidates: Area[];
  urgent: boolean;
  /** The language the words that were understood belong to, when any were. */
  language: Language | null;
  /** The message says nothing happened ("voting peaceful, no incidents"): `no_incident` words, nothing urgent. */
  allClear: boolean;
}

/** How many words of a message are searched for a place name. */
const PLACE_WORDS_MAX = 40;
/** The longest place name looked for, in words ("Santa Cruz del Quiché"). */
const PLACE_RUN_MAX = 4;

/** What a cue weighs against its category's weight: under half, so a generic keyword still beats one cue. */
const CUE_SHARE = 0.45;
/**
 * What a strong cue weighs (taxonomy `strong_cues`): more than a threat's keyword against gender-based
 * violence's weight ("he is threatening to kill his wife"), less than hate speech's.
 */
const STRONG_CUE_SHARE = 0.75;
/**
 * What the cues of a category weigh together at most, against its weight: cues in different words add
 * up ("imam" and "msikiti" around a quarrel point to a religious dispute more than either alone), but
 * never to a keyword of the category.
 */
const CUES_MAX_SHARE = 0.9;
/**
 * What each word of a phrase past its second adds to its weight (at most two such words): a phrase of
 * three words or more says what was said or done ("must be chased", "son del diablo", "para que se
 * vaya"), a single word only what it is about ("muslims", "religión"). Two-word phrases get nothing:
 * many are one word in another language ("piga kura", to vote).
 */
const LONG_PHRASE_SHARE = 0.3;

/** What a keyword found with a typo weighs against one typed right: a tie-breaker only. */
const TYPO_SHARE = 0.995;

/** The languages whose every keyword (five letters or more) starts longer words: see `compile`. */
const STARTS_LONGER_WORDS = new Set<Language>(['sw', 'ky']);

/**
 * One word of a keyword or phrase: as written, and its other forms in the keyword's language. A
 * message word may start with the word as written (a stem written on purpose, "изнасил*", or any
 * Kiswahili or Kyrgyz keyword), or with a Kyrgyz stem (agglutinated endings); other forms must be
 * equal ("violada" → "viol" must not catch "violence").
 */
interface KeywordWord {
  raw: string;
  forms: Set<string>;
  prefixes: string[];
  /** Written "=panga": this word as written and nothing else (no stem, prefix or typo; see compile). */
  asWritten: boolean;
  /** Its forms of seven letters or more with one letter (not the first) left out: what a word missing that letter is. */
  dropped: Set<string>;
  /** The first letters of its raw form, forms and prefixes: a message word that has none of them is not this word (typos keep the first letter). */
  initials: string[];
}

function sharesInitial(word: MessageWord, keyword: KeywordWord): boolean {
  for (const initial of keyword.initials) if (word.initials.has(initial)) return true;
  return false;
}

interface Keyword {
  /** As written in flows/ (for `explain`). */
  text: string;
  /** How its first word can begin in a message (see `mayOccur`). */
  starts: Set<string>;
  /** The first letter a typo of its first word keeps, when typos are tolerated (6+ letters). */
  typoInitial: string | null;
  category: string | null;
  language: Language;
  words: KeywordWord[];
  weight: number;
  /** A cue points to its category without naming it: a share of the weight (CUE_SHARE, STRONG_CUE_SHARE, CUES_MAX_SHARE). */
  cue: boolean;
  /** A fallback cue (taxonomy `fallback_cues`): counts only when no other keyword or cue is found. */
  fallback: boolean;
}

/** Urgent words match as written or with a typo, never as the start of a longer word ("ambulantes"). */
const NO_PREFIX = { prefixes: false };

/**
 * Whether a message word is this keyword word (of `language`): one of the word's forms in that language
 * equal to one of the keyword's, or starting with a keyword written as a stem (agglutinated forms:
 * "мушташты", "amenajisiwa"), or a long word with one typo. Stop words match only as written: stems of
 * different languages collide on small words (Spanish "heridos" stems to "her"; "kabla", before, is one
 * letter from "kabila", tribe).
 * A typo in an inflected word too (`isTypo` compares whole words only): the word with one slip
 * undone, then stemmed, equal to a keyword's form of five letters or more or starting with one that starts
 * longer words ("clashnig" → "clashing" → "clash"; "гоолоса" → "голоса" → "голос"), or the word's form being
 * a keyword's form of seven letters or more with a letter left out ("изнасиовали"). Without `prefixes` (urgent
 * words), only equal forms.
 */
function formsMatch(word: MessageWord, keyword: KeywordWord, language: Language, vocabulary: Set<string>, prefixes: boolean): number | null {
  if (!sharesInitial(word, keyword)) return null;
  if (word.exact) return word.word !== '' && word.word === keyword.raw ? 0 : null;
  if (keyword.asWritten) return word.word === keyword.raw || word.spelled.has(keyword.raw) ? 0 : null;
  let best: number | null = null;
  for (const w of word.inLanguage.get(language) ?? word.all) {
    // A Latin word's Cyrillic reading is Russian typed in Latin letters (only among the Russian forms:
    // Spanish "mal", bad, spells Kyrgyz "мал", livestock): compared for equality only. A Kyrgyz reading
    // of the same letters starts longer words, as Kyrgyz words do ("mushtashyp": "мушташ-ып").
    if (word.equalOnly.has(w) && language !== 'ky') {
      if (keyword.forms.has(w)) return 0;
      if (best === null && word.readingTypos && word.spelled.has(w) && !vocabulary.has(w) && isTypo(w, keyword.raw, language, true)) best = 2;
      continue;
    }
    if (keyword.forms.has(w)) return 0;
    if (best !== null && best <= 1) continue;
    if (keyword.prefixes.some((p) => w.startsWith(p))) best = 1;
    else if (best === null && !vocabulary.has(w) && isTypo(w, keyword.raw, language, w === word.word || (word.readingTypos && word.spelled.has(w)))) best = 2;
  }
  if (best === null && word.slip && !vocabulary.has(word.word)) {
    const repaired = word.repairs.get(language);
    if (repaired) {
      for (const form of keyword.forms) if (form.length >= 5 && repaired.forms.has(form)) return 2;
      if (prefixes && keyword.prefixes.some((p) => repaired.heads.has(p))) return 2;
    }
    for (const w of word.inLanguage.get(language) ?? []) if (w.length >= 6 && keyword.dropped.has(w)) return 2;
  }
  return best;
}

/**
 * Whether `typed` (a message word's form; `asTyped` if it is the word itself, not a stem) is `keyword` with
 * one typo. A word that is itself a keyword or a real word is never asked (`vocabulary`: "votantes",
 * voters, is one letter from "volantes", leaflets). Never in the first letter (rare in typing, and it keeps
 * `mayOccur` exact):
 * - one letter dropped, added or changed, or two neighbouring letters swapped ("amneazan", "figthing"), in
 *   a keyword of six letters or more; in Kyrgyz only in the word as typed, as its stems have lost endings
 *   already ("паспорта" → "паспор", one letter from "пастор", is no pastor);
 * - two letters swapped in a word of five, as typed ("pelae", "драак"): a swap keeps the word's letters;
 * - a letter typed twice, or a double letter typed once, from five letters ("драака", "peleea"); not in
 *   Kyrgyz, whose long sounds are written double ("өрттө", to burn; "ортосунда", in the middle).
 */
function isTypo(typed: string, keyword: string, language: Language, asTyped: boolean): boolean {
  if (keyword.length >= 6 && (language !== 'ky' || asTyped) && typed[0] === keyword[0] && Math.abs(typed.length - keyword.length) <= 1) {
    // matchScore counts two swapped neighbours as one typo too ("figthing").
    if (matchScore(typed, keyword) === 2) return true;
  }
  if (keyword.length === 5 && asTyped && typed[0] === keyword[0] && swappedOnce(typed, keyword)) return true;
  return language !== 'ky' && keyword.length >= 5 && (doubledOnce(typed, keyword) || doubledOnce(keyword, typed));
}



/**
 * Reads a free-text SMS report ("R violence Kibera youths fighting", "vijana wanapigana sokoni
 * kondele 😡", "Аламүдүндө мектеп окуучусун зордукташты"): the category from the taxonomy's keywords
 * and cues, matched on word forms (word-forms.ts: Snowball stems, Kiswahili prefixes, Kyrgyz suffixes),
 * multi-word phrases included, each category weighing as specific as the taxonomy says; the place from
 * area names and aliases (inflected forms and typos tolerated, the most specific area preferred); and
 * urgency from the urgent words. Any order, any shipped language, several in one message.
 */
export function createReportParser(deps: { taxonomy: Taxonomy; keywords: Keywords; areas: AreaDirectory }) {
  const { taxonomy, keywords, areas } = deps;
  const fold = foldForMatching;

  const compile = (text: string, language: Language, category: string | null, weight: number, cue = false, fallback = false): Keyword => {
    const words = text
      .split(/\s+/)
      .flatMap((written) => {
        const stem = written.endsWith('*');
        // "=panga": a noun that a verb's stem would also give ("wanapanga", they plan, is "-panga"):
        // matched only as written.
        const asWritten = written.startsWith('=');
        return fold(written)
          .split(' ')
          .filter(Boolean)
          .map((raw, i, parts) => ({ raw, stem: stem && i === parts.length - 1, asWritten }));
      })
      .map(({ raw, stem, asWritten }) => {
        if (asWritten) return { raw, forms: new Set([raw]), prefixes: [], asWritten, dropped: new Set<string>(), initials: [raw.charAt(0)] };
        const forms = keywordForms(raw, language);
        // Which longer words a keyword starts: a stem written so on purpose ("изнасил*"); in Kiswahili and
        // Kyrgyz, whose words take endings no stemmer here knows ("najisi" → "amenajisiwa"), any keyword
        // from five letters (at four, "moto", fire, started "motorbike") and Kyrgyz stems from four. Not
        // other words in English, Russian or Spanish, whose stemmers know their endings: "pastor" must not
        // start "pastoralists".
        const prefixes = [
          ...((stem && raw.length >= 4) || (STARTS_LONGER_WORDS.has(language) && raw.length >= 5) ? [raw] : []),
          ...(language === 'ky' ? [...forms].filter((p) => p.length >= 4) : []),
        ];
        const dropped = new Set<string>();
        for (const form of forms) if (form.length >= 7) for (let i = 1; i < form.length; i++) dropped.add(form.slice(0, i) + form.slice(i + 1));
        const initials = [...new Set([raw, ...forms, ...prefixes].map((form) => form.charAt(0)))];
        return { raw, forms, prefixes, asWritten, dropped, initials };
      });
    const first = words[0];
    const starts = new Set(first ? [first.raw, ...first.forms, ...first.prefixes].map(start) : []);
    return { text, category, language, weight, cue, fallback, words, starts, typoInitial: first && first.raw.length >= 5 ? first.raw[0]! : null };
  };

  /** A word's first two letters: what a form equal to it, or a word starting with it, shares. */
  function start(word: string): string {
    return word.slice(0, 2);
  }

  /** The first two letters and first letters of every form of a message's words, computed once per message. */
  const messageStarts = new WeakMap<MessageWord[], { starts: Set<string>; initials: Set<string> }>();
  /**
   * Whether a keyword can occur in the message at all: its first word must share its first two letters
   * with a form of some message word (or, if it tolerates a typo, its first letter). About 1,500 keywords
   * are tried on every SMS; most are ruled out here without comparing any word.
   */
  function mayOccur(keyword: Keyword, words: MessageWord[]): boolean {
    let known = messageStarts.get(words);
    if (!known) {
      known = { starts: new Set(), initials: new Set() };
      for (const word of words) {
        for (const form of word.all) {
          known.starts.add(start(form));
          known.initials.add(form.slice(0, 1));
        }
      }
      messageStarts.set(words, known);
    }
    if (keyword.typoInitial !== null && known.initials.has(keyword.typoInitial)) return true;
    for (const s of keyword.starts) if (known.starts.has(s)) return true;
    return false;
  }

  /**
   * SMS shorthand read as the words it stands for ("shld" → "should", "xq" → "porque", "щас" → "сейчас"),
   * from keywords.yaml `shorthand`, before anything else. One list for all languages: a sender's language
   * is not known before the words are read.
   */
  const shorthand = new Map(
    LANGUAGES.flatMap((l) => keywords.shorthand[l].map((entry) => entry.split('=').map((part) => fold(part)) as [string, string])),
  );
  /**
   * A message's words as written, folded, letters typed over and over once ("AYUDAAA" → "ayuda"), shorthand
   * spelled out; with the clause each word is in (a comma, full stop, ";", "!" or "?" ends one: see `readUrgency`).
   */
  const readWords = (raw: string): { words: string[]; clauses: number[]; lowercase: boolean[] } => {
    const words: string[] = [];
    const clauses: number[] = [];
    const lowercase: boolean[] = [];
    raw.split(/[,.;!?\n]+/).forEach((clause, index) => {
      for (const token of clause.split(/\s+/)) {
        // A letter typed three times or more is undone before folding, not after: folding makes letters
        // alike that were not typed so ("кийинкисиң", you are next, folds to "кииинкисин"). Not "y": Kyrgyz
        // typed in Latin letters writes "ыйы" so ("jyyyn", жыйын, a meeting; "syyynuu", сыйынуу, worship).
        const parts = fold(token.replace(/([^\P{L}y])\1{2,}/giu, '$1'))
          .split(' ')
          .filter(Boolean);
        // Shorthand is a word typed alone: the "q" of "q'eqchi" (a Maya people) is no "que".
        const spelled = parts.length === 1 ? (shorthand.get(parts[0]!) ?? parts[0]!).split(' ') : parts;
        for (const word of spelled) {
          words.push(word);
          clauses.push(index);
          lowercase.push(token === token.toLowerCase());
        }
      }
    });
    return { words, clauses, lowercase };
  };
  const reportWords = new Set(LANGUAGES.flatMap((l) => keywords.report[l].map(fold)));
  const stopWords = new Set(LANGUAGES.flatMap((l) => keywords.stop_words[l].map(fold)));
  const notUrgent = new Set(LANGUAGES.flatMap((l) => keywords.not_urgent[l].map(fold)));
  const thanks = new Set(LANGUAGES.flatMap((l) => keywords.thanks[l].map(fold)));
  const weightOf = new Map(taxonomy.categories.map((category) => [category.id, category.weight]));
  const prevailsOver = new Map(taxonomy.categories.map((category) => [category.id, category.prevails_over]));
  const categoryKeywords: Keyword[] = taxonomy.categories.flatMap((category) =>
    LANGUAGES.flatMap((language) => [
      ...[...category.keywords[language], category.label[language]].map((k) => compile(k, language, category.id, category.weight)),
      ...(category.cues?.[language] ?? []).map((k) => compile(k, language, category.id, category.weight * CUE_SHARE, true)),
      ...(category.strong_cues?.[language] ?? []).map((k) => compile(k, language, category.id, category.weight * STRONG_CUE_SHARE, true)),
      ...(category.fallback_cues?.[language] ?? []).map((k) => compile(k, language, category.id, category.weight * CUE_SHARE, true, true)),
    ]),
  );
  /** The category keywords of several words (not cues): the only ones that may span a place written inside them. */
  const phraseKeywords = categoryKeywords.filter((k) => !k.cue && k.words.length >= 2 && k.category !== 'other');
  const urgentKeywords = LANGUAGES.flatMap((language) => keywords.urgent[language].map((k) => compile(k, language, null, 1)));
  const nobodyHurtKeywords = LANGUAGES.flatMap((language) => keywords.nobody_hurt[language].map((k) => compile(k, language, null, 0)));
  const noIncidentKeywords = LANGUAGES.flatMap((language) => keywords.no_incident[language].map((k) => compile(k, language, null, 0)));
  /** The categories whose words an all-clear may hold (taxonomy `all_clear`): an election, land; not violence. */
  const clearable = new Set(taxonomy.categories.filter((category) => category.all_clear).map((category) => category.id));
  /** Every form of every category and urgent keyword word: what a message word may be exactly. */
  const keywordVocabulary = [...categoryKeywords, ...urgentKeywords].flatMap((k) => k.words.flatMap((w) => [w.raw, ...w.forms]));
  // Real words one letter from a keyword: from the English and Spanish word lists, and for the languages
  // without one here (Kiswahili, Russian, Kyrgyz) keywords.yaml `not_typos` ("ногами", with feet, is no
  // "ножами", knives; "darasa", a school class, no "daraja", a rank).
  const notTypos = LANGUAGES.flatMap((l) => keywords.not_typos[l].map(fold));
  const real = realWords(keywordVocabulary);
  const vocabulary = new Set([...keywordVocabulary, ...real.near, ...notTypos]);
  /**
   * How a message word's slips are undone (`messageWord`, compared in formsMatch): only into words starting as
   * a keyword's form does (the rest are not stemmed), never from a real English or Spanish word.
   */
  const repairs: SlipRepairs = { starts: new Map(LANGUAGES.map((l) => [l, new Set<string>()])), isRealWord: (word) => real.has(word) };
  for (const keyword of [...categoryKeywords, ...urgentKeywords, ...noIncidentKeywords]) {
    for (const w of keyword.words) for (const form of [...w.forms, ...w.prefixes]) if (form.length >= 5) repairs.starts.get(keyword.language)!.add(form.slice(0, REPAIR_START));
  }

  /** Where a keyword occurs in the message (word index of its first word), with how well; null if not. */
  function find(
    keyword: Keyword,
    words: MessageWord[],
    from = 0,
    options: { prefixes: boolean; before?: number } = { prefixes: true },
  ): { at: number; score: number } | null {
    if (!mayOccur(keyword, words)) return null;
    let best: { at: number; score: number } | null = null;
    const last = Math.min(words.length - keyword.words.length, (options.before ?? words.length) - 1);
    for (let start = from; start <= last; start++) {
      let total = 0;
      let ok = true;
      for (let i = 0; i < keyword.words.length && ok; i++) {
        const score = formsMatch(words[start + i]!, keyword.words[i]!, keyword.language, vocabulary, options.prefixes);
        // A word that only starts with the keyword's (score 1) is refused, word by word, where prefixes are not wanted.
        if (score === null || (score === 1 && !options.prefixes)) ok = false;
        else total += score;
      }
      if (ok && (!best || total < best.score)) best = { at: start, score: total };
      if (best?.score === 0) break;
    }
    return best;
  }

  interface Reading {
    category: string | null;
    language: Language | null;
    /** The languages as many understood words belong to as `language`'s ("арык" is Russian and Kyrgyz). */
    tied: Language[];
    /** Word indexes taken by category words (not read as places). */
    taken: Set<number>;
    /** Those of them read only as a keyword typed with a slip ("Floers" as "flyers"): a place's name may be typed so too. */
    bySlipOnly: Set<number>;
    /** The keywords and cues found, for `explain`. */
    found: Keyword[];
  }

  /**
   * The category whose words weigh most: its strongest keyword (the taxonomy's weight, more for a phrase
   * of three words or more), plus a little for each further keyword, plus its cues (a share of the
   * weight each, each message word once, under the weight together). The most specific category named
   * wins ("fighting over water" is a water dispute); on a tie, the one named first.
   */
  function readCategory(words: MessageWord[]): Reading {
    // `more`: the further message words (positions) that name the category, each counted once however
    // many keywords (forms, languages) it matches ("vote" is also "voto", "votar", "votos").
    const scores = new Map<string, { strongest: number; at: Set<number>; cues: Map<number, number>; first: number }>();
    const taken = new Set<number>();
    const foundKeywords: Keyword[] = [];
    // The language is the one most of the understood words belong to ("mzozo wa mpaka wa shamba":
    // "shamba" is Kenyan English too, the rest only Kiswahili).
    const wordsByLanguage = new Map<Language, Set<number>>();
    const everyMatch: { keyword: Keyword; found: { at: number; score: number } }[] = [];
    for (const keyword of categoryKeywords) {
      if (keyword.category === 'other') continue;
      const found = find(keyword, words);
      if (found) everyMatch.push({ keyword, found });
    }
    // Fallback cues ("a man with a gun going round at night") say something only when nothing else does.
    const matches = everyMatch.some((m) => !m.keyword.fallback) ? everyMatch.filter((m) => !m.keyword.fallback) : everyMatch;
    // A word read as part of a longer phrase of another category is that phrase's, not a reading of its
    // own: "abuso policial" (police abuse) is violence, whatever "abuso" alone is; "межевые камни"
    // (boundary stones) are land, not stones thrown.
    const within = (inner: (typeof matches)[number], outer: (typeof matches)[number]) =>
      outer.keyword.category !== inner.keyword.category &&
      outer.keyword.words.length > inner.keyword.words.length &&
      outer.found.at <= inner.found.at &&
      inner.found.at + inner.keyword.words.length <= outer.found.at + outer.keyword.words.length;
    const bySlip = new Set<number>();
    const notBySlip = new Set<number>();
    for (const match of matches) {
      if (matches.some((outer) => within(match, outer))) continue;
      const { keyword, found } = match;
      foundKeywords.push(keyword);
      for (let i = 0; i < keyword.words.length; i++) {
        taken.add(found.at + i);
        (found.score >= 2 ? bySlip : notBySlip).add(found.at + i);
      }
      const inLanguage = wordsByLanguage.get(keyword.language) ?? new Set<number>();
      for (let i = 0; i < keyword.words.length; i++) inLanguage.add(found.at + i);
      wordsByLanguage.set(keyword.language, inLanguage);
      const entry = scores.get(keyword.category!) ?? { strongest: 0, at: new Set<number>(), cues: new Map<number, number>(), first: found.at };
      const longPhrase = 1 + LONG_PHRASE_SHARE * Math.min(Math.max(keyword.words.length - 2, 0), 2);
      // A word typed with a slip weighs a shade less than one typed right (which wins a tie), never so much
      // less that a cue or a lighter category overtakes it ("mi espposo me amenaza" is still a partner's threat).
      const value = keyword.weight * longPhrase * (found.score === 0 ? 1 : TYPO_SHARE);
      if (keyword.cue) entry.cues.set(found.at, Math.max(entry.cues.get(found.at) ?? 0, value));
      else {
        entry.at.add(found.at);
        entry.strongest = Math.max(entry.strongest, value);
      }
      entry.first = Math.min(entry.first, found.at);
      scores.set(keyword.category!, entry);
    }
    const cues = (category: string, values: Map<number, number>) => {
      let sum = 0;
      for (const value of values.values()) sum += value;
      return Math.min(sum, weightOf.get(category)! * CUES_MAX_SHARE);
    };
    const total = ([category, e]: [string, { strongest: number; at: Set<number>; cues: Map<number, number> }]) =>
      e.strongest + Math.min(0.1 * Math.max(0, e.at.size - 1), 0.3) + cues(category, e.cues);
    // A category named by a keyword silences those it is said about (taxonomy `prevails_over`).
    const silenced = new Set([...scores.entries()].filter(([, e]) => e.at.size > 0).flatMap(([category]) => prevailsOver.get(category) ?? []));
    const ranked = [...scores.entries()].filter(([category]) => !silenced.has(category)).sort((a, b) => total(b) - total(a) || a[1].first - b[1].first);
    const best = ranked[0];
    // On a tie, the language more of whose words no other language shares ("msikiti" is only Kiswahili,
    // "imam" English, Russian and Kyrgyz too).
    const own = (language: Language) => [...wordsByLanguage.get(language)!].filter((at) => [...wordsByLanguage].every(([other, positions]) => other === language || !positions.has(at))).length;
    const byWords = [...wordsByLanguage.entries()].sort((a, b) => b[1].size - a[1].size || own(b[0]) - own(a[0]));
    const language = byWords[0]?.[0] ?? null;
    const tied = byWords.filter(([, at]) => at.size === byWords[0]![1].size).map(([l]) => l);
    const bySlipOnly = new Set([...bySlip].filter((at) => !notBySlip.has(at)));
    return { category: best?.[0] ?? null, language, tied, taken, bySlipOnly, found: foundKeywords };
  }

  /**
   * Urgent when an urgent word is written as such or with a typo ("hopsital"; never as the start of a
   * longer word: "ambulantes" is no "ambulancia") and not undone by a word near it:
   * the three words before or the one after ("no one was hurt", "nadie herido", "жарадар жок", "thanks
   * for the help").
   */
  function readUrgency(words: MessageWord[], clauses: number[]): { urgent: boolean; language: Language | null; words: string[] } {
    // Only a negation in the same clause undoes an urgent word ("no police, people injured" is urgent;
    // "Injured: none" is not); thanks before it do in any ("рахмат, жардам бергениңиздерге").
    // A word of the list as written, or typed in Latin letters ("net", нет; "spasibo", спасибо; "jok", жок).
    const isIn = (list: Set<string>, i: number) => {
      const w = words[i];
      return !!w && (list.has(w.word) || [...w.spelled].some((spelled) => list.has(spelled)));
    };
    const sameClause = (i: number, at: number) => clauses[i] !== undefined && clauses[i] === clauses[at];
    const negated = (at: number, length: number) =>
      [at - 3, at - 2, at - 1].some((i) => (isIn(notUrgent, i) && sameClause(i, at)) || isIn(thanks, i)) ||
      (isIn(notUrgent, at + length) && sameClause(at + length, at + length - 1));
    // "…, nobody hurt" speaks for the whole message: the shots or the fire it reports put no one in danger now.
    if (nobodyHurtKeywords.some((keyword) => find(keyword, words, 0, NO_PREFIX))) return { urgent: false, language: null, words: [] };
    for (const keyword of urgentKeywords) {
      for (let found = find(keyword, words, 0, NO_PREFIX); found; found = find(keyword, words, found.at + 1, NO_PREFIX)) {
        if (!negated(found.at, keyword.words.length)) return { urgent: true, language: keyword.language, words: [keyword.text] };
      }
    }
    return { urgent: false, language: null, words: [] };
  }

  /**
   * A run of words typed in Latin letters read back into Russian or Kyrgyz Cyrillic, one language at a time
   * (each reading of each word: "rayone" is "раене" or "раионе"): `asTyped`, the run only spelled in
   * Cyrillic ("zhalal" names Жалал-Абад as "жалал" does); `inflected`, its last word also without its
   * endings ("Ak-Sayda" → "ак сай", "pod Talasom" → "под талас"); `russian`, the whole run in Russian, for
   * a name declined as a whole ("v Tyupskom rayone"). Empty when no word of the run has a reading.
   */
  function readBackInCyrillic(run: string[], runWords: MessageWord[]): { asTyped: Set<string>; inflected: Set<string>; russian: string[] } {
    const asTyped = new Set<string>();
    const inflected = new Set<string>();
    if (!runWords.some((w) => w.readings.length > 0)) return { asTyped, inflected, russian: [] };
    const readAs = (language: 'ru' | 'ky', wordsRead: number): string[][] =>
      runWords.slice(0, wordsRead).reduce<string[][]>((heads, w, i) => {
        const own = w.readings.filter((r) => r.language === language).map((r) => r.forms[0]!);
        return heads.flatMap((head) => (own.length > 0 ? own : [run[i]!]).map((word) => [...head, word]));
      }, [[]]);
    for (const language of ['ru', 'ky'] as const) {
      for (const heads of readAs(language, run.length - 1)) {
        for (const reading of runWords.at(-1)!.readings) {
          if (reading.language !== language) continue;
          const [whole, ...endings] = reading.forms;
          asTyped.add([...heads, whole!].join(' '));
          for (const form of endings) inflected.add([...heads, form].join(' '));
        }
      }
    }
    return { asTyped, inflected, russian: readAs('ru', run.length).map((read) => read.join(' ')) };
  }

  /**
   * Whether `variant` (a run of message words, folded) may be the place name `name` typed with a slip. A typo
   * is tolerated only in a long word (five letters; a stem of four, its ending taken off, when the word typed
   * had five or more: `typedLength`): short words match exactly or as a prefix. Not in a small word of a longer
   * run ("home by" is no Homa Bay, "ар башка", every other, no Ат-Башы); not from a small word, nor into one
   * that starts a name ("marked" is no Market Milimani; "өлгөндөн", since he died, with its ending off, no
   * Өзгөн); not from a real English or Spanish word typed in small letters (`lowercaseWord`: "making" is no
   * Makina, "cobran", they charge, no Cobán; capitalised, it may be a name typed wrong: "Morles"); nor in its
   * first letter, as for keywords ("nambari", number, is not Bamburi).
   */
  function mayBeTyped(variant: string, name: string, lowercaseWord: boolean, typedLength = variant.length): boolean {
    if (variant.length < (typedLength >= 5 ? 4 : 5) || variant[0] !== name[0]) return false;
    const typed = variant.split(' ');
    const named = name.split(' ');
    if (typed.length > 1) return typed.every((w, i) => !stopWords.has(w) || w === named[i]);
    return !stopWords.has(variant) && !stopWords.has(named[0]!) && !(lowercaseWord && real.has(variant));
  }

  /**
   * Places: every run of one to four words among the first words (where people put the place), read
   * as typed and with its last word's inflection taken off ("в Аксае", "Араванда"). Runs led by a stop
   * or category word are read only when nothing else names a place ("Lake View"); small words alone never
   * are ("hospital", though Mathare has a ward of that name).
   */
  function readPlace(folded: string[], words: MessageWord[], taken: Set<number>, rootArea: string | null, lowercase: boolean[]): { area: Area | null; candidates: Area[]; span: number[] } {
    const placeWords = folded.slice(0, PLACE_WORDS_MAX);
    const scored = new Map<string, { area: Area; score: number; words: number; weak: boolean; start: number; whole: boolean }>();
    /** The longest run that named each place's whole name (a typo or an inflection at most): see `holding` below. */
    const longest = new Map<string, { start: number; words: number }>();
    /** Whether reading `a` names a place's whole name over `b`, a first word that only starts it ("puerto barios" over "puerto"). */
    const wholer = (a: { whole: boolean; words: number; score: number }, b: { whole: boolean; words: number; score: number }) => a.whole && !b.whole && a.words > b.words && a.score <= b.score + 1.5;
    // Each word's other endings a place name may be read with (once per word, not once per run): its
    // forms in Russian and Kyrgyz, which decline place names ("в Аксае", "Араванда"), and a Cyrillic word
    // with a last letter taken off; no ending of a word in Latin letters: a Spanish stem of a Kiswahili
    // word is no place ("quien" stems to "qui", not Quiché; "msaada" to "msa", Mombasa's MSA), nor is
    // "hospitali" the Hospital ward. Not a Russian reading of a Latin word here (it is compared for
    // equality only): runs read back into Cyrillic ("v Oshe", "Talasta") are tried below.
    const endings = words.slice(0, placeWords.length).map((word) => {
      const declining = new Set([...(word.inLanguage.get('ru') ?? []), ...(word.inLanguage.get('ky') ?? [])]);
      return [...word.all].filter((f) => f !== word.word && f.length >= 2 && !word.equalOnly.has(f) && (declining.has(f) || (CYRILLIC.test(word.word) && f.length >= word.word.length - 1)));
    });
    // A Russian stem with the name's last vowel put back ("Исфне" → "исфн" → "исфна"): a name in -а, -я, -й
    // loses it when declined, so a slip in the stem is otherwise two edits from the name. One slip only, in a
    // name of six letters or more ("кенге", to the mine, is no "Кения" with a slip).
    const restored = words.slice(0, placeWords.length).map((word) =>
      CYRILLIC.test(word.word) && word.word.length >= 5 ? [...(word.inLanguage.get('ru') ?? [])].filter((f) => f.length >= 4 && f !== word.word).flatMap((f) => ['а', 'я', 'и'].map((vowel) => f + vowel)) : [],
    );
    // And a Kyrgyz case ending typed with a slip ("Араванад", "Папандгы"), for a name matched exactly only.
    const slippedEndings = words.slice(0, placeWords.length).map((word, i) => (CYRILLIC.test(word.word) && word.word.length >= 6 ? kyrgyzSlippedEndingStems(word.word).filter((f) => !endings[i]!.includes(f)) : []));
    for (let size = PLACE_RUN_MAX; size >= 1; size--) {
      for (let start = 0; start + size <= placeWords.length; start++) {
        const run = placeWords.slice(start, start + size);
        // Weak: only stop or category words ("hospital", "market"), or led by one ("in kibera").
        const smallWordsOnly = run.every((w, i) => stopWords.has(w) || taken.has(start + i)) || taken.has(start);
        const phrase = run.join(' ');
        if (phrase.length < 2) continue;
        // Small words alone name no place, even a place's exact name: "he is in hospital" names no ward
        // called Hospital (the reporter is asked where; the answer "Hospital" is looked up whole).
        if (run.every((w) => stopWords.has(w))) continue;
        // The run as typed, and with its last word's other endings.
        const variants = new Set([phrase, ...endings[start + size - 1]!.map((f) => [...run.slice(0, -1), f].join(' '))]);
        // (Names of one word only: those of several end in consonants here, and each variant costs a search.)
        const revowelled = new Set(size === 1 ? restored[start]!.filter((v) => !variants.has(v)) : []);
        for (const variant of revowelled) variants.add(variant);
        // Russian or Kyrgyz typed in Latin letters: the run read back into Cyrillic, as typed or inflected.
        const cyrillic = readBackInCyrillic(run, words.slice(start, start + size));
        for (const variant of [...cyrillic.asTyped, ...cyrillic.inflected]) variants.add(variant);
        // `whole`: the run names the whole name, word for word (not "Nakuru town" of "Nakuru Town East").
        // `led`: the word leading the run as it was read: a Latin word read back into Cyrillic leads as its
        // reading ("At-Bashy" is "Ат-Башы", though "at" is an English small word).
        const note = (area: Area, score: number, whole: boolean, led = run[0]!) => {
          const weak = smallWordsOnly || stopWords.has(led);
          const reach = longest.get(area.code);
          if (whole && !weak && score <= 2.5 && (!reach || size > reach.words)) longest.set(area.code, { start, words: size });
          const known = scored.get(area.code);
          // A place is kept with its best reading: the lowest score; but a longer run naming its whole name
          // with a typo rather than a first word that only starts it (`wholer`).
          const reading = { whole, words: size, score };
          const better = known && !wholer(known, reading) && (wholer(reading, known) || score < known.score || (score === known.score && size > known.words));
          if (!known || (known.weak && !weak) || (known.weak === weak && better)) {
            scored.set(area.code, { area, score, words: size, weak, start, whole });
          }
        };
        for (const variant of variants) {
          const readBack = cyrillic.asTyped.has(variant) || cyrillic.inflected.has(variant);
          const inflected = variant !== phrase && !cyrillic.asTyped.has(variant);
          for (const match of areas.searchFolded(variant, { within: rootArea, limit: 5, typos: CYRILLIC.test(variant) ? undefined : freeTextTypoAllowance })) {
            // Two-letter names (Osh, Ош) count only when written exactly.
            if (variant.length < 3 && match.score > 0) continue;
            if (revowelled.has(variant) && (match.score !== 2 || match.matched.length < 6)) continue;
            const typedLength = inflected && CYRILLIC.test(variant) ? run.at(-1)!.length : variant.length;
            if (match.score > 1 && !mayBeTyped(variant, match.matched, size === 1 && lowercase[start]!, typedLength)) continue;
            // A run that stops inside a name's word is not that name ("gari", a car, only starts Garissa; "bus"
            // Busia): the whole word, a name's first word typed whole ("Kisumu" of Kisumu Central) or an
            // inflected form (below) are.
            if (match.score === 1 && !inflected && !match.matched.startsWith(variant + ' ')) continue;
            // Small and category words alone name a place only exactly: "que" is not Quetzaltenango.
            if (match.score > 0 && run.every((w, i) => stopWords.has(w) || taken.has(start + i))) continue;
            // An inflected form names the place exactly, or as its start with an ending of one letter swapped
            // ("аксае" → "акса" → "аксай"; not "бара", going, → "бар" → Барпы), only where names decline
            // ("kituo", a station, is no Kitui); with a typo only in Russian and Kyrgyz too (their endings are
            // cases, not a last letter off: "Ноокедне", "в Аравнае"), from five letters as typed: the stem left
            // may have four ("в Нарне" → "нарн", Нарын; "Тласта" → "тлас", Талас; tried on every Cyrillic word
            // of five letters or more in the development set: none more read as a place).
            const inflectedTypo = match.score > 1 && typedLength >= 5 && variant.length >= 4 && CYRILLIC.test(variant);
            const endingSwapped = match.score === 1 && CYRILLIC.test(variant) && match.matched.length <= variant.length + 1;
            if (inflected && ((match.score > 1 && !inflectedTypo) || (match.score === 1 && !endingSwapped))) continue;
            note(match.area, match.score + (inflected ? 0.5 : 0), match.matched.split(' ').length === size, readBack ? variant.split(' ')[0] : run[0]);
          }
        }
        // A name read off a Kyrgyz ending typed with a slip counts only when exact (looked up, not searched).
        for (const f of slippedEndings[start + size - 1]!) {
          const variant = [...run.slice(0, -1), f].join(' ');
          if (!variants.has(variant)) for (const area of areas.searchByKey(wholeName, variant, { within: rootArea })) note(area, 0.5, true);
        }
        // A Russian name declined as a whole: every word's stem equal to the name's; typed in Latin letters
        // too ("v Tyupskom rayone").
        for (const declined of new Set(size >= 2 ? [russianNameKey(phrase), ...cyrillic.russian.map(russianNameKey)] : [])) {
          if (declined) for (const area of areas.searchByKey(russianNameKey, declined, { within: rootArea })) note(area, 0.5, true);
        }
      }
    }
    const strong = [...scored.values()].filter((s) => !s.weak);
    const pool = strong.length > 0 ? strong : [...scored.values()];
    const depth = (area: Area) => areas.path(area.code).length;
    // A place whose county or district is also named ("Huruma Eldoret") is the one meant; named by
    // other words, that is: "Иссык" starting both the region's and its district's name backs neither.
    const apart = (a: { start: number; words: number }, b: { start: number; words: number }) => a.start + a.words <= b.start || b.start + b.words <= a.start;
    const backed = (area: Area) => {
      const own = scored.get(area.code)!;
      return areas.path(area.code).some((a) => a.code !== area.code && scored.has(a.code) && apart(scored.get(a.code)!, own)) ? 1 : 0;
    };
    const ranked = pool.sort((a, b) => a.score - b.score || backed(b.area) - backed(a.area) || b.words - a.words || depth(b.area) - depth(a.area));
    let best = ranked[0];
    if (!best) return { area: null, candidates: [], span: [] };
    // A longer name holding the best one's words, of a place within it, is the one meant even when
    // inflected or typed with a slip: "Талас районунда" is Талас району, the district, not Талас, its region;
    // "Kajiado Centtral" is Kajiado Central, not Kajiado county (at worst a place within the one read).
    const within = best;
    const holding = ranked.find((r) => {
      const reach = longest.get(r.area.code);
      return r.area.code !== within.area.code && areas.isWithin(r.area.code, within.area.code) && !!reach && reach.words > within.words && reach.start <= within.start && reach.start + reach.words >= within.start + within.words;
    });
    if (holding) best = { ...holding, ...longest.get(holding.area.code)! };
    // A whole name of several words with a typo ("Puerto Barrrios", "Nakruu East") is the one meant over the
    // longer names its first word merely starts ("Puerto" of Puerto San José, "East" of East Pokot).
    else if (!best.whole && best.score >= 1) {
      const typed = ranked.find((r) => r.whole && !r.weak && r.words > best!.words && r.score <= 2.5 && r.start <= best!.start && r.start + r.words >= best!.start + best!.words);
      if (typed) best = typed;
    }
    /** The message words a run covers. */
    const wordsOf = (run: { start: number; words: number }) => Array.from({ length: run.words }, (_, i) => run.start + i);
    const span = wordsOf(best);
    const ties = ranked.filter((r) => r.score === best.score && r.words === best.words && backed(r.area) === backed(best.area) && depth(r.area) === depth(best.area));
    if (ties.length > 1) {
      // Places named by different words ("entre Chicoj y Saxoc"): the report is about all of them, so
      // the nearest area that holds them all (below the country: else ask).
      // A name shared by several places is read as the one nearest the others named ("Huruma na
      // Kiamaiko": the Huruma of Mathare, not Eldoret's), so one reading per name.
      const names = [...new Map(ties.map((r) => [`${r.start}:${r.words}`, ties.filter((o) => o.start === r.start && o.words === r.words)])).values()];
      if (names.length > 1 && names.every((a, i) => names.every((b, j) => i === j || apart(a[0]!, b[0]!)))) {
        let readings: Area[][] = [[]];
        for (const name of names) readings = readings.flatMap((reading) => name.map((r) => [...reading, r.area])).slice(0, 64);
        const holders = readings.map((reading) => {
          const paths = reading.map((area) => areas.path(area.code));
          return paths[0]!.filter((a, level) => paths.every((p) => p[level]?.code === a.code));
        });
        const nearest = Math.max(...holders.map((shared) => shared.length));
        const atNearest = holders.filter((shared) => shared.length === nearest).map((shared) => shared.at(-1)!);
        if (nearest > 1 && new Set(atNearest.map((a) => a.code)).size === 1) return { area: atNearest[0]!, candidates: [], span: ties.flatMap(wordsOf) };
      }
      // One name of places of the same level in different branches: ask which one.
      return { area: null, candidates: ties.slice(0, 3).map((r) => r.area), span };
    }
    return { area: best.area, candidates: [], span };
  }

  /** A place's name of one word, as a key (see AreaDirectory.searchByKey). */
  const oneWordName: NameKey = (name) => (name.includes(' ') ? null : name);
  /** A place's whole name, as a key: an exact look-up. */
  const wholeName: NameKey = (name) => name;

  function parse(raw: string, options: { rootArea: string | null }): ParsedReport {
    const { category, area, candidates, urgent, language, allClear } = read(raw, options);
    return { category, area, candidates, urgent, language, allClear };
  }

  /**
   * What the parser found in a message and why: the category keywords and cues (as written in
   * flows/taxonomy.yaml, with their category) and the urgent words. For `npm run eval:parser -- --failures`.
   */
  function explain(raw: string, options: { rootArea: string | null }): { keywords: string[]; urgentWords: string[] } {
    const { found, urgentWords } = read(raw, options);
    return { keywords: found.map((k) => `${k.category}${k.cue ? ' (cue)' : ''}: ${k.text}`), urgentWords };
  }

  /**
   * Between languages that share the category's words ("арык" is Russian and Kyrgyz), the urgent word's
   * language ("арык … балта"), else Kyrgyz when the message has letters only Kyrgyz has (ө, ү, ң).
   */
  function tieBreak(raw: string, tied: Language[], urgentLanguage: Language | null): Language | null {
    if (tied.length < 2) return null;
    if (urgentLanguage && tied.includes(urgentLanguage)) return urgentLanguage;
    if (tied.includes('ky') && /[өүң]/iu.test(raw)) return 'ky';
    return null;
  }

  function read(raw: string, options: { rootArea: string | null }): ParsedReport & { found: Keyword[]; urgentWords: string[] } {
    const latinCyrillic = mayTypeCyrillicInLatin(options.rootArea);
    // Russian in Latin letters writes the soft sign as an apostrophe ("bol'nitse", "sem'i"): one word, not two.
    let { words: folded, clauses, lowercase } = readWords(latinCyrillic ? raw.replace(/([a-z])['’`]([a-z])/giu, '$1$2') : raw);
    if (folded.length > 0 && reportWords.has(folded[0]!)) [folded, clauses, lowercase] = [folded.slice(1), clauses.slice(1), lowercase.slice(1)];
    const words = folded.map((w) => messageWord(w, LANGUAGES, { latinCyrillic, repairs }));
    // Stop words and the exact names of places match a keyword only as written: "Kisumu" is not "kisu"
    // (knife) followed by an ending.
    const keywordWords = folded.map((w, i) =>
      stopWords.has(w) || areas.searchByKey(oneWordName, w, { within: options.rootArea }).length > 0 ? messageWord(w, LANGUAGES, { exact: true }) : words[i]!,
    );
    let reading = readCategory(keywordWords);
    const urgency = readUrgency(keywordWords, clauses);
    // A capitalised word read only as a keyword with a slip may be a place's name typed with one ("pelea en
    // Floers", not "flyers"; "Kimininni", not "kidini"): it may name a place, and is then the place's.
    const placeTaken = new Set([...reading.taken].filter((i) => !(reading.bySlipOnly.has(i) && !lowercase[i])));
    const place = readPlace(folded, words, placeTaken, options.rootArea, lowercase);
    // The words of the place are not evidence of a category ("Кара-Суу" holds "суу", water); and a phrase
    // may be written around the place and the small word before it ("мечеть в Сузаке закидали", the
    // mosque in Suzak was stoned, is "мечеть закидали"): read again without the place, and without the
    // small word too where a phrase then spans the gap and its category wins. The small word stays
    // otherwise: it may end a phrase of its own ("идет к Кара-Суу", heading to).
    if (place.span.length > 0) {
      const span = new Set(place.span);
      if (place.span.some((i) => reading.taken.has(i))) reading = readCategory(keywordWords.filter((_, i) => !span.has(i)));
      const first = Math.min(...place.span);
      const gap = first > 0 && stopWords.has(folded[first - 1]!) ? new Set([...span, first - 1]) : span;
      const around = keywordWords.filter((_, i) => !gap.has(i));
      // The gap's position in `around`: a spanning phrase starts before it and ends at or after it.
      const at = gap.has(first - 1) ? first - 1 : first;
      const spanning = at === 0 ? [] : phraseKeywords.filter((k) => find(k, around, Math.max(0, at - k.words.length + 1), { prefixes: true, before: at }));
      const again = spanning.length > 0 ? readCategory(around) : null;
      if (again && spanning.some((k) => k.category === again.category)) reading = again;
    }
    // A message that says nothing happened ("Polling day, Lurambi: voting peaceful, no incidents") names
    // no category, whatever election or land words it holds; a word of violence, a threat, hate speech
    // or gender-based violence, or anything urgent, in it makes it a report all the same.
    // Fallback cues are no such word ("armed police patrolling Kibra tonight, all calm").
    const allClearWords =
      !urgency.urgent && reading.found.every((keyword) => clearable.has(keyword.category!) || keyword.fallback)
        ? noIncidentKeywords.find((keyword) => find(keyword, keywordWords)?.score === 0)
        : undefined;
    const allClear = !!allClearWords;
    return {
      category: allClear ? null : reading.category,
      area: place.area,
      candidates: place.candidates,
      urgent: urgency.urgent,
      allClear,
      // The all-clear's own words tell its language when nothing else does ("habari njema").
      language: tieBreak(raw, reading.tied, urgency.language) ?? reading.language ?? urgency.language ?? allClearWords?.language ?? null,
      found: reading.found,
      urgentWords: urgency.words,
    };
  }

  /**
   * Whether a Latin word may be Kyrgyz typed in Latin letters (or Russian in chat spelling), and name a
   * place in Russian or Kyrgyz so typed: only from a country whose places are named in Cyrillic. Not from
   * anywhere else, nor from a country the directory does not know: a Guatemalan's "sábado" (Saturday) is
   * not "саба-до" (at the beating), nor a Tanzanian's "sababu" (reason).
   */
  function mayTypeCyrillicInLatin(rootArea: string | null): boolean {
    const root = rootArea ? areas.get(rootArea) : undefined;
    return !!root && /\p{Script=Cyrillic}/u.test(root.name);
  }

  /** A reply naming a category ("land", "насилие", "zombuluk", "2"): the category, or null. */
  function parseCategory(raw: string, options: { rootArea: string | null } = { rootArea: null }): string | null {
    const latinCyrillic = mayTypeCyrillicInLatin(options.rootArea);
    const forms = fold(raw)
      .split(' ')
      .filter(Boolean)
      .map((w) => messageWord(w, LANGUAGES, { latinCyrillic, repairs }));
    let best: { id: string; score: number } | null = null;
    for (const keyword of categoryKeywords) {
      const found = find(keyword, forms);
      if (found && (!best || found.score < best.score)) best = { id: keyword.category!, score: found.score };
    }
    return best?.id ?? null;
  }

  /** The taxonomy's catch-all category ("other"), if it has one: where an all-clear or good news is filed. */
  const otherCategory = taxonomy.categories.some((category) => category.id === 'other') ? 'other' : null;

  return { parse, parseCategory, explain, otherCategory };
}

export type ReportParser = ReturnType<typeof createReportParser>;
