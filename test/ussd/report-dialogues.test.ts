import { countRows, loadSampleAreas, startTestGateway, type TestGateway } from '../support/test-gateway';
import { UssdPhone } from '../support/ussd-phone';

/**
 * Dialogue tables: what the caller types, and the screen that comes back, through the real app and
 * database. `null` input means dialling; a string expectation must match the whole screen, a RegExp
 * only part of it.
 */
type Turn = [input: string | null, expected: string | RegExp];

let t: TestGateway;
beforeEach(() => {
  t = startTestGateway();
  loadSampleAreas(t);
});
afterEach(() => t.close());

async function play(phone: UssdPhone, turns: Turn[]): Promise<string> {
  let last = '';
  for (const [index, [input, expected]] of turns.entries()) {
    last = input === null ? await phone.dial() : await phone.send(input);
    const where = `turn ${index + 1} (${input === null ? 'dial' : JSON.stringify(input)})`;
    if (typeof expected === 'string') expect({ where, screen: last }).toEqual({ where, screen: expected });
    else expect({ where, screen: last }).toEqual({ where, screen: expect.stringMatching(expected) });
  }
  return last;
}

function refIn(screen: string): string {
  const match = /\b([2-9A-HJKMNP-TW-Z]{5})\b/.exec(screen);
  if (!match) throw new Error(`no ref in ${screen}`);
  return match[1]!;
}

describe('reporting an incident in English', () => {
  it('when a caller picks, pages, types a place and confirms, then the report is stored with its ref and an SMS receipt is queued', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    const end = await play(phone, [
      [null, 'CON Peace Line. Reports are confidential.\n1 Report an incident\n2 Check a report\n3 Peace messages\n4 Language\n5 Help'],
      ['1', 'CON What happened?\n1 Violence\n2 Threat\n3 Hate speech\n4 Land/water/border\n5 Ethnic/religious\n6 Election\n7 Gender-based violence\n8 Other\n0 Back 00 Menu'],
      ['4', /^CON Where did it happen\?\n\(or type a place name\)\n1 Baringo\n2 Bomet\n[\s\S]*\n98 More$/],
      ['98', /^CON Where did it happen\?\n13 Kiambu\n[\s\S]*\n98 More$/],
      ['kisumu', 'CON Did you mean:\n1 Kisumu\n2 Kisumu Central (Kisumu)\n3 Kisumu East (Kisumu)\n0 Back 00 Menu'],
      ['1', /^CON When\?\n1 Happening now/],
      ['3', 'CON Is anyone hurt or in danger now?\n1 Yes\n2 No\n0 Back 00 Menu'],
      ['2', 'CON Say briefly what happened:\n0 Back 00 Menu'],
      ['Herders and farmers * quarrel over the river', 'CON Send report? Land/water/border, Kisumu, Yesterday\n1 Send\n2 Cancel\n0 Back 00 Menu'],
      ['1', /^END Thank you\. Your report ref is [2-9A-HJKMNP-TW-Z]{5}\. An SMS will confirm it\./],
    ]);
    const ref = refIn(end);
    const report = t.gateway.services.reports.findByRef(ref)!;
    expect(report).toMatchObject({ category: 'resource_dispute', areaCode: 'KE-17', urgent: false, status: 'new', source: 'ussd', language: 'en', occurredWhen: 'yesterday' });
    expect(t.gateway.services.reports.description(report)).toBe('Herders and farmers * quarrel over the river');
    const receipt = t.gateway.services.messages.listRecent({ direction: 'out', limit: 1, reveal: false })[0]!;
    expect(receipt.text).toBe(`Your report ${ref} was received. Our coordinators will review it. Keep the ref ${ref} to follow it up.`);
  });

  it('when someone is hurt, then the flow asks how many and the report is urgent; drilling down county → sub-county → ward picks the ward', async () => {
    const phone = new UssdPhone(t, '0722000222');
    const end = await play(phone, [
      [null, /^CON Peace Line/],
      ['1', /^CON What happened\?/],
      ['1', /^CON Where did it happen\?/],
      ['98', /13 Kiambu/],
      ['98', /30 Nairobi/],
      ['30', 'CON Where did it happen?\n1 All of Nairobi\n2 Embakasi East\n3 Kibra\n4 Mathare\n0 Back 00 Menu'],
      ['3', 'CON Where did it happen?\n1 All of Kibra\n2 Laini Saba\n3 Lindi\n4 Makina\n5 Sarang\'ombe\n6 Woodley\n0 Back 00 Menu'],
      ['0', /^CON Where did it happen\?\n1 All of Nairobi/],
      ['3', /^CON Where did it happen\?\n1 All of Kibra/],
      ['3', /^CON When\?/],
      ['1', /^CON Is anyone hurt/],
      ['1', 'CON How many people are hurt or in danger?\n0 Back 00 Menu'],
      ['many', 'CON Enter a number.\nHow many people are hurt or in danger?\n0 Back 00 Menu'],
      ['4', /^CON Say briefly/],
      ['ok', 'CON Too short. Add a few words.\nSay briefly what happened:\n0 Back 00 Menu'],
      ['Youths with machetes at Lindi', 'CON Send report? Violence, Lindi, Happening now\n1 Send\n2 Cancel\n0 Back 00 Menu'],
      ['1', /^END Thank you/],
    ]);
    const report = t.gateway.services.reports.findByRef(refIn(end))!;
    expect(report).toMatchObject({ category: 'violence', areaCode: 'KE-30-01-02', urgent: true, occurredWhen: 'now' });
  });

  it('when the caller types a place with a typo or an alias, then the match is offered for confirmation', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await play(phone, [
      [null, /^CON Peace Line/],
      ['1', /^CON What/],
      ['2', /^CON Where/],
      ['kibera', /^CON Did you mean:\n1 Kibra \(Nairobi\)/],
      ['0', /^CON Where did it happen\?\n\(or type a place name\)/],
      ['Kondelle', /^CON Did you mean:\n1 Kondele \(Kisumu Central\)/],
      ['1', /^CON When\?/],
    ]);
  });

  it('when the caller swaps two letters ("Lnagas") or misspells the first word of a longer name ("Kaabonyo"), then the place is still offered', async () => {
    const phone = new UssdPhone(t, '+254711000112');
    await play(phone, [
      [null, /^CON Peace Line/],
      ['1', /^CON What/],
      ['2', /^CON Where/],
      ['Lnagas', /^CON Did you mean:\n1 Langas \(Kapseret\)/],
      ['0', /^CON Where did it happen\?\n\(or type a place name\)/],
      ['Kaabonyo', /^CON Did you mean:\n1 Kabonyo Kanyagwal \(Nyando\)/],
      ['1', /^CON When\?/],
    ]);
  });

  it('when the input makes no sense, then the screen is repeated with a one-line reason', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await play(phone, [
      [null, /^CON Peace Line/],
      ['9', 'CON Invalid choice.\nPeace Line. Reports are confidential.\n1 Report an incident\n2 Check a report\n3 Peace messages\n4 Language\n5 Help'],
      ['', /^CON Invalid choice\.\nPeace Line/],
      ['1', /^CON What happened\?/],
      ['Zzyzx Qwvt', /^CON Invalid choice\./],
      ['2', /^CON Where/],
      ['Atlantis', /^CON Place not found\. Try again or pick\.\nWhere did it happen\?/],
      ['😀', /^CON Invalid choice\./],
    ]);
  });

  it('when the caller presses 00, then the main menu comes back from anywhere; 0 at the top stays put', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await play(phone, [
      [null, /^CON Peace Line/],
      ['0', /^CON Peace Line/],
      ['1', /^CON What happened\?/],
      ['1', /^CON Where/],
      ['00', /^CON Peace Line/],
      ['2', 'CON Enter the report ref (5 letters):\n0 Back 00 Menu'],
    ]);
  });
});

describe('the same flows in the other languages', () => {
  it('when a Kyrgyz number dials, then the menus are in Russian, Kyrgyz areas come first, and every screen fits 80 characters', async () => {
    const phone = new UssdPhone(t, '+996555123456');
    const screens: string[] = [];
    const turns: Turn[] = [
      [null, 'CON Линия мира (конфиденциально)\n1 Сообщить\n2 Статус\n3 Рассылка\n4 Язык\n5 Помощь'],
      ['1', 'CON Что случилось?\n1 Насилие\n2 Угрозы\n3 Ненависть\n4 Земля/вода/граница\n98 Далее'],
      ['4', /^CON Где\?\n\(или введите название\)\n1 Баткенская область/],
      ['Арка', 'CON Вы имели в виду:\n1 Арка (Лейлекский)\n0 Назад'],
      ['1', /^CON Когда\?/],
      ['2', /^CON Есть пострадавшие\?/],
      ['2', /^CON Кратко опишите:/],
      ['Спор из-за воды на границе', 'CON Отправить? Земля/вода/граница, Арка\n1 Да\n2 Нет\n0 Назад'],
      ['1', /^END Спасибо\. Номер: [2-9A-HJKMNP-TW-Z]{5}\. Придёт SMS\.$/],
    ];
    for (const [input, expected] of turns) {
      const screen = input === null ? await phone.dial() : await phone.send(input);
      screens.push(screen);
      if (typeof expected === 'string') expect(screen).toBe(expected);
      else expect(screen).toMatch(expected);
    }
    for (const screen of screens) expect(screen.length).toBeLessThanOrEqual(80);
    const report = t.gateway.services.reports.findByRef(refIn(screens.at(-1)!))!;
    expect(report).toMatchObject({ areaCode: 'KG-B-01-01', language: 'ru', category: 'resource_dispute' });
  });

  it('when a caller chooses Kiswahili, then it is remembered for the next dial', async () => {
    const phone = new UssdPhone(t, '+254733000333');
    await play(phone, [
      [null, /^CON Peace Line/],
      ['4', /^CON Choose language\n1 English\n2 Kiswahili\n3 Русский\n4 Кыргызча/],
      ['2', 'CON Laini ya Amani. Ripoti ni siri.\n1 Ripoti tukio\n2 Fuatilia ripoti\n3 Ujumbe wa amani\n4 Lugha\n5 Msaada\n0 Rudi 00 Menyu'],
    ]);
    await play(phone, [
      [null, 'CON Laini ya Amani. Ripoti ni siri.\n1 Ripoti tukio\n2 Fuatilia ripoti\n3 Ujumbe wa amani\n4 Lugha\n5 Msaada'],
      ['1', /^CON Nini kimetokea\?\n1 Vurugu\n2 Vitisho/],
    ]);
  });

  it('when a caller picks Kyrgyz, then the report flow speaks Kyrgyz', async () => {
    const phone = new UssdPhone(t, '+996555000777');
    await play(phone, [
      [null, /^CON Линия мира/],
      ['4', /^CON Выберите язык/],
      ['4', /^CON Тынчтык линиясы\n1 Кабарлоо/],
      ['1', /^CON Эмне болду\?\n1 Зомбулук/],
    ]);
  });
});

describe('status, peace messages and help', () => {
  it('when a caller checks a ref, then its status is told; an unknown ref is said so', async () => {
    const reporter = new UssdPhone(t, '+254711000111');
    const end = await play(reporter, [
      [null, /Peace Line/], ['1', /What/], ['3', /Where/], ['eldoret', /Did you mean/], ['1', /When/], ['2', /hurt/], ['2', /briefly/], ['Leaflets at the bus stage', /Send report/], ['1', /^END/],
    ]);
    const ref = refIn(end);
    const checker = new UssdPhone(t, '+254722000222');
    await play(checker, [[null, /Peace Line/], ['2', /Enter the report ref/], [ref.toLowerCase(), `END Report ${ref}: received.`]]);
    await play(checker, [[null, /Peace Line/], ['2', /Enter the report ref/], ['ZZZZZ', 'END No report with ref ZZZZZ. Check it and try again.']]);
  });

  it('when a caller subscribes to peace messages for an area, then the subscription is stored; unsubscribing removes it', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await play(phone, [[null, /Peace Line/], ['3', 'CON Peace messages for your area\n1 Subscribe\n2 Unsubscribe\n0 Back 00 Menu'], ['1', /^CON Which area\?/], ['nakuru', /Did you mean:\n1 Nakuru/], ['1', 'END You will get peace messages for Nakuru. Text STOP to leave.']]);
    expect(t.gateway.db.$client.prepare('select area_code from subscriptions').pluck().all()).toEqual(['KE-31']);
    await play(phone, [[null, /Peace Line/], ['3', /Peace messages/], ['2', 'END You will no longer get peace messages.']]);
    expect(countRows(t, 'select count(*) from subscriptions')).toBe(0);
  });

  it('when a caller asks for help, then the session ends with what the service is and the emergency numbers', async () => {
    const phone = new UssdPhone(t, '+254711000111');
    await play(phone, [[null, /Peace Line/], ['5', /^END Peace Line: report tension or violence near you\. Reports are confidential; .*Emergency: call 999 or 112\.$/]]);
  });
});
