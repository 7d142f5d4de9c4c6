import { cyrillicFromLatin, messageWord } from '../../src/sms/word-forms';
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

  it('a Latin word gets its Cyrillic reading and that reading\'s Russian stem among its forms', () => {
    expect([...messageWord('drakoy', LANGUAGES).all]).toEqual(expect.arrayContaining(['drakoy', 'дракой', 'драк']));
  });
});
