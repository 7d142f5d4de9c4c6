import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_PHONE_KEY } from '../../src/config';
import { PROJECT_ROOT } from '../support/child-gateway';
import { strongProductionEnv } from '../support/production-env';
import { startTestGateway } from '../support/test-gateway';

/**
 * A production start with a weak setting is refused before anything listens: exit 78 (EX_CONFIG)
 * and a message that names the variable. Each setting is its own row, run as `npm start` runs it.
 */
const STRONG = strongProductionEnv();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gateway-prod-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts src/main.ts with `env`; resolves with the exit code and output, or 'listening' if it started. */
function startWith(env: Record<string, string>): Promise<{ code: number | 'listening'; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'main.ts')], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'gateway.db'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('gateway listening')) {
        child.kill('SIGTERM');
        resolve({ code: 'listening', output });
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}

const WEAK: [string, string, Record<string, string>][] = [
  ['no AT_WEBHOOK_TOKEN while Africa\'s Talking sends', 'AT_WEBHOOK_TOKEN', { AT_WEBHOOK_TOKEN: '' }],
  ['an AT_WEBHOOK_TOKEN shorter than 24 characters', 'AT_WEBHOOK_TOKEN', { AT_WEBHOOK_TOKEN: 'short-token-123' }],
  ['a PUBLIC_URL that is not https', 'PUBLIC_URL', { PUBLIC_URL: 'http://gateway.example.org' }],
  ['no PHONE_KEY', 'PHONE_KEY', { PHONE_KEY: '' }],
  ['the development PHONE_KEY', 'PHONE_KEY', { PHONE_KEY: DEVELOPMENT_PHONE_KEY }],
  ['a PHONE_KEY of repeated bytes', 'PHONE_KEY', { PHONE_KEY: Buffer.alloc(32, 7).toString('base64') }],
  ['a PHONE_KEY of the wrong length', 'PHONE_KEY', { PHONE_KEY: randomBytes(16).toString('base64') }],
  ['the console provider', 'SMS_PROVIDER', { SMS_PROVIDER: 'console' }],
];

describe('production refuses weak settings', () => {
  it.each(WEAK)('when started with %s, then it exits 78 naming %s', async (_name, variable, change) => {
    const { code, output } = await startWith({ ...STRONG, ...change });
    expect(code).toBe(78);
    expect(output).toContain(variable);
    expect(output).not.toContain('gateway listening');
  });

  it('when every setting is strong, then it starts', async () => {
    const { code, output } = await startWith(STRONG);
    expect(code).toBe('listening');
    expect(output).not.toContain('PHONE_KEY is not set');
  });
});

describe('/metrics', () => {
  it('when production runs without METRICS_TOKEN, then /metrics is not served; with it, only the bearer of that token reads it', async () => {
    const without = startTestGateway(STRONG);
    try {
      expect((await without.http.get('/metrics')).status).toBe(404);
    } finally {
      await without.close();
    }
    const withToken = startTestGateway({ ...STRONG, METRICS_TOKEN: 'metrics-token-for-prometheus' });
    try {
      expect((await withToken.http.get('/metrics')).status).toBe(401);
      expect((await withToken.http.get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
      const ok = await withToken.http.get('/metrics').set('authorization', 'Bearer metrics-token-for-prometheus');
      expect(ok.status).toBe(200);
      expect(ok.text).toMatch(/gateway_auth_rejections_total\{route="\/metrics",status="401"\} 2/);
    } finally {
      await withToken.close();
    }
  });
});
