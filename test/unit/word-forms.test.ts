import { cyrillicFromLatin, kyrgyzSlippedEndingStems, messageWord } from '../../src/sms/word-forms';
import { LANGUAGES } from '../../src/config';

/** Word forms alone: tables of words and what they become. Milliseconds. */
describe('Russian typed in Latin letters', () => {
  it.each([
    ['srochno', 'срочно'],
    ['strelyayut', 'стреляют'],
    ['draka', 'драка'],
    ['nozhami', 'ножами'],
    ['rebyata', 'ребята'],
    ['shchit', 'щит'],
    ['moy', 'мой'],
    ['novyy', 'новый'],
    ['ugrozhayut', 'угрожают'],
  ])('%s reads as %s', (latin, cyrillic) => {
    expect(cyrillicFromLatin(latin)).toBe(cyrillic);
  });

  it.each([['кириллица'], ['2026'], ['don\'t'], ['ñandú']])('%s is not transliterated', (word) => {
    expect(cyrillicFromLatin(word)).toBeNull();
  });

  it('a Latin word gets its Cyrillic reading and that reading\'s Russian stem among its forms, folded as message words are', () => {
    expect([...messageWord('drakoy', LANGUAGES).all]).toEqual(expect.arrayContaining(['drakoy', 'дракои', 'драк']));
  });
});

describe('Kyrgyz typed in Latin letters', () => {
  it.each([
    ['jatat', 'жатат'],
    ['jardam', 'жардам'],
    ['bychak', 'бычак'],
    ['tengdik', 'тендик'],
    ['el', 'эл'],
    ['cabuul', 'чабуул'],
    ['oshto', 'ошто'],
  ])('%s reads as %s', (latin, cyrillic) => {
    expect(cyrillicFromLatin(latin, 'ky')).toBe(cyrillic);
  });

  it('a Latin word gets its Kyrgyz reading and that reading\'s stems only where Kyrgyz may be written', () => {
    expect([...messageWord('talasta', LANGUAGES, { latinCyrillic: true }).inLanguage.get('ky')!]).toEqual(expect.arrayContaining(['таласта', 'талас']));
    expect([...messageWord('sabado', LANGUAGES).inLanguage.get('ky')!]).toEqual(['sabado']);
  });
});

describe('Russian stems of folded words', () => {
  // Words are folded before stemming ("й" as "и"): the stemmer gets the "й" of an ending back.
  it.each([
    ['дракои', 'драк'],
    ['межэтническои', 'межэтническ'],
    ['новыи', 'нов'],
  ])('%s stems as %s', (folded, stem) => {
    expect([...messageWord(folded, LANGUAGES).inLanguage.get('ru')!]).toContain(stem);
  });
});

describe('Russian chat spelling in Latin letters', () => {
  // Besides the reading of the table: "4" for ч, "j" for ж, "x" for х, "sh" for щ, each as another reading.
  it.each([
    ['4to', 'что'],
    ['me4eti', 'мечети'],
    ['muj', 'муж'],
    ['uexat', 'уехат'],
    ['pastbisha', 'пастбища'],
  ])('%s is also read as %s', (latin, cyrillic) => {
    expect([...messageWord(latin, LANGUAGES, { latinCyrillic: true }).inLanguage.get('ru')!]).toContain(cyrillic);
  });

  it('a number is no word: "2000" gets no reading', () => {
    expect([...messageWord('2000', LANGUAGES).all]).toEqual(['2000']);
  });
});

describe('Kyrgyz case endings typed with a slip (folded words, as place names are read)', () => {
  it.each([
    ['араванад', 'араван'], // -да, two letters swapped
    ['папандгы', 'папан'], // -дагы, a letter dropped
    ['озгондоггу', 'озгон'], // -дөгү, a letter typed twice
    ['лейлекет', 'лейлек'], // -те swapped
  ])('%s leaves the stem %s', (word, stem) => {
    expect(kyrgyzSlippedEndingStems(word)).toContain(stem);
  });

  it.each([
    ['нарынк', 'нарын'], // one letter left of an ending is no ending
    ['нарынбаа', 'нарын'], // a letter added that doubles none is no slip of "-ба"… nor an ending
    ['оштоггу', 'ош'], // a stem under four letters is too little to stand for a name
  ])('%s does not leave %s', (word, stem) => {
    expect(kyrgyzSlippedEndingStems(word)).not.toContain(stem);
  });
});
