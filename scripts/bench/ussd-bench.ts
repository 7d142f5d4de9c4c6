/**
 * bench:ussd — the same five-screen menu through our USSD endpoint (flow engine, sessions and the
 * report persisted in SQLite, request logging on) and through express + ussd-menu-builder (its
 * default in-memory state), each in its own process, with the same load: 200 concurrent callers each
 * walking the whole menu, hop after hop, as Africa's Talking sends it. Targets: ratio ≥ 1.0 and
 * p99 < 50 ms for our endpoint. A third server, the gateway's own app answering every hop with a
 * fixed screen and storing nothing (shell-server.ts), shows the ceiling that helmet, request ids and
 * the access log, routing and form parsing leave before any flow or session work.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from './bench-support';
import { FIVE_SCREEN_INPUTS, writeFiveScreenFlows } from './ussd-five-screens';

const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const CONNECTIONS = Number(process.env.BENCH_USSD_CONNECTIONS ?? 200);
const WARM_UP_SECONDS = 5;
/**
 * For the latency target: 200 callers, each answering a screen 150–350 ms after the last one came
 * back (≈800 hops/s in all) — many times faster than people read and type, but spread out in time as
 * real callers are, rather than sent flat out or in lock-step bursts.
 */
const PACED_THINK_MS: [number, number] = [150, 350];

interface CallerContext {
  sessionId?: string;
  phone?: string;
}

/** One caller per connection: dial, then each input, then dial again with a new session. */
function load(url: string, duration = DURATION): Promise<autocannon.Result> {
  let callers = 0;
  const texts = ['', ...FIVE_SCREEN_INPUTS.map((_, i) => FIVE_SCREEN_INPUTS.slice(0, i + 1).join('*'))];
  return autocannon({
    url,
    duration,
    connections: CONNECTIONS,
    requests: texts.map((text, hop) => ({
      method: 'POST' as const,
      path: '/webhooks/africastalking/ussd',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (request: autocannon.Request, context: CallerContext) => {
        if (hop === 0) {
          callers += 1;
          context.sessionId = `ATUid_${randomUUID()}`;
          context.phone = `+2547${String(11000000 + (callers % 100000)).padStart(8, '0')}`;
        }
        request.body = new URLSearchParams({ sessionId: context.sessionId!, serviceCode: '*384*2413#', phoneNumber: context.phone!, networkCode: '63902', text }).toString();
        return request;
      },
    })) as autocannon.Request[],
  });
}

interface PacedResult {
  hops: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `callers` people walking the menu at once, each pausing between screens; every hop's latency kept. */
async function pacedCallers(url: string, callers: number): Promise<PacedResult> {
  const texts = ['', ...FIVE_SCREEN_INPUTS.map((_, i) => FIVE_SCREEN_INPUTS.slice(0, i + 1).join('*'))];
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + DURATION * 1000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const think = () => PACED_THINK_MS[0] + Math.random() * (PACED_THINK_MS[1] - PACED_THINK_MS[0]);
  async function caller(index: number): Promise<void> {
    await sleep(Math.random() * PACED_THINK_MS[1]); // callers do not all start at the same instant
    for (let dial = 0; Date.now() < until; dial++) {
      const sessionId = `ATUid_${randomUUID()}`;
      const phoneNumber = `+2547${String(20000000 + index * 1000 + (dial % 1000)).padStart(8, '0')}`;
      for (const text of texts) {
        if (Date.now() >= until) return;
        const started = performance.now();
        try {
          const response = await fetch(`${url}/webhooks/africastalking/ussd`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ sessionId, serviceCode: '*384*2413#', phoneNumber, networkCode: '63902', text }).toString(),
          });
          const body = await response.text();
          if (response.status !== 200 || !/^(CON|END) /.test(body)) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - started);
        await sleep(think());
      }
    }
  }
  await Promise.all(Array.from({ length: callers }, (_, i) => caller(i)));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]! * 10) / 10;
  return { hops: latencies.length, perSecond: Math.round(latencies.length / DURATION), p50: at(0.5), p99: at(0.99), errors };
}

export async function benchUssd(): Promise<Record<string, string | number>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ussd-'));
  const flows = writeFiveScreenFlows();
  try {
    const library = await startServer('scripts/bench/menu-builder-server.ts', {});
    // A short unmeasured run first: the first seconds of a fresh process (module loading, JIT) are
    // not what the gateway's callers see in service.
    await load(library.url, WARM_UP_SECONDS);
    const libraryResult = await load(library.url);
    const libraryPaced = await pacedCallers(library.url, CONNECTIONS);
    await library.stop();

    // The durable peer (issue #17): the same library with its sessions in SQLite and the report stored.
    const durable = await startServer('scripts/bench/durable-menu-builder-server.ts', { DATABASE_PATH: join(dir, 'durable-peer.db') });
    await load(durable.url, WARM_UP_SECONDS);
    const durableResult = await load(durable.url);
    await durable.stop();

    const shell = await startServer('scripts/bench/shell-server.ts', { LOG_LEVEL: 'info' });
    await load(shell.url, WARM_UP_SECONDS);
    const shellResult = await load(shell.url);
    const shellPaced = await pacedCallers(shell.url, CONNECTIONS);
    await shell.stop();

    const ours = await startServer('src/main.ts', { DATABASE_PATH: join(dir, 'gateway.db'), FLOWS_DIR: flows, LOG_LEVEL: 'info' });
    await load(ours.url, WARM_UP_SECONDS);
    const oursResult = await load(ours.url);
    const oursPaced = await pacedCallers(ours.url, CONNECTIONS);
    await ours.stop();

    const ratio = oursResult.requests.average / libraryResult.requests.average;
    const paced = (name: string, r: PacedResult) => ({ bench: name, 'hops/s': r.perSecond, 'p50 ms': r.p50, 'p99 ms': r.p99, errors: r.errors });
    const row = (name: string, r: autocannon.Result) => ({ bench: name, 'hops/s': Math.round(r.requests.average), 'p99 ms': r.latency.p99, errors: r.errors + r.non2xx + r.timeouts });
    return [
      row(`ussd: express + ussd-menu-builder, ${CONNECTIONS} callers flat out`, libraryResult),
      row(`ussd: ussd-menu-builder, sessions in SQLite, report stored (durable peer), ${CONNECTIONS} callers flat out`, durableResult),
      row(`ussd: our app, fixed screen, nothing stored (ceiling), ${CONNECTIONS} callers flat out`, shellResult),
      row(`ussd: our endpoint (SQLite sessions), ${CONNECTIONS} callers flat out`, oursResult),
      { bench: 'ussd ceiling: our app without flow or storage / library', 'hops/s': (shellResult.requests.average / libraryResult.requests.average).toFixed(2) },
      { bench: 'ussd throughput ratio vs in-memory library', 'hops/s': ratio.toFixed(2) },
      {
        bench: 'ussd throughput ratio vs durable peer (target ≥ 1.0)',
        'hops/s': (oursResult.requests.average / durableResult.requests.average).toFixed(2),
        verdict: oursResult.requests.average >= durableResult.requests.average ? 'met' : 'NOT MET',
      },
      paced(`ussd: express + ussd-menu-builder, ${CONNECTIONS} callers pausing ${PACED_THINK_MS.join('–')} ms`, libraryPaced),
      paced(`ussd: our app, fixed screen, nothing stored, ${CONNECTIONS} callers pausing ${PACED_THINK_MS.join('–')} ms`, shellPaced),
      paced(`ussd: our endpoint, ${CONNECTIONS} callers pausing ${PACED_THINK_MS.join('–')} ms`, oursPaced),
      { bench: `ussd p99 at ${CONNECTIONS} concurrent sessions (target < 50 ms)`, 'p99 ms': oursPaced.p99, verdict: oursPaced.p99 < 50 && oursPaced.errors === 0 ? 'met' : 'NOT MET' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(flows, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchUssd().then((rows) => console.table(rows));
}
