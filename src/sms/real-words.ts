import { readFileSync } from 'node:fs';
import { foldForMatching } from '../areas/text-match';

/**
 * Word lists of the languages written in Latin letters (`an-array-of-english-words`, ~275,000 words;
 * `an-array-of-spanish-words`, ~636,000): Kiswahili has none here, Russian and Kyrgyz keywords are
 * never typo-matched against Latin words.
 */
const WORD_LISTS = ['an-array-of-english-words', 'an-array-of-spanish-words'];

/**
 * What the English and Spanish word lists say about words near the keywords, read once per set of keywords.
 * - `near`: the words one typo away from any of these keyword words (same first letter, one letter deleted,
 *   inserted, changed or two swapped): real words, which must never be read as a keyword's typo
 *   ("shouting" is not "shooting", "attached" not "attacked", "classes" not "clashes"; Spanish "placas",
 *   number plates, is not "plagas", vermin). English is the language SMS mixes into all the others.
 * - `has`: whether a word is in either list at all, so that a real word is never repaired into another
 *   (Spanish "desfile", a parade, is not "defile" with an "s" slipped in). Kept as the sorted 32-bit hashes
 *   of the ~900,000 words (3.6 MB, not the words): a false "yes" (about one word in 5,000) only leaves a
 *   typo unrepaired.
 * The lists are read when the parser is built and not kept.
 */
export interface RealWords {
  near: Set<string>;
  has(word: string): boolean;
}

export function realWords(keywordWords: Iterable<string>): RealWords {
  const typed = [...new Set([...keywordWords].filter((word) => /^[a-z]{5,}$/.test(word)))].sort();
  const key = typed.join(' ');
  // The same keywords give the same words: read the lists once per process, not once per parser.
  const known = computed.get(key);
  if (known) return known;
  const candidates = new Set<string>();
  for (const word of typed) for (const variant of oneTypoAway(word)) candidates.add(variant);
  const near = new Set<string>();
  const hashes: number[] = [];
  for (const list of WORD_LISTS) {
    const words = JSON.parse(readFileSync(require.resolve(list), 'utf8')) as string[];
    for (const word of words) {
      // Messages are compared folded ("quién" as "quien"): so are the list's words, when they need it.
      const folded = /^[a-z]+$/.test(word) ? word : foldForMatching(word);
      if (candidates.has(folded)) near.add(folded);
      hashes.push(hash(folded));
    }
  }
  const sorted = Uint32Array.from(hashes).sort();
  const real: RealWords = { near, has: (word) => includes(sorted, hash(word)) };
  computed.set(key, real);
  return real;
}

const computed = new Map<string, RealWords>();

/** FNV-1a, 32 bits: enough to tell ~900,000 words apart from the few a message holds. */
function hash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function includes(sorted: Uint32Array, value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

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
