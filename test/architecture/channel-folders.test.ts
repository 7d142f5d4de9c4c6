import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHANNEL_NAMES, CONFIG_KEYS, loadConfig } from '../../src/config';
import { CHANNEL_MODULES } from '../../src/channels/registry';

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * A channel is one folder plus its registry line: no other source file names a provider, and the
 * configuration (names, variables, checks) is built from the registry.
 */
describe('channels as modules', () => {
  const providers = CHANNEL_NAMES.filter((name) => name !== 'console'); // console: the embedded default, named by config and app
  test.each(providers)('no file outside src/channels/%s/ (and the registry) names the provider as a string', (name) => {
    expect(providers.length).toBeGreaterThanOrEqual(3);
    const outside = sourceFiles(SRC)
      .filter((file) => !file.startsWith(join(SRC, 'channels', name)) && !file.endsWith(join('channels', 'registry.ts')) && !file.startsWith(join(SRC, 'types')))
      .filter((file) => new RegExp(`['"\`]${name}['"\`]`).test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(outside).toEqual([]);
  });

  test('the channel names, and every channel’s variables, come from the registry', () => {
    expect(CHANNEL_NAMES).toEqual(CHANNEL_MODULES.map((m) => m.name));
    for (const channel of CHANNEL_MODULES) {
      const keys = Object.keys(channel.settings.shape);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(CONFIG_KEYS).toContain(key);
    }
    // A channel's own check runs: Android asks for its login when it sends.
    expect(() => loadConfig({ SMS_CHANNELS: 'console,android' })).toThrow(/ANDROID_GATEWAY_LOGIN: is required when the android channel sends/);
    expect(() => loadConfig({ SMS_PROVIDER: 'carrier-pigeon' })).toThrow(/SMS_PROVIDER: must be one of console, africastalking, twilio, android/);
  });
});
