/**
 * bench:ingest — the Africa's Talking SMS webhook under load, full stack (every message stored in
 * SQLite, reply queued and dispatched, request logging on) against a bare express handler that parses
 * the same form, both in their own process on this machine with the same load. Target: ratio ≥ 0.5.
 * A third server, the gateway's own app with services that store nothing (shell-server.ts), shows
 * the ceiling: what helmet, request ids and the access log, routing and form parsing leave of the
 * bare handler's throughput before any storage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startServer } from './bench-support';

const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARM_UP_SECONDS = 2;

function load(url: string, run: string, duration = DURATION): Promise<autocannon.Result> {
  let sequence = 0;
  return autocannon({
    url,
    duration,
    connections: CONNECTIONS,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/africastalking/sms',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        // A unique provider id per request, so that every request is a new message to store,
        // from 5,000 different reporters.
        setupRequest: (request) => {
          sequence += 1;
          const phone = `%2B254711${String(100000 + (sequence % 5000)).slice(1)}0`;
          request.body = `from=${phone}&to=21525&text=Vijana+wanapigana+sokoni+Kondele&date=2026-11-20T08%3A34%3A18.445Z&id=ATXid_${run}_${sequence}&networkCode=63902`;
          return request;
        },
      },
    ],
  });
}

async function measureBare(run: string): Promise<autocannon.Result> {
  const bare = await startServer('scripts/bench/bare-server.ts', {});
  await load(bare.url, `${run}-warm`, WARM_UP_SECONDS);
  const result = await load(bare.url, run);
  await bare.stop();
  return result;
}

export async function benchIngest(): Promise<Record<string, string | number>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const dbPath = join(dir, 'gateway.db');
  try {
    // The baseline is measured before and after the gateway, and the two averaged, so that a change
    // in the machine's load during the run does not tilt the ratio.
    const bareBefore = await measureBare('bare1');
    const shell = await startServer('scripts/bench/shell-server.ts', { LOG_LEVEL: 'info' });
    await load(shell.url, 'shell-warm', WARM_UP_SECONDS);
    const shellResult = await load(shell.url, 'shell');
    await shell.stop();
    const full = await startServer('src/main.ts', { DATABASE_PATH: dbPath, LOG_LEVEL: 'info' });
    // A short unmeasured run first: a fresh process's first seconds (module loading, JIT) are not
    // what providers meet in service. Its messages are stored too, and counted below.
    const warm = await load(full.url, 'full-warm', WARM_UP_SECONDS);
    const fullResult = await load(full.url, 'full');
    await full.stop();
    const bareAfter = await measureBare('bare2');
    const bareResult = {
      ...bareAfter,
      requests: { ...bareAfter.requests, average: (bareBefore.requests.average + bareAfter.requests.average) / 2 },
      latency: { ...bareAfter.latency, p99: Math.max(bareBefore.latency.p99, bareAfter.latency.p99) },
      errors: bareBefore.errors + bareAfter.errors,
      non2xx: bareBefore.non2xx + bareAfter.non2xx,
    };

    const db = new Database(dbPath, { readonly: true });
    const stored = db.prepare("select count(*) from messages where direction = 'in'").pluck().get() as number;
    db.close();
    // Every 200 of both runs must be a stored message.
    const ok = warm['2xx'] + fullResult['2xx'];
    const ratio = fullResult.requests.average / bareResult.requests.average;
    const ceiling = shellResult.requests.average / bareResult.requests.average;
    return [
      { bench: 'ingest: bare express', 'req/s': Math.round(bareResult.requests.average), 'p99 ms': bareResult.latency.p99, errors: bareResult.errors + bareResult.non2xx },
      {
        bench: 'ingest: gateway app, nothing stored (ceiling)',
        'req/s': Math.round(shellResult.requests.average),
        'p99 ms': shellResult.latency.p99,
        errors: shellResult.errors + shellResult.non2xx,
      },
      {
        bench: 'ingest: full gateway',
        'req/s': Math.round(fullResult.requests.average),
        'p99 ms': fullResult.latency.p99,
        errors: fullResult.errors + fullResult.non2xx,
        'stored/200': `${stored}/${ok}`,
      },
      { bench: 'ingest ceiling: app without storage / bare', 'req/s': ceiling.toFixed(2) },
      { bench: 'ingest ratio (target ≥ 0.50)', 'req/s': ratio.toFixed(2), verdict: ratio >= 0.5 && stored >= ok ? 'met' : 'NOT MET' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchIngest().then((rows) => console.table(rows));
}
