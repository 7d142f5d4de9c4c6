import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/child-gateway';

/** The one-way dependency rule (LAYERS in eslint.config.mjs) fails on an upward import, and only then. */
describe('feature folders depend one way only', () => {
  // ESLint's flat config is an ES module, which Jest's CommonJS cannot load: the real CLI, on stdin.
  const lint = async (file: string, code: string) => {
    const run = spawnSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: PROJECT_ROOT, input: code, encoding: 'utf8' });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['src/outbox/upward.ts', "import { createBroadcastService } from '../broadcast/broadcast-service';\nexport const x = createBroadcastService;\n"],
    ['src/outbox/upward.ts', "import { channelModule } from '../channels/registry';\nexport const x = channelModule;\n"],
    ['src/lib/upward.ts', "import { createOutbox } from '../outbox/outbox-repository';\nexport const x = createOutbox;\n"],
    ['src/areas/upward.ts', "import { loadConfig } from '../config';\nexport const x = loadConfig;\n"],
    ['src/ussd/upward.ts', "import { createAtSender } from '../channels/africastalking/at-sender';\nexport const x = createAtSender;\n"],
    ['src/broadcast/upward.ts', "import { createBroadcastRoutes } from '../api/broadcast-routes';\nexport const x = createBroadcastRoutes;\n"],
    ['src/reports/upward.ts', "import { createDashboardRoutes } from '../dashboard/dashboard-routes';\nexport const x = createDashboardRoutes;\n"],
    ['src/inbound/upward.ts', "import { channelModule } from '../channels/registry';\nexport const x = channelModule;\n"],
    ['src/channels/twilio/upward.ts', "import { createApiRoutes } from '../../api/api-routes';\nexport const x = createApiRoutes;\n"],
    ['src/dashboard/pages/upward.ts', "import { createGateway } from '../../gateway';\nexport const x = createGateway;\n"],
  ])('when %s imports upward (%s), then lint fails naming the rule', async (file, code) => {
    expect(await lint(file, code)).toEqual([expect.stringMatching(/depends one way only/)]);
  });

  it.each([
    ['src/outbox/fine.ts', "import type { ProviderName } from '../channels/channel-types';\nimport { newId } from '../lib/ids';\nexport const x: [ProviderName, typeof newId] | null = null;\n"],
    ['src/broadcast/fine.ts', "import { createOutbox } from '../outbox/outbox-repository';\nexport const x = createOutbox;\n"],
    ['src/channels/twilio/fine.ts', "import type { SmsSender } from '../channel-types';\nimport { HttpError } from '../../lib/errors';\nexport const x: [SmsSender, typeof HttpError] | null = null;\n"],
    ['src/dashboard/pages/fine.ts', "import { html } from '../html';\nimport { REPORT_STATUSES } from '../../reports/report-queries';\nexport const x = [html, REPORT_STATUSES];\n"],
  ])('when %s imports what its layer allows, then lint is quiet', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it('each folder may import only folders listed before it, so no two folders import each other', () => {
    const script = "import { LAYERS } from './eslint.config.mjs'; process.stdout.write(JSON.stringify(LAYERS));";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    const layers = JSON.parse(run.stdout) as { folder: string; may: string[] }[];
    expect(layers.length).toBeGreaterThanOrEqual(19);
    const order = layers.map((l) => l.folder);
    const upward = layers.flatMap((layer, i) => layer.may.filter((m) => order.indexOf(m) >= i).map((m) => `${layer.folder} -> ${m}`));
    expect(upward).toEqual([]);
  });
});
