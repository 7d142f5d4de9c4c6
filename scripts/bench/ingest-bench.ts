/**
 * bench:ingest — the Africa's Talking SMS webhook under load, full stack (every message stored in
 * SQLite before its 200, then read by the inbound processor: report, reply, alerts; request logging
 * on) against a durable peer (durable-peer-server.ts: express + helmet, AES-GCM, one SQLite row per
 * request), alternated rounds, medians. Target (issue #17): ratio ≥ 0.8. Also against a bare express
 * handler that parses the same form and stores nothing.
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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
        // A unique provider id and text per request, so that every request is a new message to store
        // and a new report to read, from 5,000 different reporters.
        setupRequest: (request) => {
          sequence += 1;
          const phone = `%2B254711${String(100000 + (sequence % 5000)).slice(1)}0`;
          request.body = `from=${phone}&to=21525&text=Vijana+wanapigana+sokoni+Kondele+${sequence}&date=2026-11-20T08%3A34%3A18.445Z&id=ATXid_${run}_${sequence}&networkCode=63902`;
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
    // The gateway against the durable peer: both running, three alternated rounds, medians (a change
    // in the machine's load during the run then tilts neither). After each gateway round, the next
    // round waits until its processor has read the whole burst, so that reading never runs during
    // the peer's round.
    const full = await startServer('src/main.ts', { DATABASE_PATH: dbPath, LOG_LEVEL: 'info' });
    const peer = await startServer('scripts/bench/durable-peer-server.ts', { DATABASE_PATH: join(dir, 'peer.db') });
    const reader = new Database(dbPath, { readonly: true });
    const unread = reader.prepare("select count(*) from messages where direction = 'in' and processed_at is null").pluck();
    const catchUp = async () => {
      const started = Date.now();
      while ((unread.get() as number) > 0 && Date.now() - started < 180_000) await new Promise((resolve) => setTimeout(resolve, 200));
      return (Date.now() - started) / 1000;
    };
    // A short unmeasured run first: a fresh process's first seconds (module loading, JIT) are not
    // what providers meet in service. Its messages are stored too, and counted below.
    const warm = await load(full.url, 'full-warm', WARM_UP_SECONDS);
    await catchUp();
    await load(peer.url, 'peer-warm', WARM_UP_SECONDS);
    const rounds: { full: autocannon.Result; peer: autocannon.Result; unreadAtEnd: number; catchUpSeconds: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const peerRound = await load(peer.url, `peer${round}`);
      const fullRound = await load(full.url, `full${round}`);
      // The webhook only stores; the inbound processor reads behind it: how long until all is read?
      const unreadAtEnd = unread.get() as number;
      rounds.push({ full: fullRound, peer: peerRound, unreadAtEnd, catchUpSeconds: await catchUp() });
    }
    reader.close();
    await full.stop();
    await peer.stop();
    const byFull = [...rounds].sort((x, y) => x.full.requests.average - y.full.requests.average);
    const median = byFull[Math.floor(ROUNDS / 2)]!;
    const fullResult = median.full;
    const peerResult = [...rounds].sort((x, y) => x.peer.requests.average - y.peer.requests.average)[Math.floor(ROUNDS / 2)]!.peer;
    const { unreadAtEnd, catchUpSeconds } = median;
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
    const read = db.prepare("select count(*) from messages where direction = 'in' and processed_at is not null").pluck().get() as number;
    const reportsMade = db.prepare('select count(*) from reports').pluck().get() as number;
    db.close();
    // Every 200 of both runs must be a stored message.
    const ok = warm['2xx'] + rounds.reduce((sum, r) => sum + r.full['2xx'], 0);
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
      {
        bench: 'ingest: reading behind the webhook (inbound processor, median round)',
        'stored/200': `unread at the burst's end ${unreadAtEnd}; all read ${catchUpSeconds.toFixed(1)} s later; in all ${read}/${stored} read, ${reportsMade} reports`,
      },
      { bench: 'ingest ceiling: app without storage / bare', 'req/s': ceiling.toFixed(2) },
      { bench: 'ingest: durable peer (express + helmet, AES-GCM, one SQLite row per request)', 'req/s': Math.round(peerResult.requests.average), 'p99 ms': peerResult.latency.p99, errors: peerResult.errors + peerResult.non2xx },
      { bench: 'ingest ratio vs bare express', 'req/s': ratio.toFixed(2) },
      {
        bench: `ingest ratio vs durable peer (target ≥ 0.80; medians of ${ROUNDS} alternated rounds)`,
        'req/s': (fullResult.requests.average / peerResult.requests.average).toFixed(2),
        verdict: fullResult.requests.average / peerResult.requests.average >= 0.8 && stored >= ok ? 'met' : 'NOT MET',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchIngest().then((rows) => console.table(rows));
}
