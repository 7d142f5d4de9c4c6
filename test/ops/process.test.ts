import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runScript, startChildGateway } from '../support/child-gateway';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-proc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the gateway as a process', () => {
  it('when started on a fresh folder, then it creates the database, answers a simulated SMS, and stops cleanly on SIGTERM', async () => {
    const dbPath = join(dir, 'nested', 'gateway.db');
    const gateway = await startChildGateway({ DATABASE_PATH: dbPath });
    try {
      const health = await fetch(`${gateway.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });

      const simulated = await runScript('scripts/simulate-sms.ts', ['--url', gateway.url, '--phone', '0722000222', 'Vijana wanapigana sokoni']);
      expect(simulated.code).toBe(0);
      expect(simulated.output).toContain('gateway answered HTTP 200');
      expect(simulated.output).toMatch(/< Ripoti [2-9A-HJKMNP-TW-Z]{5} imepokelewa\. Ilitokea wapi\? Jibu kwa jina la kijiji au wadi\./);
    } finally {
      gateway.process.kill('SIGTERM');
    }
    expect(await gateway.exited).toBe(0);
    expect(gateway.output()).toContain('"msg":"stopped"');
    expect(gateway.output()).toContain('PHONE_KEY is not set');

    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("select count(*) from messages where direction = 'in'").pluck().get()).toBe(1);
    expect(db.prepare("select status from messages where direction = 'out'").pluck().all()).toEqual(['sent']);
    db.close();
  });

  it('when the sample areas are imported and a caller walks the USSD menu with the simulator, then the report is stored and its SMS receipt recorded', async () => {
    const dbPath = join(dir, 'gateway.db');
    for (const file of ['areas-kenya.csv', 'areas-kyrgyzstan.csv']) {
      const imported = await runScript('scripts/cli.ts', ['import', 'areas', `scripts/sample-data/${file}`], { DATABASE_PATH: dbPath });
      expect(imported.code).toBe(0);
      expect(imported.output).toMatch(/areas: \d+ added, 0 updated, 0 unchanged/);
    }
    const again = await runScript('scripts/cli.ts', ['import', 'areas', 'scripts/sample-data/areas-kenya.csv'], { DATABASE_PATH: dbPath });
    expect(again.output).toContain('areas: 0 added, 0 updated, 202 unchanged');

    const gateway = await startChildGateway({ DATABASE_PATH: dbPath });
    try {
      const session = await runScript('scripts/simulate-ussd.ts', ['--url', gateway.url, '--phone', '0711222333', '--script', '1,1,kibera,1,1,1,3,Youths with stones near the school,1']);
      expect(session.code).toBe(0);
      expect(session.output).toContain('Did you mean:\n1 Kibra (Nairobi)');
      const ref = /Your report ref is ([2-9A-HJKMNP-TW-Z]{5})\./.exec(session.output)?.[1];
      expect(ref).toBeDefined();
      expect(session.output).toContain('[END ·');

      // The receipt went through the outbox and the console provider recorded it.
      let receipt = '';
      for (let i = 0; i < 50 && !receipt; i++) {
        const inbox = (await (await fetch(`${gateway.url}/console/outbox?to=%2B254711222333`)).json()) as { items: { text: string }[] };
        receipt = inbox.items[0]?.text ?? '';
        if (!receipt) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(receipt).toBe(`Your report ${ref} was received. Our coordinators will review it. Keep the ref ${ref} to follow it up.`);
    } finally {
      gateway.process.kill('SIGTERM');
      await gateway.exited;
    }
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('select category, area_code, urgent, status from reports').all()).toEqual([{ category: 'violence', area_code: 'KE-30-01', urgent: 1, status: 'new' }]);
    db.close();
    const exported = await runScript('scripts/cli.ts', ['reports', 'export', '--format', 'csv'], { DATABASE_PATH: dbPath });
    expect(exported.code).toBe(0);
    expect(exported.output).toContain(',new,yes,violence,KE-30-01,Kibra,Kenya > Nairobi > Kibra,ussd,en,Youths with stones near the school');
  });

  it('when a setting is invalid, then the start is refused with a message naming the variable', async () => {
    const result = await runScript('src/main.ts', [], { DATABASE_PATH: join(dir, 'g.db'), SMS_PROVIDER: 'twilio', TWILIO_ACCOUNT_SID: 'AC1' });
    expect(result.code).toBe(78);
    expect(result.output).toContain('TWILIO_AUTH_TOKEN');
  });

  it('when the CLI creates a token, then the gateway accepts it on the API', async () => {
    const dbPath = join(dir, 'gateway.db');
    const created = await runScript('scripts/cli.ts', ['token', 'create', '--name', 'Kisumu desk', '--role', 'coordinator'], { DATABASE_PATH: dbPath });
    expect(created.code).toBe(0);
    const token = created.output.split('\n')[0]!.trim();
    expect(token).toMatch(/^pgw_[\w-]{32}$/);
    const gateway = await startChildGateway({ DATABASE_PATH: dbPath });
    try {
      expect((await fetch(`${gateway.url}/api/messages`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${gateway.url}/api/messages`, { headers: { authorization: 'Bearer pgw_wrong' } })).status).toBe(401);
    } finally {
      gateway.process.kill('SIGTERM');
      await gateway.exited;
    }
  });
});
