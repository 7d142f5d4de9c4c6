import { SegmentedMessage } from 'sms-segments-calculator';
import { loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';
import { seedPeople } from '../support/people';

const ADMIN = 'bootstrap-admin-token-0123456789';
let t: TestGateway;

beforeAll(() => {
  t = startTestGateway({ BOOTSTRAP_ADMIN_TOKEN: ADMIN, SMS_PRICE_PER_SEGMENT: '1.25', SMS_PRICE_CURRENCY: 'KES' });
  loadSampleAreas(t);
  seedPeople(t.gateway, 3, { areaCode: 'KE-31', language: 'en', prefix: '71' });
  seedPeople(t.gateway, 5, { areaCode: 'KE-31', language: 'sw', prefix: '72' });
  seedPeople(t.gateway, 7, { areaCode: 'KE-31', language: 'ru', prefix: '73' });
});
afterAll(() => t.close());

// The vectors of PROTOCOLS.md ("SMS encoding and segments"), and real texts in three languages.
const vectors: [string, string, number][] = [
  ['160 × a', 'a'.repeat(160), 1],
  ['161 × a', 'a'.repeat(161), 2],
  ['306 × a', 'a'.repeat(306), 2],
  ['307 × a', 'a'.repeat(307), 3],
  ['80 × €', '€'.repeat(80), 1],
  ['81 × €', '€'.repeat(81), 2],
  ['70 × á', 'á'.repeat(70), 1],
  ['71 × á', 'á'.repeat(71), 2],
  ['67 × 😀', '😀'.repeat(67), 3],
  ['English', 'Just peaceful elections: vote, go home, keep the peace. Report any threat or rumour to your peace committee, any time, in confidence. Text STOP to leave.', 1],
  ['Kiswahili with a curly apostrophe', 'Tafadhali msisambaze uvumi. Ripoti vitisho kwa kamati ya amani ya kata yako’ ni siri. Tuma ACHA kuondoka.', 2],
  ['Russian', 'Мирные выборы: проголосуйте и идите домой. Сообщайте об угрозах в комитет мира. СТОП — отписаться.', 2],
];

describe('segment and cost previews against sms-segments-calculator', () => {
  it.each(vectors)('when the text is %s, then the preview gives the encoding and segments the calculator gives, in every language', async (_name, text, expected) => {
    const calculator = new SegmentedMessage(text);
    expect(calculator.segmentsCount).toBe(expected);
    const response = await t.http
      .post('/api/broadcasts/preview')
      .set('authorization', `Bearer ${ADMIN}`)
      .send({ audience: { areas: ['KE-31'] }, texts: { en: text, sw: text, ru: text } });
    expect(response.status).toBe(200);
    expect(response.body.recipients).toBe(15);
    expect(response.body.languages.map((l: { language: string }) => l.language).sort()).toEqual(['en', 'ru', 'sw']);
    for (const language of response.body.languages) {
      expect(language).toMatchObject({ encoding: calculator.encodingName, segments: expected, textLanguage: language.language });
      expect(language.nonGsmCharacters.sort()).toEqual([...new Set(calculator.getNonGsmCharacters())].sort());
    }
    expect(response.body.totalSegments).toBe(15 * expected);
    expect(response.body.estimatedCost).toEqual({ amount: Math.round(15 * expected * 1.25 * 100) / 100, currency: 'KES', pricePerSegment: 1.25 });
  });

  it('when each language has its own text, then each is measured on its own (Russian in UCS-2, the others in GSM-7)', async () => {
    const texts = { en: 'Peace meeting in {area}, Saturday 10am.', sw: 'Mkutano wa amani {area}, Jumamosi saa nne.', ru: 'Встреча за мир: {area}, суббота 10:00.' };
    const response = await t.http.post('/api/broadcasts/preview').set('authorization', `Bearer ${ADMIN}`).send({ audience: { areas: ['KE-31'] }, texts });
    const byLanguage = Object.fromEntries(response.body.languages.map((l: { language: string }) => [l.language, l]));
    for (const [language, people] of [['en', 3], ['sw', 5], ['ru', 7]] as const) {
      const rendered = texts[language].replace('{area}', 'Nakuru');
      const calculator = new SegmentedMessage(rendered);
      expect(byLanguage[language]).toMatchObject({ recipients: people, text: rendered, encoding: calculator.encodingName, segments: calculator.segmentsCount });
    }
    expect(byLanguage.ru.encoding).toBe('UCS-2');
    expect(byLanguage.en.encoding).toBe('GSM-7');
  });
});
