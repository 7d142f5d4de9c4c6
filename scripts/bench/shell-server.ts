/**
 * A ceiling for bench:ingest and bench:ussd: the gateway's own express app (helmet, request ids and
 * access log, routers, form parsing, the AT token check) with webhook services that store nothing
 * and answer at once. What it does per second is the most the full gateway could do on this machine
 * if storing, encrypting and reading each message cost nothing.
 */
import { createApp, type AppDeps } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createServerLogger } from '../../src/lib/logger';
import { createMetrics } from '../../src/ops/metrics';

const config = loadConfig();
const logger = createServerLogger(config.LOG_LEVEL);
const nothingStored = { duplicate: false, messageId: null, inbandReply: null };

const app = createApp({
  config,
  logger,
  metrics: createMetrics({ defaultMetrics: true }),
  webhooks: {
    inbound: { receiveSms: () => nothingStored, storeSms: () => nothingStored },
    inboundStored: () => undefined,
    delivery: { applyReport: () => 'unknown_message' },
    commit: async (work) => work(),
    outboxChanged: () => undefined,
  },
  ussd: { ussd: { hop: () => ({ text: 'Peace Line\n1 Report an incident\n2 Help', end: false }), sessionEnded: () => false }, commit: async (work) => work(), sorry: { text: 'Sorry', end: true } },
  // The API is not exercised by the benchmarks.
  tokens: {} as AppDeps['tokens'],
  messages: {} as AppDeps['messages'],
  audit: {} as AppDeps['audit'],
  scope: {} as AppDeps['scope'],
  contacts: {} as AppDeps['contacts'],
  erasure: {} as AppDeps['erasure'],
  health: () => [],
  consoleInbox: () => [],
});
app.listen(config.PORT, config.HOST);
