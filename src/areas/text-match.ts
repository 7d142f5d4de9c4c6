import { distance } from 'fastest-levenshtein';

/** Lower case, accents and punctuation gone, spaces folded: how place and category names are compared. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // Kyrgyz letters as typed on Russian keyboards without them: "Өзгөн" as "Озгон", "көрүү" as "коруу".
    .replace(/ө/g, 'о')
    .replace(/ү/g, 'у')
    .replace(/ң/g, 'н')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** How many typos a word of this length may carry and still match. */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/**
 * How many typos a place name typed in Latin letters may carry in free text, where every word of a message is
 * tried as a place: one until the name is long. Two in a word of seven or eight letters find everyday words
 * ("kijijini", in the village, was Kiminini; "mabango", posters, Mihango). The search a reporter types a place
 * into allows two, as do Russian and Kyrgyz names, whose endings and spellings ("Нарымана") take a second.
 */
export function freeTextTypoAllowance(length: number): number {
  return length >= 9 ? typoAllowance(length) : Math.min(1, typoAllowance(length));
}

/**
 * How well `typed` names `candidate` (both folded): 0 is exact, higher is worse, null is no match.
 * A prefix of at least 3 letters counts ("kibe" for "kibera"), as do a few typos ("kibra").
 */
export function matchScore(typed: string, candidate: string, allowanceFor: (length: number) => number = typoAllowance): number | null {
  if (!typed || !candidate) return null;
  if (typed === candidate) return 0;
  if (typed.length >= 3 && candidate.startsWith(typed)) return 1;
  const allowance = allowanceFor(Math.min(typed.length, candidate.length));
  // The distance is at least the difference in length: most candidates are ruled out without computing it
  // (parsing one SMS compares hundreds of word runs with every place name).
  if (Math.abs(typed.length - candidate.length) > allowance) return null;
  // Two neighbouring letters swapped ("Lnagas", "Ngeira") are one slip of the thumb, not two edits.
  const d = typed.length === candidate.length && swappedOnce(typed, candidate) ? 1 : distance(typed, candidate);
  if (d <= allowance) return 1 + d;
  return null;
}

/** Whether `longer` is `shorter` with one of its letters typed twice. */
export function doubledOnce(longer: string, shorter: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  const at = [...shorter].findIndex((letter, i) => letter !== longer[i]);
  const i = at < 0 ? shorter.length : at;
  return i > 0 && longer[i] === longer[i - 1] && longer.slice(i + 1) === shorter.slice(i);
}

/** Whether `typed` is `word` with two neighbouring letters swapped. */
export function swappedOnce(typed: string, word: string): boolean {
  if (typed.length !== word.length) return false;
  let at = 0;
  while (at < typed.length && typed[at] === word[at]) at++;
  return at < typed.length - 1 && typed[at] === word[at + 1] && typed[at + 1] === word[at] && typed.slice(at + 2) === word.slice(at + 2);
}
