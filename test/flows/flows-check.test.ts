import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFlows } from '../../src/flows/flow-check';
import { FLOWS_FOLDER, loadContent } from '../../src/flows/content';
import { runScript } from '../support/child-gateway';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flows-'));
  cpSync(FLOWS_FOLDER, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

describe('npm run flows:check', () => {
  it('when the shipped flows are checked, then there is no problem', () => {
    expect(checkFlows()).toEqual([]);
  });

  it('when a Russian screen is too long for 80 UCS-2 characters, then it is reported with its size', () => {
    edit('ussd.yaml', 'ru: Что случилось?', 'ru: Что именно случилось в вашем районе? Выберите подходящую категорию ниже');
    const problems = checkFlows(dir);
    expect(problems.some((p) => /^screens\.category \(ru\): \d+ of 80 UCS-2 characters/.test(p))).toBe(true);
  });

  it('when a keywords.yaml from before "nobody_hurt" existed is loaded, then it loads with that list empty', () => {
    edit('keywords.yaml', /^nobody_hurt:\n(?: {2}.*\n)+/m, '');
    const { keywords } = loadContent(dir);
    expect(keywords.nobody_hurt).toEqual({ en: [], sw: [], ru: [], ky: [], es: [] });
    expect(keywords.urgent.en.length).toBeGreaterThan(0);
    expect(checkFlows(dir)).toEqual([]);
  });

  it('when an English screen is too long for 182 GSM-7 characters, then it is reported', () => {
    edit('ussd.yaml', 'en: Choose language', `en: ${'Choose the language in which you want to hear every menu of this service. '.repeat(3)}`);
    expect(checkFlows(dir).some((p) => /^screens\.language \(en\): \d+ of 182 GSM-7 characters/.test(p))).toBe(true);
  });

  it('when a translation is missing, then the file and the place are named', () => {
    edit('ussd.yaml', ', ky: Качан?, es: "¿Cuando?" }', ', es: "¿Cuando?" }');
    const problems = checkFlows(dir);
    expect(problems.join('\n')).toMatch(/ussd\.yaml:\n\s+- screens\.when\.text\.ky: /);
  });

  it('when a screen goes to a screen that does not exist, then the reference is reported', () => {
    edit('ussd.yaml', 'next: hurt', 'next: hurtt');
    expect(checkFlows(dir)).toContain('screens.when: goes to "hurtt", which is not defined');
  });

  it('when a placeholder names an answer no screen saves, then it is reported', () => {
    edit('ussd.yaml', '"Send report? {category}, {area}, {when}"', '"Send report? {category}, {village}"');
    expect(checkFlows(dir)).toContain('screens.confirm.text.en: {village} is not saved by any screen');
  });

  it('when an SMS reply no longer fits one segment in its encoding, then it is reported', () => {
    edit('replies.yaml', 'ru: "Спасибо. Сообщение {ref} передано комитету."', 'ru: "Спасибо. Ваше сообщение {ref} получено, оно останется конфиденциальным и будет передано комитету."');
    expect(checkFlows(dir).some((p) => p.startsWith('replies.yaml report_completed.ru: 2 SMS segments in UCS-2'))).toBe(true);
  });

  it('when an alert rule names a category the taxonomy does not have, then it is reported', () => {
    edit('alert-rules.yaml', 'categories: [resource_dispute]', 'categories: [resource_disputes]');
    expect(checkFlows(dir)).toContain('alert-rules.yaml resources: category "resource_disputes" is not in taxonomy.yaml');
  });

  it('when a category prevails over one the taxonomy does not have, then it is reported', () => {
    edit('taxonomy.yaml', 'prevails_over: [ethnic_religious]', 'prevails_over: [ethnic]');
    expect(checkFlows(dir).join('\n')).toMatch(/taxonomy\.yaml:\n\s+- categories\.\d+\.prevails_over: "ethnic" is no other category/);
  });

  it('when a shorthand entry is not written "short = full", then it is reported', () => {
    edit('keywords.yaml', 'shld = should', 'shld should');
    expect(checkFlows(dir).join('\n')).toMatch(/keywords\.yaml is invalid: shorthand\.en\.0: written "short = full"/);
  });

  it('when a shorthand means two things, or is a word that starts a report, then it is reported', () => {
    edit('keywords.yaml', 'xaxa = sasa', 'xaxa = sasa, shld = shall, r = are');
    const problems = checkFlows(dir);
    expect(problems).toContain('keywords.yaml shorthand.sw: "shld" stands for "should" and "shall"');
    expect(problems).toContain('keywords.yaml shorthand.sw: "r" starts a report (keywords.yaml report)');
  });

  it('when a keyword puts "=" inside a word, then it is reported (each word matched as written starts with "=")', () => {
    edit('taxonomy.yaml', ', =panga,', ', pan=ga,');
    expect(checkFlows(dir)).toContainEqual(expect.stringMatching(/taxonomy\.yaml violence\.sw: "pan=ga" puts "=" inside a word/));
  });

  it('when run as a command on a broken folder, then it exits non-zero and prints the problem', async () => {
    edit('ussd.yaml', 'next: hurt', 'next: nowhere');
    const result = await runScript('scripts/flows-check.ts', [dir]);
    expect(result.code).toBe(1);
    expect(result.output).toContain('screens.when: goes to "nowhere", which is not defined');
    const ok = await runScript('scripts/flows-check.ts', []);
    expect(ok.code).toBe(0);
  });
});
