import * as snowball from 'snowball-stemmers';
import { doubledOnce, foldForMatching, swappedOnce } from '../areas/text-match';
import type { Language } from '../config';

/**
 * The forms of a word that keyword and place matching compare: the word itself and its stem in each
 * language its script can be. What each language gets:
 * - English, Russian, Spanish: the Snowball stemmers ("fighting" → "fight", "драки" → "драк").
 * - Kiswahili (prefixing): subject and tense prefixes stripped ("wamejeruhiwa" → "jeruhiwa",
 *   "wanapigana" → "pigana"); the noun classes' own prefixes stay, so keywords list noun forms.
 * - Kyrgyz (agglutinating): case, plural, possessive and "one from" (-лык, -тык) suffixes stripped, repeatedly
 *   ("Аламүдүндө" → "аламудун", "шайлоодон" → "шайлоо"), and a verbal noun's -оо/-уу for keywords
 *   ("зордуктоо" → "зордукт", which starts "зордукташты").
 * Words are folded first (lower case, accents gone, Kyrgyz ө ү ң as о у н; see text-match.ts).
 */

const russianSnowball = snowball.newStemmer('russian');

const snowballFor: Partial<Record<Language, { stem(word: string): string }>> = {
  en: snowball.newStemmer('english'),
  // Words reach the stemmer folded, "й" as "и": its endings "-ой", "-ей", "-ий", "-ый" are given their "й"
  // back, or it keeps them ("дракои" → "драко"; "дракой", with a fight, → "драк", as "драка").
  ru: { stem: (word: string) => foldForMatching(russianSnowball.stem(word.replace(/([аеиоуыэюя])и$/, '$1й'))) },
  es: snowball.newStemmer('spanish'),
};

export const CYRILLIC = /[а-яё]/;

const SW_SUBJECTS = ['wa', 'a', 'ni', 'u', 'tu', 'm', 'mu', 'ki', 'vi', 'li', 'ya', 'i', 'zi', 'ku', 'yu', 'pa'];
const SW_TENSES = ['na', 'li', 'ta', 'me', 'ki', 'si', 'ja', 'nge', 'ka', ''];
/** Object markers after the tense ("a-na-ni-tishia": he threatens me). */
const SW_OBJECTS = ['ni', 'ku', 'mw', 'm', 'tu', 'wa', 'ki', 'vi', 'li', 'zi', ''];

/** How a future verb's stem starts (see swahiliStems): no folded word holds a "~". */
const SW_FUTURE_MARK = 'ta~';

function swahiliStems(word: string): string[] {
  const out = new Set<string>();
  for (const subject of SW_SUBJECTS) {
    if (!word.startsWith(subject)) continue;
    for (const tense of SW_TENSES) {
      if (!word.startsWith(subject + tense)) continue;
      for (const object of SW_OBJECTS) {
        const prefix = subject + tense + object;
        const rest = word.slice(prefix.length);
        // At least two letters taken off: a lone "m-" or "a-" is a noun's own start more often than a
        // subject ("mwezi", month, is not "m-" + "wezi", thieves).
        if (word.startsWith(prefix) && rest.length >= 4 && prefix.length >= 2) {
          out.add(rest);
          // The future keeps its "ta-": "watachomewa" and "tutachomewa" (they, we will be burned) are
          // both "ta~chomewa", which "wamechomewa" (they were) is not. Marked, so that it is never a
          // verb that starts with "ta": "atanifuta" (he will fire me) is not "tafuta" (to search for).
          if (tense === 'ta') out.add(SW_FUTURE_MARK + rest);
        }
      }
    }
  }
  if (word.startsWith('ku') && word.length >= 6) out.add(word.slice(2));
  // The locative "-ni" ("hospitalini", at the hospital; "kichwani", on the head), on the word and its stems.
  for (const form of [word, ...out]) if (form.endsWith('ni') && form.length >= 6) out.add(form.slice(0, -2));
  return [...out];
}

// Longest first; each at least two letters, so that a stem keeps its meaning.
const KY_SUFFIXES = [
  // "the one in …" (locative + -кы): "Папандагы", "Жалал-Абаддагы"
  'дагы', 'деги', 'догу', 'дөгү', 'тагы', 'теги', 'тогу', 'төгү',
  'лардын', 'лердин', 'лордун', 'лөрдүн', 'ларды', 'лерди', 'лорду', 'лөрдү', 'ларга', 'лерге', 'лорго', 'лөргө', 'ларда', 'лерде', 'лордо', 'лөрдө',
  'дан', 'ден', 'тан', 'тен', 'дон', 'дөн', 'тон', 'төн', 'нан', 'нен', 'нон', 'нөн',
  'нын', 'нин', 'нун', 'нүн', 'дын', 'дин', 'дун', 'дүн', 'тын', 'тин', 'тун', 'түн',
  'лар', 'лер', 'лор', 'лөр', 'дар', 'дер', 'дор', 'дөр', 'тар', 'тер', 'тор', 'төр',
  'сын', 'син', 'сун', 'сүн', 'ыбыз', 'ибиз', 'убуз', 'үбүз',
  // "I am (from) …": "Базар-Коргондонмун", "Оштонмун"
  'мын', 'мин', 'мун', 'мүн',
  // "one from …": "Таластыктар" (people of Talas), "Оштук", "Нарындык"
  'лык', 'лик', 'лук', 'лүк', 'дык', 'дик', 'дук', 'дүк', 'тык', 'тик', 'тук', 'түк',
  'да', 'де', 'та', 'те', 'до', 'дө', 'то', 'тө',
  'га', 'ге', 'ка', 'ке', 'го', 'гө', 'ко', 'кө',
  'ны', 'ни', 'ну', 'нү', 'ды', 'ди', 'ду', 'дү', 'ты', 'ти', 'ту', 'тү',
  'сы', 'си', 'су', 'сү', 'ым', 'им', 'ум', 'үм', 'ың', 'иң', 'уң', 'үң',
];

/**
 * A possessive's -н- before a case ("районунда", "районунан", "районуна": in, from, to its district):
 * taken off as well as, not instead of, the case alone ("Нарында" is Нарын + -да).
 */
const KY_POSSESSIVE_CASES = ['унда', 'үндө', 'ында', 'инде', 'унан', 'үнөн', 'ынан', 'инен', 'уна', 'үнө', 'ына', 'ине'];

// Words reach these lists folded (text-match.ts: "ө" is "о", "ү" is "у"): so are the endings, longest first still.
const KY_SUFFIXES_FOLDED = [...new Set(KY_SUFFIXES.map(foldForMatching))];
const KY_POSSESSIVE_CASES_FOLDED = [...new Set(KY_POSSESSIVE_CASES.map(foldForMatching))];

function kyrgyzStems(word: string): string[] {
  const out: string[] = [];
  let current = word;
  for (let round = 0; round < 3; round++) {
    const suffix = KY_SUFFIXES_FOLDED.find((s) => current.endsWith(s) && current.length - s.length >= 2);
    if (!suffix) break;
    current = current.slice(0, -suffix.length);
    out.push(current);
  }
  const possessive = KY_POSSESSIVE_CASES_FOLDED.find((s) => word.endsWith(s) && word.length - s.length >= 3);
  if (possessive) out.push(word.slice(0, -possessive.length));
  return out;
}

/**
 * The stems left when a Kyrgyz case ending typed with one slip is taken off a word (folded, Cyrillic): two of
 * its letters swapped ("Араванад", -да), one dropped ("Папандгы", -дагы) or one typed twice ("Өзгөндөггү",
 * -дөгү), never the whole ending's last letter alone (a word with its last letter off is anything); the stem
 * left has four letters or more ("Оштоггу" keeps Ош's slip). For place names only, which must then be matched
 * exactly: a slip in the ending and another in the name is too far.
 */
export function kyrgyzSlippedEndingStems(word: string): string[] {
  const out = new Set<string>();
  for (const ending of KY_SUFFIXES_FOLDED) {
    for (const length of [ending.length - 1, ending.length, ending.length + 1]) {
      if (length < 2 || word.length - length < 4) continue;
      const typed = word.slice(-length);
      if (typed !== ending && oneSlipFrom(typed, ending)) out.add(word.slice(0, -length));
    }
  }
  return [...out];
}

/** Whether `typed` is `word` with two neighbouring letters swapped, one letter dropped or one typed twice. */
function oneSlipFrom(typed: string, word: string): boolean {
  if (typed.length === word.length) return swappedOnce(typed, word);
  if (typed.length === word.length + 1) return doubledOnce(typed, word);
  if (typed.length + 1 !== word.length) return false;
  for (let at = 0; at < word.length; at++) if (word.slice(0, at) + word.slice(at + 1) === typed) return true;
  return false;
}

/** A keyword's Kyrgyz stem: a verbal noun loses -оо/-уу (-өө/-үү, folded) ("коркутуу" → "коркут"). */
function kyrgyzKeywordStems(word: string): string[] {
  const stems = kyrgyzStems(word);
  const verbal = /(оо|уу)$/.exec(word);
  if (verbal && word.length - 2 >= 4) stems.push(word.slice(0, -2));
  return stems;
}

/**
 * Russian and Kyrgyz typed in Latin letters, as phones without Cyrillic (or a Cyrillic SMS costing twice:
 * 70 characters a segment, not 160) make people write them ("v Oshe draka, srochno"; "Oshto urush bolup
 * jatat"): the informal spelling turned back into Cyrillic, longest letter groups first.
 */
const LATIN_TO_CYRILLIC: [string, string][] = [
  ['shch', 'щ'], ['sch', 'щ'], ['sh', 'ш'], ['ch', 'ч'], ['zh', 'ж'], ['kh', 'х'], ['ts', 'ц'],
  ['ya', 'я'], ['yu', 'ю'], ['yo', 'ё'], ['ye', 'е'], ['ja', 'я'], ['ju', 'ю'],
  ['a', 'а'], ['b', 'б'], ['v', 'в'], ['w', 'в'], ['g', 'г'], ['d', 'д'], ['e', 'е'], ['z', 'з'],
  ['i', 'и'], ['y', 'ы'], ['j', 'й'], ['k', 'к'], ['q', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'],
  ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'], ['h', 'х'],
  ['c', 'ц'], ['x', 'кс'],
];
/**
 * Kyrgyz in Latin letters writes ж as "j" ("jatat", "jardam"), ң as "ng" (folded to н, as ө and ү are
 * to о and у, which Latin typing writes "o" and "u" anyway), and the Turkic "ç" (folded "c") for ч.
 */
const KYRGYZ_LATIN: [string, string][] = [['ng', 'н'], ['ja', 'жа'], ['ju', 'жу'], ['jo', 'жо'], ['j', 'ж'], ['c', 'ч'], ['x', 'х']];
const LATIN_TO_CYRILLIC_KY: [string, string][] = [
  ...KYRGYZ_LATIN,
  ...LATIN_TO_CYRILLIC.filter(([latin]) => !KYRGYZ_LATIN.some(([ky]) => ky === latin)),
].sort((a, b) => b[0].length - a[0].length);
const LATIN_WORD = /^[a-z]+$/;

export function cyrillicFromLatin(word: string, language: 'ru' | 'ky' = 'ru'): string | null {
  if (!LATIN_WORD.test(word)) return null;
  const table = language === 'ky' ? LATIN_TO_CYRILLIC_KY : LATIN_TO_CYRILLIC;
  let out = '';
  for (let i = 0; i < word.length; ) {
    const [latin, cyrillic] = table.find(([l]) => word.startsWith(l, i))!;
    out += cyrillic;
    i += latin.length;
  }
  // "-yy"/"-iy" endings are "-ый"/"-ий"; "y" after a vowel is "й" ("moy" → "мой").
  out = out.replace(/([аеёиоуыэюя])ы/g, '$1й').replace(/ыы$/, 'ый');
  // A Kyrgyz word starting with "e" starts with э ("el", people; "eki", two; "ech kim", nobody).
  return language === 'ky' ? out.replace(/^е/, 'э') : out;
}

/**
 * A Latin word's readings in Russian or Kyrgyz, folded. "yo" is ё ("eyo", her) or й + о ("rayon",
 * district), read both ways; in Kyrgyz "yu" too: ю in a few words ("союп", slaughtering), й before у/ү in
 * most ("kuyup": күйүп, burning).
 */
function latinReadings(word: string, language: 'ru' | 'ky', options: { chat: boolean }): string[] {
  // Chat spelling, where Cyrillic is typed in Latin letters every day (`chat`): "4" for ч inside a word
  // ("4to", "me4eti", "ka4yp"); in Russian also "j" for ж as in Kyrgyz ("muj", husband; "podojgli", set
  // fire), "x" for х ("uexat", "pastuxi"), "sh" for щ ("pastbisha").
  const chat = options.chat && /[a-z]/.test(word) ? word.replace(/4/g, 'ch') : word;
  const reading = cyrillicFromLatin(chat, language);
  if (reading === null) return [];
  const readings = [reading, language === 'ky' ? reading.replace(/ю/g, 'йу').replace(/ё/g, 'йо') : reading.replace(/ё/g, 'йо')];
  // "ts" is т + с as often as ц: in Russian the reflexive "-tsya" of a verb ("derutsya", дерутся;
  // "grozyatsya"); in Kyrgyz, which has no ц of its own, nearly always ("ketsin", кетсин, let them go).
  const apart = chat.includes('ts') ? chat.split('ts').map((part) => (part ? cyrillicFromLatin(part, language) : '')) : [];
  if (apart.every((part) => part !== null) && apart.length > 0) readings.push(apart.join('тс'));
  if (options.chat && language === 'ru' && /[jx]|sh/.test(chat)) {
    const russianChat = chat.replace(/j/g, 'zh').replace(/x/g, 'kh');
    readings.push(cyrillicFromLatin(russianChat, 'ru')!);
    if (russianChat.includes('sh')) readings.push(cyrillicFromLatin(russianChat.replace(/sh(?!ch)/g, 'shch'), 'ru')!);
  }
  return [...new Set(readings.map(foldForMatching))];
}

/**
 * A message word as the parser compares it with keywords. A keyword of a language is compared with
 * the word as written and that language's forms only: stems of different languages collide ("molesta",
 * annoyed, is Spanish "molest-", and must not meet English "molested"; Kiswahili "mara", times, is not
 * Spanish "mar-" of "marido").
 */
export interface MessageWord {
  /** As written, folded. */
  word: string;
  /** Every form in every language: what place names and the parser's quick filter look at. */
  all: Set<string>;
  /** The forms a keyword of each language is compared with: the word and that language's stems. */
  inLanguage: Map<Language, Set<string>>;
  /**
   * Forms that may equal a keyword's and nothing looser (no prefix, no typo): the Cyrillic reading of a
   * Latin-script word, among the Russian forms only, so that English "sport" (спорт) never reads as "спор".
   */
  equalOnly: Set<string>;
  /**
   * A Latin-script word's Russian and Kyrgyz readings in Cyrillic, each with its endings taken off
   * (["таласом", "талас"]), where Latin words may be Cyrillic typed in Latin (`latinCyrillic`): how place
   * names are found in it ("pod Talasom", "Ak-Sayda").
   */
  readings: { language: 'ru' | 'ky'; forms: string[] }[];
  /** A Latin-script word's Cyrillic readings whole (no stem): what a keyword matched only as written ("=скорая") may equal. */
  spelled: Set<string>;
  /**
   * Whether a whole reading (`spelled`) may be a keyword's typo, as a word typed in Cyrillic may
   * ("uggrozhayut", "kahcyshty"): where Cyrillic is typed in Latin every day (`latinCyrillic`). A Kyrgyz
   * reading's stems never are (Kyrgyz typos are in the word as typed only; see report-parser `isTypo`).
   */
  readingTypos: boolean;
  /** Matched only as written (stop words, places' exact names): no stem, prefix or typo. */
  exact: boolean;
  /** The first letters of all its forms and repairs: a keyword word none of whose forms starts so is not this word. */
  initials: Set<string>;
  /** Whether the word may be a keyword's with a slip of the thumb (six letters or more, no real English or Spanish word). */
  slip: boolean;
  /** The forms, per language, of the word with one slip undone (a letter typed twice or by mistake, two swapped). */
  repairs: Map<Language, { forms: Set<string>; heads: Set<string> }>;
}

/** What the parser tells `messageWord` to undo slips with: which starts a keyword's forms have, per language; which words are real. */
export interface SlipRepairs {
  starts: Map<Language, Set<string>>;
  isRealWord(word: string): boolean;
}

const TYPO_REPAIR_MIN = 6;
/** How many first letters of a repaired form must begin some keyword's form (`SlipRepairs.starts`). */
export const REPAIR_START = 4;
/** A keyword that starts longer words starts a repaired form only from this many letters (see report-parser formsMatch). */
export const REPAIR_HEAD = 6;

/** The word with one letter taken out or two neighbouring letters swapped, never the first. */
function oneSlipUndone(word: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i < word.length; i++) {
    out.add(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  out.delete(word);
  return [...out].filter((candidate) => candidate.length >= TYPO_REPAIR_MIN);
}

/** A word's forms in a language written in its script: the word, its stem(s). */
function nativeForms(word: string, language: Language): string[] {
  const forms = [word];
  const stemmer = snowballFor[language];
  if (stemmer) forms.push(stemmer.stem(word));
  // A verb in the future tense keeps its "ta-" ("watashambulia", they will attack: "tashambulia"):
  // what is to come is not the deed's keyword ("shambulia") but a threat's.
  if (language === 'sw') {
    // Kiswahili writes no consonant double: one typed twice is a slip ("wannatishia"), read both ways.
    const single = word.replace(/([^aeiou])\1/g, '$1');
    for (const typed of new Set([word, single])) {
      for (const stem of swahiliStems(typed)) if (!SW_FUTURE.test(typed) || stem.startsWith(SW_FUTURE_MARK)) forms.push(stem);
    }
  }
  if (language === 'ky') forms.push(...kyrgyzStems(word));
  return forms;
}

/** A word's forms for the languages its script can be (see MessageWord). */
export function messageWord(
  word: string,
  languages: readonly Language[],
  options: { exact?: boolean; latinCyrillic?: boolean; repairs?: SlipRepairs } = {},
): MessageWord {
  const all = new Set([word]);
  const inLanguage = new Map<Language, Set<string>>();
  const equalOnly = new Set<string>();
  const readings: MessageWord['readings'] = [];
  const spelled = new Set<string>();
  const repairs: MessageWord['repairs'] = new Map();
  const cyrillic = CYRILLIC.test(word);
  // Not where Latin letters mostly spell Russian or Kyrgyz (`latinCyrillic`): "mitinge" (митинге) is no
  // slip of a Spanish "mitin". Never a real English or Spanish word ("desfile", a parade, is no "defile").
  const slip = !options.exact && !!options.repairs && word.length >= TYPO_REPAIR_MIN && (cyrillic || !options.latinCyrillic) && !options.repairs.isRealWord(word);
  for (const language of languages) {
    const forms = new Set([word]);
    inLanguage.set(language, forms);
    if (options.exact) continue;
    if ((language === 'ru' || language === 'ky') === cyrillic) {
      for (const form of nativeForms(word, language)) forms.add(form);
      const starts = options.repairs?.starts.get(language);
      if (slip && starts) {
        const repaired = { forms: new Set<string>(), heads: new Set<string>() };
        // Only candidates that may hold a keyword's form are stemmed: stems keep a word's start, or in
        // Kiswahili its end (its prefixes come off).
        const mayHold = (candidate: string) =>
          language === 'sw' ? [...candidate.slice(0, -REPAIR_START + 1)].some((_, i) => starts.has(candidate.slice(i, i + REPAIR_START))) : starts.has(candidate.slice(0, REPAIR_START));
        for (const candidate of oneSlipUndone(word)) {
          if (!mayHold(candidate)) continue;
          for (const form of nativeForms(candidate, language)) if (!forms.has(form) && starts.has(form.slice(0, REPAIR_START))) {
            repaired.forms.add(form);
            for (let end = REPAIR_HEAD; end <= form.length; end++) repaired.heads.add(form.slice(0, end));
          }
        }
        repairs.set(language, repaired);
      }
    }
    // Folded as message words are ("мой" as "мои"), for the keywords and place names they meet are.
    // From four letters: shorter readings meet Russian stems by chance (Spanish "ver" reads "вер", the
    // stem of "верующими", believers; English "boy" reads "бой", fight). From three where Russian may be
    // typed in Latin (`latinCyrillic`): "muj" is "муж", husband; "4to" is "что".
    for (const reading of language === 'ru' && !cyrillic ? latinReadings(word, 'ru', { chat: !!options.latinCyrillic }) : []) {
      const russian = [reading, snowballFor.ru!.stem(reading)];
      if (reading.length >= (options.latinCyrillic ? 3 : 4)) {
        spelled.add(reading);
        for (const form of russian) {
          forms.add(form);
          equalOnly.add(form);
        }
      } else if (options.latinCyrillic) {
        // A short word ("ya", я; "na", на) as written only: a keyword's small word, inside its phrase.
        forms.add(reading);
        equalOnly.add(reading);
      }
      if (options.latinCyrillic) readings.push({ language: 'ru', forms: russian });
    }
    // Only where Kyrgyz may be written (`latinCyrillic`): its endings make readings of other languages'
    // words ("sábado" is "саба-до", at the beating).
    if (language === 'ky' && !cyrillic && options.latinCyrillic) {
      for (const reading of latinReadings(word, 'ky', { chat: true })) {
        const endings = kyrgyzStems(reading);
        spelled.add(reading);
        for (const form of [reading, ...endings]) forms.add(form);
        readings.push({ language: 'ky', forms: [reading, ...endings] });
      }
    }
    for (const form of forms) all.add(form);
  }
  const initials = new Set([...all].map((form) => form.charAt(0)));
  for (const { forms } of repairs.values()) for (const form of forms) initials.add(form.charAt(0));
  return { word, all, inLanguage, equalOnly, readings, spelled, readingTypos: !!options.latinCyrillic, slip, repairs, initials, exact: options.exact ?? false };
}

/**
 * Russian case endings of adjectives and nouns, folded (й is и after folding), longest first: what
 * `russianNameKey` takes off. (The Snowball stemmer is not used here: it reads the folded "ой" of
 * "Чуйской" as "о" + "и" and keeps the "о".)
 */
const RU_NAME_ENDINGS = ['ыми', 'ими', 'ами', 'ями', 'ого', 'его', 'ому', 'ему', 'ая', 'яя', 'ои', 'еи', 'ую', 'юю', 'ом', 'ем', 'ыи', 'ии', 'ые', 'ие', 'ых', 'их', 'ым', 'им', 'ое', 'ее', 'ью', 'ам', 'ям', 'ах', 'ях', 'ов', 'ев', 'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь'];

/**
 * A Cyrillic name of several words by its words without their case endings: Russian declines the
 * whole name, adjective and noun ("в Чуйской области", "в Таласском районе" → "чуиск област",
 * "таласск раион"), which no single ending swap undoes. Null for one word (its ending is swapped
 * instead) or Latin script.
 */
export function russianNameKey(folded: string): string | null {
  const words = folded.split(' ');
  if (words.length < 2 || !words.every((w) => CYRILLIC.test(w))) return null;
  return words.map((w) => {
    const ending = RU_NAME_ENDINGS.find((e) => w.endsWith(e) && w.length - e.length >= 3);
    return ending ? w.slice(0, -ending.length) : w;
  }).join(' ');
}

/** A Kiswahili verb in the future tense: a subject, "-ta-", then at least three letters ("vita", war, is none). */
const SW_FUTURE = /^(ni|u|a|tu|m|mu|wa|i|zi|li|ya|ki|vi|ku)ta.{3,}/;

/** The forms of a keyword word in its own language (what a message's word forms are compared with). */
export function keywordForms(word: string, language: Language): Set<string> {
  const forms = new Set([word]);
  const stemmer = snowballFor[language];
  if (stemmer) {
    // A stem of two letters is shared by unrelated words: "убит" (killed) → "уб", as "убить" (to kill);
    // "боятся" (they fear) → "бо", as "бой" (a fight); "имам" → "им" (them).
    const stem = stemmer.stem(word);
    if (stem.length >= 3) forms.add(stem);
  }
  // A keyword's Kiswahili stem keeps five letters or more: a noun's class prefix taken for a verb's
  // subject leaves a short piece that other words share ("kisimani" → "mani", as "amani", peace, gives;
  // "kikabila" → "bila", without).
  // A keyword in the future tense ("watachoma", they will burn; "watafukuzwa", they will be evicted)
  // keeps its tense: its bare stem is also the deed done ("wamechoma", they burned), not a threat.
  const future = language === 'sw' && SW_FUTURE.test(word);
  if (language === 'sw') for (const stem of swahiliStems(word)) if (stem.length >= 5 && (!future || stem.startsWith(SW_FUTURE_MARK))) forms.add(stem);
  // Russian typed in Latin letters drops the soft and hard signs ("strelba" → "стрелба"), as hurried Cyrillic
  // typing does: a keyword's forms without them match too.
  // So does "э" typed as "е" ("mezhetnicheskie" → "межетнические").
  if (language === 'ru') for (const form of [...forms]) if (/[ьъэ]/.test(form) && form.length >= 5) forms.add(form.replace(/[ьъ]/g, '').replace(/э/g, 'е'));
  // A keyword's Kyrgyz stem keeps four letters or more: "кетсин" (let them leave) is not "кет-", which
  // every "кетти" (went away) also gives.
  if (language === 'ky') for (const stem of kyrgyzKeywordStems(word)) if (stem.length >= 4) forms.add(stem);
  return forms;
}
