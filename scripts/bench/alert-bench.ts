/**
 * `npm run bench:alert`: rapid alerts on a busy day, measured black-box.
 * The real gateway runs as a child process on Africa's Talking, whose SDK is intercepted and forwarded
 * to a fake provider on loopback that answers each request after BENCH_RTT_MS (200). Ordinary SMS
 * reports arrive at BENCH_REPORTS_PER_SECOND (10 and 100 by default, one run each) for
 * BENCH_SECONDS (30 and 60), and an urgent report from Kondele every second. Prints, per run:
 * alert latency (from the report's row to the first alert SMS of its ref reaching the provider)
 * p50/p90/p99/max, and the rate the provider saw against the configured rate.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { importAreasCsv } from '../../src/areas/area-import';
import { importContactsCsv } from '../../src/contacts/contact-import';
import { createContactRepository } from '../../src/contacts/contact-repository';
import { createPhoneVault } from '../../src/contacts/phone-vault';
import { openDatabase, runMigrations } from '../../src/db/client';
import { startChildGateway } from '../../test/support/child-gateway';
import { startFakeAfricasTalking } from '../../test/support/fake-africastalking';
import { readFileSync } from 'node:fs';
import { ROOT } from './bench-support';

const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 200);
const RATE = Number(process.env.BENCH_AT_RATE ?? 100);
const RUNS = process.env.BENCH_REPORTS_PER_SECOND
  ? [{ perSecond: Number(process.env.BENCH_REPORTS_PER_SECOND), seconds: Number(process.env.BENCH_SECONDS ?? 30) }]
  : [
      { perSecond: 10, seconds: 30 },
      { perSecond: 100, seconds: 60 },
    ];
const TOKEN = 'bench-alert-webhook-token-0123456789';
const PHONE_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 251)).toString('base64');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(perSecond: number, seconds: number) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-alert-'));
  const dbPath = join(dir, 'gateway.db');
  // The sample areas and committees, as an operator imports them.
  const db = openDatabase(dbPath);
  runMigrations(db);
  for (const file of ['areas-kenya.csv', 'areas-kyrgyzstan.csv']) importAreasCsv(db, { now: () => new Date() }, readFileSync(join(ROOT, 'scripts', 'sample-data', file), 'utf8'));
  const contacts = createContactRepository({ db, vault: createPhoneVault(PHONE_KEY), clock: { now: () => new Date() } });
  importContactsCsv(db, contacts, 'KE', readFileSync(join(ROOT, 'scripts', 'sample-data', 'contacts-sample.csv'), 'utf8'));
  db.$client.close();

  const provider = await startFakeAfricasTalking({ delayMs: RTT_MS });
  const gateway = await startChildGateway(
    {
      DATABASE_PATH: dbPath,
      PHONE_KEY,
      SMS_PROVIDER: 'africastalking',
      AT_USERNAME: 'peacegw',
      AT_API_KEY: 'bench',
      AT_WEBHOOK_TOKEN: TOKEN,
      AT_SEGMENTS_PER_SECOND: String(RATE),
      SMS_REPLY_LIMIT: '1000',
      LOG_LEVEL: 'info', // startChildGateway waits for the 'gateway listening' line
      FAKE_AT_URL: provider.url,
    },
    { preload: join(ROOT, 'test', 'support', 'forward-africastalking.ts') },
  );

  let seq = 0;
  const post = (from: string, text: string) =>
    fetch(`${gateway.url}/webhooks/africastalking/sms?token=${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from, to: '21525', text, id: `ATXid_bench_${++seq}` }).toString(),
    }).then((r) => r.status);
  const started = Date.now();
  const statuses: Promise<number>[] = [];
  // Ordinary reports spread over each second; one urgent report at the start of each second.
  for (let second = 0; second < seconds; second++) {
    const secondStart = started + second * 1000;
    statuses.push(post(`+25472${String(second).padStart(7, '0')}`, 'Vijana wanapigana Kondele, watu wamejeruhiwa'));
    for (let i = 0; i < perSecond; i++) {
      const due = secondStart + Math.floor((i * 1000) / perSecond);
      const wait = due - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      statuses.push(post(`+25473${String(second * perSecond + i).padStart(7, '0')}`, `Land dispute over the water point in Kibra ${second}-${i}`));
    }
  }
  const loadEnded = Date.now();
  const answered = await Promise.all(statuses);
  // Let the queue drain (alerts first; receipts at the provider's rate).
  for (let i = 0; i < 600; i++) {
    const health = (await (await fetch(`${gateway.url}/metrics`)).text()).match(/^gateway_outbox_queue_depth (\d+)/m);
    if (health && Number(health[1]) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  gateway.process.kill('SIGTERM');
  await gateway.exited;
  await provider.close();

  const store = new Database(dbPath, { readonly: true });
  const urgent = store.prepare('select ref, created_at as createdAt from reports where urgent = 1').all() as { ref: string; createdAt: string }[];
  store.close();
  const latencies: number[] = [];
  for (const report of urgent) {
    const first = provider.log.find((r) => (r.message.startsWith('HARAKA') || r.message.startsWith('URGENT')) && r.message.includes(report.ref));
    if (first) latencies.push((first.at - Date.parse(report.createdAt)) / 1000);
  }
  latencies.sort((a, b) => a - b);
  // The provider's view during the load: segments per second (one SMS each here) against the rate.
  const during = provider.log.filter((r) => r.at >= started + 2000 && r.at <= loadEnded);
  const perSecondSeen = during.reduce((sum, r) => sum + r.numbers, 0) / ((loadEnded - started - 2000) / 1000);
  const offered = perSecond + 3; // a receipt per report, three committee members per urgent report
  rmSync(dir, { recursive: true, force: true });
  return {
    'reports/s': perSecond,
    seconds,
    'answered 200': `${answered.filter((s) => s === 200).length}/${answered.length}`,
    alerts: `${latencies.length}/${urgent.length}`,
    'alert p50 s': percentile(latencies, 50).toFixed(2),
    'p90 s': percentile(latencies, 90).toFixed(2),
    'p99 s': percentile(latencies, 99).toFixed(2),
    'max s': (latencies.at(-1) ?? NaN).toFixed(2),
    'provider SMS/s': perSecondSeen.toFixed(1),
    'vs min(rate, offered)': (perSecondSeen / Math.min(RATE, offered)).toFixed(2),
  };
}

async function main() {
  console.log(`bench:alert: provider round trip ${RTT_MS} ms, configured rate ${RATE} segments/s`);
  const rows = [];
  for (const { perSecond, seconds } of RUNS) rows.push(await run(perSecond, seconds));
  console.table(rows);
}

void main();
