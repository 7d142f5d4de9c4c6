import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript, startChildGateway, type ChildGateway } from '../support/child-gateway';

let dir: string;
let env: Record<string, string>;
let gateway: ChildGateway | undefined;

const cli = (args: string[], input?: string) => runScript('scripts/cli.ts', args, env, input);
const count = (sql: string) => {
  const db = new Database(env.DATABASE_PATH!, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'broadcast-cli-'));
  env = { DATABASE_PATH: join(dir, 'gateway.db'), NODE_ENV: 'test' };
  for (const file of ['areas-kenya.csv', 'areas-kyrgyzstan.csv']) expect((await cli(['import', 'areas', `scripts/sample-data/${file}`])).code).toBe(0);
  expect((await cli(['import', 'contacts', 'scripts/sample-data/contacts-sample.csv'])).code).toBe(0);
  gateway = await startChildGateway(env);
}, 60_000);

afterAll(async () => {
  gateway?.process.kill('SIGTERM');
  await gateway?.exited;
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run cli -- broadcast', () => {
  const args = ['broadcast', '--area', 'KE-17', '--text', 'Peace meeting in {area} on Saturday at 10am.', '--text-sw', 'Mkutano wa amani {area} Jumamosi saa nne.'];

  it('when the operator answers anything but yes, then the preview is shown and nothing is sent', async () => {
    const { code, output } = await cli(args, 'no\n');
    expect(code).toBe(0);
    expect(output).toContain('Recipients: 4 (Kisumu 4)');
    expect(output).toMatch(/sw: 2 people, GSM-7, 1 SMS each/);
    expect(output).toContain('"Mkutano wa amani Kisumu Jumamosi saa nne."');
    expect(output).toContain('Total: 4 SMS segments, about 3.20 KES');
    expect(output).toContain('Not sent.');
    expect(count('select count(*) from broadcasts')).toBe(0);
  }, 60_000);

  it('when the operator confirms, then the running gateway sends it and the progress bar ends with the summary', async () => {
    const { code, output } = await cli(args, 'yes\n');
    expect(code).toBe(0);
    expect(output).toMatch(/Broadcast (B[2-9A-HJKMNP-TW-Z]{4}) created/);
    expect(output).toMatch(/Sending \[.*\] 100% \| 4\/4/);
    expect(output).toMatch(/B[2-9A-HJKMNP-TW-Z]{4} done: 4 sent \(0 delivered\), 0 failed, 0 unknown, 0 not sent/);
    expect(count("select count(*) from messages where broadcast_id is not null and status = 'sent'")).toBe(4);
  }, 60_000);

  it('when the audience is empty or the area unknown, then it says so and exits 1', async () => {
    expect(await cli(['broadcast', '--area', 'KE-99', '--text', 'x', '--yes'])).toMatchObject({ code: 1, output: expect.stringContaining('unknown area KE-99') });
    expect(await cli(['broadcast', '--area', 'KE-25', '--role', 'monitors', '--text', 'x', '--yes'])).toMatchObject({ code: 1, output: expect.stringContaining('nobody in this audience') });
  }, 60_000);
});

describe('npm run cli -- broadcast, with several channels', () => {
  it('when SMS_ROUTES sends Kyrgyz numbers through the phone, then the preview splits the cost by channel as the gateway will send it', async () => {
    const channels = { SMS_CHANNELS: 'console,android', SMS_ROUTES: 'KG:android,*:console', ANDROID_GATEWAY_LOGIN: 'field', ANDROID_GATEWAY_PASSWORD: 'secret' };
    const { code, output } = await runScript('scripts/cli.ts', ['broadcast', '--area', 'KE-17', '--area', 'KG-B', '--text', 'Peace meeting on Saturday.'], { ...env, ...channels }, 'no\n');
    expect(code).toBe(0);
    // Kisumu's four people on the console channel, Batken's three through the Android phone.
    expect(output).toMatch(/By channel: console 4 people, 4 SMS \(~3\.20\); android 3 people, [36] SMS/);
    expect(output).toContain('Not sent.');
  }, 60_000);
});

