/// <reference lib="dom" />
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAccessibilityViolations, signedInContext, withScreenshot } from '../support/browser';
import { loadSampleAreas, loadSampleContacts, startTestGateway, type TestGateway } from '../support/test-gateway';

jest.setTimeout(90_000);

/**
 * The dashboard in a real browser (Debian chromium through playwright-core) against the real
 * gateway listening on loopback: what a coordinator sees and can do, and what they cannot.
 */
describe('dashboard in a browser', () => {
  let t: TestGateway;
  let server: Server;
  let base: string;
  let browser: Browser;
  let tokens: { admin: string; kisumu: string; viewer: string };
  let smsCount = 0;

  const api = async (path: string, token: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** An SMS as Africa's Talking delivers it; returns the report's ref. */
  const sms = async (text: string, from = '+254711000222') => {
    smsCount += 1;
    const body = new URLSearchParams({ from, to: '21525', text, id: `ATXid_dash${smsCount}`, date: new Date().toISOString() });
    const response = await fetch(`${base}/webhooks/africastalking/sms`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(200);
    return t.gateway.db.$client.prepare("select ref from reports order by created_at desc, rowid desc limit 1").pluck().get() as string;
  };

  beforeAll(async () => {
    t = startTestGateway();
    loadSampleAreas(t);
    loadSampleContacts(t);
    tokens = {
      admin: t.gateway.services.tokens.create({ name: 'national admin', role: 'admin' }).token,
      kisumu: t.gateway.services.tokens.create({ name: 'kisumu coordinator', role: 'coordinator', areaCode: 'KE-17' }).token,
      viewer: t.gateway.services.tokens.create({ name: 'observer', role: 'viewer' }).token,
    };
    server = t.gateway.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  test('a new SMS report appears in the open reports list within 3 s, without a reload', async () => {
    const { context, page } = await signedInContext(browser, base, tokens.admin);
    await withScreenshot(page, 'live-reports', async () => {
      await page.goto(`${base}/reports`);
      await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
      const ref = await sms('Vijana wanapigana sokoni Kondele sasa hivi');
      await page.waitForSelector(`#report-list tr[data-ref="${ref}"]`, { timeout: 3_000 });
      // The same document: the row came in without a navigation.
      expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      expect(await page.textContent(`tr[data-ref="${ref}"]`)).toContain('Kondele');
    });
    await context.close();
  });

  test('a status change with a note shows in the timeline and in the API', async () => {
    const ref = await sms('Land dispute in Kibra, people threatening each other');
    const { context, page } = await signedInContext(browser, base, tokens.admin);
    await withScreenshot(page, 'status-change', async () => {
      await page.goto(`${base}/reports/${ref}`);
      await page.selectOption('select[name=status]', 'verified');
      await page.fill('textarea[name=note]', 'Chair called the elders; both families met');
      await Promise.all([page.waitForURL(`${base}/reports/${ref}?saved=1`), page.click('text=Save')]);
      expect(await page.textContent('#report-status')).toBe('verified');
      expect(await page.textContent('#timeline')).toContain('Chair called the elders; both families met');
    });
    const fromApi = await api(`/api/reports/${ref}`, tokens.admin);
    expect(fromApi.body.status).toBe('verified');
    expect(JSON.stringify(fromApi.body.timeline)).toContain('Chair called the elders; both families met');
    await context.close();
  });

  test('the composer previews exactly what the API previews, in three languages, and sends with confirmation', async () => {
    const { context, page } = await signedInContext(browser, base, tokens.admin);
    const texts = {
      en: 'Peace meeting at the chief’s camp on Saturday 10am. Everyone welcome.',
      sw: 'Mkutano wa amani kambini kwa chifu Jumamosi saa nne asubuhi. Karibuni wote.',
      ru: 'Встреча за мир в субботу в 10:00 у здания акимата. Приходите все.',
    };
    await withScreenshot(page, 'composer', async () => {
      await page.goto(`${base}/broadcasts/new`);
      await page.selectOption('#areas', ['KE-17', 'KE-30']);
      await page.check('input[name=roles][value=members]');
      for (const [language, text] of Object.entries(texts)) await page.fill(`#text_${language}`, text);
      await page.waitForSelector('#preview [data-field=recipients]', { timeout: 5_000 });
      // The preview follows the typing: wait for the last edit's answer.
      await page.waitForFunction(() => document.querySelectorAll('#preview tr[data-language]').length > 0);
      await page.waitForTimeout(800);
      const shown = await page.$$eval('#preview tr[data-language]', (rows) =>
        rows.map((row) => ({ language: row.getAttribute('data-language'), recipients: Number(row.getAttribute('data-recipients')), encoding: row.getAttribute('data-encoding'), characters: Number(row.getAttribute('data-characters')), segments: Number(row.getAttribute('data-segments')) })),
      );
      const totals = { recipients: Number(await page.textContent('[data-field=recipients]')), totalSegments: Number(await page.textContent('[data-field=totalSegments]')), cost: await page.textContent('[data-field=cost]') };
      const preview = (await api('/api/broadcasts/preview', tokens.admin, { method: 'POST', body: JSON.stringify({ audience: { areas: ['KE-17', 'KE-30'], roles: ['members'] }, texts, urgent: false }) })).body as {
        recipients: number;
        totalSegments: number;
        estimatedCost: { amount: number; currency: string };
        languages: { language: string; recipients: number; encoding: string; characters: number; segments: number }[];
      };
      expect(preview.recipients).toBeGreaterThan(0);
      expect(totals).toEqual({ recipients: preview.recipients, totalSegments: preview.totalSegments, cost: `${preview.estimatedCost.amount} ${preview.estimatedCost.currency}` });
      expect(shown).toEqual(preview.languages.map((l) => ({ language: l.language, recipients: l.recipients, encoding: l.encoding, characters: l.characters, segments: l.segments })));
      expect(shown.map((l) => l.language).sort()).toEqual(['en', 'sw']);
      // The Russian text forces UCS-2: the composer names the characters (no Russian speaker in the audience: measured through the API alone).
      const russianOnly = (await api('/api/broadcasts/preview', tokens.admin, { method: 'POST', body: JSON.stringify({ audience: { areas: ['KE-17'] }, texts: { ru: texts.ru } }) })).body as { languages: { encoding: string }[] };
      expect(russianOnly.languages.every((l) => l.encoding === 'UCS-2')).toBe(true);

      await Promise.all([page.waitForURL(`${base}/broadcasts/new`), page.click('button[value=review]')]);
      await page.click(`text=Send to ${preview.recipients} people`);
      await page.waitForURL(/\/broadcasts\/[\w-]+$/);
      await page.waitForFunction(() => ['sending', 'done'].includes(document.querySelector('[data-field=status]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    });
    const created = (await api('/api/broadcasts', tokens.admin)).body.items as { texts: Record<string, string>; recipients: number | null }[];
    expect(created[0]!.texts).toEqual(texts);
    await context.close();
  });

  test('the composer shows the characters that force UCS-2', async () => {
    const { context, page } = await signedInContext(browser, base, tokens.admin);
    await withScreenshot(page, 'composer-ucs2', async () => {
      await page.goto(`${base}/broadcasts/new`);
      await page.selectOption('#areas', ['KE-17']);
      await page.fill('#text_en', 'Peace walk on Sunday “everyone” welcome');
      await page.waitForSelector('#preview td.ucs2 kbd', { timeout: 5_000 });
      // One row per language of the audience (the English text goes to all): each names the same two.
      expect(new Set(await page.$$eval('#preview td.ucs2 kbd', (keys) => keys.map((k) => k.textContent)))).toEqual(new Set(['“', '”']));
      expect(await page.$$eval('#preview tr[data-language]', (rows) => rows.map((r) => r.getAttribute('data-encoding')))).not.toContain('GSM-7');
    });
    await context.close();
  });

  test('a token limited to Kisumu sees nothing outside Kisumu', async () => {
    const kibra = await sms('Fight at Kibra market, youths with stones');
    const kondele = await sms('Vijana wanapigana Kondele tena');
    const { context, page } = await signedInContext(browser, base, tokens.kisumu);
    await withScreenshot(page, 'area-scope', async () => {
      await page.goto(`${base}/reports`);
      const refs = await page.$$eval('#report-list tr[data-ref]', (rows) => rows.map((r) => r.getAttribute('data-ref')));
      expect(refs).toContain(kondele);
      expect(refs).not.toContain(kibra);
      const areaCodes = t.gateway.db.$client.prepare(`select distinct area_code from reports where ref in (${refs.map(() => '?').join(',')})`).pluck().all(...refs) as string[];
      expect(areaCodes.every((code) => code.startsWith('KE-17'))).toBe(true);
      expect((await page.goto(`${base}/reports/${kibra}`))!.status()).toBe(404);
      await page.goto(`${base}/committees`);
      const committees = await page.textContent('main');
      expect(committees).toContain('Amina Otieno');
      expect(committees).not.toContain('Fatuma Hassan');
      expect(committees).not.toContain('Айгуль');
      await page.goto(`${base}/broadcasts/new`);
      const areaChoices = await page.$$eval('#areas option', (options) => options.map((o) => (o as HTMLOptionElement).value));
      expect(areaChoices.length).toBeGreaterThan(0);
      expect(areaChoices.every((code) => code.startsWith('KE-17'))).toBe(true);
      // Forged: a status change on the Kibra report, with this session's own CSRF token.
      const csrf = await page.getAttribute('input[name=_csrf]', 'value');
      const forged = await page.request.post(`${base}/reports/${kibra}/status`, { form: { _csrf: csrf!, status: 'rejected' } });
      expect(forged.status()).toBe(404);
      expect((await api(`/api/reports/${kibra}`, tokens.admin)).body.status).toBe('new');
    });
    await context.close();
  });

  test('a viewer sees no button to change anything, and a forged POST is refused', async () => {
    const ref = await sms('Threats against the chief in Kibra');
    const { context, page } = await signedInContext(browser, base, tokens.viewer);
    await withScreenshot(page, 'viewer', async () => {
      await page.goto(`${base}/reports/${ref}`);
      expect(await page.$('form[action$="/status"]')).toBeNull();
      expect(await page.$('form[action$="/reveal"]')).toBeNull();
      await page.goto(`${base}/broadcasts`);
      expect(await page.$('a[href="/broadcasts/new"]')).toBeNull();
      await page.goto(`${base}/committees`);
      expect(await page.$$('main form')).toHaveLength(0);
      expect(await page.$('a[href="/tokens"]')).toBeNull();
      const csrf = await page.getAttribute('header input[name=_csrf]', 'value');
      const forged = await page.request.post(`${base}/reports/${ref}/status`, { form: { _csrf: csrf!, status: 'resolved' } });
      expect(forged.status()).toBe(403);
      const composer = await page.request.post(`${base}/broadcasts`, { form: { _csrf: csrf!, input: JSON.stringify({ audience: { areas: ['KE'] }, texts: { en: 'x' } }) } });
      expect(composer.status()).toBe(403);
      expect((await page.goto(`${base}/tokens`))!.status()).toBe(403);
    });
    expect((await api(`/api/reports/${ref}`, tokens.admin)).body.status).toBe('new');
    expect(((await api('/api/broadcasts', tokens.admin)).body.items as unknown[]).length).toBeLessThanOrEqual(1);
    await context.close();
  });

  const PAGES = ['/', '/reports', '/alerts', '/triage', '/broadcasts', '/broadcasts/new', '/committees', '/areas', '/tokens'];

  test('every page: no request to another host, first load within 150 KB, no serious axe-core violation', async () => {
    await sms('Urgent: fighting now at Kondele market, people injured');
    const { context: signedIn } = await signedInContext(browser, base, tokens.admin);
    const cookies = await signedIn.cookies();
    await signedIn.close();
    const report = t.gateway.db.$client.prepare('select ref from reports limit 1').pluck().get() as string;
    const figures: string[] = [];
    for (const path of [...PAGES, `/reports/${report}`]) {
      // A fresh browser cache each time: the first visit's cost.
      const context = await browser.newContext();
      await context.addCookies(cookies);
      const page = await context.newPage();
      const hosts = new Set<string>();
      let bytes = 0;
      page.on('request', (request) => hosts.add(new URL(request.url()).host));
      page.on('requestfinished', async (request) => {
        const sizes = await request.sizes();
        bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      });
      await withScreenshot(page, `page${path}`, async () => {
        const response = await page.goto(`${base}${path}`, { waitUntil: 'load' });
        expect(response!.status()).toBe(200);
        await page.waitForLoadState('networkidle');
        expect([...hosts]).toEqual([new URL(base).host]);
        expect(bytes).toBeLessThanOrEqual(150 * 1024);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      });
      figures.push(`${path} ${(bytes / 1024).toFixed(1)} KB`);
      await context.close();
    }
    console.log(`first loads: ${figures.join(', ')}`);
  });

  test('Kiswahili and Russian browsers get their language (sign-in and overview pass axe-core); the switch changes it', async () => {
    for (const locale of ['sw-KE', 'ru-RU']) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await withScreenshot(page, `signin-${locale}`, async () => {
        await page.goto(`${base}/signin`);
        expect(await page.getAttribute('html', 'lang')).toBe(locale.slice(0, 2));
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await page.fill('input[name=token]', tokens.admin);
        await Promise.all([page.waitForURL(`${base}/`), page.click('form.signin button[type=submit]')]);
        expect(await page.textContent('h1')).toBe(locale === 'sw-KE' ? 'Muhtasari' : 'Обзор');
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        await Promise.all([page.waitForURL(`${base}/`), page.click('.languages a[lang=en]')]);
        expect(await page.textContent('h1')).toBe('Overview');
      });
      await context.close();
    }
  });
});
