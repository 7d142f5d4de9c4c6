import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { EvaluationSummary } from '../../scripts/eval-parser';

/**
 * The parser against its evaluation set (test/fixtures/parser-eval, `npm run eval:parser`): figures
 * may only go up. The floors are the figures when this test was last raised; the held-out target
 * (95% category+place) is not met yet, and `npm run eval:parser` says so with its exit code.
 */
const HELD_OUT_FLOOR = { category: 0.94, 'category+place': 0.94, place: 0.99, urgency: 0.92 } as const;
const TUNING_FLOOR = { 'category+place': 0.99 } as const;
/**
 * The development set (written later, tuned on like the tuning half; fresh batches read 75–95% until looked at).
 * It grows: its batch of everyday messages that are no reports ("the borehole is working again") lowered it
 * from 95.9% to 94.7%, as resource words name a land dispute by design. 95.0% on today's 3,238 before the
 * eight batches of session 15 were looked at, 97.6% after; 98.1% after session 16's first changes, 97.996% once
 * its two harder batches (58, 59: first reads 73.3% and 80.0%) had joined after their fixes.
 */
const DEVELOPMENT_FLOOR = { 'category+place': 0.975 } as const;
/**
 * Russian and Kyrgyz typed in Latin letters (the tuning half and development set transliterated): 44% before Latin
 * was read as Kyrgyz too, 93% then; 96.9% once "ts" could be т + с ("derutsya", дерутся) and short words ("na",
 * "ty") were read inside phrases (92.8% on the same 1,371 before); 97.4% after session 16.
 */
const LATIN_FLOOR = { 'category+place': 0.97 } as const;
/**
 * The tuning half and development set with one typo per message (`withOneTypo`: a letter dropped, typed twice or
 * swapped in one word of six letters or more): 93.8% before slips in inflected words were undone, 94.2% after, 94.5% with place-name typos read
 * (94.6% on the set grown by two batches); 95.8% on the set grown by eight more (93.5% on it before they were looked at); 96.4% after session 16.
 */
const TYPOS_FLOOR = { 'category+place': 0.96 } as const;
/**
 * Those naming a place, with one typo in a capitalised word (the place's name, mostly: "Lnagas", "Ноокедне"):
 * 61.2% (Kyrgyz 24.5%, Russian 46.6%) before a swap was one typo, a name's first word could carry one and a
 * declined Russian or Kyrgyz name could too; 87.3% then; 86.8% on the set grown by two batches, 88.9% once words that only
 * start a name ("gari" of Garissa) no longer named it; 90.1% on the set grown by eight batches (88.3% before), 91.1% once
a typo in a name's second word ("Kajiado Centtral") named that place rather than the county its first word names,
 * 93.6% once a short Russian or Kyrgyz name typed with a slip could be declined too ("в Угене", "Тласта"), 94.6%
 * once a Kyrgyz case ending typed with a slip came off a name typed right ("Араванад", "Папандгы"), 95.3% once a
 * Russian stem got its name's last vowel back ("в Исфне", Исфана), 95.7% once a capitalised word read only as a
 * keyword with a slip could name a place ("Floers" was "flyers").
 */
const NAME_TYPOS_FLOOR = { 'category+place': 0.95 } as const;
/**
 * Those messages with their places' words taken out (`withoutPlaces`): the share that reads no place. 96.7% before
 * everyday words stopped naming places ("gari", a car, was Garissa; "kituo", a station, Kitui; "hospitali" the
 * Hospital ward; "талап", a demand, Талас; "making", Makina), 99.7% after.
 */
const NO_PLACE_FLOOR = { place: 0.99 } as const;

describe('the SMS parser on messages written as people text', () => {
  // `npm run eval:parser -- --json`, as a child process: the same figures the README states, at Node's own speed
  // (Jest's sandbox parses ~2.5× slower), and only aggregates (no held-out message is printed).
  const root = join(__dirname, '..', '..');
  const summary = JSON.parse(
    execFileSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'eval-parser.ts'), '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as EvaluationSummary;
  const { halves } = summary;

  it('when the evaluation set is read, then it has at least 60 messages in each of the five languages, half of them held out', () => {
    for (const language of ['en', 'sw', 'ru', 'ky', 'es']) {
      expect((halves.tuning.byLanguage[language] ?? 0) + (halves['held-out'].byLanguage[language] ?? 0)).toBeGreaterThanOrEqual(60);
      expect(halves['held-out'].byLanguage[language]).toBeGreaterThanOrEqual(30);
      expect(halves.development.byLanguage[language]).toBeGreaterThanOrEqual(16);
    }
  });

  it.each(Object.entries(HELD_OUT_FLOOR))('when the held-out half is parsed, then %s accuracy stays at or above its floor (%s)', (measure, floor) => {
    expect(halves['held-out'].accuracy[measure as keyof typeof HELD_OUT_FLOOR]).toBeGreaterThanOrEqual(floor);
  });

  it('when the tuning half is parsed, then category and place are right for nearly all', () => {
    expect(halves.tuning.accuracy['category+place']).toBeGreaterThanOrEqual(TUNING_FLOOR['category+place']);
  });

  it('when the development set is parsed, then category and place are right for nearly all', () => {
    expect(halves.development.accuracy['category+place']).toBeGreaterThanOrEqual(DEVELOPMENT_FLOOR['category+place']);
  });

  it('when Russian and Kyrgyz are typed in Latin letters ("Oshto urush bolup jatat"), then category and place are still right for nearly all', () => {
    expect(halves.latin.byLanguage.ky).toBeGreaterThanOrEqual(200);
    expect(summary.latinWithCyrillic).toBe(0);
    expect(halves.latin.accuracy['category+place']).toBeGreaterThanOrEqual(LATIN_FLOOR['category+place']);
  });

  it('when every message has a typo in one long word ("clashnig", "гоолоса", "expuslarlos"), then category and place are still right for nearly all', () => {
    expect(halves.typos.messages).toBe(halves.tuning.messages + halves.development.messages);
    expect(summary.typosChanged).toBeGreaterThan(halves.typos.messages * 0.9);
    expect(halves.typos.accuracy['category+place']).toBeGreaterThanOrEqual(TYPOS_FLOOR['category+place']);
  });

  it('when a place\'s name has a typo ("Lnagas", "Kaabonyo", "в Аравнае"), then the place is still found for nearly all', () => {
    expect(halves['name-typos'].messages).toBeGreaterThan(1500);
    expect(summary.nameTyposWithoutPlace).toBe(0);
    expect(halves['name-typos'].accuracy['category+place']).toBeGreaterThanOrEqual(NAME_TYPOS_FLOOR['category+place']);
  });

  it('when a message names no place ("gari la polisi limechomwa", "he is in hospital"), then no place is read from its everyday words', () => {
    expect(halves['no-place'].messages).toBeGreaterThan(2000);
    expect(halves['no-place'].accuracy.place).toBeGreaterThanOrEqual(NO_PLACE_FLOOR.place);
  });
});
