/**
 * The README's dashboard pictures: signs in to a running gateway with a token and saves the overview
 * and the reports page. `npm run screenshots -- --url http://localhost:3000 --token <admin token>`
 * (needs Debian's chromium, as the browser tests do).
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { launchBrowser, signIn } from '../test/support/browser';

const program = new Command()
  .requiredOption('--token <token>', 'an API token (admin or coordinator)')
  .option('--url <url>', 'the gateway', 'http://localhost:3000')
  .option('--out <folder>', 'where the pictures go', join(__dirname, 'screenshots'))
  .parse();
const { token, url, out } = program.opts<{ token: string; url: string; out: string }>();

void (async () => {
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' })).newPage();
    await signIn(page, url, token);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(out, 'overview.png'), fullPage: true });
    await page.goto(`${url}/reports`);
    await page.screenshot({ path: join(out, 'reports.png') });
    console.log(`saved ${join(out, 'overview.png')} and ${join(out, 'reports.png')}`);
  } finally {
    await browser.close();
  }
})();
