import { readFileSync } from 'node:fs';
import { foldForMatching } from '../areas/text-match';

/**
 * Word lists of the languages written in Latin letters (`an-array-of-english-words`, ~275,000 words;
 * `an-array-of-spanish-words`, ~636,000): Kiswahili has none here, Russian and Kyrgyz keywords are
 * never typo-matched against Latin words.
 */
const WORD_LISTS = ['an-array-of-english-words', 'an-array-of-spanish-words'];

/**
 * The English and Spanish words one typo away from any of these keyword words (same first letter, one
 * letter deleted, inserted, changed or two swapped): real words, which must never be read as a
 * keyword's typo ("shouting" is not "shooting", "attached" not "attacked", "classes" not "clashes";
 * Spanish "placas", number plates, is not "plagas", vermin). English is the language SMS mixes into
 * all the others. The lists are read when the parser is built and not kept: a few hundred words remain.
 */
export function realWordsNear(keywordWords: Iterable<string>): Set<string> {
  const typed = [...new Set([...keywordWords].filter((word) => /^[a-z]{5,}$/.test(word)))].sort();
  const key = typed.join(' ');
  // The same keywords give the same words: read the list once per process, not once per parser.
  const known = computed.get(key);
  if (known) return known;
  const candidates = new Set<string>();
  for (const word of typed) for (const variant of oneTypoAway(word)) candidates.add(variant);
  const near = new Set<string>();
  for (const list of WORD_LISTS) {
    const words = JSON.parse(readFileSync(require.resolve(list), 'utf8')) as string[];
    for (const word of words) {
      // Messages are compared folded ("quién" as "quien"): so are the list's words, when they need it.
      const folded = /^[a-z]+$/.test(word) ? word : foldForMatching(word);
      if (candidates.has(folded)) near.add(folded);
    }
  }
  computed.set(key, near);
  return near;
}

const computed = new Map<string, Set<string>>();

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit from `word` that keeps its first letter (as the parser's typo rule does). */
function oneTypoAway(word: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= word.length; i++) {
    if (i < word.length) out.push(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const letter of LETTERS) {
      out.push(word.slice(0, i) + letter + word.slice(i));
      if (i < word.length) out.push(word.slice(0, i) + letter + word.slice(i + 1));
    }
  }
  return out;
}
