import { createManualClock } from '../../src/lib/clock';
import { countRows, loadSampleAreas, replyToMessage, startTestGateway, type TestGateway } from '../support/test-gateway';

let t: TestGateway;
let seq = 0;
const clock = createManualClock(new Date('2026-11-20T08:00:00Z'));
beforeEach(() => {
  t = startTestGateway({ AT_WEBHOOK_TOKEN: 'hook', SMS_CONVERSATION_MINUTES: '60' }, { clock });
  loadSampleAreas(t);
});
afterEach(() => t.close());

async function sms(from: string, text: string): Promise<string> {
  seq += 1;
  clock.advance(1000);
  const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_conv_${seq}`, networkCode: '63902' }).toString();
  expect((await t.http.post('/webhooks/africastalking/sms?token=hook').type('form').send(body)).status).toBe(200);
  // The reply reaches the phone before the person writes again (a waiting reply would take the next one in).
  await t.gateway.services.dispatcher.runOnce();
  return replyToMessage(t, `ATXid_conv_${seq}`);
}

function reportsTable() {
  return t.gateway.db.$client.prepare('select ref, category, area_code as area, status from reports order by created_at').all() as { ref: string; category: string | null; area: string | null; status: string }[];
}

describe('the SMS conversation for what a report is missing', () => {
  it('when a free-text report lacks place and category, then the answers to the two questions complete the same report', async () => {
    const first = await sms('+254711000111', 'Something bad is happening near our home');
    const { ref } = reportsTable()[0]!;
    expect(first).toBe(`Report ${ref} received. Where did this happen? Reply with the village or ward.`);
    const second = await sms('+254711000111', 'Kondele');
    expect(second).toBe(`Report ${ref} received. What happened? Reply: violence, threat, hate, land, ethnic, election, gbv or other.`);
    const third = await sms('+254711000111', 'land');
    expect(third).toBe(`Thank you. Report ${ref} is complete and goes to the peace committee.`);
    expect(reportsTable()).toEqual([{ ref, category: 'resource_dispute', area: 'KE-17-01-05', status: 'new' }]);
    expect(countRows(t, 'select count(*) from sms_conversations')).toBe(0);
  });

  it('when a Kyrgyz reporter types in Latin letters, then the question comes in Kyrgyz and a Latin answer ("zombuluk", violence) completes the report', async () => {
    const first = await sms('+996555123456', 'jardam bergile, Talasta');
    const { ref } = reportsTable()[0]!;
    expect(first).toBe(`${ref} алынды. Эмне болду? (зомбулук, коркутуу, шайлоо, башка)`);
    await sms('+996555123456', 'zombuluk');
    expect(reportsTable()).toEqual([{ ref, category: 'violence', area: 'KG-T', status: 'new' }]);
  });

  it('when the place is ambiguous, then numbered choices are offered and the number picks one', async () => {
    const first = await sms('+254711000111', 'fighting at Huruma');
    const { ref } = reportsTable()[0]!;
    expect(first).toBe(`Report ${ref} received. Which place? Reply with the number: 1 Huruma (Mathare), 2 Huruma (Turbo)`);
    expect(await sms('+254711000111', '2')).toBe(`Thank you. Report ${ref} is complete and goes to the peace committee.`);
    expect(reportsTable()).toEqual([{ ref, category: 'violence', area: 'KE-44-01-06', status: 'new' }]);
  });

  it('when the answer to "where?" is a place named by an everyday word ("Hospital", a ward), then it completes the report', async () => {
    // "he is in hospital" names no place in a report (the Hospital ward of Mathare is not meant): the reporter is asked.
    const first = await sms('+254711000111', 'my brother was stabbed, he is in hospital');
    const { ref } = reportsTable()[0]!;
    expect(first).toBe(`Report ${ref} received. Where did this happen? Reply with the village or ward.`);
    expect(await sms('+254711000111', 'Hospital')).toBe(`Thank you. Report ${ref} is complete and goes to the peace committee.`);
    expect(reportsTable()).toEqual([{ ref, category: 'violence', area: 'KE-30-03-01', status: 'new' }]);
  });

  it('when a short reply is not an answer, then the question is asked again; a number out of range too', async () => {
    await sms('+254711000111', 'violence');
    const { ref } = reportsTable()[0]!;
    expect(await sms('+254711000111', 'xyzzy')).toBe(`Report ${ref} received. Where did this happen? Reply with the village or ward.`);
    expect(await sms('+254711000111', 'Lindi')).toBe(`Thank you. Report ${ref} is complete and goes to the peace committee.`);
    expect(reportsTable()).toHaveLength(1);
  });

  it('when a second full report arrives while a question is open, then it is a new report and the first stays as it was', async () => {
    await sms('+254711000111', 'violence');
    const reply = await sms('+254711000111', 'Election campaign rally turned violent in Kakamega town');
    const all = reportsTable();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ category: 'violence', area: null, status: 'unparsed' });
    expect(all[1]).toMatchObject({ category: 'electoral', area: 'KE-11', status: 'new' });
    expect(reply).toBe(`Your report ${all[1]!.ref} was received. Our coordinators will review it. Keep the ref ${all[1]!.ref} to follow it up.`);
  });

  it('when the reply comes after the conversation expired, then it starts a new report and the old one stays unparsed', async () => {
    await sms('+254711000111', 'violence');
    clock.advance(61 * 60_000);
    const reply = await sms('+254711000111', 'Lindi');
    const all = reportsTable();
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ category: 'violence', area: null, status: 'unparsed' });
    expect(all[1]).toMatchObject({ category: null, area: 'KE-30-01-02', status: 'unparsed' });
    expect(reply).toContain('What happened?');
  });

  it('when a Russian reporter answers in Russian, then the questions and the thanks are in Russian and fit 70 characters', async () => {
    const first = await sms('+996555123456', 'драка, срочно');
    const { ref } = reportsTable()[0]!;
    expect(first).toBe(`Сообщение ${ref} принято. Где это было? Ответьте названием села.`);
    const second = await sms('+996555123456', 'Арка');
    expect(second).toBe(`Спасибо. Сообщение ${ref} передано комитету.`);
    for (const text of [first, second]) expect(text.length).toBeLessThanOrEqual(70);
  });
});

describe('SMS commands', () => {
  it('when someone sends STATUS with a ref, then they get its status in their language; an unknown ref is said so', async () => {
    await sms('+254711000111', 'R violence Kibera');
    const { ref } = reportsTable()[0]!;
    expect(await sms('+254722000222', `status ${ref.toLowerCase()}`)).toBe(`Report ${ref}: received.`);
    expect(await sms('+254733000333', 'HALI ZZZZZ')).toBe('Hakuna ripoti ZZZZZ. Hakiki na utume HALI na nambari tena.');
    expect(countRows(t, 'select count(*) from reports')).toBe(1);
  });

  it('when someone sends LANG RU, then replies switch to Russian from then on', async () => {
    expect(await sms('+254711000111', 'LANG RU')).toBe('Теперь сообщения на русском.');
    expect(await sms('+254711000111', 'R violence Kibera')).toMatch(/^Сообщение [2-9A-HJKMNP-TW-Z]{5} получено\./);
    expect(await sms('+254711000111', 'LANG fr')).toBe('Отправьте ЯЗЫК RU, KY, EN, SW или ES.');
  });

  it('when someone sends HELP or an empty message, then they get the help text and no report is made', async () => {
    expect(await sms('+254711000111', 'help')).toBe('Peace reporting line: text what happened and where. Reports are confidential. STOP to leave.');
    expect(await sms('+254722000222', '   ')).toBe('Peace reporting line: text what happened and where. Reports are confidential. STOP to leave.');
    expect(countRows(t, 'select count(*) from reports')).toBe(0);
  });
});

describe('peace messages and committee commands by SMS', () => {
  it('when someone sends JOIN with a place, then they are subscribed to it; LEAVE ends it; an unknown place is said so', async () => {
    expect(await sms('+254711000111', 'JOIN Kibera')).toBe('You will get peace messages for Kibra. Send LEAVE to stop them.');
    expect(t.gateway.db.$client.prepare('select area_code from subscriptions').pluck().all()).toEqual(['KE-30-01']);
    expect(await sms('+254711000111', 'leave')).toBe('You will no longer get peace messages. Send JOIN and your area to start again.');
    expect(countRows(t, 'select count(*) from subscriptions')).toBe(0);
    expect(await sms('+254711000119', 'JIUNGE Atlantis')).toBe('Hakuna mahali Atlantis. Tuma JIUNGE na jina la wadi au kaunti yako.');
  });

  it('when a reporter sends a committee command, then they get the reply an unknown ref gets, and nothing changes', async () => {
    await sms('+254711000111', 'R violence Kibera');
    const { ref } = reportsTable()[0]!;
    expect(await sms('+254722000222', `ACK ${ref}`)).toBe(`No report with ref ${ref}. Check it and send STATUS and the ref again.`);
    expect(await sms('+254722000222', `VERIFY ${ref}`)).toBe(`No report with ref ${ref}. Check it and send STATUS and the ref again.`);
    expect(reportsTable()[0]!.status).toBe('new');
    expect(countRows(t, 'select count(*) from audit_log')).toBe(0);
  });

  it('when a committee member verifies and resolves a report, then its status changes, each step is audited with its note, and the reporter gets one SMS', async () => {
    await sms('+254711000111', 'R violence Kibera');
    const { ref } = reportsTable()[0]!;
    const { contact: member } = t.gateway.services.contacts.findOrCreate({ kind: 'mobile', value: '+254722000222' });
    t.gateway.db.$client.prepare("update contacts set role = 'member', area_code = 'KE-30-01' where id = ?").run(member.id);

    expect(await sms('+254722000222', `ACK ${ref.toLowerCase()}`)).toBe(`Report ${ref} acknowledged. Thank you for taking it.`);
    expect(await sms('+254722000222', `VERIFY ${ref}`)).toBe(`Report ${ref} is now verified.`);
    expect(await sms('+254722000222', `RESOLVE ${ref} elders met both sides`)).toBe(`Report ${ref} is now resolved.`);
    expect(await sms('+254722000222', `RESOLVE ${ref}`)).toBe(`Report ${ref} is now resolved.`);
    expect(reportsTable()[0]!.status).toBe('resolved');
    expect(t.gateway.db.$client.prepare('select action, detail from audit_log order by id').all()).toEqual([
      { action: 'report_acknowledged', detail: null },
      { action: 'report_status', detail: 'new -> verified' },
      { action: 'report_status', detail: 'verified -> resolved' },
    ]);
    const report = t.gateway.services.reports.findByRef(ref)!;
    expect(t.gateway.services.reports.notes(report).map((n) => n.text)).toEqual(['elders met both sides']);
    const toReporter = t.gateway.services.messages
      .listRecent({ direction: 'out', limit: 50, reveal: true })
      .filter((m) => m.contact === '+254711000111')
      .map((m) => m.text);
    expect(toReporter.filter((text) => text.includes('has been resolved'))).toEqual([`Your report ${ref} has been resolved by the peace committee. Thank you for speaking up.`]);
  });

  it('when a message starts with a command word but no ref follows, then it is read as a report', async () => {
    const reply = await sms('+254711000111', 'false alarm in Kibera, rumours of violence');
    expect(reply).toMatch(/^Your report [2-9A-HJKMNP-TW-Z]{5} was received/);
  });
});

describe('the language of a conversation', () => {
  it('when a Kiswahili report is answered with a bare place name, then the next question and the thanks stay in Kiswahili', async () => {
    const first = await sms('+254744000444', 'Vijana wanapigana');
    const { ref } = reportsTable()[0]!;
    expect(first).toBe(`Ripoti ${ref} imepokelewa. Ilitokea wapi? Jibu kwa jina la kijiji au wadi.`);
    expect(await sms('+254744000444', 'Kondele')).toBe(`Asante. Ripoti ${ref} imekamilika na itapelekwa kwa kamati ya amani.`);
  });
});

describe('the reply language of a new sender', () => {
  it('when a Kyrgyz number writes nothing recognizable, then the reply is in Russian, as on USSD; a Kenyan number gets the default', async () => {
    expect(await sms('+996555000999', 'hello')).toMatch(/^Сообщение [2-9A-HJKMNP-TW-Z]{5} принято\. Где это было\?/);
    expect(await sms('+254755000999', 'hello')).toMatch(/^Report [2-9A-HJKMNP-TW-Z]{5} received\. Where did this happen\?/);
  });
});
