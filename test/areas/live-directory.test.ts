import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, startChildGateway } from '../support/child-gateway';

describe('the area directory is live', () => {
  it('when areas are imported through the CLI while the gateway runs (the README order), then the next SMS and USSD session find them without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-areas-'));
    const dbPath = join(dir, 'gateway.db');
    const gateway = await startChildGateway({ DATABASE_PATH: dbPath });
    try {
      const before = await runScript('scripts/simulate-sms.ts', ['--url', gateway.url, '--phone', '0722000111', 'Fighting at the market in Kibera']);
      expect(before.output).toMatch(/Where did this happen\?/); // no places yet

      expect((await runScript('scripts/cli.ts', ['import', 'areas', 'scripts/sample-data/areas-kenya.csv'], { DATABASE_PATH: dbPath })).code).toBe(0);

      const sms = await runScript('scripts/simulate-sms.ts', ['--url', gateway.url, '--phone', '0722000222', 'Vijana wanapigana sokoni Kondele']);
      expect(sms.code).toBe(0);
      expect(sms.output).toMatch(/Ripoti yako [2-9A-HJKMNP-TW-Z]{5} imepokelewa/);
      const ussd = await runScript('scripts/simulate-ussd.ts', ['--url', gateway.url, '--phone', '0711222333', '--script', '1,1,kibera,1,1,1,3,Youths with stones near the school,1']);
      expect(ussd.output).toContain('Did you mean:\n1 Kibra (Nairobi)');
      expect(ussd.output).toMatch(/Your report ref is [2-9A-HJKMNP-TW-Z]{5}\./);
    } finally {
      gateway.process.kill('SIGTERM');
      await gateway.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
