import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');
export const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

export interface ChildGateway {
  process: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Runs `src/main.ts` as `npm start` does, on a free port, and waits until it listens. */
export async function startChildGateway(env: Record<string, string>, options: { preload?: string } = {}): Promise<ChildGateway> {
  // node itself with tsx's loader, not the tsx wrapper: a SIGKILL must reach the gateway process.
  const child = spawn(process.execPath, ['--import', 'tsx', ...(options.preload ? ['--import', options.preload] : []), join(PROJECT_ROOT, 'src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gateway did not start:\n${output}`));
    }, 20_000);
    const check = () => {
      const match = /"port":(\d+).*"msg":"gateway listening"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`gateway exited before listening:\n${output}`));
    });
  });
  return { process: child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Runs a script to completion and returns its exit code and output. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [join(PROJECT_ROOT, script), ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin!.end(input);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code: code ?? -1, output }));
  });
}
